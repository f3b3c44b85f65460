from django.urls import path

from shuxiang.orgs import views

app_name = "orgs"
urlpatterns = [
    path("audit/", views.audit_log, name="audit"),
]
