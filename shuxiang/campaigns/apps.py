from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "shuxiang.campaigns"
    label = "campaigns"
