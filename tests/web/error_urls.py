"""The site's URLs plus one view that fails, for the 500 page's tests."""

from django.urls import include, path


def fail(request):
    raise RuntimeError("a bug, on purpose")


urlpatterns = [
    path("fail/", fail),
    path("", include("shuxiang.urls")),
]
