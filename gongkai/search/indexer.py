"""Writing the index: one SearchEntry (and its FTS5 row or tsvector) per public item."""

from __future__ import annotations

import os
import zlib
from collections import Counter
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.utils import timezone

from gongkai.publishing.models import InformationItem
from gongkai.publishing.sanitize import html_to_text

from . import keys, segment
from .models import SearchEntry, SearchSource, SearchTerm

SEPARATOR = "\x1f"


@dataclass(frozen=True)
class IndexedText:
    title: str  # the words, space-separated
    body: str
    meta: str
    chars: str  # the title's and the body's characters, space-separated
    title_chars: str = ""  # the title's characters (not packed: the ranking keeps it)
    #: Indexed with the characters' pairs (segment.pairs) as well: every entry written since
    #: they were introduced (an index of older entries says so: pairs_indexed).
    paired: bool = False

    def pack(self) -> bytes:
        fields = [self.title, self.body, self.meta, self.chars, *(["p"] if self.paired else [])]
        return zlib.compress(SEPARATOR.join(fields).encode())

    @classmethod
    def unpack(cls, blob: bytes) -> IndexedText:
        fields = zlib.decompress(bytes(blob)).decode().split(SEPARATOR)
        return cls(*fields[:4], paired=fields[4:5] == ["p"])

    def fts_chars(self) -> str:
        """FTS5's ``chars`` column: the characters, then (paired) their pairs in the same
        order, a gap (segment.PAIR_GAP) where a character has no pair: the k-th pair is k
        places after the k-th character, so a phrase of pairs is a phrase of characters."""
        if not self.paired or not self.chars:
            return self.chars
        found = segment.pairs(self.chars.split())
        if not found:
            return self.chars
        return self.chars + " " + " ".join(p or segment.PAIR_GAP for p in found)

    def ranking(self) -> dict[str, str]:
        """SearchEntry's ranking columns: each list between spaces (" a b ")."""
        return {
            "title_words": f" {self.title} ",
            "title_chars": f" {self.title_chars} ",
            "meta_words": f" {self.meta} ",
        }

    def word_set(self) -> list[str]:
        """The words of title, body and metadata, each once, in order of appearance."""
        words = dict.fromkeys(f"{self.title} {self.body} {self.meta}".split())
        return [t for t in words if len(t) <= LEXEME_MAX]

    def char_positions(self) -> dict[str, list[int]]:
        """Each character (or ASCII run) with its positions. PostgreSQL keeps positions up to
        16,383 and 256 of them per lexeme: phrases are found within the first 16,383
        characters of a document (words and single characters anywhere)."""
        return {
            token: [int(n) for n in found]
            for token, found in _positions(self.chars.split()).items()
            if len(token) <= LEXEME_MAX
        }

    def pg_fields(self) -> tuple[str, str, list[str], list[str]]:
        """(``words`` and ``chars`` as tsvector literals — exactly the segmenter's tokens, no
        parser between —, the words, the characters).

        Spelt for speed (a rebuild spells every document; this was its dearest step): the
        characters are escaped once for the whole text, positions are kept as strings."""
        words = self.word_set()
        chars = self.chars
        escaped = "'" in chars or "\\" in chars
        if escaped:
            chars = _pg_escape(chars)
        positions = _positions(chars.split())
        if escaped:
            kept = {t: _pg_unescape(t) for t in positions}
            kept = {t: plain for t, plain in kept.items() if len(plain) <= LEXEME_MAX}
            char_list = list(kept.values())
        else:
            kept = {t: t for t in positions if len(t) <= LEXEME_MAX}
            char_list = list(kept)
        literal = " ".join(
            f"'{t}':{','.join(p)}" if p else f"'{t}'" for t, p in positions.items() if t in kept
        )
        if self.paired:
            # The pairs, without positions (a phrase of characters keeps its own: the pairs
            # only narrow down the entries it is checked in) and not counted in SearchTerm;
            # those within the positions kept, where a phrase can be found (and a long text's
            # vector stays far below PostgreSQL's 1 MB). Two CJK characters: nothing to escape.
            found = dict.fromkeys(segment.pairs(chars.split()[:POSITION_MAX]))
            found.pop(None, None)
            if found:
                literal += " '" + "' '".join(found) + "'"
        return " ".join(map(_pg_lexeme, words)), literal, words, char_list


