"""``gongkai inspect`` (links excluded) over the bench database of N published items.

    .venv/bin/python bench/inspect_run.py --size 100000 [--reps 3] [--json out.json]

Uses bench/var/<N>/ as bench/generate.py left it (migrated first, for the inspection tables),
runs the command as cron would (``gongkai inspect --only data --no-progress``, every agency, in
a child process so that its time includes start-up) ``--reps`` times, and reports the wall time
of each run (median), the agencies, items and findings. The first run opens every attachment
once; the later ones reuse what was read (the median is what a nightly run costs).

Target (issue 13): under 2 minutes at 100,000 items.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET_SECONDS = 120


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    folder = BENCH / "var" / str(args.size)
    if not (folder / "gongkai.sqlite3").exists():
        sys.exit(f"{folder} has no database: run bench/generate.py --size {args.size} first")
    env = {**os.environ, "GONGKAI_VAR_DIR": str(folder), "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    gongkai = str(Path(sys.executable).with_name("gongkai"))
    subprocess.run([gongkai, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    times = []
    for _ in range(args.reps):
        started = time.perf_counter()
        subprocess.run(
            [gongkai, "inspect", "--only", "data", "--no-progress"],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
    counts = subprocess.run(
        [
            gongkai,
            "shell",
            "-c",
            "import json; from gongkai.inspection.models import Run, Finding; "
            "from gongkai.publishing.models import InformationItem; from gongkai.org.models "
            "import Agency; n = Agency.objects.filter(is_active=True).count(); "
            "last = list(Run.objects.order_by('-id').values_list('id', flat=True)[:n]); "
            "print(json.dumps({'agencies': n, 'items': InformationItem.objects.count(), "
            "'findings': Finding.objects.filter(run_id__in=last).count()}))",
        ],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    facts = json.loads(counts.stdout.strip().splitlines()[-1])
    result = {
        "size": args.size,
        "runs_s": [round(t, 1) for t in times],
        "median_s": round(statistics.median(times), 1),
        "target_s": TARGET_SECONDS,
        **facts,
    }
    print(json.dumps(result, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
