from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    verbose_name = "互动交流"

    def ready(self):
        # Registers the statistics page's section and the workbench provider.
        from . import statistics, workbench  # noqa: F401
