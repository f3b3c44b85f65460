from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "shuxiang.imports"
    label = "imports"
