from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "政府信息公开专栏"

    def ready(self):
        from . import signals  # noqa: F401