#: Positions 0 … POSITION_MAX as strings, spelt once.
_POSITION_TEXT = [str(n) for n in range(16_384)]


def _positions(tokens: list[str]) -> dict[str, list[str]]:
    """Each token with its positions (1-based, as strings): at most POSITIONS_PER_LEXEME of
    them, none past POSITION_MAX (a token seen only there is kept, without positions)."""
    positions: dict[str, list[str]] = {}
    for n, token in enumerate(tokens[:POSITION_MAX], 1):
        found = positions.get(token)
        if found is None:
            positions[token] = [_POSITION_TEXT[n]]
        elif len(found) < POSITIONS_PER_LEXEME:
            found.append(_POSITION_TEXT[n])
    for token in tokens[POSITION_MAX:]:
        if token not in positions:
            positions[token] = []
    return positions


def term_key(kind: str, token: str) -> str:
    """A SearchTerm key: "w:" + a word, "c:" + a character (``kind`` "word" or "chars")."""
    return ("w:" if kind == "word" else "c:") + token


#: The SearchTerm row that says the index holds entries written before the characters' pairs
#: (migration 0007 adds it to an index that was not empty): until a rebuild removes it, new
#: entries are written without pairs too and the characters' fallback asks for the characters'
#: phrases (query.search), which every entry has.
UNPAIRED_KEY = "u:"


def pairs_indexed() -> bool:
    """Whether every entry of the index has the characters' pairs (IndexedText.paired)."""
    return not SearchTerm.objects.filter(term=UNPAIRED_KEY).exists()


#: The SearchTerm key every document has: its df is the number of entries (the N of the
#: count's lower bound in query._known_count).
ENTRIES_KEY = "n:"


def keys_of(words, chars) -> list[str]:
    """PostgreSQL's document-frequency keys (SearchTerm) of a document's words and characters,
    and the key that counts the entries."""
    return [
        ENTRIES_KEY,
        *(term_key("word", w) for w in words),
        *(term_key("chars", c) for c in chars),
    ]


class TermCounts:
    """A rebuild's document frequencies (SearchTerm), counted in the workers: words and
    characters apart, on the tokens themselves (Counter counts a list at C speed), keyed as
    SearchTerm's rows only at the end."""

    def __init__(self) -> None:
        self.entries = 0
        self.words: Counter = Counter()
        self.chars: Counter = Counter()

    def add(self, words: list[str], chars: list[str]) -> None:
        self.entries += 1
        self.words.update(words)
        self.chars.update(chars)

    def merge(self, other: TermCounts) -> None:
        self.entries += other.entries
        self.words.update(other.words)
        self.chars.update(other.chars)

    def rows(self):
        """(SearchTerm key, df), as keys_of spells them."""
        if self.entries:
            yield ENTRIES_KEY, self.entries
        yield from ((term_key("word", w), n) for w, n in self.words.items())
        yield from ((term_key("chars", c), n) for c, n in self.chars.items())


def term_keys(text: IndexedText) -> list[str]:
    """The keys of one document, sorted so that concurrent publications lock the rows in one
    order."""
    return sorted(keys_of(text.word_set(), text.char_positions()))


PG_DF_ADD = (
    "INSERT INTO search_searchterm (term, df) SELECT t, 1 FROM unnest(%s::text[]) AS t "
    "ON CONFLICT (term) DO UPDATE SET df = search_searchterm.df + 1"
)
# Also an upsert over the sorted keys (not an UPDATE … WHERE term = ANY, whose rows the planner
# may lock in any order): a withdrawal and a publication lock shared terms in the same order.
PG_DF_REMOVE = (
    "INSERT INTO search_searchterm (term, df) SELECT t, 0 FROM unnest(%s::text[]) AS t "
    "ON CONFLICT (term) DO UPDATE SET df = search_searchterm.df - 1"
)


