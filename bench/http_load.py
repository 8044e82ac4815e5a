"""Requests/s and p99 of portal pages under 50 connections, on the production server.

    .venv/bin/python bench/http_load.py --size 100000 [--duration 25] [--json out]

Starts ``gongkai serve`` (gunicorn, 2 gthread workers × 8 threads, DEBUG off, collected static
files) on a free port of 127.0.0.1 against bench/var/<size>/, waits for /healthz, and loads it with
wrk (one thread, 50 connections, a Lua script rotating through a list of paths) for ``--duration``
seconds per case:

* /healthz — the minimal Django view (whole middleware stack, no database, no template);
* item pages, rotating over 20,000 random published items (each page requested about once, so the
  per-process page cache seldom helps — the uncached case), then over the items without
  attachments only, then over 50 items (all cached after the warm-up);
* the search page, rotating over 5,000 different queries (uncached), then one query (cached).

/healthz runs first and last; its figure is the mean of the two. The server is always stopped
(its process group is killed), traffic goes to 127.0.0.1 only, and every run is bounded by
``--duration``. Before the load, each page kind is rendered in-process through Django's test
client to show where its time goes (SQL statements, the QR code, the rest).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(BENCH))

LUA = r"""
local paths = {}
local counter = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = tonumber(args[2] or "0")
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def ensure_wrk() -> str:
    """wrk from Debian; installed with apt-get when running as root and missing."""
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() != 0:
        raise SystemExit(
            "wrk is missing: run `apt-get install wrk` as root (or `make bench` as root)"
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env, check=True)
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(size: int) -> dict:
    env = dict(os.environ)
    env.update(
        GONGKAI_VAR_DIR=str(BENCH / "var" / str(size)),
        DEBUG="0",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        GONGKAI_WORKERS="2",
    )
    env.pop("GONGKAI_HTTPS", None)
    return env


# --- What to request ------------------------------------------------------------------------------


def item_paths(db: Path, count: int, seed: int, with_attachments: bool | None = None) -> list[str]:
    conn = sqlite3.connect(db)
    sql = (
        "SELECT i.id, a.code FROM publishing_informationitem i JOIN org_agency a "
        "ON a.id = i.agency_id WHERE i.status = 'published' AND i.index_number IS NOT NULL "
        "AND i.disclosure IN ('active', 'redacted')"
    )
    if with_attachments is False:
        sql += " AND NOT EXISTS (SELECT 1 FROM publishing_attachment f WHERE f.item_id = i.id)"
    rows = conn.execute(sql).fetchall()
    conn.close()
    rng = random.Random(seed)
    rng.shuffle(rows)
    return [f"/xxgk/{code}/item/{pk}/" for pk, code in rows[:count]]


def search_queries(count: int, seed: int) -> list[str]:
    """Distinct queries of the kinds people type: one word, two words, a place, a company."""
    import corpus

    rng = random.Random(seed)
    words = set()
    for profile in corpus.PROFILES.values():
        words.update(profile.works + profile.licences + profile.projtypes)
    words.update(corpus.GENERIC_WORKS)
    words = sorted(w.strip("“”") for w in words)
    composer = corpus.Composer(corpus.agency_tree(), nouns=[])
    places = composer.towns.items + composer.villages.items[:3000]
    short = [
        "路",
        "公开",
        "道路运输",
        "安全生产",
        "农村公路 养护",
        "养护",
        "采购",
        "招聘",
        "处罚",
        "许可",
    ]
    out = set(short)
    while len(out) < count:
        x = rng.random()
        if x < 0.35:
            q = rng.choice(words)
        elif x < 0.65:
            q = f"{rng.choice(words)} {rng.choice(words)}"
        elif x < 0.85:
            q = rng.choice(places)
        else:
            q = f"{rng.choice(places)} {rng.choice(words)}"
        out.add(q[:100])
    out = sorted(out)
    rng.shuffle(out)
    return ["/search/?q=" + urllib.parse.quote(q) for q in out]


# --- In-process profile of one page kind --------------------------------------------------------


