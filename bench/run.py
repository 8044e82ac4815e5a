"""The whole benchmark in one run, written to bench/RESULTS.md (``make bench``).

    .venv/bin/python bench/run.py                  # 100k and 1M items
    BENCH_SIZES=100000 .venv/bin/python bench/run.py   # a quicker run
    .venv/bin/python bench/run.py --report bench/var/results/<run>   # rewrite RESULTS.md only

Environment: BENCH_SIZES (comma-separated, default 100000,1000000), BENCH_HTTP_SIZE (the database
the HTTP load runs against, default the smallest size), BENCH_DURATION (seconds per HTTP case,
default 25), BENCH_REPS (search() repetitions, default 30), BENCH_REINDEX (time the index build
again, default 1: a kept database's figure is then a re-index, a fresh one's both), BENCH_FORCE=1 (regenerate the databases), BENCH_DB (the
databases the search is measured on: "sqlite,postgres" by default; for PostgreSQL each size is
copied row for row into a throw-away server started by scripts/with-postgres.sh with
BENCH_PG_OPTS, its index built there twice and timed, then the same queries asked).

Each step runs in its own process (each database needs its own Django settings); raw figures go
to bench/var/results/<UTC time>/*.json, and RESULTS.md is written from them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = str(ROOT / ".venv" / "bin" / "python")

TARGET_P95_MS = 30.0
TARGET_LIKE_RATIO = 100.0
TARGET_ITEM_SHARE = 0.5
TARGET_INDEX_RATE = 1000.0
# Issue 18: PostgreSQL beside SQLite.
TARGET_P95_BOTH_MS = 10.0  # every kind, at the largest size, on both databases
TARGET_PG_RATIO = 1.5  # PostgreSQL p95 ÷ SQLite p95, each kind
TARGET_BUILD_RATE = 2000.0  # items/s, first build and re-index, both databases
TARGET_PAGE_RATIO = 1.5  # the search page ÷ its search()
TARGET_PG_SIZE_RATIO = 1.5  # PostgreSQL's search tables ÷ SQLite's
# The server the benchmark starts: settings docs/search.md recommends for a search host.
BENCH_PG_OPTS = (
    "-c shared_buffers=2GB -c effective_cache_size=8GB -c random_page_cost=1.1 "
    "-c work_mem=16MB -c maintenance_work_mem=512MB -c jit=off"
)


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def step(args: list[str]) -> None:
    log("$", " ".join(args))
    subprocess.run([PY, *args], cwd=ROOT, check=True)


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    info = {"cpu": platform.processor() or "?", "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    info["kernel"] = platform.release()
    try:
        info["os"] = (
            Path("/etc/os-release").read_text().split('PRETTY_NAME="', 1)[1].split('"', 1)[0]
        )
    except (OSError, IndexError):
        info["os"] = platform.platform()
    versions = subprocess.run(
        [
            PY,
            "-c",
            "import sqlite3, sys, django, gunicorn, importlib.metadata as m; "
            "print(sys.version.split()[0], sqlite3.sqlite_version, django.__version__, "
            "gunicorn.__version__, m.version('rjieba'))",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    if len(versions) == 5:
        info.update(
            python=versions[0],
            sqlite=versions[1],
            django=versions[2],
            gunicorn=versions[3],
            rjieba=versions[4],
        )
    wrk = shutil.which("wrk")
    if wrk:
        out = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        info["wrk"] = (out.stdout or out.stderr).split("[")[0].replace("wrk", "").strip()
    return info


def databases() -> list[str]:
    return [d.strip() for d in os.environ.get("BENCH_DB", "sqlite,postgres").split(",") if d]


#: From this size a LIKE scan takes seconds (7–10 s at 1M): one LIKE page and one LIKE page +
#: count per query, so that a run of both sizes on both databases ends in well under two hours.
LIKE_ONCE_FROM = 1_000_000


def like_flags(size: int) -> list[str]:
    return ["--like-reps", "1", "--count-reps", "1"] if size >= LIKE_ONCE_FROM else []


def step_postgres(size: int, reps: str, out: Path) -> None:
    """Copy the size's database into a throw-away PostgreSQL, build the index there (timed,
    twice), then ask the SQLite run's queries (scripts/with-postgres.sh stops the server)."""
    queries = out / f"search-{size}.json"
    script = (
        f"{PY} bench/pg_load.py --size {size} && "
        f"{PY} bench/search_latency.py --size {size} --reps {reps} {' '.join(like_flags(size))} "
        f"--queries {queries} --json {out / f'search-{size}-postgres.json'}"
    )
    env = dict(os.environ, GONGKAI_PG_OPTS=os.environ.get("BENCH_PG_OPTS", BENCH_PG_OPTS))
    log(f"$ scripts/with-postgres.sh sh -c '{script}'")
    subprocess.run(["scripts/with-postgres.sh", "sh", "-c", script], cwd=ROOT, env=env, check=True)
    shutil.copy(BENCH / "var" / str(size) / "pg-meta.json", out / f"pg-meta-{size}.json")


