from django.urls import path

from shuxiang.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("new/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/calendar/", views.campaign_calendar, name="calendar"),
    path("<int:pk>/calendar.ics", views.campaign_ical, name="ical"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/join/", views.campaign_join, name="join"),
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/bureau/", views.bureau, name="bureau"),
    path("<int:pk>/figures/<int:library_pk>/", views.campaign_figure_add, name="figure_add"),
    path("<int:pk>/figures/<int:figure_pk>/delete/", views.campaign_figure_delete, name="figure_delete"),
]
