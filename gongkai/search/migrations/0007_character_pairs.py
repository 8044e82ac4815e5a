"""The characters' pairs (segment.pairs): entries written from now on carry them. An index that
already holds entries is marked as not having them (indexer.UNPAIRED_KEY) until
`gongkai search reindex` rebuilds it: until then the characters' fallback asks for the
characters' phrases, as before, and finds the same."""

from django.db import migrations

UNPAIRED_KEY = "u:"  # indexer.UNPAIRED_KEY, spelt here as it was when this migration was written


def mark_unpaired(apps, schema_editor):
    entries = apps.get_model("search", "SearchEntry")
    terms = apps.get_model("search", "SearchTerm")
    if entries.objects.exists():
        terms.objects.update_or_create(term=UNPAIRED_KEY, defaults={"df": 1})


def unmark(apps, schema_editor):
    apps.get_model("search", "SearchTerm").objects.filter(term=UNPAIRED_KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_title_meta_index")]

    operations = [migrations.RunPython(mark_unpaired, unmark)]
