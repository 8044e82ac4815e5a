from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    name = "gongkai.annual_reports"
    verbose_name = "年度报告"

    def ready(self):
        from . import (
            oversight,  # noqa: F401  (registers the overdue reader)
            tasks,  # noqa: F401  (registers the roll-up export)
        )
