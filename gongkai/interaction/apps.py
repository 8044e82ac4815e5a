from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    verbose_name = "互动交流"

    def ready(self):
        from . import workbench  # noqa: F401  (registers the workbench provider)