def run(sizes: list[int], http_size: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    meta = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "sizes": sizes,
        "http_size": http_size,
        "load_before": loadavg(),
    }
    (out / "run.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    reps = os.environ.get("BENCH_REPS", "30")
    duration = os.environ.get("BENCH_DURATION", "25")
    for size in sizes:
        flags = []
        if os.environ.get("BENCH_FORCE") == "1":
            flags.append("--force")
        if os.environ.get("BENCH_REINDEX", "1") == "1":
            flags.append("--reindex")
        step(["bench/generate.py", "--size", str(size), *flags])
        shutil.copy(BENCH / "var" / str(size) / "meta.json", out / f"meta-{size}.json")
    meta["load_after_generation"] = loadavg()
    step(
        [
            "bench/index_profile.py",
            "--size",
            str(min(sizes)),
            "--json",
            str(out / "index-profile.json"),
        ]
    )
    for size in sizes:
        step(
            [
                "bench/search_latency.py",
                "--size",
                str(size),
                "--reps",
                reps,
                *like_flags(size),
                "--json",
                str(out / f"search-{size}.json"),
            ]
        )
        if "postgres" in databases():
            step_postgres(size, reps, out)
    meta["load_after_search"] = loadavg()
    step(
        [
            "bench/http_load.py",
            "--size",
            str(http_size),
            "--duration",
            duration,
            "--json",
            str(out / "http.json"),
        ]
    )
    step(["bench/report_tables.py", "--json", str(out / "reports.json")])
    step(
        [
            "bench/inspect_run.py",
            "--size",
            str(min(sizes)),
            "--json",
            str(out / "inspect.json"),
        ]
    )
    step(
        [
            "bench/static_site.py",
            "--size",
            str(http_size),
            "--json",
            str(out / "static.json"),
        ]
    )
    meta["load_after"] = loadavg()
    meta["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    (out / "run.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))


# --- RESULTS.md ---------------------------------------------------------------------------------


def ok(flag: bool) -> str:
    return "✓" if flag else "✗"


def fmt_ms(x: float) -> str:
    if x >= 1000:
        return f"{x / 1000:.2f} s"
    if x >= 100:
        return f"{x:.0f} ms"
    if x >= 10:
        return f"{x:.1f} ms"
    return f"{x:.2f} ms"


def n(x: int) -> str:
    return f"{x:,}"


def scope_lookup(o: dict) -> str:
    """What the page cache asks the database before answering (older runs made two queries)."""
    if "scope_lookup_ms" in o:
        return (
            "one query for the agency and its public generation (compiled once per process) "
            f"{fmt_ms(o['scope_lookup_ms'])}"
        )
    return (
        f"two lookups (agency {fmt_ms(o['agency_lookup_ms'])}, generation "
        f"{fmt_ms(o['generation_lookup_ms'])})"
    )


def size_label(size: int) -> str:
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}k"


