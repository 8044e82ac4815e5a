"""Reading the index: Chinese full-text search with filters, relevance or date order, snippets.

Relevance (rank_sql: each term in the title 8, in the metadata 4; ties newest first — one
ranking, the same on SQLite and PostgreSQL) orders the results when the query matches at most
RANK_LIMIT documents (a capped count, run first, tells). A query that matches more of the corpus
than that (常见词 such as 公开 on a large portal) is answered newest first, which the index can
stream without looking at every match (its key is a recency key). An exact 文号 or 索引号, however it is written (keys.py), always comes
first and is counted once; the other matches follow newest first. Query words in a synonym group
(synonyms.py) match any word of the group. When the words match nothing, the characters do
(the phrases typed, then each character anywhere), and the results say they are approximate.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from itertools import combinations

from django.db import connection

from gongkai.publishing.models import InformationItem
from gongkai.publishing.sanitize import html_to_text

from . import indexer, keys, segment, synonyms
from .indexer import ENTRIES_KEY, PG_TITLE_META, term_key
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


@dataclass(frozen=True)
class Alternative:
    """One way a query term may match: a word (of title, body or metadata), or a sequence of
    characters (a phrase in the characters: one character, the fallback, a synonym that is not
    one word)."""

    kind: str  # "word" or "chars"
    tokens: tuple[str, ...]
    #: A phrase of two or more CJK characters asked for as the phrase of their pairs
    #: (segment.pairs): one rare pair instead of the positions of every common character.
    paired: bool = False


Plan = tuple[tuple[Alternative, ...], ...]  # AND of groups, each an OR of alternatives


def _one_word(term: str) -> bool:
    return segment.query_terms(term) == (term,)


def _alternative(
    term: str, *, chars_only: bool, synonym: bool, paired: bool = False
) -> Alternative | None:
    if segment.is_single_cjk(term) or chars_only or (synonym and not _one_word(term)):
        chars = tuple(segment.characters(term))
        if not chars:
            return None
        return Alternative("chars", chars, paired=paired and segment.pairs_of(chars) is not None)
    return Alternative("word", (term,))


def _groups(terms) -> tuple[Group, ...]:
    return tuple(t if isinstance(t, tuple) else (t,) for t in terms)


def plan(terms, *, chars_only: bool = False, paired: bool = False) -> Plan:
    """AND of the terms (or groups of synonyms, any of which may match). One character: its
    unigram; longer: the word, or its characters' phrase (the fallback, and synonyms that are
    not one word). A term with no indexable character has no alternative: the characters'
    fallback leaves it out, and a plan with nothing left is () (no match), never an empty
    phrase. ``paired`` (the fallback, on an index with the characters' pairs): the phrases of
    CJK characters are asked for as phrases of their pairs, which find the same."""
    out = []
    for group in _groups(terms):
        synonym = len(group) > 1
        options = (
            _alternative(t, chars_only=chars_only, synonym=synonym, paired=paired) for t in group
        )
        alternatives = tuple(dict.fromkeys(a for a in options if a))
        if alternatives:
            out.append(alternatives)
    return tuple(out)


def characters_plan(groups) -> Plan:
    """The last fallback: every character of what was typed, anywhere in the document."""
    chars = dict.fromkeys(c for group in groups for c in segment.characters(group[0]))
    return tuple((Alternative("chars", (c,)),) for c in chars)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _phrase(a: Alternative) -> tuple[str, ...]:
    """The tokens an alternative's phrase is asked for as: its characters, or their pairs."""
    return (segment.pairs_of(a.tokens) or a.tokens) if a.paired else a.tokens


def _fts5_alternative(a: Alternative) -> str:
    if a.kind == "chars":
        return "chars : " + _quote(" ".join(_phrase(a)))
    return "{title body meta} : " + _quote(a.tokens[0])


def fts5_of(p: Plan) -> str:
    parts = []
    for group in p:
        options = [_fts5_alternative(a) for a in group]
        parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return " AND ".join(parts)


def _lexeme(token: str) -> str:
    # A quoted lexeme of tsquery's input syntax, taken as it is (no parser, no dictionary):
    # the same tokens the indexer wrote (indexer.IndexedText.pg_words / pg_chars).
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery(alternatives) -> str:
    options = []
    for a in alternatives:
        pairs = segment.pairs_of(a.tokens) if a.paired else None
        if pairs and len(pairs) == 1:
            options.append(_lexeme(pairs[0]))  # two characters: one pair, nothing to check
        elif a.kind == "chars" and len(a.tokens) > 1:
            phrase = " <-> ".join(_lexeme(t) for t in a.tokens)
            # The pairs (indexed without positions) narrow the entries the index returns to
            # those that may have the phrase; the characters' positions decide.
            narrowed = " & ".join(_lexeme(p) for p in pairs or ())
            options.append(f"({narrowed} & ({phrase}))" if narrowed else f"({phrase})")
        else:
            options.append(_lexeme(a.tokens[0]))
    return options[0] if len(options) == 1 else "(" + " | ".join(options) + ")"


def postgres_condition(p: Plan) -> tuple[str, list]:
    """The plan as a condition on SearchEntry's two tsvectors: groups of words only are one
    query on ``words``, groups of characters only one on ``chars`` (each a GIN lookup; without
    weights only a phrase needs the row rechecked), a group with both an OR of the two."""
    words, chars, mixed, params = [], [], [], []
    for group in p:
        w = [a for a in group if a.kind == "word"]
        c = [a for a in group if a.kind == "chars"]
        if w and c:
            mixed.append((_tsquery(w), _tsquery(c)))
        elif w:
            words.append(_tsquery(w))
        else:
            chars.append(_tsquery(c))
    parts = []
    if words:
        parts.append("e.words @@ %s::tsquery")
        params.append(" & ".join(words))
    if chars:
        parts.append("e.chars @@ %s::tsquery")
        params.append(" & ".join(chars))
    for w, c in mixed:
        parts.append("(e.words @@ %s::tsquery OR e.chars @@ %s::tsquery)")
        params.extend([w, c])
    return " AND ".join(parts), params


# --- Ranking ------------------------------------------------------------------------------------
#
# One ranking, computed the same way by both databases (so that a query gives the same first
# page on either): for each query term (or synonym group), 8 points if the title has it and 4 if
# the metadata (文号, 索引号, keywords, column, agency) has it, the body's matches being what all
# results share; ties newest first. It reads three short columns of SearchEntry, never the text.
TITLE_WEIGHT, META_WEIGHT = 8, 4


def rank_sql(p: Plan, find: str) -> tuple[str, list]:
    """The score as an SQL expression; ``find`` is instr (SQLite) or strpos (PostgreSQL), which
    take the same arguments and mean the same."""
    terms, params = [], []
    for group in p:
        title, meta = [], []
        for a in group:
            needle = " " + " ".join(a.tokens) + " "
            column = "e.title_words" if a.kind == "word" else "e.title_chars"
            title.append((f"{find}({column}, %s) > 0", needle))
            if a.kind == "word":
                meta.append((f"{find}(e.meta_words, %s) > 0", needle))
        for weight, tests in ((TITLE_WEIGHT, title), (META_WEIGHT, meta)):
            if tests:
                terms.append(
                    f"CASE WHEN {' OR '.join(t for t, _ in tests)} THEN {weight} ELSE 0 END"
                )
                params.extend(n for _, n in tests)
    return ("(" + " + ".join(terms) + ")" if terms else "0"), params


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


class _SQLite:
    """FTS5: search_fts's rowid is the entry's id (a recency key), so date order is its order."""

    key = "search_fts.rowid"
    find = "instr"
    #: Newest first is the order the index reads its matches in (no sort, stops at the page).
    streams_newest = True

    @staticmethod
    def source(join: bool) -> str:
        joined = " JOIN search_searchentry e ON e.id = search_fts.rowid" if join else ""
        return "search_fts" + joined

    @staticmethod
    def match(p: Plan) -> tuple[str, list]:
        return "search_fts MATCH %s", [fts5_of(p)]


class _Postgres:
    """Two GIN-indexed tsvectors on search_searchentry itself."""

    key = "e.id"
    find = "strpos"
    #: GIN returns its matches unordered: newest first is a sort, or a walk (_walk_newest)
    #: that needs the count's density.
    streams_newest = False

    @staticmethod
    def source(join: bool) -> str:
        return "search_searchentry e"

    @staticmethod
    def match(p: Plan) -> tuple[str, list]:
        return postgres_condition(p)


def _backend():
    return _SQLite if connection.vendor == "sqlite" else _Postgres


def _execute(cursor, sql: str, params, *, allow_index_scan: bool) -> None:
    """Run one search statement. PostgreSQL: with the planner made to find the matches through
    the GIN index (a bitmap), never by reading every row's vector. Its cost model does not
    count the unpacking of a TOASTed tsvector, so it would otherwise take a sequential scan (or
    a walk of the primary key) that unpacks thousands of vectors: 50 ms for a capped count of
    路 at 100k, 3 ms through the index. A walk of the primary key stays allowed where it is
    the way (_walk_newest). The settings are set and reset around the statement in its own
    round trip (one message of three statements: a failed statement's transaction takes the
    SET back with it)."""
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    names = ["enable_seqscan"] + ([] if allow_index_scan else ["enable_indexscan"])
    cursor.execute(
        "".join(f"SET {name} = off; " for name in names)
        + sql
        + "".join(f"; RESET {name}" for name in names),
        params,
    )
    for _ in names:
        cursor.nextset()  # past the SETs' results, to the statement's


_READ = "frequencies read"  # a key of ``seen``, with the plan they were read for


def _frequency_lookup(p: Plan, filters: Filters) -> tuple[str, list] | None:
    """PostgreSQL, no filters: the statement that reads the document frequencies of the plan's
    single words and characters and the number of entries (_known_count); None otherwise."""
    if connection.vendor != "postgresql" or _set_filters(filters) or not p:
        return None
    keys = {term_key(a.kind, a.tokens[0]) for group in p for a in group if len(a.tokens) == 1}
    if not keys:
        return None
    return "SELECT term, df FROM search_searchterm WHERE term = ANY(%s)", [
        [ENTRIES_KEY, *sorted(keys)]
    ]


def _keep_frequencies(seen: dict, p: Plan, rows) -> None:
    seen.update((term, max(value, 0)) for term, value in rows)
    seen[_READ, p] = True


def _known_count(cursor, p: Plan, filters: Filters, exclude, cap: int, seen: dict) -> int | None:
    """PostgreSQL: the capped count of a query without filters, where the document frequencies
    (SearchTerm, kept with the index) tell it without visiting a row; None where they do not.

    One word or character: its frequency. Several terms (each a group of alternatives): every
    group matches at least as many entries as its most frequent single word or character, and
    terms that each match more than a share of the N entries must match together at least
    Σ − (k − 1)·N of them (Bonferroni's inequality); when that is at least ``cap``, the capped
    count is ``cap`` (安全生产: 安全 72,538 + 生产 57,543 − 100,000 ≥ 10,001). The frequencies
    read are kept in ``seen`` for the page (_walk_newest reads the number of entries)."""
    lookup = None if exclude else _frequency_lookup(p, filters)
    if lookup is None:
        return None
    if (_READ, p) not in seen:  # not read ahead with the 文号/索引号 lookup (exact_matches)
        cursor.execute(*lookup)
        _keep_frequencies(seen, p, cursor.fetchall())
    df = seen
    if len(p) == 1 and len(p[0]) == 1 and len(p[0][0].tokens) == 1:
        (alternative,) = p[0]
        return min(df.get(term_key(alternative.kind, alternative.tokens[0]), 0), cap)
    least = sum(
        max(
            (df.get(term_key(a.kind, a.tokens[0]), 0) for a in group if len(a.tokens) == 1),
            default=0,
        )
        for group in p
    )
    entries = df.get(ENTRIES_KEY) if len(p) > 1 else 0
    if entries is not None and least - (len(p) - 1) * entries >= cap:
        return cap
    return None


def _union_count(cursor, p: Plan, cap: int, seen: dict) -> int | None:
    """PostgreSQL, one term of two or three alternatives (a word and its synonyms) whose
    frequencies were read (no filters): the count by inclusion–exclusion — the frequencies'
    sum, less the entries that have two of them, plus those with all three — counting only the
    entries that hold several alternatives, not every match (出租车 at 100k: 5,755 matches,
    6.4 ms to count them; the entries with both 出租车 and 出租汽车 are a few hundred). Each
    frequency is under ``cap`` here (_known_count answered otherwise), so no intersection
    counted is larger than a capped count would be. None where this does not apply."""
    if len(p) != 1 or not 2 <= len(p[0]) <= 3 or (_READ, p) not in seen:
        return None
    group = p[0]
    if any(len(a.tokens) != 1 for a in group):
        return None
    subsets = [c for k in range(2, len(group) + 1) for c in combinations(group, k)]
    parts, params = [], []
    for subset in subsets:
        condition, condition_params = postgres_condition(tuple((a,) for a in subset))
        parts.append(f"(SELECT count(*) FROM search_searchentry e WHERE {condition})")  # noqa: S608
        params.extend(condition_params)
    _execute(cursor, "SELECT " + ", ".join(parts), params, allow_index_scan=False)
    together = cursor.fetchone()
    total = sum(seen.get(term_key(a.kind, a.tokens[0]), 0) for a in group)
    total += sum((-1) ** (len(s) + 1) * n for s, n in zip(subsets, together, strict=True))
    return min(total, cap)


def count(cursor, p: Plan, filters: Filters, cap: int, exclude=(), seen=None) -> int:
    """How many entries match, counting at most ``cap``. ``seen``: a dict that keeps the
    document frequencies read on the way, for the page query of the same search."""
    seen = {} if seen is None else seen
    known = _known_count(cursor, p, filters, exclude, cap, seen)
    if known is None and not exclude:
        known = _union_count(cursor, p, cap, seen)
    if known is not None:
        return known
    db = _backend()
    where, params = _filter_sql(filters)
    match, match_params = db.match(p)
    not_in, excluded = _exclude_sql(db.key, exclude)
    _execute(
        cursor,
        f"SELECT count(*) FROM (SELECT 1 FROM {db.source(bool(where))} "  # noqa: S608
        f"WHERE {match}{where}{not_in} LIMIT %s) capped",
        [*match_params, *params, *excluded, cap],
        allow_index_scan=False,
    )
    return cursor.fetchone()[0]


#: PostgreSQL's walk of the newest entries (below) reads at most this many rows.
WALK_MAX = 8_000


def page_ids(
    cursor, p: Plan, filters: Filters, sort, offset, limit, exclude=(), *, total=0, seen=None
) -> list[int]:
    """Item ids of one page: newest first, or by the ranking (ties newest first). ``total``:
    the capped count, which tells PostgreSQL whether the matches are dense enough to find the
    newest by walking the newest entries (_walk_newest); ``seen``: the frequencies the count
    read (count())."""
    db = _backend()
    where, params = _filter_sql(filters)
    match, match_params = db.match(p)
    not_in, excluded = _exclude_sql(db.key, exclude)
    if sort == "date" and total > RANK_LIMIT and db is _Postgres:
        found = _walk_newest(
            cursor, p, (where, params), (not_in, excluded), offset, limit, total, seen or {}
        )
        if found is not None:
            return found
    if sort != "date" and _title_first(p, total):
        return _ranked_title_first(
            cursor, p, (match, match_params), (where, params), (not_in, excluded), offset, limit
        )
    if sort == "date":
        order, order_params = f"{db.key} DESC", []
    else:
        rank, order_params = rank_sql(p, db.find)
        order = f"{rank} DESC, e.id DESC"
    _execute(
        cursor,
        f"SELECT e.item_id FROM {db.source(True)} "  # noqa: S608 (constants only)
        f"WHERE {match}{where}{not_in} ORDER BY {order} LIMIT %s OFFSET %s",
        [*match_params, *params, *excluded, *order_params, limit, offset],
        allow_index_scan=False,
    )
    return [row[0] for row in cursor.fetchall()]


#: A ranked query of words matching at least this many entries is ranked title and metadata
#: first (_ranked_title_first): on SQLite any such query, on PostgreSQL one of one term (a word
#: and its synonyms) — its planner filters several terms' matches by the title/metadata
#: expression row by row rather than intersect the two indexes (农村公路 养护: 25 ms against 8).
TITLE_FIRST_MIN = 1_000


def _title_first(p: Plan, total: int) -> bool:
    if total < TITLE_FIRST_MIN or not all(a.kind == "word" for group in p for a in group):
        return False
    return len(p) == 1 or connection.vendor == "sqlite"


def _ranked_title_first(cursor, p: Plan, matching, filtered, excluding, offset, limit) -> list[int]:
    """The ranked page of common words, without scoring every match. Only the matches whose
    title or metadata has one of the words score above 0 (rank_sql): those are found through
    the index (FTS5's title and meta columns; on PostgreSQL the GIN index of
    indexer.PG_TITLE_META) and ranked; the rest all score 0 and follow newest first, which the
    index streams. The same
    order as scoring every match (the tests compare both): 基础设施 at 100k, 4,995 matches of
    which 717 have it in the title or the metadata — the page no longer reads the 4,278
    others."""
    db = _backend()
    match, match_params = matching
    where, params = filtered
    not_in, excluded = excluding
    rank, rank_params = rank_sql(p, db.find)
    words = list(dict.fromkeys(a.tokens[0] for group in p for a in group))
    if db is _SQLite:
        options = " OR ".join(_quote(w) for w in words)
        scored_match = f"({match_params[0]}) AND {{title meta}} : ({options})"
        # FTS5 folds case where the ranking does not: it is the ranking that says who scored.
        scored = f"{match}{where}{not_in} AND {rank} > 0"
        scored_args = [scored_match, *params, *excluded, *rank_params]
    else:
        # The index's own expression (one table here: its columns need no alias).
        scored = f"{match} AND {PG_TITLE_META} && %s::text[]{where}{not_in}"
        scored_args = [*match_params, words, *params, *excluded]
    _execute(
        cursor,
        f"SELECT e.item_id FROM {db.source(True)} WHERE {scored} "  # noqa: S608
        f"ORDER BY {rank} DESC, e.id DESC LIMIT %s OFFSET %s",
        [*scored_args, *rank_params, limit, offset],
        allow_index_scan=False,
    )
    found = [row[0] for row in cursor.fetchall()]
    if len(found) == limit:
        return found
    if found or offset == 0:
        before = offset + len(found)  # every scored match (the page ran past them)
    else:
        _execute(
            cursor,
            f"SELECT count(*) FROM {db.source(True)} WHERE {scored}",  # noqa: S608
            scored_args,
            allow_index_scan=False,
        )
        before = cursor.fetchone()[0]
    _execute(
        cursor,
        f"SELECT e.item_id FROM {db.source(True)} "  # noqa: S608
        f"WHERE {match}{where}{not_in} AND {rank} = 0 ORDER BY {db.key} DESC LIMIT %s OFFSET %s",
        [
            *match_params,
            *params,
            *excluded,
            *rank_params,
            limit - len(found),
            offset + len(found) - before,
        ],
        allow_index_scan=False,
    )
    return found + [row[0] for row in cursor.fetchall()]


def _walk_newest(
    cursor, p: Plan, filtered, excluding, offset, limit, total, seen: dict
) -> list[int] | None:
    """PostgreSQL, newest first, for a query matching thousands: read the newest entries one by
    one (the primary key backwards) until the page is full, instead of fetching every match
    and sorting them. The walk is bounded — a few times the rows the matches' density says the
    page needs, at most WALK_MAX — so that matches all in old documents (a word of 2020 asked
    in 2026) cost a bounded walk and then the sort, never a walk through the whole index.
    None when the walk did not fill the page (the caller sorts the matches)."""
    where, params = filtered
    not_in, excluded = excluding
    match, match_params = postgres_condition(p)
    entries = seen.get(ENTRIES_KEY)
    if entries is None:
        cursor.execute("SELECT df FROM search_searchterm WHERE term = %s", [ENTRIES_KEY])
        row = cursor.fetchone()
        entries = row[0] if row else 0
    window = min(WALK_MAX, 4 * (offset + limit) * entries // max(total, 1) + 100)
    if window < offset + limit:
        return None
    _execute(
        cursor,
        # The subquery's order carries through the filter (no sort above it), so the walk stops
        # as soon as the page is full.
        "SELECT e.item_id FROM (SELECT * FROM search_searchentry "  # noqa: S608
        "ORDER BY id DESC LIMIT %s) e "
        f"WHERE {match}{where}{not_in} ORDER BY e.id DESC LIMIT %s OFFSET %s",
        [window, *match_params, *params, *excluded, limit, offset],
        allow_index_scan=True,
    )
    found = [row[0] for row in cursor.fetchall()]
    return found if len(found) == limit else None


#: What a hit shows (the results page, the API's search, the snippet): the gate query loads
#: these and no more — an item row has 40 columns, its agency and column 30 more, and turning
#: the rest into Python cost the gate query more than finding the page (0.8 ms of 2.8 on
#: PostgreSQL). A consumer reading another field would load it one item at a time: the tests
#: count the statements of the search page and of the API's search.
HIT_FIELDS = (
    "title",
    "body",
    "redacted_body",
    "disclosure",
    "doc_number",
    "index_number",
    "publisher_name",
    "written_date",
    "published_at",
    "topic",
    "validity",
    "agency__code",
    "agency__name",
    "entry__name",
    "entry__parent_id",
)


def _hits_of(ids):
    """The gate's query for the items of a page (its order is the caller's)."""
    return (
        InformationItem.objects.published()
        .filter(pk__in=ids)
        .select_related("agency", "entry")
        .only(*HIT_FIELDS)
    )


#: At most this many exact 文号/索引号 matches head the first page.
EXACT_MAX = 5


def exact_matches(
    query: str, filters: Filters, *, ahead: tuple[Plan, dict] | None = None
) -> list[tuple[int, int]]:
    """(index entry id, item id) of the entries whose 文号 or 索引号 is the query, however it is
    written (keys.py), within the filters, newest first (the entry id is the recency key), at
    most EXACT_MAX: these come first. The gate that decides which of them are shown is the
    page's own (search() asks it once for these and the page's hits together).

    ``ahead``: (the query's plan, the search's ``seen``). On PostgreSQL without filters the
    document frequencies the count will read (_known_count) come in the same round trip, a
    second statement of the same message, and are kept in ``seen``."""
    lookups = [
        (column, key)
        for column, key in (("doc_key", keys.doc_key(query)), ("index_key", keys.index_key(query)))
        if key
    ]
    frequencies = _frequency_lookup(ahead[0], filters) if ahead else None
    if not lookups:
        return []
    # One statement, a lookup through each key's index (an OR across both makes planners
    # scan), then the gate on the items they found.
    where, params = _filter_sql(filters)
    sql = " UNION ALL ".join(
        f"SELECT * FROM (SELECT e.item_id, e.id FROM search_searchentry e "  # noqa: S608
        f"WHERE e.{column} = %s{where} LIMIT 50) AS by_{column}"
        for column, _ in lookups
    )
    params = [value for _, key in lookups for value in (key, *params)]
    with connection.cursor() as cursor:
        if frequencies and ahead:
            # Client-side binding (settings.py) sends both statements as one message.
            cursor.execute(f"{sql}; {frequencies[0]}", [*params, *frequencies[1]])
            found = dict(cursor.fetchall())  # item id: its entry (one each)
            cursor.nextset()
            _keep_frequencies(ahead[1], ahead[0], cursor.fetchall())
        else:
            cursor.execute(sql, params)
            found = dict(cursor.fetchall())
    return sorted(((entry, item) for item, entry in found.items()), reverse=True)[:EXACT_MAX]


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


def _newest_then_count(
    cursor, p: Plan, filters: Filters, offset, limit, exclude=(), seen=None
) -> tuple[list[int], int]:
    """The page newest first, then the capped count — unless the first page came back short:
    then it is every match, counted without a second pass over the index."""
    ids = page_ids(cursor, p, filters, "date", offset, limit, exclude)
    if offset == 0 and len(ids) < limit:
        return ids, len(ids)
    return ids, count(cursor, p, filters, COUNT_CAP + 1, exclude, seen)


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
    terms = plan(groups) if groups else ()
    seen: dict = {}  # document frequencies read on the way (PostgreSQL), for the count and page
    # Exact 文号/索引号 matches head the first page and are counted once in the total; every
    # later page starts that many places earlier in the rest.
    exact = exact_matches(query, filters, ahead=(terms, seen))
    exclude = tuple(entry_id for entry_id, _ in exact)
    if results.page == 1:
        offset, limit = 0, max(page_size - len(exact), 0)
    else:
        offset, limit = (results.page - 1) * page_size - len(exact), page_size
    ids: list[int] = []
    total, fetched = 0, False
    if groups:
        with connection.cursor() as cursor:
            if exact and terms and offset == 0 and limit and _backend().streams_newest:
                # After an exact 文号/索引号 the rest come newest first, in the order FTS5
                # reads its matches: the first page first, and a page that comes back short
                # is every match, counted without a second pass over the index (东交〔2024〕97号
                # at 1M items: its words' AND costs ~5 ms a pass).
                ids, total = _newest_then_count(cursor, terms, filters, 0, limit, exclude, seen)
                fetched = True
            elif terms:
                # The capped count first: it costs at most COUNT_CAP index steps, and it says
                # whether ranking the matches would be cheap (≤ RANK_LIMIT) or a sort of
                # thousands.
                total = count(cursor, terms, filters, COUNT_CAP + 1, exclude, seen)
            if total == 0 and not exact:
                # The words match nothing: the characters, first as the phrases typed (a word
                # jieba cut differently in the document), then each one anywhere; approximate.
                paired = indexer.pairs_indexed()
                for fallback in (
                    plan(groups, chars_only=True, paired=paired),
                    characters_plan(groups),
                ):
                    if fallback and fallback != terms:
                        terms = fallback
                        # Newest first (below): a first page that comes back short is the
                        # whole answer, and a few matches need no second scan to be counted.
                        ids, total = _newest_then_count(cursor, terms, filters, offset, limit)
                        if total:
                            results.approximate, fetched = True, True
                            break
            if results.approximate:
                # Characters carry no weight in the ranking: approximate results come newest
                # first.
                sort = "date"
            elif sort == "relevance" and (total > RANK_LIMIT or exact):
                # Too many to rank quickly, or the 文号/索引号 itself was asked for (it comes
                # first): the rest newest first, which the index streams in rowid order.
                sort, results.by_date = "date", total > RANK_LIMIT
            if total and limit and offset < total and not fetched:
                ids = page_ids(
                    cursor,
                    terms,
                    filters,
                    sort,
                    offset,
                    limit,
                    exclude,
                    total=total,
                    seen=seen,
                )
    overall = total + len(exact)
    results.total_capped = overall > COUNT_CAP
    results.total = min(overall, COUNT_CAP)
    results.pages = (results.total + page_size - 1) // page_size
    if not exact and results.page == 1:
        results.suggestions = suggestions(query) if _worth_suggesting(query) else []
    # The gate, again: whatever the index says, only published items are shown — one query
    # for the exact matches (page 1) and the page's hits.
    exact_ids = [item_id for _, item_id in exact] if results.page == 1 else []
    wanted = [*exact_ids, *ids]
    by_id = {item.pk: item for item in _hits_of(wanted).order_by()} if wanted else {}
    marks = _marks(query, tuple(t for group in groups for t in group))
    heads = sorted(
        (by_id[pk] for pk in exact_ids if pk in by_id),
        key=lambda item: (item.published_at, item.pk),
        reverse=True,
    )
    for item in heads:
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
