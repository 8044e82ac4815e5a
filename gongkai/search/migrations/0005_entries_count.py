"""PostgreSQL: SearchTerm's "n:" row, the number of entries (the indexer keeps it from now on
with every document's keys), for the count's lower bound (query._known_count)."""

from django.db import migrations


def count_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "INSERT INTO search_searchterm (term, df) SELECT 'n:', count(*) FROM search_searchentry "
        "ON CONFLICT (term) DO UPDATE SET df = EXCLUDED.df"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_ranking_columns_and_pg_vectors")]

    operations = [migrations.RunPython(count_entries, migrations.RunPython.noop)]
