"""The full-text structures of each database: an FTS5 table on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    # Contentless: the index keeps no copy of the text (SearchEntry.source keeps it compressed).
    """CREATE VIRTUAL TABLE search_fts USING fts5(
           title, body, meta, chars, content='', tokenize='unicode61 remove_diacritics 0')""",
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts_vocab", "DROP TABLE IF EXISTS search_fts"]
POSTGRES = ["CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)"]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS search_entry_vector_gin"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in POSTGRES if vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in POSTGRES_REVERSE if vendor == "postgresql" else SQLITE_REVERSE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
