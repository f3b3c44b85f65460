"""URL map: each app owns its own ``urls.py``; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("shuxiang.api.urls")),
    path("orgs/", include("shuxiang.orgs.urls")),
    path("campaigns/", include("shuxiang.campaigns.urls")),
    path("activities/", include("shuxiang.activities.urls")),
    path("readers/", include("shuxiang.readers.urls")),
    path("reports/", include("shuxiang.reports.urls")),
    path("imports/", include("shuxiang.imports.urls")),
    path("", include("shuxiang.web.urls")),
]
# Uploaded photos are served by activities.views.photo_image, which checks who may see them; no
# public media folder, in development either.
