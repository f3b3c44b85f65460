from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "shuxiang.web"
    label = "web"
