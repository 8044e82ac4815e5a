"""Copy a generated portal (bench/var/<N>/gongkai.sqlite3) into PostgreSQL, row for row, then build
the search index there and time it: the first build, then a re-index.

    scripts/with-postgres.sh .venv/bin/python bench/pg_load.py --size 100000

DATABASE_URL names the (empty, throw-away) PostgreSQL database; ``bench/run.py`` starts one with
``scripts/with-postgres.sh`` when BENCH_DB includes postgres. Writes bench/var/<N>/pg-meta.json:
rows copied, the copy's time, both index builds (items/s), and the search tables' sizes on both
databases.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

# Rebuilt by the index build, not copied.
SKIP = {"django_migrations", "search_searchentry", "search_searchsource", "search_searchterm"}
SEARCH_TABLES = ("search_searchentry", "search_searchsource", "search_searchterm")


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def setup_django(size: int) -> None:
    os.environ["GONGKAI_VAR_DIR"] = str(BENCH / "var" / str(size))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def copy_tables(sqlite_path: Path) -> dict:
    """Every table the SQLite database and PostgreSQL share, with the columns they share."""
    from django.db import connection

    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    names = [
        row[0]
        for row in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_fts%'"
        )
    ]
    copied = {}
    with connection.cursor() as cursor:
        pg_tables = set(connection.introspection.table_names(cursor))
        tables = [t for t in names if t in pg_tables and t not in SKIP]
        # Foreign keys and the audit log's triggers are not checked for a copy of rows that
        # were consistent where they came from.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET TimeZone = 'UTC'")
        cursor.execute(
            "TRUNCATE "
            + ", ".join(connection.ops.quote_name(t) for t in pg_tables - {"django_migrations"})
        )
        for table in tables:
            cursor.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s",
                [table],
            )
            pg_columns = dict(cursor.fetchall())
            sqlite_columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
            columns = [c for c in sqlite_columns if c in pg_columns]
            booleans = [i for i, c in enumerate(columns) if pg_columns[c] == "boolean"]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            rows = source.execute(f'SELECT {", ".join(f"[{c}]" for c in columns)} FROM "{table}"')
            n = 0
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
            ) as copy:
                for row in rows:
                    if booleans:
                        row = list(row)
                        for i in booleans:
                            if row[i] is not None:
                                row[i] = bool(row[i])
                    copy.write_row(row)
                    n += 1
            copied[table] = n
            if pg_columns.get("id") in ("bigint", "integer", "smallint") and "id" in columns:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f"coalesce((SELECT max(id) FROM {connection.ops.quote_name(table)}), 0) + 1, "
                    "false) WHERE pg_get_serial_sequence(%s, 'id') IS NOT NULL",
                    [table, table],
                )
        cursor.execute("SET session_replication_role = DEFAULT")
    source.close()
    return copied


def vacuum_analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        # Write the load's dirty buffers now, not while the queries are timed.
        cursor.execute("CHECKPOINT")


def build() -> dict:
    from gongkai.search import indexer

    started = time.perf_counter()
    count = indexer.rebuild(workers=2)
    elapsed = time.perf_counter() - started
    return {"items": count, "seconds": round(elapsed, 2), "items_per_s": round(count / elapsed, 1)}


def pg_sizes() -> dict:
    from django.db import connection

    out = {}
    with connection.cursor() as cursor:
        for table in SEARCH_TABLES:
            cursor.execute(
                "SELECT pg_relation_size(%s), pg_total_relation_size(%s), pg_indexes_size(%s)",
                [table, table, table],
            )
            heap, total, indexes = cursor.fetchone()
            out[table] = {"heap": heap, "total": total, "indexes": indexes}
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index "
            "WHERE indrelid = 'search_searchentry'::regclass"
        )
        out["search_searchentry_indexes"] = dict(cursor.fetchall())
    out["total"] = sum(out[t]["total"] for t in SEARCH_TABLES)
    return out


def sqlite_sizes(sqlite_path: Path) -> dict:
    """The same tables on SQLite (with their indexes) and the FTS5 table's shadow tables."""
    conn = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT d.name, coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d "
        "LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY d.name"
    ).fetchall()
    conn.close()
    out = {"fts": 0, "search_searchentry": 0, "search_searchsource": 0}
    for name, table, size in rows:
        if name.startswith("search_fts"):
            out["fts"] += size
        elif table in out:
            out[table] += size
    out["total"] = sum(out.values())
    return out


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, required=True)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database (scripts/with-postgres.sh)")
    sqlite_path = BENCH / "var" / str(args.size) / "gongkai.sqlite3"
    if not sqlite_path.exists():
        sys.exit(f"{sqlite_path} is missing: bench/generate.py --size {args.size} first")
    setup_django(args.size)
    from django.core.management import call_command
    from django.db import connection

    log(f"migrate {connection.settings_dict['NAME']} on PostgreSQL")
    call_command("migrate", verbosity=0, interactive=False)
    log(f"copy {sqlite_path}")
    started = time.perf_counter()
    copied = copy_tables(sqlite_path)
    copy_seconds = time.perf_counter() - started
    vacuum_analyse()
    log(f"  {sum(copied.values()):,} rows in {copy_seconds:.1f} s; index build (first)")
    first = build()
    log(f"  {first}; re-index")
    again = build()
    log(f"  {again}")
    vacuum_analyse()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = {}
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "jit"):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    meta = {
        "size": args.size,
        "postgres": version,
        "settings": settings,
        "rows_copied": sum(copied.values()),
        "copy_seconds": round(copy_seconds, 1),
        "index_first": first,
        "index_again": again,
        "pg_sizes": pg_sizes(),
        "sqlite_sizes": sqlite_sizes(sqlite_path),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (BENCH / "var" / str(args.size) / "pg-meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1)
    )
    log(
        f"  search tables: PostgreSQL {meta['pg_sizes']['total'] / 2**20:.0f} MB, "
        f"SQLite {meta['sqlite_sizes']['total'] / 2**20:.0f} MB"
    )
    return meta


if __name__ == "__main__":
    main()
