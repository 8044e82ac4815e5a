"""PostgreSQL: a GIN index of the title's and the metadata's words (indexer.PG_INDEXES), for the
ranked page of a common word (query._ranked_title_first)."""

from django.db import migrations

NAME = "search_entry_title_meta_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from gongkai.search.indexer import PG_INDEXES

    schema_editor.execute(PG_INDEXES[NAME].format(name=NAME))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_entries_count")]

    operations = [migrations.RunPython(create, drop)]
