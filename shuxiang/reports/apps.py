from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "shuxiang.reports"
    label = "reports"
