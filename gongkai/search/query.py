"""Reading the index: Chinese full-text search with filters, relevance or date order, snippets.

Relevance is BM25 (title ×8, body ×1, metadata ×4) when the query matches at most RANK_LIMIT
documents (a capped count, run first, tells). A query that matches more of the corpus than that
(常见词 such as 公开 on a large portal) is answered newest first, which the index can stream
without looking at every match (its rowid is a recency key) — ranking a hundred thousand matches
by BM25 costs a full scan. An exact 文号 or 索引号, however it is written (keys.py), always comes
first and is counted once; the other matches follow newest first. Query words in a synonym group
(synonyms.py) match any word of the group. When the words match nothing, the characters do
(the phrases typed, then each character anywhere), and the results say they are approximate.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.db import connection

from gongkai.publishing.models import InformationItem
from gongkai.publishing.sanitize import html_to_text

from . import keys, segment, synonyms
from .models import SearchEntry

RANK_LIMIT = 5_000
COUNT_CAP = 10_000
PAGE_SIZE = 20
#: Bounds of the parameters the search page and the API accept (anything else is a 400).
PAGE_MAX = COUNT_CAP // PAGE_SIZE + 1
YEAR_MIN, YEAR_MAX = 1949, 2100
QUERY_MAX = 100


@dataclass
class Filters:
    agency_id: int | None = None
    root_entry_id: int | None = None
    entry_id: int | None = None
    year: int | None = None
    topic: str | None = None


@dataclass
class Hit:
    item: InformationItem
    title_html: str
    snippet_html: str
    exact: bool = False


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_capped: bool = False
    by_date: bool = False  # relevance was asked for but the query matches too much to rank
    approximate: bool = False  # the words matched nothing: these match the characters
    suggestions: list[InformationItem] = field(default_factory=list)  # 您是不是要找
    page: int = 1
    pages: int = 0


Group = tuple[str, ...]  # alternatives: the word typed, then its synonyms


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _pg_lexeme(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "") + "'"


def _one_word(term: str) -> bool:
    return segment.query_terms(term) == (term,)


def _fts_alternative(term: str, *, chars_only: bool, synonym: bool) -> str | None:
    if segment.is_single_cjk(term) or chars_only or (synonym and not _one_word(term)):
        chars = segment.characters(term)
        return "chars : " + _quote(" ".join(chars)) if chars else None
    return "{title body meta} : " + _quote(term)


def _pg_alternative(term: str, *, chars_only: bool, synonym: bool) -> str | None:
    if segment.is_single_cjk(term) or chars_only or (synonym and not _one_word(term)):
        chars = segment.characters(term)
        phrase = " <-> ".join(_pg_lexeme(c) + ":D" for c in chars)
        return (f"({phrase})" if len(chars) > 1 else phrase) if chars else None
    return _pg_lexeme(term) + ":ABC"


def _expression(groups, alternative, and_, or_, *, chars_only: bool = False) -> str:
    parts = []
    for group in groups:
        synonym = len(group) > 1
        options = [
            a for a in (alternative(t, chars_only=chars_only, synonym=synonym) for t in group) if a
        ]
        if options:
            parts.append(options[0] if len(options) == 1 else "(" + or_.join(options) + ")")
    return and_.join(parts)


def _groups(terms) -> tuple[Group, ...]:
    return tuple(t if isinstance(t, tuple) else (t,) for t in terms)


def fts5_expression(terms, *, chars_only: bool = False) -> str:
    """AND of the terms (or groups of synonyms, any of which may match). One character: its
    unigram; longer: the word, or its characters' phrase (the fallback, and synonyms that are
    not one word). A term with no indexable character has no phrase: the characters' fallback
    leaves it out, and an expression with nothing left is "" (no match), never an empty phrase."""
    return _expression(_groups(terms), _fts_alternative, " AND ", " OR ", chars_only=chars_only)


def tsquery_expression(terms, *, chars_only: bool = False) -> str:
    """The same for PostgreSQL's to_tsquery: weight D holds the character sequence, A–C the
    words. Empty groups such as "()" are never emitted (a tsquery syntax error)."""
    return _expression(_groups(terms), _pg_alternative, " & ", " | ", chars_only=chars_only)


def characters_expression(groups, *, sqlite: bool) -> str:
    """The last fallback: every character of what was typed, anywhere in the document."""
    chars = list(dict.fromkeys(c for group in groups for c in segment.characters(group[0])))
    if sqlite:
        return " AND ".join("chars : " + _quote(c) for c in chars)
    return " & ".join(_pg_lexeme(c) + ":D" for c in chars)


def _set_filters(filters: Filters) -> dict:
    """{SearchEntry column: value} of the filters that are set."""
    return {
        column: value
        for column, value in (
            ("agency_id", filters.agency_id),
            ("root_entry_id", filters.root_entry_id),
            ("entry_id", filters.entry_id),
            ("year", filters.year),
            ("topic", filters.topic),
        )
        if value not in (None, "")
    }


def _filter_sql(filters: Filters) -> tuple[str, list]:
    chosen = _set_filters(filters)
    return "".join(f" AND e.{column} = %s" for column in chosen), list(chosen.values())


def _exclude_sql(column: str, exclude: tuple[int, ...]) -> tuple[str, list]:
    """The exact 文号/索引号 matches, listed first, are not counted or listed twice."""
    if not exclude:
        return "", []
    return f" AND {column} NOT IN ({', '.join(['%s'] * len(exclude))})", list(exclude)


def _count_sqlite(cursor, expression, filters, cap, exclude=()):
    where, params = _filter_sql(filters)
    not_in, excluded = _exclude_sql("search_fts.rowid", exclude)
    join = " JOIN search_searchentry e ON e.id = search_fts.rowid" if where else ""
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM search_fts{join} "  # noqa: S608 (constants only)
        f"WHERE search_fts MATCH %s{where}{not_in} LIMIT %s)",
        [expression, *params, *excluded, cap],
    )
    return cursor.fetchone()[0]


def _page_sqlite(cursor, expression, filters, sort, offset, limit, exclude=()):
    where, params = _filter_sql(filters)
    not_in, excluded = _exclude_sql("search_fts.rowid", exclude)
    base = (
        "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s{where}{not_in}"
    )
    order = "search_fts.rowid DESC" if sort == "date" else "bm25(search_fts, 8.0, 1.0, 4.0, 0.0)"
    cursor.execute(
        f"SELECT e.item_id {base} ORDER BY {order} LIMIT %s OFFSET %s",
        [expression, *params, *excluded, limit, offset],
    )
    return [row[0] for row in cursor.fetchall()]


def _count_postgres(cursor, expression, filters, cap, exclude=()):
    where, params = _filter_sql(filters)
    not_in, excluded = _exclude_sql("e.id", exclude)
    cursor.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_searchentry e "  # noqa: S608
        f"WHERE e.vector @@ to_tsquery('simple', %s){where}{not_in} LIMIT %s) capped",
        [expression, *params, *excluded, cap],
    )
    return cursor.fetchone()[0]


def _page_postgres(cursor, expression, filters, sort, offset, limit, exclude=()):
    where, params = _filter_sql(filters)
    not_in, excluded = _exclude_sql("e.id", exclude)
    base = f"FROM search_searchentry e WHERE e.vector @@ to_tsquery('simple', %s){where}{not_in}"
    order = (
        "e.id DESC"
        if sort == "date"
        else "ts_rank(e.vector, to_tsquery('simple', %s), 1) DESC, e.id DESC"
    )
    order_params = [] if sort == "date" else [expression]
    cursor.execute(
        f"SELECT e.item_id {base} ORDER BY {order} LIMIT %s OFFSET %s",
        [expression, *params, *excluded, *order_params, limit, offset],
    )
    return [row[0] for row in cursor.fetchall()]


def exact_matches(query: str, filters: Filters) -> list[tuple[int, InformationItem]]:
    """(index entry id, item) of the items whose 文号 or 索引号 is the query, however it is
    written (keys.py), within the filters: these come first."""
    doc, index = keys.doc_key(query), keys.index_key(query)
    if not doc and not index:
        return []
    entries = SearchEntry.objects.order_by().filter(**_set_filters(filters))
    # Two lookups through the two keys' indexes (an OR across both makes planners scan), then
    # the gate on the items they found.
    found = dict(entries.filter(doc_key=doc).values_list("item_id", "id")[:50]) if doc else {}
    if index:
        found.update(entries.filter(index_key=index).values_list("item_id", "id")[:50])
    if not found:
        return []
    items = InformationItem.objects.published().filter(pk__in=found)
    items = items.select_related("agency", "entry").order_by("-published_at", "-pk")[:5]
    return [(found[item.pk], item) for item in items]


def _neighbours(field: str, key: str, low: str, high: str, limit: int):
    """(key, item id) of the entries whose ``field`` sorts just before and just after ``key``,
    between ``low`` and ``high`` (an index range scan each way)."""
    entries = SearchEntry.objects.order_by()
    before = entries.filter(**{f"{field}__gte": low, f"{field}__lt": key})
    after = entries.filter(**{f"{field}__gt": key, f"{field}__lte": high})
    return [
        *before.order_by(f"-{field}").values_list(field, "item_id")[:limit],
        *after.order_by(field).values_list(field, "item_id")[:limit],
    ]


def suggestions(query: str, limit: int = 3) -> list[InformationItem]:
    """您是不是要找: published items whose 文号 or 索引号 is next to the one typed (the serial
    before or after it, the same serial a year either side) when none is exactly it."""
    candidates: list[tuple[int, int]] = []  # (distance, item id)
    parsed = keys.parse_doc_key(query)
    entries = SearchEntry.objects.order_by()
    if parsed:
        key, head = str(parsed), parsed.head
        for found, item_id in _neighbours("doc_key", key, head + "000000", head + "999999", limit):
            if found.startswith(head) and found[len(head) :].isdigit():
                candidates.append((abs(int(found[len(head) :]) - parsed.serial), item_id))
        if parsed.year:
            years = {
                str(parsed.with_year(y)): abs(y - parsed.year) * 1000
                for y in (parsed.year - 1, parsed.year + 1, parsed.year - 2, parsed.year + 2)
            }
            rows = entries.filter(doc_key__in=list(years)).values_list("doc_key", "item_id")[:10]
            candidates.extend((years[found], item_id) for found, item_id in rows)
    elif keys.looks_like_index_number(query):
        key = keys.index_key(query) or ""
        parts = keys.index_parts(key)
        if parts:
            head, serial = parts
            width = len(key) - len(head)
            low, high = head + "0" * width, head + "9" * width
            for found, item_id in _neighbours("index_key", key, low, high, limit):
                tail = found[len(head) :]
                if found.startswith(head) and len(tail) == width and tail.isdigit():
                    candidates.append((abs(int(tail) - serial), item_id))
    if not candidates:
        return []
    order = {}
    for distance, item_id in sorted(candidates):
        order.setdefault(item_id, distance)
    items = InformationItem.objects.published().filter(pk__in=order).select_related("agency")
    return sorted(items, key=lambda item: (order[item.pk], -item.pk))[:limit]


def search(
    query: str,
    filters: Filters | None = None,
    *,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> Results:
    filters = filters or Filters()
    results = Results(query=query, page=max(page, 1))
    groups = synonyms.query_groups(query)[:12]
    # Exact 文号/索引号 matches head the first page and are counted once in the total; every
    # later page starts that many places earlier in the rest.
    exact = exact_matches(query, filters)
    exclude = tuple(entry_id for entry_id, _ in exact)
    if results.page == 1:
        offset, limit = 0, max(page_size - len(exact), 0)
    else:
        offset, limit = (results.page - 1) * page_size - len(exact), page_size
    ids: list[int] = []
    total, fetched = 0, False
    if groups:
        sqlite = connection.vendor == "sqlite"
        count = _count_sqlite if sqlite else _count_postgres
        page_of = _page_sqlite if sqlite else _page_postgres
        make = fts5_expression if sqlite else tsquery_expression
        with connection.cursor() as cursor:
            expression = make(groups)
            # The capped count first: it costs at most COUNT_CAP index steps, and it says
            # whether ranking the matches would be cheap (≤ RANK_LIMIT) or a scan of thousands.
            total = count(cursor, expression, filters, COUNT_CAP + 1, exclude) if expression else 0
            if total == 0 and not exact:
                # The words match nothing: the characters, first as the phrases typed (a word
                # jieba cut differently in the document), then each one anywhere; approximate.
                for fallback in (
                    make(groups, chars_only=True),
                    characters_expression(groups, sqlite=sqlite),
                ):
                    if fallback and fallback != expression:
                        expression = fallback
                        # Newest first (below): a first page that comes back short is the
                        # whole answer, and a few matches need no second scan to be counted.
                        ids = page_of(cursor, expression, filters, "date", offset, limit)
                        total = (
                            offset + len(ids)
                            if offset == 0 and len(ids) < limit
                            else count(cursor, expression, filters, COUNT_CAP + 1)
                        )
                        if total:
                            results.approximate, fetched = True, True
                            break
            if results.approximate:
                # Characters carry no weight in the ranking (bm25 would only spend a scan of
                # each character phrase on its IDF): approximate results come newest first.
                sort = "date"
            elif sort == "relevance" and (total > RANK_LIMIT or exact):
                # Too many to rank quickly, or the 文号/索引号 itself was asked for (it comes
                # first): the rest newest first, which the index streams in rowid order.
                sort, results.by_date = "date", total > RANK_LIMIT
            if total and limit and offset < total and not fetched:
                ids = page_of(cursor, expression, filters, sort, offset, limit, exclude)
    overall = total + len(exact)
    results.total_capped = overall > COUNT_CAP
    results.total = min(overall, COUNT_CAP)
    results.pages = (results.total + page_size - 1) // page_size
    if not exact and results.page == 1:
        results.suggestions = suggestions(query) if _worth_suggesting(query) else []
    # The gate, again: whatever the index says, only published items are shown.
    found = InformationItem.objects.published().filter(pk__in=ids).select_related("agency", "entry")
    by_id = {item.pk: item for item in found}
    marks = _marks(query, tuple(t for group in groups for t in group))
    if results.page == 1:
        for _, item in exact:
            results.hits.append(Hit(item, highlight(item.title, marks), snippet(item, marks), True))
    for pk in ids:
        if pk in by_id:
            item = by_id[pk]
            results.hits.append(Hit(item, highlight(item.title, marks), snippet(item, marks)))
    return results


def _worth_suggesting(query: str) -> bool:
    return keys.parse_doc_key(query) is not None or keys.looks_like_index_number(query)


def _marks(query: str, terms: tuple[str, ...]) -> list[str]:
    marks = {query.strip(), *terms}
    return sorted((m for m in marks if m), key=len, reverse=True)


def highlight(text: str, marks: list[str]) -> str:
    """HTML-escaped ``text`` with every mark wrapped in <mark> (case-insensitive for ASCII)."""
    if not marks:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(m) for m in marks), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(item: InformationItem, marks: list[str], width: int = 120) -> str:
    text = re.sub(r"\s+", " ", html_to_text(item.public_body)).strip()
    position = -1
    for mark in marks:
        position = text.lower().find(mark.lower())
        if position >= 0:
            break
    start = max(0, position - width // 3) if position >= 0 else 0
    piece = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + highlight(piece, marks) + suffix
