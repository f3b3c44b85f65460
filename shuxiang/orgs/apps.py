from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "shuxiang.orgs"
    label = "orgs"