LEXEME_MAX = 255  # characters; PostgreSQL refuses lexemes over 2,047 bytes
POSITION_MAX = 16_383
POSITIONS_PER_LEXEME = 256


def _pg_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "''")


def _pg_unescape(text: str) -> str:
    return text.replace("''", "'").replace("\\\\", "\\")


def _pg_lexeme(token: str) -> str:
    return "'" + _pg_escape(token) + "'"


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


def segment_text(title: str, body: str, meta: str) -> IndexedText:
    title_chars = segment.characters(title)
    return IndexedText(
        title=" ".join(segment.words(title)),
        body=" ".join(segment.words(body)),
        meta=" ".join(segment.words(meta)),
        chars=" ".join([*title_chars, *segment.characters(body)]),
        title_chars=" ".join(title_chars),
        paired=True,
    )


def segment_item(item: InformationItem) -> IndexedText:
    return segment_text(*item_text(item))


def recency_key(item: InformationItem) -> int:
    """Newer publications get larger keys; unique while fewer than 10⁶ items share a second."""
    return int(item.published_at.timestamp()) * 1_000_000 + item.pk % 1_000_000


def _fts_insert(cursor, rowid: int, text: IndexedText) -> None:
    cursor.execute(
        "INSERT INTO search_fts(rowid, title, body, meta, chars) VALUES (%s, %s, %s, %s, %s)",
        [rowid, text.title, text.body, text.meta, text.fts_chars()],
    )


def _fts_delete(cursor, rowid: int, text: IndexedText) -> None:
    cursor.execute(
        "INSERT INTO search_fts(search_fts, rowid, title, body, meta, chars) "
        "VALUES ('delete', %s, %s, %s, %s, %s)",
        [rowid, text.title, text.body, text.meta, text.fts_chars()],
    )


#: PostgreSQL: the title's and the metadata's words as one array (the ranking columns split),
#: indexed below; query._ranked_title_first asks for it in these very words, or the planner
#: would not know the index.
PG_TITLE_META = "string_to_array(btrim(title_words) || ' ' || btrim(meta_words), ' ')"

# PostgreSQL's GIN indexes (dropped while a rebuild loads, built again after it).
PG_INDEXES = {
    "search_entry_words_gin": "CREATE INDEX IF NOT EXISTS {name} ON search_searchentry "
    "USING gin (words)",
    "search_entry_chars_gin": "CREATE INDEX IF NOT EXISTS {name} ON search_searchentry "
    "USING gin (chars)",
    # The ranked page of common words reads the matches that score first (_ranked_title_first).
    "search_entry_title_meta_gin": "CREATE INDEX IF NOT EXISTS {name} ON search_searchentry "
    f"USING gin (({PG_TITLE_META}))",
}


@transaction.atomic
def unindex(item_id: int) -> bool:
    entry = SearchEntry.objects.filter(item_id=item_id).first()
    if entry is None:
        return False
    source = SearchSource.objects.filter(entry=entry).values_list("data", flat=True).first()
    if source is not None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                _fts_delete(cursor, entry.id, IndexedText.unpack(source))
            else:
                cursor.execute(PG_DF_REMOVE, [term_keys(IndexedText.unpack(source))])
    entry.delete()
    return True


@transaction.atomic
def index(item: InformationItem, text: IndexedText | None = None) -> None:
    """Put a public item in the index (replacing what was there); anything else is removed."""
    unindex(item.pk)
    if not InformationItem.objects.published().filter(pk=item.pk).exists():
        return  # the gate decides, not the caller
    text = text or segment_item(item)
    if text.paired and not pairs_indexed():
        text = replace(text, paired=False)  # as the index's older entries are
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
        **text.ranking(),
        **_vectors(text),
    )
    SearchSource.objects.create(entry=entry, data=text.pack())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _fts_insert(cursor, entry.id, text)
        else:
            cursor.execute(PG_DF_ADD, [term_keys(text)])