def report(out: Path) -> str:
    run_meta = json.loads((out / "run.json").read_text())
    sizes = run_meta["sizes"]
    metas = {s: json.loads((out / f"meta-{s}.json").read_text()) for s in sizes}
    searches = {
        s: json.loads((out / f"search-{s}.json").read_text())
        for s in sizes
        if (out / f"search-{s}.json").exists()
    }
    http = json.loads((out / "http.json").read_text()) if (out / "http.json").exists() else None
    prof = (
        json.loads((out / "index-profile.json").read_text())
        if (out / "index-profile.json").exists()
        else None
    )
    m = run_meta["machine"]
    if not m.get("wrk"):  # installed by http_load.py after the run started
        m["wrk"] = (http or {}).get("wrk_version") or machine().get("wrk")
    for size, mm in metas.items():
        # Runs before the WAL was checkpointed in generate.py recorded file + WAL together.
        if "wal_bytes_after_build" not in mm:
            db = BENCH / "var" / str(size) / "gongkai.sqlite3"
            if db.exists() and db.stat().st_size <= mm.get("db_bytes", 0):
                mm["wal_bytes_after_build"] = mm["db_bytes"] - db.stat().st_size
                mm["db_bytes"] = db.stat().st_size
    big = max(sizes)
    L = []
    w = L.append
    w("# Benchmark results")
    w("")
    w(
        f"Measured {run_meta['started'][:10]} ({run_meta['started']} → "
        f"{run_meta.get('finished', '?')} UTC) by `make bench` (bench/run.py), in one run. "
        "Raw figures: bench/var/results/ (not committed)."
    )
    w("")
    w(
        f"**Machine:** {m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM, "
        f"{m.get('os')} (kernel {m.get('kernel')}); shared with other work, so noisy: load average "
        f"{run_meta.get('load_before')} at the start, {run_meta.get('load_after_search')} after the "
        f"search measurements, {run_meta.get('load_after')} at the end (1, 5, 15 min). Figures "
        "below are medians and ratios of measurements taken side by side in this run."
    )
    w("")
    w(
        f"**Software:** Python {m.get('python')}, SQLite {m.get('sqlite')} (FTS5), Django "
        f"{m.get('django')}, gunicorn {m.get('gunicorn')}, rjieba {m.get('rjieba')}, wrk "
        f"{m.get('wrk')}."
    )
    w("")

    # Targets --------------------------------------------------------------------------------
    w("## Targets")
    w("")
    w("| target | measured | |")
    w("|---|---|---|")
    if big in searches:
        rows = searches[big]["queries"]
        worst = max(rows, key=lambda r: r["p95_ms"])
        w(
            f"| search p95 ≤ {TARGET_P95_MS:.0f} ms at {size_label(big)} items (every query) | "
            f"worst p95 {fmt_ms(worst['p95_ms'])} ({worst['kind']}: {worst['q']}); "
            f"{sum(r['p95_ms'] <= TARGET_P95_MS for r in rows)} of {len(rows)} queries within | "
            f"{ok(worst['p95_ms'] <= TARGET_P95_MS)} |"
        )
        low = min(rows, key=lambda r: r["ratio_page"])
        w(
            f"| search ≥ {TARGET_LIKE_RATIO:.0f}× faster than the LIKE scan at {size_label(big)} "
            "(median vs median; LIKE = first page, newest first) | "
            f"lowest ×{low['ratio_page']:,} ({low['kind']}); "
            f"{sum(r['ratio_page'] >= TARGET_LIKE_RATIO for r in rows)} of {len(rows)} queries "
            f"≥ ×{TARGET_LIKE_RATIO:.0f} | {ok(low['ratio_page'] >= TARGET_LIKE_RATIO)} |"
        )
    if http:
        item = http["item"]
        w(
            f"| item page ≥ {TARGET_ITEM_SHARE:.0%} of the minimal view's requests/s "
            f"({size_label(http['size'])} items, 50 connections) | uncached (20,000 items "
            f"rotated): {item['ratio_to_minimal']:.1%} ({item['rps']:,.0f} vs "
            f"{http['healthz']['rps']:,.0f} req/s); cached: "
            f"{http['item_cached']['ratio_to_minimal']:.1%} | "
            f"{ok(item['ratio_to_minimal'] >= TARGET_ITEM_SHARE)} uncached, "
            f"{ok(http['item_cached']['ratio_to_minimal'] >= TARGET_ITEM_SHARE)} cached |"
        )
    rates = [(s, metas[s]["index"]["items_per_s"]) for s in sizes]
    w(
        f"| index build ≥ {TARGET_INDEX_RATE:,.0f} items/s (`rebuild(workers=2)`) | "
        + ", ".join(f"{r:,.0f}/s at {size_label(s)}" for s, r in rates)
        + f" | {ok(all(r >= TARGET_INDEX_RATE for _, r in rates))} |"
    )
    if (out / "reports.json").exists():
        table_rows = json.loads((out / "reports.json").read_text())["rows"]
        w(
            "| annual report tables ≤ 2× one raw GROUP BY per table (one agency with 10,000 "
            "applications; a province of 2,000 agencies with 1,000,000) | "
            + ", ".join(f"×{r['ratio']} ({r['case'].split(' (')[0]})" for r in table_rows)
            + f" | {ok(all(r['ratio'] <= 2 for r in table_rows))} |"
        )
    if (out / "inspect.json").exists():
        ins = json.loads((out / "inspect.json").read_text())
        w(
            f"| `gongkai inspect` (links excluded) < {ins['target_s']} s at "
            f"{size_label(ins['size'])} | median {ins['median_s']} s of "
            f"{len(ins['runs_s'])} runs ({', '.join(f'{t} s' for t in ins['runs_s'])}; "
            f"{ins['agencies']} agencies, {ins['findings']:,} findings) | "
            f"{ok(ins['median_s'] < ins['target_s'])} |"
        )
    w("")

    # Data -----------------------------------------------------------------------------------
    w("## Data")
    w("")
    w(
        "bench/generate.py writes a fresh database per size: 200 agencies (江岭省: a province, "
        "five cities, ten counties, their departments and 19 townships) each with the standard "
        "catalogue (`catalogue_apply_template`, 24 columns), and items written with raw "
        "`executemany`: published (主动公开, 2 % 删减后公开) plus ~3 % that are not public "
        "(drafts, in review, withdrawn, recorded) for the gate to keep out; 索引号 "
        "`{agency}-{column}-{year}-{serial}`, a 文号 in GB/T 9704 form (青交〔2024〕12号) on ~40 %, "
        "published 2015 → November 2026 (more each year; publication follows drafting by hours to "
        "weeks, so primary-key order is not date order), files attached to ~25 % (采购文件, "
        "预决算表…). Text (bench/corpus.py): per-column titles and sentences with slots, the seed "
        "documents' 229 sentences, department profiles (交通、教育、卫健、住建…), and Zipf-weighted "
        "vocabularies — places, roads, companies (地名+商号+行业), people (张某某), amounts, dates, "
        "and the 20,000 commonest nouns of jieba's dictionary — so that a few words are in most "
        "documents and most words in a handful."
    )
    w("")
    w(
        "| size | rows (published + other) | attachments | with 文号 | body chars p10/p50/p90/max "
        "| distinct words | words in > 20,000 docs | Zipf slope (df vs rank 10–10⁴) | database | "
        "generation |"
    )
    w("|---|---|---|---|---|---|---|---|---|---|")
    for s in sizes:
        mm = metas[s]
        c = mm.get("corpus", {})
        lengths = "/".join(str(x) for x in c.get("body_chars_p10_p50_p90_max", []))
        w(
            f"| {size_label(s)} | {n(mm.get('rows', 0))} | {n(mm.get('attachments', [0])[0])} on "
            f"{n(mm.get('attachments', [0, 0])[1])} items | {mm.get('doc_number_share', 0):.0%} | "
            f"{lengths} | {n(c.get('distinct_words', 0))} | {n(c.get('words_over_rank_limit', 0))} "
            f"| {c.get('zipf_slope_rank_10_10000')} | {mm.get('db_bytes', 0) / 1e9:.1f} GB "
            f"(+{mm.get('wal_bytes_after_build', 0) / 1e9:.1f} GB WAL right after the index build) | "
            f"{mm.get('generate_seconds', 0):.0f} s |"
        )
    w("")
    c = metas[min(sizes)].get("corpus", {})
    if c.get("doc_share"):
        w(
            f"Share of documents containing a word ({size_label(min(sizes))}): "
            + ", ".join(f"{t} {v:.1%}" for t, v in c["doc_share"].items() if v)
            + ". Commonest words: "
            + "、".join(f"{t} ({d / c['docs']:.0%})" for t, d in c.get("top_words", [])[:10])
            + "."
        )
        w("")

    # Search -----------------------------------------------------------------------------------
    if searches:
        w("## Search latency")
        w("")
        any_s = next(iter(searches.values()))
        w(
            f"`gongkai.search.query.search(q)` as the search page calls it (page 1, relevance "
            f"asked; ranked (each term in the title 8, in the metadata 4, ties newest first) "
            f"when the query matches ≤ {any_s['rank_limit']:,} documents, newest "
            f"first otherwise or after an exact 文号; count capped at {any_s['count_cap']:,}; the gate query, the 文号 "
            f"exact match and snippets included), {searches[big]['queries'][0]['reps']} calls "
            "after two warm-up calls. LIKE: the same gate and `title`/`body`/`doc_number` "
            "`LIKE '%q%'` (each word of a two-term query), through the ORM — *page* = the "
            "newest 20 (`ORDER BY published_at DESC LIMIT 20`), *page + count* adds the "
            "`count(*)` a results page needs. × = LIKE median ÷ search() median."
        )
        w("")
        for s in sizes:
            if s not in searches:
                continue
            w(f"### {size_label(s)} items ({n(searches[s]['indexed'])} indexed)")
            w("")
            w(
                "| query | q | jieba terms (documents) | matches | order | p50 | p95 | "
                "LIKE page | × | LIKE page + count | × |"
            )
            w("|---|---|---|---|---|---|---|---|---|---|---|")
            for r in searches[s]["queries"]:
                terms = " · ".join(f"{t} ({d:,})" for t, d in r["df"].items())
                order = "date (fallback)" if r["by_date"] else "ranked"
                if r.get("first_exact"):
                    order = "文号 first, then date"
                total = f"{r['total']:,}{'+' if r['total_capped'] else ''}"
                w(
                    f"| {r['kind']} | {r['q']} | {terms} | {total} | {order} | "
                    f"{fmt_ms(r['p50_ms'])} | {fmt_ms(r['p95_ms'])} | "
                    f"{fmt_ms(r['like_page_p50_ms'])} | ×{r['ratio_page']:,} | "
                    f"{fmt_ms(r['like_count_p50_ms'])} | ×{r['ratio_count']:,} |"
                )
            w("")
        w("### Where search() spends its time (medians, ms)")
        w("")
        w(
            "One instrumented call per repetition: `count` (the capped count, which also "
            "decides rank or date order), `page_ids` (the page; both also timed alone), "
            "`exact_matches` (文号/索引号), the gate query for the page's ids (alone), snippets, "
            "and the rest."
        )
        w("")
        w(
            "| size | query | search() | capped count | page | page / count alone "
            "| order | exact_matches | gate query | snippets | rest |"
        )
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        for s in sizes:
            if s not in searches:
                continue
            for r in searches[s]["queries"]:
                b = r["breakdown"]
                w(
                    f"| {size_label(s)} | {r['q']} | {b['total']:.2f} | {b['count']:.2f} | "
                    f"{b['page']:.2f} | {b['page_alone']:.2f} / {b['count_alone']:.2f} | "
                    f"{b['page_order']} | {b['exact']:.2f} | {b['gate_query']:.2f} | "
                    f"{b['snippets']:.2f} | {b['other']:.2f} |"
                )
        w("")

    postgres_section(out, sizes, searches, metas, w)

    # Index build -----------------------------------------------------------------------------
    w("## Index build")
    w("")
    w(
        "`gongkai.search.indexer.rebuild(workers=2)` (oldest publication first, batches of 2,000: the next batch is segmented in two "
        "processes while this one writes SearchEntry + FTS5 rows; `optimize` and ANALYZE at the end) over every "
        "published item, timed whole; the write and the final optimise are timed inside it."
    )
    w("")
    w("| size | items | time | items/s | read + segment | write | optimise | measured |")
    w("|---|---|---|---|---|---|---|---|")
    for s in sizes:
        i = metas[s]["index"]
        w(
            f"| {size_label(s)} | {n(i['items'])} | {i['seconds']:.0f} s | "
            f"**{i['items_per_s']:,.0f}** | {i['read_and_segment_seconds']:.0f} s | "
            f"{i['write_seconds']:.0f} s | {i['optimise_seconds']:.0f} s | {i['measured_at']} |"
        )
    w("")
    if prof:
        w(
            f"Per-part rates on a sample of {prof['sample']:,} documents of the "
            f"{size_label(prof['size'])} database (bench/index_profile.py, scratch database): "
            f"segmentation (`_segment_row`, one process) **{prof['segment_docs_per_s_one_process']:,.0f}"
            f" docs/s**; FTS5 inserts into an empty table in primary-key order ("
            f"{prof['rowid_decreases_in_pk_order']:.0%} of consecutive rowids go down) "
            f"**{prof['fts_pk_order_docs_per_s']:,.0f} docs/s**, in rowid (recency) order, as rebuild() writes them, "
            f"**{prof['fts_rowid_order_docs_per_s']:,.0f} docs/s**; SearchEntry inserts "
            f"{prof['searchentry_docs_per_s']:,.0f} docs/s."
        )
        w("")

    # HTTP ------------------------------------------------------------------------------------
    if http:
        w("## HTTP: the production server under 50 connections")
        w("")
        w(
            f"`gongkai serve` (gunicorn, 2 gthread workers × 8 threads, DEBUG=0, collected static, access log on) "
            f"against the {size_label(http['size'])} database on 127.0.0.1; wrk, one thread, "
            f"{http['connections']} connections, {http['duration_s']} s per case after a warm-up "
            "on other paths, a Lua script rotating through the paths. /healthz (no database, no "
            "template: the minimal Django view through the whole middleware stack) ran first and "
            "last; its figure is the mean of both."
        )
        w("")
        w("| case | paths rotated | req/s | p50 | p99 | ÷ minimal | errors | wrk CPU |")
        w("|---|---|---|---|---|---|---|---|")
        labels = [
            ("healthz_first", "/healthz (first)"),
            ("healthz_last", "/healthz (last)"),
            ("item", "item page, uncached"),
            ("item_without_files", "item page, uncached, items without attachments"),
            ("item_cached", "item page, cached (50 items)"),
            ("search", "search page, uncached (5,000 queries)"),
            ("search_cached", "search page, cached (one query)"),
        ]
        for key, label in labels:
            r = http[key]
            share = f"{r['ratio_to_minimal']:.1%}" if "ratio_to_minimal" in r else "—"
            w(
                f"| {label} | {n(r['paths'])} | {r['rps']:,.1f} | {fmt_ms(r['p50_ms'])} | "
                f"**{fmt_ms(r['p99_ms'])}** | {share} | {r['errors'] or 0} | "
                f"{r['wrk_cpu_share']:.0%} |"
            )
        w("")
        p = http["profile"]
        o = p["overheads"]
        w(
            "In-process (Django test client, page cache cleared before each page, 150 pages): "
            f"item page median {fmt_ms(p['item']['median_ms'])} (p90 "
            f"{fmt_ms(p['item']['p90_ms'])}; SQL mean {fmt_ms(p['item']['sql_mean_ms'])}; its QR "
            f"code, an image of its own drawn afresh, {fmt_ms(p['item']['qr_median_ms'])}), items "
            "without attachments "
            f"{fmt_ms(p['item_without_files']['median_ms'])} (p90 "
            f"{fmt_ms(p['item_without_files']['p90_ms'])}), search page "
            f"{fmt_ms(p['search']['median_ms'])} (SQL median {fmt_ms(p['search']['sql_median_ms'])}"
            f"). The attachment query alone: {fmt_ms(p['attachment_query']['with_files_ms'])} for "
            f"an item with files, {fmt_ms(p['attachment_query']['without_files_ms'])} without. "
            f"Fixed costs: /healthz {fmt_ms(o['healthz_ms'])}, a cached item page "
            f"{fmt_ms(o['item_cached_ms'])}, opening the SQLite connection with its PRAGMAs "
            f"{fmt_ms(o['connect_ms'])} (paid once per worker: `CONN_MAX_AGE`), "
            f"{scope_lookup(o)}."
        )
        w("")

    if (out / "static.json").exists():
        static_section(json.loads((out / "static.json").read_text()), w)

    # Notes -----------------------------------------------------------------------------------
    w("## Notes")
    w("")
    notes = notes_for(sizes, metas, searches, http, prof)
    for i, note in enumerate(notes, 1):
        w(f"{i}. {note}")
    w("")
    w("## Reproduce")
    w("")
    w(
        "`make bench` (as root it installs wrk with apt-get when missing; jieba's dictionary is "
        "fetched once with `pip download jieba==0.42.1` for the noun list, without installing "
        "it). `BENCH_SIZES=100000 make bench` for a quick run. Databases are kept in "
        "bench/var/<size>/ and reused when they hold the right number of items (their index "
        "build time is then the one measured when they were built: see *measured* above); "
        "`BENCH_REINDEX=1` times the build again, `BENCH_FORCE=1` regenerates. Disk: "
        + ", ".join(f"{metas[s].get('db_bytes', 0) / 1e9:.1f} GB at {size_label(s)}" for s in sizes)
        + "."
    )
    w("")
    reports_file = out / "reports.json"
    if reports_file.exists():
        w("")
        w(json.loads(reports_file.read_text())["markdown"])
    return "\n".join(L)


