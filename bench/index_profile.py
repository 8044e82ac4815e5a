"""Where the index build's time goes, on a sample of a generated database.

    .venv/bin/python bench/index_profile.py --size 100000 [--sample 50000] [--json out]

rebuild() does, per batch of 500: read the rows (main process), segment them (``workers``
processes, the main one waiting), then write (main process, the workers waiting): SearchEntry rows
with the compressed text, and the FTS5 rows. generate.py times the write and the final optimise
inside rebuild(); this script separates the rest on a sample, in a scratch database that is
deleted afterwards:

* segmentation alone, one process (``indexer._segment_row``), documents/s;
* FTS5 inserts alone into an empty table (500 a transaction), in rebuild()'s order (primary key)
  and in rowid order (the recency key: FTS5 appends in order and flushes its buffer whenever a
  rowid is smaller than the previous one);
* SearchEntry inserts alone (same schema and indexes; the compressed text is in
  search_searchsource since issue 18), documents/s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--sample", type=int, default=50_000)
    parser.add_argument("--segment-sample", type=int, default=3_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    var = BENCH / "var" / str(args.size)
    os.environ["GONGKAI_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from gongkai.publishing.models import InformationItem
    from gongkai.search import indexer

    db = var / "gongkai.sqlite3"
    src = sqlite3.connect(db)
    ids = [r[0] for r in src.execute("SELECT item_id FROM search_searchentry")]
    rng = random.Random(5)
    sample = sorted(rng.sample(ids, min(args.sample, len(ids))))

    # Segmentation, one process.
    seg_ids = sample[: args.segment_sample]
    rows = list(
        InformationItem.objects.published()
        .filter(pk__in=seg_ids)
        .order_by("pk")
        .values(*indexer.ROW_FIELDS)
    )
    t = time.perf_counter()
    for row in rows:
        indexer._segment_row(row)
    segment_rate = len(rows) / (time.perf_counter() - t)

    # The indexed text of the sample, as rebuild() wrote it (pk order).
    texts = []
    schema_entry = src.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'search_searchentry'"
    ).fetchone()[0]
    entry_indexes = [
        r[0]
        for r in src.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'search_searchentry' "
            "AND type = 'index' AND sql IS NOT NULL"
        )
    ]
    entries = []
    for chunk in range(0, len(sample), 900):
        part = sample[chunk : chunk + 900]
        marks = ",".join("?" * len(part))
        for row in src.execute(
            "SELECT e.id, e.year, e.topic, e.published_at, e.agency_id, e.entry_id, e.item_id, "
            "e.root_entry_id, e.title_words, e.title_chars, e.meta_words, s.data "
            "FROM search_searchentry e JOIN search_searchsource s ON s.entry_id = e.id "
            f"WHERE e.item_id IN ({marks}) ORDER BY e.item_id",
            part,
        ):
            entries.append(row[:11])
            text = indexer.IndexedText.unpack(row[11])
            texts.append((row[0], text.title, text.body, text.meta, text.fts_chars()))
    src.close()
    decreases = sum(1 for a, b in itertools.pairwise(texts) if b[0] < a[0])

    scratch = var / "scratch-index-profile.sqlite3"
    out = {
        "size": args.size,
        "sample": len(texts),
        "segment_docs_per_s_one_process": round(segment_rate, 1),
        "rowid_decreases_in_pk_order": round(decreases / max(len(texts) - 1, 1), 3),
    }
    try:
        for label, data in (("fts_pk_order", texts), ("fts_rowid_order", sorted(texts))):
            scratch.unlink(missing_ok=True)
            conn = sqlite3.connect(scratch, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, meta, chars, content='', "
                "tokenize='unicode61 remove_diacritics 0')"
            )
            t = time.perf_counter()
            for start in range(0, len(data), 500):
                conn.execute("BEGIN")
                conn.executemany(
                    "INSERT INTO search_fts(rowid, title, body, meta, chars) VALUES (?,?,?,?,?)",
                    data[start : start + 500],
                )
                conn.execute("COMMIT")
            inserts = time.perf_counter() - t
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            total = time.perf_counter() - t
            conn.close()
            out[label + "_docs_per_s"] = round(len(data) / inserts, 1)
            out[label + "_with_optimize_docs_per_s"] = round(len(data) / total, 1)
        scratch.unlink(missing_ok=True)
        conn = sqlite3.connect(scratch, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(schema_entry)
        for sql in entry_indexes:
            conn.execute(sql)
        t = time.perf_counter()
        for start in range(0, len(entries), 500):
            conn.execute("BEGIN")
            conn.executemany(
                "INSERT INTO search_searchentry (id, year, topic, published_at, agency_id, "
                "entry_id, item_id, root_entry_id, title_words, title_chars, meta_words) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                entries[start : start + 500],
            )
            conn.execute("COMMIT")
        out["searchentry_docs_per_s"] = round(len(entries) / (time.perf_counter() - t), 1)
        conn.close()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    print(json.dumps(out, ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1))
    return out


if __name__ == "__main__":
    main()
