"""``/api/``: the NinjaAPI (OpenAPI at /api/openapi.json, interactive docs at /api/docs)."""

from django.urls import path

from shuxiang.api.main import api

urlpatterns = [path("", api.urls)]
