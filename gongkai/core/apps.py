from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = "基础"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .permissions import narrow_sqlite_files

        connection_created.connect(narrow_sqlite_files, dispatch_uid="narrow_sqlite_files")
