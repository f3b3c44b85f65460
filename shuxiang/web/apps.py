from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "shuxiang.web"
    label = "web"

    def ready(self) -> None:
        from shuxiang.web import checks  # noqa: F401 - registers the system check
