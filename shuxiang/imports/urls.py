from django.urls import path  # noqa: F401 - routes are added here as views are written

app_name = "imports"
urlpatterns: list = []
