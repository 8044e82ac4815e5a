from django.contrib.postgres.search import SearchVectorField
from django.db import models

from gongkai.org.models import Agency
from gongkai.publishing.models import CatalogueEntry, InformationItem


class SearchEntry(models.Model):
    """One published item in the full-text index (检索索引条目).

    ``id`` is a recency key (newer publications have larger ids), so the full-text table's rowid
    order is date order and "newest first" needs no sort. Only items that pass the public gate
    are ever written here (signals.py), and every result is checked against the gate again.
    """

    audit_log = False

    id = models.BigIntegerField(primary_key=True)
    item = models.OneToOneField(
        InformationItem, on_delete=models.CASCADE, related_name="search_entry"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="+")
    root_entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(db_index=True)
    topic = models.CharField(max_length=20, db_index=True)
    published_at = models.DateTimeField()
    # 文号 and 索引号 reduced to lookup keys (keys.py): any way of writing one finds the entry.
    # NULL, not "", where an item has none: no key, nothing for a lookup to find.
    doc_key = models.CharField(max_length=120, null=True, db_index=True)  # noqa: DJ001
    index_key = models.CharField(max_length=120, null=True, db_index=True)  # noqa: DJ001
    # What the ranking looks at (query.py), the same on both databases: the title's words, its
    # characters and the metadata's words, each between spaces (" 农村 公路 农村公路 "), so that
    # " 公路 " is found as a whole word by instr()/strpos(). Small, kept next to the keys: the
    # first page of a ranked search never reads the text or the vectors.
    title_words = models.TextField(default="")
    title_chars = models.TextField(default="")
    meta_words = models.TextField(default="")
    # PostgreSQL (migration 0004): the words of title, body and metadata as one unweighted,
    # position-free tsvector, and the characters with their positions (for phrases), each with
    # its GIN index. Without weights a lookup needs no recheck of the row. Unused on SQLite,
    # whose FTS5 table (search_fts) holds the same.
    words = SearchVectorField(null=True)
    chars = SearchVectorField(null=True)

    class Meta:
        verbose_name = "检索索引条目"
        verbose_name_plural = "检索索引条目"
        indexes = [models.Index(fields=["agency", "id"]), models.Index(fields=["root_entry", "id"])]

    def __str__(self):
        return f"#{self.item_id}"


class SearchSource(models.Model):
    """The segmented text an entry was indexed with, compressed (indexer.IndexedText.pack).

    FTS5's contentless table needs it to delete a row; kept apart from SearchEntry so that the
    rows a search reads stay small (SQLite reads a row's columns in order, through any large
    value before them)."""

    audit_log = False

    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    data = models.BinaryField()

    class Meta:
        verbose_name = "检索索引原文"
        verbose_name_plural = "检索索引原文"

    def __str__(self):
        return f"#{self.entry_id}"


class SearchTerm(models.Model):
    """PostgreSQL: in how many entries a word ("w:词") or a character ("c:字") is (document
    frequency), and how many entries there are ("n:"), kept with the index in the same
    transaction. A one-word query without filters is then counted without visiting a single row
    ("超过 10000 条" for 公开 included), and so is one whose terms are so common that they
    must share more than the count's cap (query._known_count)."""

    audit_log = False

    term = models.CharField(max_length=300, primary_key=True)
    df = models.IntegerField()

    class Meta:
        verbose_name = "检索词频"
        verbose_name_plural = "检索词频"

    def __str__(self):
        return f"{self.term} ({self.df})"


class Synonym(models.Model):
    """A group of words that mean the same to a searcher (同义词组): 出租车 = 出租汽车.

    Applied when a query is read (no re-index): a query word in a group also finds documents
    with any other word of the group. Ships with defaults for the platform's departments (data
    migration 0003); the 公开办 adds its own in /admin/.
    """

    terms = models.CharField(
        "同义词",
        max_length=400,
        help_text="同一组内意思相同的词，用逗号、顿号或空格分隔，如“出租车，出租汽车，的士”。",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "检索同义词"
        verbose_name_plural = "检索同义词"
        ordering = ["pk"]

    def __str__(self):
        return self.terms

    def term_list(self) -> list[str]:
        from .synonyms import split_terms

        return split_terms(self.terms)
