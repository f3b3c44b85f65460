from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "shuxiang.demo"
    label = "demo"