def postgres_section(out: Path, sizes, searches, metas, w) -> None:
    """Issue 18: the same queries on PostgreSQL beside SQLite, the index build on both, the
    search tables' sizes and the search page's own cost."""
    pg = {
        s: json.loads((out / f"search-{s}-postgres.json").read_text())
        for s in sizes
        if (out / f"search-{s}-postgres.json").exists()
    }
    loads = {
        s: json.loads((out / f"pg-meta-{s}.json").read_text())
        for s in sizes
        if (out / f"pg-meta-{s}.json").exists()
    }
    if not pg:
        return
    any_load = next(iter(loads.values()), {})
    w("## PostgreSQL beside SQLite")
    w("")
    w(
        f"Each size's database copied row for row into PostgreSQL {any_load.get('postgres', '?')} "
        "(bench/pg_load.py, a throw-away server from scripts/with-postgres.sh with "
        + ", ".join(f"{k}={v}" for k, v in any_load.get("settings", {}).items())
        + "), its index built there by `indexer.rebuild(workers=2)` twice (first build on the "
        "copy, then a re-index), then the SQLite run's queries asked, same repetitions. One "
        "code path per database (gongkai/search/query.py): FTS5 on SQLite; on PostgreSQL two "
        "unweighted tsvectors (`words`, `chars`) with a GIN index each, and a GIN index of the "
        "title's and metadata's words (ranked pages of common words); one ranking computed the "
        "same way on both."
    )
    w("")
    big = max(pg)
    w("| target | measured | |")
    w("|---|---|---|")
    worst = []
    for db, data in (("SQLite", searches.get(big)), ("PostgreSQL", pg[big])):
        if data:
            r = max(data["queries"], key=lambda r: r["p95_ms"])
            worst.append((db, r))
    w(
        f"| every kind p95 ≤ {TARGET_P95_BOTH_MS:.0f} ms at {size_label(big)} on both | "
        + "; ".join(f"{db} worst {fmt_ms(r['p95_ms'])} ({r['kind']})" for db, r in worst)
        + f" | {ok(all(r['p95_ms'] <= TARGET_P95_BOTH_MS for _, r in worst))} |"
    )
    for s in sorted(pg):
        if s not in searches:
            continue
        lite = {r["kind"]: r for r in searches[s]["queries"]}
        ratios = [
            (r["kind"], r["p95_ms"] / lite[r["kind"]]["p95_ms"])
            for r in pg[s]["queries"]
            if r["kind"] in lite
        ]
        top = max(ratios, key=lambda x: x[1])
        w(
            f"| PostgreSQL p95 ≤ {TARGET_PG_RATIO}× SQLite's, each kind, {size_label(s)} | "
            f"highest ×{top[1]:.2f} ({top[0]}); "
            f"{sum(x <= TARGET_PG_RATIO for _, x in ratios)} of {len(ratios)} within | "
            f"{ok(top[1] <= TARGET_PG_RATIO)} |"
        )
        lows = []
        for db, data in (("SQLite", searches[s]), ("PostgreSQL", pg[s])):
            low = min(data["queries"], key=lambda r: r["ratio_count"])
            lows.append((db, low))
        w(
            f"| search ≥ ×10 faster than LIKE page + count, each kind, {size_label(s)} | "
            + "; ".join(f"{db} lowest ×{r['ratio_count']:,} ({r['kind']})" for db, r in lows)
            + f" | {ok(all(r['ratio_count'] >= 10 for _, r in lows))} |"
        )
        pages = [
            (db, max(data.get("pages", []), key=lambda r: r["ratio"], default=None))
            for db, data in (("SQLite", searches[s]), ("PostgreSQL", pg[s]))
        ]
        pages = [(db, r) for db, r in pages if r]
        if pages:
            w(
                f"| search page ≤ {TARGET_PAGE_RATIO}× its search(), {size_label(s)} | "
                + "; ".join(f"{db} worst ×{r['ratio']} ({r['kind']})" for db, r in pages)
                + f" | {ok(all(r['ratio'] <= TARGET_PAGE_RATIO for _, r in pages))} |"
            )
    for s, load in sorted(loads.items()):
        lite = metas.get(s, {})
        rates = [
            (f"SQLite {label} ({lite[key]['measured_at'][:10]})", lite[key]["items_per_s"])
            for key, label in (("index_first", "first build"), ("index_again", "re-index"))
            if key in lite
        ] + [
            ("PostgreSQL first build", load["index_first"]["items_per_s"]),
            ("PostgreSQL re-index", load["index_again"]["items_per_s"]),
        ]
        w(
            f"| index build ≥ {TARGET_BUILD_RATE:,.0f} items/s, {size_label(s)} | "
            + ", ".join(f"{label} {rate:,.0f}/s" for label, rate in rates)
            + f" | {ok(all(rate >= TARGET_BUILD_RATE for _, rate in rates))} |"
        )
        ratio = load["pg_sizes"]["total"] / max(load["sqlite_sizes"]["total"], 1)
        w(
            f"| PostgreSQL search tables ≤ {TARGET_PG_SIZE_RATIO}× SQLite's, {size_label(s)} | "
            f"{load['pg_sizes']['total'] / 2**20:,.0f} MB vs "
            f"{load['sqlite_sizes']['total'] / 2**20:,.0f} MB: ×{ratio:.2f} | "
            f"{ok(ratio <= TARGET_PG_SIZE_RATIO)} |"
        )
    w("")
    for s in sorted(pg):
        if s not in searches:
            continue
        lite = {r["kind"]: r for r in searches[s]["queries"]}
        w(f"### {size_label(s)} items: search() on both databases")
        w("")
        w(
            "| query | q | matches SQLite / PG | SQLite p50 / p95 | PostgreSQL p50 / p95 | "
            "PG ÷ SQLite (p95) | PG LIKE page (×) | PG LIKE page + count (×) |"
        )
        w("|---|---|---|---|---|---|---|---|")
        for r in pg[s]["queries"]:
            lo = lite.get(r["kind"])
            if not lo:
                continue
            w(
                f"| {r['kind']} | {r['q']} | {lo['total']:,}{'+' if lo['total_capped'] else ''} / "
                f"{r['total']:,}{'+' if r['total_capped'] else ''} | "
                f"{fmt_ms(lo['p50_ms'])} / {fmt_ms(lo['p95_ms'])} | "
                f"{fmt_ms(r['p50_ms'])} / {fmt_ms(r['p95_ms'])} | "
                f"×{r['p95_ms'] / lo['p95_ms']:.2f} | {fmt_ms(r['like_page_p50_ms'])} "
                f"(×{r['ratio_page']:,}) | {fmt_ms(r['like_count_p50_ms'])} "
                f"(×{r['ratio_count']:,}) |"
            )
        w("")
        w(
            "Where the time goes (medians, ms; one instrumented search() per repetition): the "
            "capped count, the page query, the 文号/索引号 lookup, the gate query, snippets, rest."
        )
        w("")
        w("| query | DB | search() | count | page | exact | gate | snippets | rest |")
        w("|---|---|---|---|---|---|---|---|---|")
        for r in pg[s]["queries"]:
            for db, row in (("SQLite", lite.get(r["kind"])), ("PostgreSQL", r)):
                b = (row or {}).get("breakdown")
                if not b or "count" not in b:
                    continue
                w(
                    f"| {r['kind']} | {db} | {b['total']} | {b['count']} | {b['page']} | "
                    f"{b['exact']} | {b['gate_query']} | {b['snippets']} | {b['other']} |"
                )
        w("")
        plans = [(r["kind"], r["breakdown"].get("plans")) for r in pg[s]["queries"]]
        plans = [(k, p) for k, p in plans if p]
        if plans:
            w("PostgreSQL's plans (EXPLAIN ANALYZE BUFFERS, first lines):")
            w("")
            for kind, p in plans:
                if "count" not in p:
                    w(f"- {kind}, count: from the document frequencies (search_searchterm)")
                for name, plan in p.items():
                    lines = [x.strip() for x in plan if "->" in x or "Limit" in x]
                    w(f"- {kind}, {name}: " + " · ".join(lines[:4]))
            w("")
        w("The search page (GET /search/?q=…, in-process) beside its search():")
        w("")
        w("| query | DB | search() | page p50 / p95 | × | rest | statements |")
        w("|---|---|---|---|---|---|---|")
        for db, data in (("SQLite", searches[s]), ("PostgreSQL", pg[s])):
            for r in data.get("pages", []):
                w(
                    f"| {r['kind']} | {db} | {fmt_ms(r['search_p50_ms'])} | "
                    f"{fmt_ms(r['page_p50_ms'])} / {fmt_ms(r['page_p95_ms'])} | ×{r['ratio']} | "
                    f"{fmt_ms(r['rest_p50_ms'])} | {r['statements']} |"
                )
        w("")
    for s, load in sorted(loads.items()):
        ps, ls = load["pg_sizes"], load["sqlite_sizes"]
        w(
            f"Index build at {size_label(s)} on PostgreSQL: copy of {load['rows_copied']:,} rows "
            f"in {load['copy_seconds']} s; first build {load['index_first']['seconds']} s "
            f"({load['index_first']['items_per_s']:,.0f}/s), re-index "
            f"{load['index_again']['seconds']} s ({load['index_again']['items_per_s']:,.0f}/s). "
            f"Search tables: PostgreSQL {ps['total'] / 2**20:,.0f} MB (search_searchentry "
            f"{ps['search_searchentry']['total'] / 2**20:,.0f} MB of which indexes "
            f"{ps['search_searchentry']['indexes'] / 2**20:,.0f} MB, search_searchsource "
            f"{ps['search_searchsource']['total'] / 2**20:,.0f} MB); SQLite {ls['total'] / 2**20:,.0f}"
            f" MB (FTS5 {ls['fts'] / 2**20:,.0f} MB, search_searchentry "
            f"{ls['search_searchentry'] / 2**20:,.0f} MB, search_searchsource "
            f"{ls['search_searchsource'] / 2**20:,.0f} MB)."
        )
        w("")


