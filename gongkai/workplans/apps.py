from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "gongkai.workplans"
    verbose_name = "工作要点任务"
