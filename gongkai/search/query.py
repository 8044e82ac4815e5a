"""Reading the index: Chinese full-text search with filters, relevance or date order, snippets.

Relevance is BM25 (title ×8, body ×1, metadata ×4) when the query matches at most RANK_LIMIT
documents (a capped count, run first, tells). A query that matches more of the corpus than that
(常见词 such as 公开 on a large portal) is answered newest first, which the index can stream
without looking at every match (its rowid is a recency key) — ranking a hundred thousand matches
by BM25 costs a full scan. An exact 文号 or 索引号 always comes first, the other matches after it
newest first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.db import connection

from gongkai.publishing.models import InformationItem
from gongkai.publishing.sanitize import html_to_text

from . import segment

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
    page: int = 1
    pages: int = 0


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(terms: tuple[str, ...], *, chars_only: bool = False) -> str:
    """AND of the terms. One character: its unigram; longer: the word, or its characters' phrase.
    A term with no indexable character has no phrase: the characters' fallback leaves it out,
    and an expression with nothing left is "" (no match), never an empty phrase."""
    parts = []
    for term in terms:
        if segment.is_single_cjk(term) or chars_only:
            chars = segment.characters(term)
            if chars:
                parts.append("chars : " + _quote(" ".join(chars)))
        else:
            parts.append("{title body meta} : " + _quote(term))
    return " AND ".join(parts)


def tsquery_expression(terms: tuple[str, ...], *, chars_only: bool = False) -> str:
    """The same for PostgreSQL's to_tsquery: weight D holds the character sequence, A–C the
    words. Empty groups such as "()" are never emitted (a tsquery syntax error)."""
    parts = []
    for term in terms:
        if segment.is_single_cjk(term) or chars_only:
            chars = segment.characters(term)
            if chars:
                parts.append("(" + " <-> ".join(_pg_lexeme(c) + ":D" for c in chars) + ")")
        else:
            parts.append(_pg_lexeme(term) + ":ABC")
    return " & ".join(parts)


def _pg_lexeme(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "") + "'"


def _filter_sql(filters: Filters) -> tuple[str, list]:
    clauses, params = [], []
    for column, value in (
        ("e.agency_id", filters.agency_id),
        ("e.root_entry_id", filters.root_entry_id),
        ("e.entry_id", filters.entry_id),
        ("e.year", filters.year),
        ("e.topic", filters.topic),
    ):
        if value not in (None, ""):
            clauses.append(f"{column} = %s")
            params.append(value)
    return "".join(f" AND {c}" for c in clauses), params


def _count_sqlite(cursor, expression, filters, cap):
    where, params = _filter_sql(filters)
    join = " JOIN search_searchentry e ON e.id = search_fts.rowid" if where else ""
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM search_fts{join} "  # noqa: S608 (constants only)
        f"WHERE search_fts MATCH %s{where} LIMIT %s)",
        [expression, *params, cap],
    )
    return cursor.fetchone()[0]


def _page_sqlite(cursor, expression, filters, sort, offset, limit):
    where, params = _filter_sql(filters)
    base = (
        "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s{where}"
    )
    order = "search_fts.rowid DESC" if sort == "date" else "bm25(search_fts, 8.0, 1.0, 4.0, 0.0)"
    cursor.execute(
        f"SELECT e.item_id {base} ORDER BY {order} LIMIT %s OFFSET %s",
        [expression, *params, limit, offset],
    )
    return [row[0] for row in cursor.fetchall()]


def _count_postgres(cursor, expression, filters, cap):
    where, params = _filter_sql(filters)
    cursor.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_searchentry e "  # noqa: S608
        f"WHERE e.vector @@ to_tsquery('simple', %s){where} LIMIT %s) capped",
        [expression, *params, cap],
    )
    return cursor.fetchone()[0]


def _page_postgres(cursor, expression, filters, sort, offset, limit):
    where, params = _filter_sql(filters)
    base = f"FROM search_searchentry e WHERE e.vector @@ to_tsquery('simple', %s){where}"
    order = (
        "e.id DESC"
        if sort == "date"
        else "ts_rank(e.vector, to_tsquery('simple', %s), 1) DESC, e.id DESC"
    )
    order_params = [] if sort == "date" else [expression]
    cursor.execute(
        f"SELECT e.item_id {base} ORDER BY {order} LIMIT %s OFFSET %s",
        [expression, *params, *order_params, limit, offset],
    )
    return [row[0] for row in cursor.fetchall()]


def exact_matches(query: str, filters: Filters):
    """Items whose 文号 or 索引号 is exactly the query (these come first)."""
    text = query.strip()
    if not text:
        return []
    # Two lookups through the 文号 and 索引号 indexes first (an OR across both, joined to the
    # gate's conditions, makes the planner scan every item); then the gate on what they found.
    ids = set(
        InformationItem.objects.filter(doc_number=text).order_by().values_list("pk", flat=True)[:50]
    )
    ids |= set(
        InformationItem.objects.filter(index_number=text).order_by().values_list("pk", flat=True)
    )
    if not ids:
        return []
    items = InformationItem.objects.published().filter(pk__in=ids)
    if filters.agency_id:
        items = items.filter(agency_id=filters.agency_id)
    return list(items.select_related("agency", "entry").order_by("-published_at", "-pk")[:5])


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
    terms = segment.query_terms(query)[:12]
    exact = exact_matches(query, filters) if results.page == 1 else []
    ids: list[int] = []
    total = 0
    if terms:
        offset = (results.page - 1) * page_size
        sqlite = connection.vendor == "sqlite"
        count = _count_sqlite if sqlite else _count_postgres
        page_of = _page_sqlite if sqlite else _page_postgres
        make = fts5_expression if sqlite else tsquery_expression
        with connection.cursor() as cursor:
            expression = make(terms)
            # The capped count first: it costs at most COUNT_CAP index steps, and it says
            # whether ranking the matches would be cheap (≤ RANK_LIMIT) or a scan of thousands.
            total = count(cursor, expression, filters, COUNT_CAP + 1) if expression else 0
            if total == 0 and any(len(t) > 1 and not t.isascii() for t in terms):
                # A word jieba cut differently in the document: fall back to exact characters.
                expression = make(terms, chars_only=True)
                total = count(cursor, expression, filters, COUNT_CAP + 1) if expression else 0
            if sort == "relevance" and (total > RANK_LIMIT or exact):
                # Too many to rank quickly, or the 文号/索引号 itself was asked for (it comes
                # first): the rest newest first, which the index streams in rowid order.
                sort, results.by_date = "date", total > RANK_LIMIT
            if total:
                ids = page_of(cursor, expression, filters, sort, offset, page_size)
    results.total_capped = total > COUNT_CAP
    results.total = min(total, COUNT_CAP)
    results.pages = (results.total + page_size - 1) // page_size
    # The gate, again: whatever the index says, only published items are shown.
    found = InformationItem.objects.published().filter(pk__in=ids).select_related("agency", "entry")
    by_id = {item.pk: item for item in found}
    exact_ids = {item.pk for item in exact}
    marks = _marks(query, terms)
    for item in exact:
        results.hits.append(Hit(item, highlight(item.title, marks), snippet(item, marks), True))
    for pk in ids:
        if pk in by_id and pk not in exact_ids:
            item = by_id[pk]
            results.hits.append(Hit(item, highlight(item.title, marks), snippet(item, marks)))
    if not terms and exact:
        results.total = len(exact)
        results.pages = 1
    return results


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