def static_section(st: dict, w) -> None:
    """静态发布 (bench/static_site.py): nginx and the static site against Django, one run."""
    b = st["build"]
    w("## 静态发布 (static site)")
    w("")
    w(
        f"bench/static_site.py on a copy of the {size_label(st['size'])} database: nginx "
        "(deploy/nginx/gongkai-static.conf, one worker process) in front of `gongkai serve`, wrk "
        "one thread, 50 connections, all cases in one run, side by side."
    )
    w("")
    w(
        "| case | paths rotated | req/s | p50 | p99 | KB | ÷ /healthz via Django | ÷ plain 30 KB file |"
    )
    w("|---|---|---|---|---|---|---|---|")
    labels = {
        "plain_30k_file": "nginx: a plain 30 KB file",
        "static_item": "nginx: static item pages",
        "static_column": "nginx: static column pages",
        "healthz_django": "/healthz through nginx to Django",
        "django_item_uncached": "item pages through nginx to Django (uncached)",
    }
    for name, label in labels.items():
        r = st.get(name)
        if not r:
            continue
        w(
            f"| {label} | {r['paths']:,} | {r['rps']:,.0f} | {fmt_ms(r['p50_ms'])} | "
            f"{fmt_ms(r['p99_ms'])} | {r['kb_per_response']} | "
            f"{r.get('ratio_to_healthz', 1.0):.2f} | {r.get('ratio_to_plain_file', 1.0):.3f} |"
        )
    w("")
    p = st.get("publish_to_served_s")
    w(
        f"`gongkai site build` (2 processes): {b['rate']:,.1f} pages/s over the first "
        f"{b['pages']:,} pages in build order ({b['seconds']} s); the whole site is "
        f"{b['site_pages']:,} pages (items, their QR codes and files, every column page, feeds), "
        f"so a first build takes about {b['projected_full_build_min']} min at that rate. "
        + (
            f"From a correction's commit to nginx serving the new page (worker polling every "
            f"{p['worker_poll_interval_s']} s; the task re-renders the item, the agency's home, "
            f"feeds and every column page): median {p['median']} s ({', '.join(map(str, p['each']))} s). "
            if p
            else ""
        )
        + f"`gongkai migrate` on the copy took {st['migrate_s']} s."
    )
    w("")


