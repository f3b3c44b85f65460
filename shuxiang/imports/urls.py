from django.urls import path

from shuxiang.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.start, name="start"),
    path("save/", views.save, name="save"),
]
