from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shuxiang.api"
    label = "api"