def statistics_exact(rows) -> float:
    values = sorted(
        r["with_statistics"]["exact_matches_ms"] for r in rows if "with_statistics" in r
    )
    return values[len(values) // 2] if values else float("nan")


def notes_for(sizes, metas, searches, http, prof) -> list[str]:
    notes = []
    big = max(sizes)
    if big in searches:
        s = searches[big]
        rows = s["queries"]
        parts = {
            key: max(r["breakdown"][key] for r in rows)
            for key in ("count", "page", "exact", "gate_query", "snippets")
        }
        worst = max(rows, key=lambda r: r["p95_ms"])
        notes.append(
            f"**How search() stays flat from 100k to {size_label(big)} items.** (1) The 文号/"
            "索引号 exact match looks the string up through the two columns' own indexes and only "
            f"then asks the gate about the rows found (worst {parts['exact']:.2f} ms; plan "
            f"`{' → '.join(s['plans']['exact_matches'])}`). (2) One capped count "
            f"(`LIMIT {s['count_cap'] + 1:,}`) gives the total shown and decides the order: over "
            f"{s['rank_limit']:,} matches, or after an exact 文号, the page is newest first, which "
            "FTS5 streams in rowid order (the rowid is the publication-time key) and stops after "
            f"20; otherwise the ranking (title, metadata, then date: the same on both databases) "
            f"orders at most {s['rank_limit']:,} documents (worst capped count "
            f"{parts['count']:.2f} ms, worst page {parts['page']:.2f} ms). (3) The gate query for the "
            f"page's ids ({parts['gate_query']:.2f} ms at most) and the snippets "
            f"({parts['snippets']:.2f} ms) are per page, not per match. Slowest query: "
            f"{worst['q']} at p95 {fmt_ms(worst['p95_ms'])}. Planner statistics come from the "
            f"ANALYZE that `rebuild()` and `migrate` run (`sqlite_stat1` present: "
            f"{s['plans']['has_sqlite_stat1']})."
        )
        low = min(rows, key=lambda r: r["ratio_page"])
        notes.append(
            f"**LIKE ratios.** The LIKE page goes through the same gate and sorts by date (plan "
            f"`{' → '.join(s['plans']['like_page'])}`); it is cheapest for words in most "
            "documents (the newest 20 are found early) and dearest for rare words and 文号, "
            f"which scan everything. The lowest ratio at {size_label(big)} is "
            f"×{low['ratio_page']:,} ({low['q']}). Ratios are medians of {rows[0]['reps']} "
            f"search() calls against {rows[0]['like_page_reps']} LIKE page and "
            f"{rows[0]['like_count_reps']} page + count scans."
        )
    if http:
        p = http["profile"]
        o = p["overheads"]
        notes.append(
            f"**Item page vs the minimal view: {http['item']['ratio_to_minimal']:.1%} uncached, "
            f"{http['item_cached']['ratio_to_minimal']:.1%} cached.** /healthz does no I/O "
            f"({fmt_ms(o['healthz_ms'])} in-process), so the ratio measures everything the page "
            "adds. Uncached, an item page costs "
            f"{fmt_ms(p['item_without_files']['median_ms'])} in-process without files (its QR "
            "code is an image of its own, `qr.svg`, drawn in "
            f"{fmt_ms(p['item_without_files']['qr_median_ms'])} and then kept per URL) and "
            f"{fmt_ms(p['attachment_query']['with_files_ms'])} more with files; most of it is "
            "template rendering and the catalogue beside the item. Cached, the page makes "
            f"{scope_lookup(o)} on a persistent connection "
            f"(`CONN_MAX_AGE`; a new one would cost {fmt_ms(o['connect_ms'])}) before answering "
            f"from the cache: {fmt_ms(o['item_cached_ms'])} in-process. A rendered page cannot "
            "reach half the throughput of a view that does nothing; in production a front cache "
            "honouring the ETags (`must-revalidate`) serves repeat requests without Django."
        )
        notes.append(
            f"**Search page under load: {http['search']['rps']:,.1f} req/s, p99 "
            f"{fmt_ms(http['search']['p99_ms'])} uncached** (in-process median "
            f"{fmt_ms(p['search']['median_ms'])}, of which SQL {fmt_ms(p['search']['sql_median_ms'])}"
            f") at {size_label(http['size'])}."
        )
        if any(http[k]["errors"] for k in ("item", "search", "healthz_first", "healthz_last")):
            notes.append(
                "wrk reported errors (see the table): timeouts are requests slower than 10 s."
            )
    rates = {s: metas[s]["index"] for s in sizes}
    i = rates[big]
    txt = (
        f"**Index build: {i['items_per_s']:,.0f} items/s at {size_label(big)}.** "
        "rebuild() reads the public items oldest publication first (so every FTS5 insert "
        "appends: the rowid is the recency key), hands batch n+1 to two segmentation workers "
        "before writing batch n (the workers also compress the text kept for deletions), and "
        "writes 2,000 items per transaction; meanwhile FTS5 holds up to 64 MB of pending terms "
        "(one segment per batch) and leaves the segments unmerged (automerge 0; a crisis "
        "merge at 64) for the final `optimize` to merge in one pass (FTS5's defaults come "
        "back afterwards): "
        f"{i['write_seconds']:.0f} s writing, {i['read_and_segment_seconds']:.0f} s waiting for "
        f"segmentation, {i['optimise_seconds']:.0f} s for `optimize` and ANALYZE."
    )
    if prof:
        txt += (
            f" Per document: segmentation {1000 / prof['segment_docs_per_s_one_process']:.2f} ms "
            f"of one core; the FTS5 insert {1000 / prof['fts_rowid_order_docs_per_s']:.2f} ms in "
            f"rowid order against {1000 / prof['fts_pk_order_docs_per_s']:.2f} ms out of order."
        )
    notes.append(txt)
    notes.append(
        "**Data realism, and its limits.** Body lengths and the head of the vocabulary behave "
        "like a portal's (公开, 工作, 建设 in most documents; department words in their share; "
        "places and companies in a handful), but the text is generated from a few hundred "
        "templates, so phrases repeat more than real prose and the mid-frequency vocabulary is "
        "thinner (steeper Zipf slope than natural text's ≈ −1). Query words were chosen before "
        "measuring; the ranked worst case is picked by rule (the commonest profile word with "
        "df ≤ RANK_LIMIT)."
    )
    return notes


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", type=Path, help="rewrite RESULTS.md from a run's directory")
    args = parser.parse_args(argv)
    if args.report:
        out = args.report
    else:
        sizes = [
            int(x) for x in os.environ.get("BENCH_SIZES", "100000,1000000").split(",") if x.strip()
        ]
        http_size = int(os.environ.get("BENCH_HTTP_SIZE", min(sizes)))
        if http_size not in sizes:
            sizes.append(http_size)
        sizes.sort()
        out = BENCH / "var" / "results" / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        free = shutil.disk_usage(BENCH).free / 1e9
        log(f"sizes {sizes}, HTTP load on {http_size:,}; {free:.0f} GB free; results in {out}")
        run(sizes, http_size, out)
    text = report(out)
    (BENCH / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
    log(f"wrote {BENCH / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