def _vectors(text: IndexedText) -> dict:
    if connection.vendor == "sqlite":
        return {}
    words, chars, _, _ = text.pg_fields()
    return {"words": words, "chars": chars}


def clear() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_searchsource")
            cursor.execute("DELETE FROM search_searchentry")
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
            cursor.execute("DELETE FROM search_searchterm WHERE term = %s", [UNPAIRED_KEY])
        else:
            _check_pending(cursor)
            cursor.execute("TRUNCATE search_searchsource, search_searchentry, search_searchterm")


#: The tables a rebuild writes (FTS5's own are pinned: see pin_fts_statistics).
SEARCH_TABLES = ("search_searchentry", "search_searchsource", "search_searchterm")


def analyse(cursor, tables: tuple[str, ...] = ()) -> None:
    """Planner statistics (ANALYZE) of ``tables``, or of the whole database: without them SQLite
    may scan rather than use an index. After a rebuild only the search tables changed."""
    if tables:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
    else:
        cursor.execute("ANALYZE")
    pin_fts_statistics(cursor)


#: FTS5's own tables whose rows FTS5 reads and deletes by rowid ranges. Their statistics are
#: pinned, not measured: see pin_fts_statistics.
FTS_SHADOW_ROWS = {"search_fts_data": 1_000_000, "search_fts_docsize": 1_000_000}


def pin_fts_statistics(cursor) -> None:
    """SQLite: give FTS5's shadow tables a fixed large row count in ``sqlite_stat1``.

    ANALYZE records what a table holds at that moment. Run on a new installation (``migrate``
    does) it records ``search_fts_data`` as 2 rows; as the index then grows — by publication or
    a rebuild — the planner, believing those 2 rows, plans FTS5's internal ``DELETE FROM
    search_fts_data WHERE id>=? AND id<=?`` (run for every segment merged) as a scan of the
    whole table instead of a rowid range: every merge reads the whole index. That made the
    first build of a freshly loaded database crawl in its final ``optimize`` (30k items: 2.6 s
    against 1.0 s; 100k: 27 s against 4 s; before the build merged as it went, 1,119 s), and
    every publication's automerge grow with the index. FTS5 only ever reaches these tables by
    rowid, so a large fixed count (SQLite's own default guess) is always right; ``ANALYZE
    sqlite_schema`` makes this connection read it again (new connections read it anyway)."""
    if cursor.db.vendor != "sqlite":
        return
    cursor.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'")
    if cursor.fetchone() is None:
        return  # never analysed: SQLite assumes large tables already
    for table in FTS_SHADOW_ROWS:
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
    cursor.executemany(
        "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, NULL, %s)",
        [(table, str(rows)) for table, rows in FTS_SHADOW_ROWS.items()],
    )
    cursor.execute("ANALYZE sqlite_schema")


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
    return row, segment_text(row["title"], html_to_text(body), meta)


#: What _write_batch reads of a row (the body stays in the worker).
WRITE_FIELDS = (
    "pk",
    "published_at",
    "agency_id",
    "entry_id",
    "entry__parent_id",
    "topic",
    "doc_number",
    "index_number",
)


def _write_fields(row: dict) -> dict:
    return {name: row[name] for name in WRITE_FIELDS}


