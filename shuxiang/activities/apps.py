from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "shuxiang.activities"
    label = "activities"
    verbose_name = _("activities")

    def ready(self) -> None:
        # The one signal: a deleted photo's file goes after commit, however the row went
        # (see shuxiang/activities/photo_files.py for why this is not a service call).
        from shuxiang.activities import photo_files
        from shuxiang.activities.models import Photo

        post_delete.connect(photo_files.photo_deleted, sender=Photo, dispatch_uid="activities.photo_file")
