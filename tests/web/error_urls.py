"""The site's URLs plus a view that fails and one that refuses everyone, for the error pages' tests."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def fail(request):
    raise RuntimeError("a bug, on purpose")


def refuse(request):
    raise PermissionDenied


urlpatterns = [
    path("fail/", fail),
    path("refuse/", refuse),
    path("", include("shuxiang.urls")),
]
