from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "主动公开"

    def ready(self):
        from . import workbench  # noqa: F401  (registers the workbench provider)
