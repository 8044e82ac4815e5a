from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _analyse_after_migrate(sender, using="default", **kwargs):
    """Fresh planner statistics once the schema has changed (cheap on a small database)."""
    from django.db import connections

    from .indexer import analyse

    with connections[using].cursor() as cursor:
        analyse(cursor)


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = "全文检索"

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(_analyse_after_migrate, sender=self)
