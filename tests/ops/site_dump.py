"""Every row of every table of one Gongkai site, as JSON: run as a script in the site's environment
(GONGKAI_VAR_DIR, DATABASE_URL) to compare a restored site with its source.

Usage: python tests/ops/site_dump.py OUT.json
"""

import json
import os
import sys


def _plain(value):
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def main(out: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.core.serializers.json import DjangoJSONEncoder
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from gongkai.publishing.models import Attachment, InformationItem

    rows = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        columns = [field.attname for field in meta.concrete_fields]
        rows[meta.db_table] = [
            [_plain(value) for value in row]
            for row in model._base_manager.order_by("pk").values_list(*columns)
        ]
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            # SQLite's own statistics (sqlite_stat1) are rebuilt by ANALYZE after every migrate.
            if table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    attachment = (
        Attachment.objects.filter(internal_only=False, item__in=InformationItem.objects.published())
        .select_related("item__agency")
        .order_by("pk")
        .first()
    )
    site = {
        "vendor": connection.vendor,
        "rows": rows,
        "counts": counts,
        "migrations": sorted(MigrationRecorder(connection).applied_migrations()),
        "item_url": (
            f"/xxgk/{attachment.item.agency.code}/item/{attachment.item_id}/"
            if attachment
            else None
        ),
        "attachment": (
            {"url": f"/files/{attachment.pk}/", "path": attachment.file.name}
            if attachment
            else None
        ),
    }
    with open(out, "w") as handle:
        json.dump(site, handle, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
