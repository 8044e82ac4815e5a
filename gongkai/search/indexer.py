"""Writing the index: one SearchEntry (and its FTS5 row or tsvector) per public item."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from gongkai.publishing.models import InformationItem
from gongkai.publishing.sanitize import html_to_text

from . import keys, segment
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
        doc_key=keys.doc_key(item.doc_number),
        index_key=keys.index_key(item.index_number),
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
    """Merge the FTS5 segments, then give the query planner fresh statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        analyse(cursor)


def analyse(cursor) -> None:
    """Planner statistics (ANALYZE): without them SQLite may scan rather than use an index."""
    cursor.execute("ANALYZE")


# --- Bulk rebuild (``gongkai search reindex``) ------------------------------------------------

ROW_FIELDS = (
    "pk",
    "title",
    "body",
    "redacted_body",
    "disclosure",
    "doc_number",
    "index_number",
    "publisher_name",
    "keywords",
    "published_at",
    "agency_id",
    "entry_id",
    "entry__parent_id",
    "entry__name",
    "agency__name",
    "topic",
)


def _segment_row(row: dict) -> tuple[dict, IndexedText]:
    body = row["redacted_body"] if row["disclosure"] == "redacted" else row["body"]
    meta = " ".join(
        filter(
            None,
            [
                row["doc_number"],
                row["index_number"],
                row["publisher_name"],
                row["keywords"],
                row["entry__name"],
                row["agency__name"],
            ],
        )
    )
    text_body = html_to_text(body)
    return row, IndexedText(
        title=" ".join(segment.words(row["title"])),
        body=" ".join(segment.words(text_body)),
        meta=" ".join(segment.words(meta)),
        chars=" ".join(segment.characters(f"{row['title']} {text_body}")),
    )


def _segment_rows(rows: list[dict]) -> list[tuple[dict, IndexedText, bytes]]:
    """Segment and compress in the worker: the writing process only writes."""
    return [(row, text, text.pack()) for row, text in map(_segment_row, rows)]


# A rebuild writes one FTS5 segment per batch (a pending-terms buffer large enough for 2,000
# documents instead of FTS5's 1 MB) and merges them rarely (64 at a time instead of 4 to 16),
# since `optimize` merges everything once at the end; publication-time updates use the defaults.
FTS_BULK = {"hashsize": 64 * 1024 * 1024, "automerge": 0, "crisismerge": 64}
FTS_DEFAULTS = {"hashsize": 1024 * 1024, "automerge": 4, "crisismerge": 16}


def _fts_configure(settings: dict[str, int]) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(
                "INSERT INTO search_fts(search_fts, rank) VALUES (%s, %s)", [name, value]
            )


def rebuild(*, batch_size: int = 2000, workers: int = 1, progress=None) -> int:
    """Rebuild the whole index from ``published()``: segmentation in ``workers`` processes while
    this one writes the previous batch (one transaction each), oldest publication first so that
    every insert appends at the end of the index (its rowid is the recency key). Returns the
    number of items indexed."""
    from multiprocessing import get_context

    clear()
    _fts_configure(FTS_BULK)
    published = InformationItem.objects.published()
    ids = list(published.order_by("published_at", "pk").values_list("pk", flat=True))

    def read(start: int) -> list[dict]:
        # Rows are read here, in this thread: a pool's feeder thread would open a second
        # database connection, which SQLite locks out while this one writes.
        rows = published.filter(pk__in=ids[start : start + batch_size]).values(*ROW_FIELDS)
        return sorted(rows, key=lambda row: (row["published_at"], row["pk"]))

    def split(rows: list[dict]) -> list[list[dict]]:
        size = max(1, -(-len(rows) // workers))
        return [rows[i : i + size] for i in range(0, len(rows), size)]

    done = 0
    starts = list(range(0, len(ids), batch_size))
    pool = get_context("fork").Pool(workers) if workers > 1 and len(starts) > 1 else None
    try:
        pending = None
        for index, start in enumerate(starts):
            if pool is None:
                chunk = _segment_rows(read(start))
            else:
                if pending is None:
                    pending = pool.map_async(_segment_rows, split(read(start)))
                current = pending
                # Hand the next batch to the workers before writing this one.
                pending = (
                    pool.map_async(_segment_rows, split(read(starts[index + 1])))
                    if index + 1 < len(starts)
                    else None
                )
                chunk = [pair for part in current.get() for pair in part]
            _write_batch(chunk)
            done += len(chunk)
            if progress:
                progress(len(chunk))
    finally:
        if pool:
            pool.close()
            pool.join()
        _fts_configure(FTS_DEFAULTS)
    optimise()
    return done


def _write_batch(chunk: list[tuple[dict, IndexedText, bytes]]) -> None:
    entries = []
    for row, _text, packed in chunk:
        entries.append(
            SearchEntry(
                id=int(row["published_at"].timestamp()) * 1_000_000 + row["pk"] % 1_000_000,
                item_id=row["pk"],
                agency_id=row["agency_id"],
                entry_id=row["entry_id"],
                root_entry_id=row["entry__parent_id"] or row["entry_id"],
                year=timezone.localtime(row["published_at"]).year,
                topic=row["topic"],
                published_at=row["published_at"],
                doc_key=keys.doc_key(row["doc_number"]),
                index_key=keys.index_key(row["index_number"]),
                source=packed,
            )
        )
    with transaction.atomic(), connection.cursor() as cursor:
        SearchEntry.objects.bulk_create(entries)
        if connection.vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts(rowid, title, body, meta, chars) VALUES (%s, %s, %s, %s, %s)",
                [
                    (e.id, t.title, t.body, t.meta, t.chars)
                    for e, (_, t, _) in zip(entries, chunk, strict=True)
                ],
            )
        else:
            cursor.executemany(
                PG_VECTOR,
                [
                    (t.title, t.body, t.meta, t.chars, e.id)
                    for e, (_, t, _) in zip(entries, chunk, strict=True)
                ],
            )
