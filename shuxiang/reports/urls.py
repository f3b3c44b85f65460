"""Report pages, mounted at /reports/."""

from django.urls import path

from shuxiang.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("campaign/<int:campaign_id>/", views.campaign, name="campaign"),
    path("campaign/<int:campaign_id>/compiled/", views.compiled, name="compiled"),
    path(
        "campaign/<int:campaign_id>/compiled/report-<slug:lang>.<slug:fmt>",
        views.compiled_download,
        name="compiled_download",
    ),
    path("campaign/<int:campaign_id>/library/<int:library_id>/", views.library, name="library"),
    path(
        "campaign/<int:campaign_id>/library/<int:library_id>/report-<slug:lang>.<slug:fmt>",
        views.library_download,
        name="library_download",
    ),
    path("campaign/<int:campaign_id>/statistics.<slug:fmt>", views.campaign_stats, name="campaign_stats"),
    path("year/<int:year>/statistics.<slug:fmt>", views.year_stats, name="year_stats"),
]