def _segment_rows(
    rows: list[dict],
) -> tuple[list[tuple[dict, IndexedText, bytes, tuple]], TermCounts | None]:
    """Segment, compress and (for PostgreSQL) spell the vectors in the worker: the writing
    process only writes."""
    if connection.vendor != "postgresql":
        return [
            (_write_fields(row), text, text.pack(), (text.fts_chars(),))
            for row, text in map(_segment_row, rows)
        ], None
    out, frequencies = [], TermCounts()
    for row, text in map(_segment_row, rows):
        words, chars, word_list, char_list = text.pg_fields()
        # The writer needs the ranking's parts of the text, not the body: less to send back.
        ranked = IndexedText(text.title, "", text.meta, "", text.title_chars)
        out.append((_write_fields(row), ranked, text.pack(), (words, chars)))
        # The chunk's document frequencies, counted here in parallel (SearchTerm).
        frequencies.add(word_list, char_list)
    return out, frequencies


# A rebuild writes one FTS5 segment per batch (a pending-terms buffer large enough for 2,000
# documents instead of FTS5's 1 MB) and leaves them unmerged (automerge 0) until the final
# `optimize`, which merges them in one pass: 100k items, 50 segments, 3.8 s; merging eight at a
# time as it went rewrote the index twice more and cost the writer ~15 % (100k: 1,765–1,972
# items/s against 2,064–2,240/s, alternated in one run). A crisis merge (64 segments: 128,000
# documents) bounds the segments a larger build leaves. (The optimize's crawl on a freshly
# loaded database — 100k items: 1,119 s, then 27 s, against 4 s on a re-index — was the
# planner's: see pin_fts_statistics.) Publication-time updates use the defaults.
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
    _bulk_mode(True)
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
    frequencies = TermCounts()
    starts = list(range(0, len(ids), batch_size))
    pool = get_context("fork").Pool(workers) if workers > 1 and len(starts) > 1 else None
    try:
        pending = None
        for index, start in enumerate(starts):
            if pool is None:
                parts = [_segment_rows(read(start))]
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
                parts = current.get()
            chunk = [entry for part, _ in parts for entry in part]
            for _, counted in parts:
                if counted:
                    frequencies.merge(counted)
            _write_batch(chunk)
            done += len(chunk)
            if progress:
                progress(len(chunk))
    except BaseException:
        _bulk_mode(False)
        raise
    finally:
        if pool:
            pool.close()
            pool.join()
        _fts_configure(FTS_DEFAULTS)
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.cursor.copy("COPY search_searchterm (term, df) FROM STDIN") as copy:
                for term, df in frequencies.rows():
                    copy.write_row((term, df))
    finish_bulk()
    return done


def finish_bulk() -> None:
    """After a rebuild's writes, while its settings still hold: SQLite merges the FTS5 segments
    into one (`optimize`), PostgreSQL builds the GIN indexes; then planner statistics."""
    try:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    finally:
        _bulk_mode(False)
    with connection.cursor() as cursor:
        analyse(cursor, SEARCH_TABLES)
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # The optimize wrote the whole index in one transaction (100k items: 0.9 GB of
            # WAL): give the file back rather than keep it at that size.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _memory_bytes() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 4 * 2**30


