from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "gongkai.workplans"
    verbose_name = "工作要点任务"

    def ready(self):
        # Registers the statistics page's section and the workbench provider.
        from . import statistics, workbench  # noqa: F401
