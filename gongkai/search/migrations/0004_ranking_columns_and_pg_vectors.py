"""Search as fast on PostgreSQL as on SQLite (issue 18).

- The compressed source text moves to its own table (SearchSource): the rows a search reads stay
  small on both databases.
- Ranking columns (title words, title characters, metadata words) on both databases: one ranking,
  computed the same way by each.
- PostgreSQL: each word's and character's document frequency (SearchTerm), kept with the index.
- PostgreSQL: the weighted ``vector`` (whose weight labels made every GIN match a heap recheck)
  becomes two unweighted tsvectors, ``words`` and ``chars``, each with a GIN index.

Existing entries are carried over from their stored text; nothing needs re-indexing.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

BATCH = 1000


def move_source(apps, schema_editor):
    schema_editor.execute(
        "INSERT INTO search_searchsource (entry_id, data) SELECT id, source FROM search_searchentry"
    )


# PostgreSQL: keep the rows a search reads small. The vectors (kilobytes each) go out of line
# (TOAST) as soon as a row passes 128 bytes, the short ranking columns stay in the row: a lookup
# that visits thousands of rows then reads a few hundred pages, not one page per row.
PG_STORAGE = [
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
    "ALTER TABLE search_searchentry ALTER COLUMN title_words SET STORAGE MAIN, "
    "ALTER COLUMN title_chars SET STORAGE MAIN, ALTER COLUMN meta_words SET STORAGE MAIN",
]


def storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_STORAGE:
            schema_editor.execute(sql)


def fill(apps, schema_editor):
    from gongkai.search import segment
    from gongkai.search.indexer import PG_INDEXES, IndexedText

    from collections import Counter

    from gongkai.search.indexer import keys_of

    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchTerm = apps.get_model("search", "SearchTerm")
    frequencies = Counter()
    SearchSource = apps.get_model("search", "SearchSource")
    InformationItem = apps.get_model("publishing", "InformationItem")
    postgres = schema_editor.connection.vendor == "postgresql"
    ids = list(SearchEntry.objects.order_by("id").values_list("id", flat=True))
    fields = ["title_words", "title_chars", "meta_words"] + (["words", "chars"] if postgres else [])
    for start in range(0, len(ids), BATCH):
        entries = list(SearchEntry.objects.filter(id__in=ids[start : start + BATCH]))
        sources = dict(
            SearchSource.objects.filter(entry_id__in=[e.id for e in entries]).values_list(
                "entry_id", "data"
            )
        )
        titles = dict(
            InformationItem.objects.filter(pk__in=[e.item_id for e in entries]).values_list(
                "pk", "title"
            )
        )
        for entry in entries:
            text = IndexedText.unpack(sources[entry.id])
            text = IndexedText(
                text.title,
                text.body,
                text.meta,
                text.chars,
                " ".join(segment.characters(titles.get(entry.item_id, ""))),
            )
            for name, value in text.ranking().items():
                setattr(entry, name, value)
            if postgres:
                entry.words, entry.chars, words, chars = text.pg_fields()
                frequencies.update(keys_of(words, chars))
        SearchEntry.objects.bulk_update(entries, fields)
    if postgres:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term, df=df) for term, df in frequencies.items()], batch_size=5000
        )
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
        for name, sql in PG_INDEXES.items():
            schema_editor.execute(sql.format(name=name))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_keys_and_synonyms"),
        ("publishing", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSource",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="text",
                        serialize=False,
                        to="search.searchentry",
                    ),
                ),
                ("data", models.BinaryField()),
            ],
            options={
                "verbose_name": "检索索引原文",
                "verbose_name_plural": "检索索引原文",
            },
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("term", models.CharField(max_length=300, primary_key=True, serialize=False)),
                ("df", models.IntegerField()),
            ],
            options={
                "verbose_name": "检索词频",
                "verbose_name_plural": "检索词频",
            },
        ),
        migrations.RunPython(move_source, migrations.RunPython.noop),
        migrations.RemoveField(model_name="searchentry", name="source"),
        migrations.RemoveField(model_name="searchentry", name="vector"),
        migrations.AddField(
            model_name="searchentry",
            name="title_words",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title_chars",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="meta_words",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="words",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="chars",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(storage, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
