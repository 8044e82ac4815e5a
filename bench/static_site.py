"""静态发布 under load: nginx serving the static site against Django, and how fast the site is built
and refreshed.

    .venv/bin/python bench/static_site.py --size 100000 [--pages 4000] [--duration 20] [--json out]

Works on a copy of bench/var/<size>/ (bench/var/site-<size>/, migrated), so the search benchmarks'
database is never touched. Steps:

1. ``gongkai site build`` rate: the first ``--pages`` pages of the whole site (in build order:
   platform, then each agency's home, columns, items), rendered and written by 2 processes, as
   ``gongkai site build --workers 2`` does; the full site's page count and projected build time.
2. nginx with the shipped deploy/nginx/gongkai-static.conf in front of ``gongkai serve``; wrk (one
   thread, 50 connections) for ``--duration`` s on: static item pages (rotating), static column
   pages (rotating), a plain 30 KB file (nginx's own speed on this machine), /healthz through
   nginx to Django (the minimal Django view), and uncached item pages through Django.
3. From a correction saved to the file served: with ``gongkai worker`` running, an item's title is
   changed (as a correction does: the item saved, published) and nginx is polled until the page
   shows the new title; median of 5.

Traffic goes to 127.0.0.1 only; every server is stopped at the end (process groups killed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from http_load import ensure_wrk, free_port, run_wrk, wait_for  # noqa: E402


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def prepare(size: int) -> Path:
    source = BENCH / "var" / str(size)
    target = BENCH / "var" / f"site-{size}"
    if not (source / "gongkai.sqlite3").exists():
        raise SystemExit(f"{source} is missing: run bench/generate.py --size {size} first")
    target.mkdir(parents=True, exist_ok=True)
    db = target / "gongkai.sqlite3"
    if not db.exists():
        log(f"copying {source / 'gongkai.sqlite3'} (once)")
        with sqlite3.connect(source / "gongkai.sqlite3") as src, sqlite3.connect(db) as dst:
            src.backup(dst)
        for name in ("secret_key",):
            shutil.copy(source / name, target / name)
    if not (target / "media").exists() and (source / "media").exists():
        (target / "media").symlink_to((source / "media").resolve())
    return target


def env_for(var: Path, port: int) -> dict:
    env = dict(os.environ)
    env.update(
        GONGKAI_VAR_DIR=str(var),
        GONGKAI_STATIC_SITE=str(var / "site"),
        GONGKAI_BASE_URL=f"http://127.0.0.1:{port}",
        GONGKAI_BEHIND_PROXY="1",
        GONGKAI_PROXY_COUNT="1",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        GONGKAI_WORKERS="2",
    )
    env.pop("GONGKAI_HTTPS", None)
    return env


def build_sample(env: dict, pages: int) -> dict:
    """In a child process: render and write the first ``pages`` pages with 2 processes."""
    code = f"""
import json, logging, time
import django
django.setup()
logging.getLogger("gongkai.request").setLevel(logging.WARNING)
from itertools import islice
from gongkai.staticsite import pages, services
from gongkai.staticsite.models import SiteBuild
services.site_root()
services.sync_assets(services.site_root())
build = SiteBuild.objects.create()
done = []
def record(outcomes):
    services._record(outcomes, build)
    done.extend(outcomes)
started = time.perf_counter()
services._run(services._chunks(islice(pages.all_pages(), {pages}), services.CHUNK), 2, record)
seconds = time.perf_counter() - started
print("JSON " + json.dumps({{"pages": len(done), "seconds": round(seconds, 1),
    "rate": round(len(done) / seconds, 1), "site_pages": pages.count_all(),
    "written": sum(o.action == "written" for o in done)}}))
"""
    out = subprocess.run(
        [str(BIN / "python"), "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"the build sample failed:\n{out.stderr[-3000:]}")
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("JSON "))
    data = json.loads(line[5:])
    data["projected_full_build_min"] = round(data["site_pages"] / data["rate"] / 60, 1)
    return data


def written_paths(var: Path, kind: str, like: str, count: int) -> list[str]:
    with sqlite3.connect(var / "gongkai.sqlite3") as conn:
        rows = conn.execute(
            "SELECT url FROM staticsite_sitepage WHERE kind = ? AND url LIKE ? LIMIT ?",
            (kind, like, count),
        ).fetchall()
    return [url for (url,) in rows]


def nginx_config(port: int, app_port: int, site: Path, prefix: Path) -> Path:
    shipped = (ROOT / "deploy" / "nginx" / "gongkai-static.conf").read_text()
    conf = shipped.replace(
        "    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{port};\n"
    )
    conf = conf.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    conf = conf.replace("root /srv/gongkai/var/site;", f"root {site};")
    (prefix / "site.conf").write_text(conf)
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").is_file() else ""
    user = "user root root;" if os.geteuid() == 0 else ""
    main = prefix / "nginx.conf"
    main.write_text(
        f"""{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    {mime}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""
    )
    return main


