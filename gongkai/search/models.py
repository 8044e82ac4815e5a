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
    # The indexed text, compressed: the contentless FTS5 table needs it to delete a row.
    source = models.BinaryField()
    # PostgreSQL: the same segmented text as a weighted tsvector (GIN index, migration 0002).
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "检索索引条目"
        verbose_name_plural = "检索索引条目"
        indexes = [models.Index(fields=["agency", "id"]), models.Index(fields=["root_entry", "id"])]

    def __str__(self):
        return f"#{self.item_id}"
