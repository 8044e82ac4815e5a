from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "gongkai.workplans"
    verbose_name = "工作要点任务"

    def ready(self):
        from . import workbench  # noqa: F401  (registers the workbench provider)
