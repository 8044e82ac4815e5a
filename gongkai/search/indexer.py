"""Writing the index: one SearchEntry (and its FTS5 row or tsvector) per public item."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from gongkai.publishing.models import InformationItem
from gongkai.publishing.sanitize import html_to_text

from . import segment
from .models import SearchEntry

SEPARATOR = "\x1f"


@dataclass(frozen=True)
class IndexedText:
    title: str
    body: str
    meta: str
    chars: str

    def pack(self) -> bytes:
        return zlib.compress(
            SEPARATOR.join([self.title, self.body, self.meta, self.chars]).encode()
        )

    @classmethod
    def unpack(cls, blob: bytes) -> IndexedText:
        return cls(*zlib.decompress(bytes(blob)).decode().split(SEPARATOR))


def item_text(item: InformationItem) -> tuple[str, str, str]:
    """(title, body, metadata) as the public sees them: the redacted text of 删减后公开 items."""
    meta = " ".join(
        filter(
            None,
            [
                item.doc_number,
                item.index_number,
                item.publisher_name,
                item.keywords,
                item.entry.name,
                item.agency.name,
            ],
        )
    )
    return item.title, html_to_text(item.public_body), meta


def segment_item(item: InformationItem) -> IndexedText:
    title, body, meta = item_text(item)
    return IndexedText(
        title=" ".join(segment.words(title)),
        body=" ".join(segment.words(body)),
        meta=" ".join(segment.words(meta)),
        chars=" ".join(segment.characters(f"{title} {body}")),
    )


def recency_key(item: InformationItem) -> int:
    """Newer publications get larger keys; unique while fewer than 10⁶ items share a second."""
    return int(item.published_at.timestamp()) * 1_000_000 + item.pk % 1_000_000


def _fts_insert(cursor, rowid: int, text: IndexedText) -> None:
    cursor.execute(
        "INSERT INTO search_fts(rowid, title, body, meta, chars) VALUES (%s, %s, %s, %s, %s)",
        [rowid, text.title, text.body, text.meta, text.chars],
    )


def _fts_delete(cursor, rowid: int, text: IndexedText) -> None:
    cursor.execute(
        "INSERT INTO search_fts(search_fts, rowid, title, body, meta, chars) "
        "VALUES ('delete', %s, %s, %s, %s, %s)",
        [rowid, text.title, text.body, text.meta, text.chars],
    )


PG_VECTOR = (
    "UPDATE search_searchentry SET vector = "
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D') "
    "WHERE id = %s"
)


@transaction.atomic
def unindex(item_id: int) -> bool:
    entry = SearchEntry.objects.filter(item_id=item_id).first()
    if entry is None:
        return False
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            _fts_delete(cursor, entry.id, IndexedText.unpack(entry.source))
    entry.delete()
    return True


@transaction.atomic
def index(item: InformationItem, text: IndexedText | None = None) -> None:
    """Put a public item in the index (replacing what was there); anything else is removed."""
    unindex(item.pk)
    if not InformationItem.objects.published().filter(pk=item.pk).exists():
        return  # the gate decides, not the caller
    text = text or segment_item(item)
    entry = SearchEntry.objects.create(
        id=recency_key(item),
        item=item,
        agency_id=item.agency_id,
        entry_id=item.entry_id,
        root_entry_id=item.entry.parent_id or item.entry_id,
        year=timezone.localtime(item.published_at).year,
        topic=item.topic,
        published_at=item.published_at,
        source=text.pack(),
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _fts_insert(cursor, entry.id, text)
        else:
            cursor.execute(PG_VECTOR, [text.title, text.body, text.meta, text.chars, entry.id])


def clear() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        SearchEntry.objects.all().delete()
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")


def optimise() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