def _bulk_mode(on: bool) -> None:
    """While a rebuild writes: on SQLite a page cache of a quarter of the memory (up to
    GONGKAI_SEARCH_BUILD_CACHE_MB), without which FTS5's final merge (`optimize`) of a freshly
    loaded database reads the same pages from disk over and over: 20k items took 8.8 s to merge
    with SQLite's 2 MB cache, 1.2 s with 200 MB; the cache is only used as it fills. On
    PostgreSQL the GIN indexes are dropped and built again at the end (far faster than
    updating them row by row), with a larger maintenance_work_mem for that."""
    from django.conf import settings

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if on:
                pin_fts_statistics(cursor)
            limit = getattr(settings, "GONGKAI_SEARCH_BUILD_CACHE_MB", 4096) * 2**20
            kib = min(_memory_bytes() // 4, limit) // 1024 if on else 2000
            cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
        elif on:
            _check_pending(cursor)
            for name in PG_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        else:
            create_pg_indexes(cursor)


def _check_pending(cursor) -> None:
    """PostgreSQL: run the deferred foreign-key checks of rows written earlier in an enclosing
    transaction (TRUNCATE, CREATE and DROP INDEX refuse a table with checks pending), then
    defer again."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def create_pg_indexes(cursor) -> None:
    """Build the GIN indexes. Outside a transaction each is built on a connection of its own,
    at the same time (PostgreSQL 15 builds one GIN index in one process; the two take about
    as long as each other); inside one (a test, a migration) one after the other."""
    _check_pending(cursor)
    statements = [sql.format(name=name) for name, sql in PG_INDEXES.items()]
    if connection.in_atomic_block:
        for sql in statements:
            _create_pg_index(cursor, sql)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(statements) - 1) as threads:
        others = [threads.submit(_create_pg_index_apart, sql) for sql in statements[1:]]
        _create_pg_index(cursor, statements[0])
        for other in others:
            other.result()


def _create_pg_index(cursor, sql: str) -> None:
    cursor.execute("SET maintenance_work_mem = '512MB'")
    try:
        cursor.execute(sql)
    finally:
        cursor.execute("RESET maintenance_work_mem")


def _create_pg_index_apart(sql: str) -> None:
    """In a thread: its own connection (Django's are per thread), closed afterwards."""
    try:
        with connection.cursor() as cursor:
            _create_pg_index(cursor, sql)
    finally:
        connection.close()


ENTRY_COLUMNS = (
    "id",
    "item_id",
    "agency_id",
    "entry_id",
    "root_entry_id",
    "year",
    "topic",
    "published_at",
    "doc_key",
    "index_key",
    "title_words",
    "title_chars",
    "meta_words",
)


def _write_batch(chunk: list[tuple[dict, IndexedText, bytes, tuple]]) -> None:
    rows = []
    for row, text, _packed, _vectors in chunk:
        ranking = text.ranking()
        rows.append(
            (
                int(row["published_at"].timestamp()) * 1_000_000 + row["pk"] % 1_000_000,
                row["pk"],
                row["agency_id"],
                row["entry_id"],
                row["entry__parent_id"] or row["entry_id"],
                timezone.localtime(row["published_at"]).year,
                row["topic"],
                row["published_at"],
                keys.doc_key(row["doc_number"]),
                keys.index_key(row["index_number"]),
                ranking["title_words"],
                ranking["title_chars"],
                ranking["meta_words"],
            )
        )
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            columns = ", ".join(ENTRY_COLUMNS)
            marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
            published = SearchEntry._meta.get_field("published_at")
            cursor.executemany(
                f"INSERT INTO search_searchentry ({columns}) VALUES ({marks})",  # noqa: S608
                [(*r[:7], published.get_db_prep_value(r[7], connection), *r[8:]) for r in rows],
            )
            cursor.executemany(
                "INSERT INTO search_searchsource (entry_id, data) VALUES (%s, %s)",
                [(r[0], packed) for r, (_, _, packed, _) in zip(rows, chunk, strict=True)],
            )
            cursor.executemany(
                "INSERT INTO search_fts(rowid, title, body, meta, chars) VALUES (%s, %s, %s, %s, %s)",
                [
                    (r[0], t.title, t.body, t.meta, fts_chars)
                    for r, (_, t, _, (fts_chars,)) in zip(rows, chunk, strict=True)
                ],
            )
        else:
            # COPY: the vectors were spelt by the workers; the GIN indexes are built at the end.
            columns = ", ".join((*ENTRY_COLUMNS, "words", "chars"))
            with cursor.cursor.copy(f"COPY search_searchentry ({columns}) FROM STDIN") as copy:
                for r, (_, _, _, vectors) in zip(rows, chunk, strict=True):
                    copy.write_row((*r, *vectors))
            with cursor.cursor.copy("COPY search_searchsource (entry_id, data) FROM STDIN") as copy:
                for r, (_, _, packed, _) in zip(rows, chunk, strict=True):
                    copy.write_row((r[0], packed))
