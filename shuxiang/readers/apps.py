from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "shuxiang.readers"
    label = "readers"
