from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "gongkai.inspection"
    verbose_name = "自查"

    def ready(self):
        # The indicators register themselves when their modules are imported.
        from . import indicators, workbench  # noqa: F401
        from .duties import workbench as duties_workbench  # noqa: F401