def page_profile(paths: list[str]) -> dict:
    """Median time of a page rendered through the test client (page cache bypassed), its SQL
    time, and for item pages the time of their QR code image (a request of its own), over
    ``paths``."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.portal import views

    client = Client(HTTP_HOST="127.0.0.1")
    totals, sql, qr, queries, slowest = [], [], [], [], []
    for path in paths:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - t
        assert response.status_code == 200, (path, response.status_code)
        sql_times = []
        for q in ctx.captured_queries:
            sql_times.append(float(q["time"]))
        totals.append(elapsed)
        # Django rounds each statement's time to 1 ms: sum them, and also time the slowest.
        sql.append(sum(sql_times))
        queries.append(len(ctx.captured_queries))
        top = max(ctx.captured_queries, key=lambda q: float(q["time"]), default=None)
        if top is not None:
            slowest.append((float(top["time"]), top["sql"][:160]))
        if "/item/" in path:
            # The page's QR code is an image of its own (qr.svg): drawn afresh here.
            cache.clear()
            views.qr_svg.cache_clear()
            t = time.perf_counter()
            assert client.get(path + "qr.svg").status_code == 200, path
            qr.append(time.perf_counter() - t)
    slowest.sort(reverse=True)
    return {
        "pages": len(paths),
        "median_ms": round(statistics.median(totals) * 1000, 2),
        "p90_ms": round(sorted(totals)[int(len(totals) * 0.9)] * 1000, 2),
        "sql_median_ms": round(statistics.median(sql) * 1000, 2),
        "sql_mean_ms": round(statistics.mean(sql) * 1000, 2),
        "qr_median_ms": round(statistics.median(qr) * 1000, 2) if qr else 0.0,
        "queries_median": statistics.median(queries),
        "slowest_statement": slowest[0] if slowest else None,
    }


def attachment_query_cost(db: Path) -> dict:
    """The item page's attachment query, alone, for an item with files and one without."""
    from gongkai.portal import selectors
    from gongkai.publishing.models import InformationItem

    conn = sqlite3.connect(db)
    with_files = conn.execute(
        "SELECT item_id FROM publishing_attachment ORDER BY id LIMIT 1"
    ).fetchone()[0]
    without = conn.execute(
        "SELECT id FROM publishing_informationitem i WHERE status = 'published' AND NOT EXISTS "
        "(SELECT 1 FROM publishing_attachment f WHERE f.item_id = i.id) ORDER BY id LIMIT 1"
    ).fetchone()[0]
    conn.close()
    from django.db import connection

    sql, params = selectors.public_attachments(
        InformationItem(pk=with_files)
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        out = {"plan": [row[3] for row in cursor.fetchall()]}
    for label, pk in (("with_files", with_files), ("without_files", without)):
        item = InformationItem.objects.get(pk=pk)
        samples = []
        for _ in range(7):
            t = time.perf_counter()
            list(selectors.public_attachments(item))
            samples.append(time.perf_counter() - t)
        out[label + "_ms"] = round(statistics.median(samples) * 1000, 2)
    return out


def overheads(item_path: str) -> dict:
    """Fixed costs per request, in-process (no HTTP): the minimal view, a cached item page, opening
    the SQLite connection with its PRAGMAs (what a request would pay without CONN_MAX_AGE), and the
    one query the page cache makes before it can answer (the agency with its public generation)."""
    from django.db import connection
    from django.test import Client

    from gongkai.portal.caching import agency_scope

    client = Client(HTTP_HOST="127.0.0.1")
    code = item_path.split("/")[2]

    def median_ms(fn, n=300):
        samples = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
        return round(statistics.median(samples) * 1000, 3)

    def reconnect():
        connection.close()
        connection.ensure_connection()

    client.get(item_path)
    out = {
        "healthz_ms": median_ms(lambda: client.get("/healthz")),
        "item_cached_ms": median_ms(lambda: client.get(item_path)),
        "connect_ms": median_ms(reconnect),
        "scope_lookup_ms": median_ms(lambda: agency_scope(None, code)),
    }
    connection.close()
    return out


# --- Load ---------------------------------------------------------------------------------------


def run_wrk(
    wrk: str,
    base: str,
    paths: list[str],
    seconds: int,
    connections: int,
    work: Path,
    name: str,
    offset: int = 0,
) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    script = work / "rotate.lua"
    script.write_text(LUA)
    listing = work / f"{name}.txt"
    listing.write_text("\n".join(paths) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
            "--",
            str(listing),
            str(offset),
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {proc.stdout}\n{proc.stderr}")
    data = json.loads(line[5:])
    duration = data["duration_us"] / 1e6
    wrk_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "paths": len(paths),
        "seconds": round(duration, 1),
        "requests": data["requests"],
        "rps": round(data["requests"] / duration, 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p90_ms": round(data["p90_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "max_ms": round(data["max_us"] / 1000, 1),
        "errors": {
            k: data[k] for k in ("connect", "read", "write", "status", "timeout") if data[k]
        },
        "kb_per_response": round(data["bytes"] / max(data["requests"], 1) / 1024, 1),
        "wrk_cpu_share": round(wrk_cpu / duration, 3),
    }


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {seconds} s")


def fetch(url: str) -> tuple[int, int]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=25)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    var = BENCH / "var" / str(args.size)
    db = var / "gongkai.sqlite3"
    if not db.exists():
        raise SystemExit(f"{db} is missing: run bench/generate.py --size {args.size} first")
    wrk = ensure_wrk()
    env = server_env(args.size)
    subprocess.run([str(BIN / "gongkai"), "collectstatic", "--noinput", "-v0"], env=env, check=True)

    every = item_paths(db, 22_000, seed=11)
    cut = max(len(every) - 2_000, len(every) * 4 // 5)
    items, items_warm = every[: min(20_000, cut)], every[cut:]
    plain = item_paths(db, 6_000, seed=12, with_attachments=False)
    cut = max(len(plain) - 1_000, len(plain) * 4 // 5)
    plain, plain_warm = plain[: min(5_000, cut)], plain[cut:]
    few = items[:50]
    queries = search_queries(5_500, seed=13)
    searches, searches_warm = queries[:5_000], queries[5_000:]
    one_search = ["/search/?q=" + urllib.parse.quote("农村公路 养护")]

    # Where a page's time goes, in-process (before the server starts, so nothing competes).
    os.environ.update(env)
    os.environ["LOG_LEVEL"] = "WARNING"  # the server below logs as in production
    import django

    django.setup()
    profile = {
        "item": page_profile(items_warm[:150]),
        "item_without_files": page_profile(plain_warm[:150]),
        "search": page_profile(searches_warm[:150]),
        "attachment_query": attachment_query_cost(db),
        "overheads": overheads(items_warm[0]),
    }
    log(f"in-process profile: {json.dumps(profile, ensure_ascii=False)}")
    from django.db import connection

    connection.close()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = open(var / "server.log", "w")
    server = subprocess.Popen(
        [str(BIN / "gongkai"), "serve", "--port", str(port)],
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=ROOT,
    )
    work = var / "wrk"
    results: dict = {"profile": profile}
    try:
        wait_for(f"{base}/healthz", 60)
        checks = {
            "healthz": fetch(base + "/healthz"),
            "item": fetch(base + items_warm[0]),
            "search": fetch(base + searches_warm[0]),
        }
        log(f"server up on {base} (pid {server.pid}); checks {checks}")
        if any(status != 200 for status, _ in checks.values()):
            raise RuntimeError(f"a page does not answer 200: {checks}")
        warm = max(3, args.duration // 6)
        cases = [
            ("healthz_first", ["/healthz"], ["/healthz"]),
            ("item", items, items_warm),
            ("item_without_files", plain, plain_warm),
            ("item_cached", few, few),
            ("search", searches, searches_warm),
            ("search_cached", one_search, one_search),
            ("healthz_last", ["/healthz"], ["/healthz"]),
        ]
        for name, paths, warm_paths in cases:
            run_wrk(wrk, base, warm_paths, warm, args.connections, work, name + "_warm")
            results[name] = run_wrk(wrk, base, paths, args.duration, args.connections, work, name)
            r = results[name]
            log(
                f"  {name:<20} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  "
                f"p99 {r['p99_ms']:7.1f} ms  errors {r['errors'] or '-'}  "
                f"wrk CPU {r['wrk_cpu_share']:.0%}"
            )
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.wait(timeout=10)
        server_log.close()
        log("server stopped")
    first, last = results["healthz_first"], results["healthz_last"]
    results["healthz"] = {
        "rps": round((first["rps"] + last["rps"]) / 2, 1),
        "p99_ms": round((first["p99_ms"] + last["p99_ms"]) / 2, 1),
        "p50_ms": round((first["p50_ms"] + last["p50_ms"]) / 2, 1),
    }
    for name in ("item", "item_without_files", "item_cached", "search", "search_cached"):
        results[name]["ratio_to_minimal"] = round(
            results[name]["rps"] / results["healthz"]["rps"], 3
        )
    version = subprocess.run([wrk, "--version"], capture_output=True, text=True)
    results.update(
        wrk_version=(version.stdout or version.stderr).split("[")[0].replace("wrk", "").strip(),
        size=args.size,
        duration_s=args.duration,
        connections=args.connections,
        server="gunicorn (gongkai serve), 2 gthread workers × 8 threads, DEBUG=0",
        load_generator="wrk 1 thread, Lua path rotation",
    )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return results


if __name__ == "__main__":
    main()
