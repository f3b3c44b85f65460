from django.urls import path  # noqa: F401 - the ninja API is mounted here

urlpatterns: list = []
