"""Search latency on one generated database, next to a LIKE '%…%' scan of the same data.

    .venv/bin/python bench/search_latency.py --size 100000 [--reps 30] [--like-reps 5] [--json out]

Every figure is ``gongkai.search.query.search(query)`` as the search page calls it (segmentation,
document-frequency lookup, FTS5 query, capped count, the gate query on InformationItem, snippets),
timed with ``time.perf_counter`` after two warm-up calls. Next to it: the LIKE search a portal
without an index would run — through the same gate, over title, body and 文号:

* "LIKE page": the first 20 matches, newest first (``ORDER BY published_at DESC LIMIT 20``);
* "LIKE page + count": the same plus ``count(*)`` of all matches, which a results page needs for its
  total and its pagination (search() returns both).

Then where search()'s time goes (one instrumented call per query, repeated): the capped count
(which also decides rank or date order), the FTS5 page query, the 文号/索引号 exact-match query, the gate query with its joins,
and the rest (highlighting, snippets).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))


def setup_django(size: int) -> None:
    os.environ["GONGKAI_VAR_DIR"] = str(BENCH / "var" / str(size))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def timed(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


# --- Choosing the queries ---------------------------------------------------------------------


def _df(cursor, term: str) -> int:
    """Documents holding the word (SQLite: FTS5's vocabulary; PostgreSQL: a GIN count)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        cursor.execute("SELECT doc FROM search_fts_vocab WHERE term = %s", [term])
        row = cursor.fetchone()
        return row[0] if row else 0
    from gongkai.search.query import _lexeme

    cursor.execute(
        "SELECT count(*) FROM search_searchentry WHERE words @@ %s::tsquery", [_lexeme(term)]
    )
    return cursor.fetchone()[0]


def pick_queries() -> list[dict]:
    """The issue's five kinds, plus a rare word and the worst ranked case (a word just under
    RANK_LIMIT documents, so the ranking has to score all of them)."""
    from django.db import connection

    import corpus
    from gongkai.publishing.models import InformationItem
    from gongkai.search import segment
    from gongkai.search.query import RANK_LIMIT

    queries = [
        {"kind": "1 character", "q": "路"},
        {"kind": "2 characters", "q": "公开"},
        {"kind": "4 characters (2 words)", "q": "道路运输"},
        {"kind": "4 characters (1 word)", "q": "安全生产"},
        {"kind": "two terms", "q": "农村公路 养护"},
    ]
    # A 文号 that exists: a 交通运输局's notice, the most recent of 2024.
    doc_number = (
        InformationItem.objects.published()
        .filter(doc_number__regex=r"^.交〔2024〕[0-9]+号$")
        .order_by("-pk")
        .values_list("doc_number", flat=True)
        .first()
    ) or (
        InformationItem.objects.published()
        .exclude(doc_number="")
        .order_by("pk")
        .values_list("doc_number", flat=True)
        .first()
    )
    queries.append({"kind": "文号", "q": doc_number})
    # Issue 16's forms: the same 文号 as people type it (no 〔〕 on a keyboard, no 号), an
    # everyday word whose official form is in the documents, and words that match only as
    # characters (three capped counts: words, phrases, characters).
    typed = doc_number.replace("〔", "[").replace("〕", "]").removesuffix("号")
    queries.append({"kind": "文号 as typed ([], no 号)", "q": typed})
    queries.append({"kind": "synonym (出租车 → 出租汽车)", "q": "出租车"})
    queries.append({"kind": "characters fallback", "q": "公路养管"})
    with connection.cursor() as cursor:
        # A rare word: the first of the generator's villages jieba keeps whole, in 3–30 documents.
        composer = corpus.Composer(corpus.agency_tree(), nouns=[])
        rare = None
        for name in composer.villages.items[2000:]:
            stem = name[:-1]
            if segment.query_terms(stem) == (stem,) and 3 <= _df(cursor, stem) <= 30:
                rare = stem
                break
        if rare:
            queries.append({"kind": "rare word", "q": rare})
        # The worst ranked case: the commonest profile word still at or under RANK_LIMIT.
        candidates = set()
        for profile in corpus.PROFILES.values():
            for phrase in profile.works + profile.licences + profile.projtypes + profile.policies:
                for word in segment.query_terms(phrase):
                    if len(word) >= 2:
                        candidates.add(word)
        for phrase in corpus.GENERIC_WORKS + corpus.BRANDS:
            for word in segment.query_terms(phrase):
                if len(word) >= 2:
                    candidates.add(word)
        best, best_df = None, -1
        for word in sorted(candidates):
            df = _df(cursor, word)
            if best_df < df <= RANK_LIMIT:
                best, best_df = word, df
        if best:
            queries.append({"kind": f"ranked worst case (df ≤ {RANK_LIMIT:,})", "q": best})
    for query in queries:
        with connection.cursor() as cursor:
            terms = segment.query_terms(query["q"])
            query["terms"] = list(terms)
            query["df"] = {t: _df(cursor, t) for t in terms}
    return queries


# --- Measuring ----------------------------------------------------------------------------------


def like_queryset(q: str):
    from django.db.models import Q

    from gongkai.publishing.models import InformationItem

    items = InformationItem.objects.published()
    for word in q.split():
        items = items.filter(
            Q(title__contains=word) | Q(body__contains=word) | Q(doc_number__contains=word)
        )
    return items


def breakdown(q: str, reps: int) -> dict:
    """Medians of the parts of search(q), from ``reps`` instrumented calls: the capped count
    (which also decides rank or date order), the page query, the 文号/索引号 lookup, snippets and
    the gate query; then the two statements alone and (PostgreSQL) their plans."""
    from django.db import connection

    from gongkai.search import query as query_module
    from gongkai.search import synonyms

    parts: dict[str, list[float]] = {
        k: [] for k in ("total", "count", "page", "exact", "snippets", "gate_query")
    }
    names = {"count": "count", "page": "page_ids", "exact": "exact_matches", "snippets": "snippet"}
    originals = {key: getattr(query_module, name) for key, name in names.items()}
    current: dict[str, float] = {}

    def wrap(name, fn):
        def inner(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                current[name] = current.get(name, 0.0) + time.perf_counter() - t

        return inner

    for key, fn in originals.items():
        setattr(query_module, names[key], wrap(key, fn))
    try:
        for _ in range(reps):
            current.clear()
            t = time.perf_counter()
            results = query_module.search(q)
            parts["total"].append(time.perf_counter() - t)
            for key in names:
                parts[key].append(current.get(key, 0.0))
    finally:
        for key, fn in originals.items():
            setattr(query_module, names[key], fn)
    ids = [h.item.pk for h in results.hits]
    parts["gate_query"] = timed(lambda: list(query_module._hits_of(ids).order_by()), reps)
    plan = query_module.plan(synonyms.query_groups(q))
    sort = "date" if results.by_date or results.approximate else "relevance"
    filters = query_module.Filters()

    def page():
        with connection.cursor() as c:
            originals["page"](c, plan, filters, sort, 0, 20, total=results.total)

    def count():
        with connection.cursor() as c:
            originals["count"](c, plan, filters, query_module.COUNT_CAP + 1)

    out = {k: ms(statistics.median(v)) for k, v in parts.items()}
    out["page_order"] = sort
    out["page_alone"] = ms(statistics.median(timed(page, reps)))
    out["count_alone"] = ms(statistics.median(timed(count, reps)))
    out["other"] = round(
        out["total"]
        - out["count"]
        - out["page"]
        - out["exact"]
        - out["snippets"]
        - out["gate_query"],
        3,
    )
    if connection.vendor == "postgresql" and plan:
        out["plans"] = postgres_plans(plan, sort, results.total)
    return out


def postgres_plans(plan, sort, total) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of the count and the page: the nodes, their times and the
    buffers they read (what the time goes to)."""
    from django.db import connection

    from gongkai.search import query as query_module

    captured = {}

    class Explain:
        """A cursor that explains each search statement, then runs it (so that query.py
        takes the path it takes for real); the plans under the statement's role ("page",
        then "page (then)" when the walk of the newest fell back to the sort)."""

        def __init__(self, cursor, name):
            self.cursor, self.name = cursor, name

        def execute(self, sql, params=None):
            parts = sql.split("; ")  # query.py sends "SET …; the statement; RESET …"
            settings = [x for x in parts if x.startswith(("SET ", "RESET "))]
            (statement,) = [x for x in parts if not x.startswith(("SET ", "RESET "))]
            if "search_searchterm" not in statement:
                sets = [x for x in settings if x.startswith("SET ")]
                for setting in sets:
                    self.cursor.execute(setting)
                self.cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) " + statement, params)
                key = self.name if self.name not in captured else f"{self.name} (then)"
                captured[key] = [row[0] for row in self.cursor.fetchall()]
                for setting in sets:
                    self.cursor.execute("RESET " + setting.split()[1])
            self.cursor.execute(sql, params)

        def nextset(self):
            return self.cursor.nextset()

        def fetchone(self):
            return self.cursor.fetchone()

        def fetchall(self):
            return self.cursor.fetchall()

    filters = query_module.Filters()
    with connection.cursor() as c:
        seen: dict = {}  # as search() does: the page reuses the frequencies the count read
        query_module.count(Explain(c, "count"), plan, filters, query_module.COUNT_CAP + 1, (), seen)
        query_module.page_ids(
            Explain(c, "page"), plan, filters, sort, 0, 20, total=total, seen=seen
        )
    return captured


def query_plans(q: str) -> dict:
    """The database's plans (with the statistics the index build leaves) for the 文号/索引号
    lookup and for the LIKE page."""
    from django.db import connection

    def plan(qs):
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                return [row[3] for row in cursor.fetchall()]
            cursor.execute("EXPLAIN " + sql, params)
            return [row[0] for row in cursor.fetchall()]

    from gongkai.search import keys
    from gongkai.search.models import SearchEntry

    exact = SearchEntry.objects.filter(doc_key=keys.doc_key(q)).values_list("item_id").order_by()
    has_stats = True
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            has_stats = bool(cursor.fetchone()[0])
    return {
        "has_sqlite_stat1": has_stats,
        "exact_matches": plan(exact),
        "like_page": plan(like_queryset(q).order_by("-published_at").values_list("pk")[:20]),
    }


def page_cost(queries: list[dict], reps: int) -> list[dict]:
    """The search page (GET /search/?q=…, in-process through the test client, as an anonymous
    visitor) next to its search() call, timed alternately; and what the rest of the page is:
    its other SQL statements and everything else (middleware, template)."""
    from urllib.parse import quote

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import gongkai.portal.views as views
    from gongkai.portal import caching
    from gongkai.search import query as query_module

    client = Client(HTTP_HOST="127.0.0.1")
    inner: list[float] = []
    original = query_module.search

    def timed_search(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            inner.append(time.perf_counter() - t)

    out = []
    for query in queries:
        q = query["q"]
        path = f"/search/?q={quote(q)}"
        for _ in range(2):
            assert client.get(path).status_code == 200, path
            query_module.search(q)
        pages, searches, others, statements = [], [], [], []
        for _ in range(reps):
            t = time.perf_counter()
            query_module.search(q)
            searches.append(time.perf_counter() - t)
            inner.clear()
            views.search = timed_search
            fresh = caching.FRESH.set(True)  # neither read nor fill the page cache
            try:
                t = time.perf_counter()
                response = client.get(path)
                pages.append(time.perf_counter() - t)
            finally:
                views.search = original
                caching.FRESH.reset(fresh)
            assert response.status_code == 200
            others.append(pages[-1] - sum(inner))
        # The statements counted on a request of their own: capturing them (a debug cursor)
        # would add its own time to the timed ones.
        fresh = caching.FRESH.set(True)
        try:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(path).status_code == 200
        finally:
            caching.FRESH.reset(fresh)
        statements.append(len(ctx.captured_queries))
        row = {
            "kind": query["kind"],
            "q": q,
            "search_p50_ms": ms(statistics.median(searches)),
            "page_p50_ms": ms(statistics.median(pages)),
            "page_p95_ms": ms(pct(pages, 95)),
            "rest_p50_ms": ms(statistics.median(others)),
            "statements": statistics.median(statements),
        }
        row["ratio"] = round(row["page_p50_ms"] / row["search_p50_ms"], 2)
        print(
            f"  page {query['kind']:<32} {q:<16} page {row['page_p50_ms']:7.2f} ms  search() "
            f"{row['search_p50_ms']:7.2f} ms  ×{row['ratio']}  rest {row['rest_p50_ms']:.2f} ms "
            f"({row['statements']} statements)",
            flush=True,
        )
        out.append(row)
    return out


def measure(size: int, reps: int, like_reps: int, count_reps: int, queries=None) -> dict:
    from django.db import connection

    from gongkai.search.query import COUNT_CAP, RANK_LIMIT, search

    queries = queries or pick_queries()
    rows = []
    for query in queries:
        q = query["q"]
        for _ in range(2):
            results = search(q)  # warm-up
        samples = timed(lambda q=q: search(q), reps)
        row = dict(query)
        row.update(
            approximate=results.approximate,
            total=results.total,
            total_capped=results.total_capped,
            by_date=results.by_date,
            hits=len(results.hits),
            first_exact=bool(results.hits and results.hits[0].exact),
            p50_ms=ms(statistics.median(samples)),
            p95_ms=ms(pct(samples, 95)),
            max_ms=ms(max(samples)),
            reps=reps,
        )
        like = like_queryset(q)
        page = timed(
            lambda like=like: list(
                like.order_by("-published_at").values_list("pk", flat=True)[:20]
            ),
            like_reps,
        )
        counts = timed(
            lambda like=like: (
                list(like.order_by("-published_at").values_list("pk", flat=True)[:20]),
                like.count(),
            ),
            count_reps,
        )
        row.update(
            like_total=like.count(),
            like_page_p50_ms=ms(statistics.median(page)),
            like_page_reps=like_reps,
            like_count_p50_ms=ms(statistics.median(counts)),
            like_count_reps=count_reps,
        )
        row["ratio_page"] = round(row["like_page_p50_ms"] / row["p50_ms"], 1)
        row["ratio_count"] = round(row["like_count_p50_ms"] / row["p50_ms"], 1)
        row["breakdown"] = breakdown(q, max(5, reps // 3))

        print(
            f"  {size:>8,} {query['kind']:<32} {q:<16} search p50 {row['p50_ms']:8.2f} ms "
            f"p95 {row['p95_ms']:8.2f} ms  total {row['total']:>6}{'+' if row['total_capped'] else ''}"
            f" by_date={row['by_date']!s:<5}  LIKE page {row['like_page_p50_ms']:9.1f} ms "
            f"(×{row['ratio_page']}), page+count {row['like_count_p50_ms']:9.1f} ms "
            f"(×{row['ratio_count']})",
            flush=True,
        )
        rows.append(row)
    plans = query_plans(next(r["q"] for r in rows if r["kind"] == "文号"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchentry")
        indexed = cursor.fetchone()[0]
    pages = page_cost(queries, max(10, reps // 2))
    return {
        "database": connection.vendor,
        "pages": pages,
        "plans": plans,
        "size": size,
        "indexed": indexed,
        "rank_limit": RANK_LIMIT,
        "count_cap": COUNT_CAP,
        "queries": rows,
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--like-reps", type=int, default=5)
    parser.add_argument("--count-reps", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--queries",
        type=Path,
        help="the queries of an earlier run's JSON (so that both databases answer the same ones)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH))
    setup_django(args.size)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)  # a kept database, newer code
    call_command("collectstatic", verbosity=0, interactive=False)  # the search page's CSS
    queries = None
    if args.queries:
        queries = [
            {k: row[k] for k in ("kind", "q", "terms", "df")}
            for row in json.loads(args.queries.read_text())["queries"]
        ]
    result = measure(args.size, args.reps, args.like_reps, args.count_reps, queries)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()
