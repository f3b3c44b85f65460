from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "shuxiang.activities"
    label = "activities"