def stop(process) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)


def correction_latency(env: dict, base: str, url: str, rounds: int) -> list[float]:
    """Seconds from a correction's commit to nginx serving the new title."""
    item_id = int(url.rstrip("/").split("/")[-1])
    seconds = []
    for n in range(rounds):
        title = f"静态发布延迟测试第{n}次{time.time_ns()}"
        code = f"""
import django, time
django.setup()
from gongkai.publishing.models import InformationItem
item = InformationItem.objects.get(pk={item_id})
item.title = {title!r}
item.save()
print(time.time())
"""
        out = subprocess.run(
            [str(BIN / "python"), "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
        )
        committed = float(out.stdout.strip().splitlines()[-1])
        deadline = time.time() + 120
        while time.time() < deadline:
            with urllib.request.urlopen(base + url, timeout=5) as response:
                if title.encode() in response.read():
                    seconds.append(round(time.time() - committed, 2))
                    break
            time.sleep(0.02)
        else:
            raise RuntimeError(f"{url} did not show the correction within 120 s")
    return seconds


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if nginx is None:
        raise SystemExit("nginx is missing: scripts/system-deps.sh installs it (as root)")
    wrk = ensure_wrk()
    var = prepare(args.size)
    port, app_port = free_port(), free_port()
    env = env_for(var, port)
    started = time.perf_counter()
    subprocess.run([str(BIN / "gongkai"), "migrate", "--noinput", "-v0"], env=env, check=True)
    results: dict = {"size": args.size, "migrate_s": round(time.perf_counter() - started, 1)}
    subprocess.run([str(BIN / "gongkai"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
    shutil.rmtree(var / "site", ignore_errors=True)
    with sqlite3.connect(var / "gongkai.sqlite3") as conn:
        conn.execute("DELETE FROM staticsite_sitepage")
        conn.execute("DELETE FROM staticsite_sitebuild")
    log(f"building the first {args.pages} pages …")
    results["build"] = build_sample(env, args.pages)
    log(f"build: {results['build']}")
    (var / "site" / "plain-30k.html").write_bytes(b"<p>" + b"x" * (30 * 1024 - 7) + b"</p>\n")

    items = written_paths(var, "item", "%/item/%/", 2000)
    items = [u for u in items if u.endswith("/")]
    columns = written_paths(var, "agency", "%/column/%", 2000)
    columns = [u for u in columns if "rss.xml" not in u]
    if not items or not columns:
        raise SystemExit("the sample wrote no item or column page: raise --pages")

    prefix = Path(tempfile.mkdtemp(prefix="gongkai-bench-nginx-"))
    server = nginx_proc = worker = None
    work = var / "wrk"
    try:
        server = subprocess.Popen(
            [str(BIN / "gongkai"), "serve", "--port", str(app_port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        main_conf = nginx_config(port, app_port, var / "site", prefix)
        nginx_proc = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(main_conf), "-e", str(prefix / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz", 60)
        uncached = written_paths(var, "item", "%/item/%/", 6000)[2000:]
        # Any other query string goes to the application: the same pages, rendered by Django
        # (each path once in a while: the page cache seldom helps).
        uncached = [u + "?via=django" for u in (uncached or items) if u.endswith("/")]
        cases = [
            ("plain_30k_file", ["/plain-30k.html"]),
            ("static_item", items),
            ("static_column", columns),
            ("healthz_django", ["/healthz"]),
            ("django_item_uncached", uncached),
        ]
        warm = max(3, args.duration // 5)
        for name, paths in cases:
            run_wrk(wrk, base, paths, warm, args.connections, work, name + "_warm")
            results[name] = run_wrk(wrk, base, paths, args.duration, args.connections, work, name)
            r = results[name]
            log(
                f"  {name:<22} {r['rps']:9.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  {r['kb_per_response']} KB  errors {r['errors'] or '-'}"
            )
        for name, _ in cases[1:]:
            results[name]["ratio_to_healthz"] = round(
                results[name]["rps"] / results["healthz_django"]["rps"], 2
            )
            results[name]["ratio_to_plain_file"] = round(
                results[name]["rps"] / results["plain_30k_file"]["rps"], 3
            )

        worker = subprocess.Popen(
            [str(BIN / "gongkai"), "worker", "--queues", "site", "--interval", "0.2"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        latencies = correction_latency(env, base, items[0], 5)
        results["publish_to_served_s"] = {
            "each": latencies,
            "median": statistics.median(latencies),
            "worker_poll_interval_s": 0.2,
            "note": "the task re-renders the item, the agency's home, feeds and every column page",
        }
        log(f"correction → served: {latencies}")
    finally:
        for process in (worker, nginx_proc, server):
            stop(process)
        shutil.rmtree(prefix, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return results


if __name__ == "__main__":
    main()
