"""Build a synthetic portal of N published items in bench/var/<N>/ and index it.

    .venv/bin/python bench/generate.py --size 100000 [--force] [--reindex]

A fresh SQLite database (``gongkai migrate``), 200 agencies (a province, five cities, ten counties,
their departments and townships, ``Agency`` rows through the ORM) with the standard catalogue
(``catalogue_apply_template``), then N published items written with raw ``executemany`` in big
transactions (the services would take hours), plus ~3 % items that are not public (drafts, items in
review, withdrawn or recorded ones) so that the gate has something to keep out. Text comes from
``corpus.Composer``, in two processes.

Then the index is built with ``gongkai.search.indexer.rebuild(workers=2)`` and timed: that is the
index build rate. Everything is written to bench/var/<N>/meta.json; a database that already holds N
published items and a complete index is kept (``--reindex`` times the index build again,
``--force`` starts from nothing).
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import random
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402

CHUNK = 2000
SHANGHAI = timedelta(hours=8)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
START_YEAR = 2015


def var_dir(size: int) -> Path:
    return BENCH / "var" / str(size)


def setup_django(size: int) -> None:
    path = var_dir(size)
    path.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_VAR_DIR"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


# --- Skeleton: who publishes what, when, under which numbers -----------------------------------

DOC_NUMBER_SHARE = {
    "0201": 1.0,
    "0202": 1.0,
    "0203": 0.95,
    "0300": 0.1,
    "0400": 0.5,
    "0600": 0.3,
    "0700": 0.5,
    "0800": 0.8,
    "0900": 0.8,
    "1400": 0.8,
    "1500": 0.8,
    "1600": 0.4,
    "1700": 0.6,
    "1800": 0.3,
    "2000": 0.5,
}
DOC_KIND = {"0700": "许", "0800": "罚", "0900": "强", "1700": "建"}
# Share of a column's items with files attached (采购文件, 预决算表, 公示名单…): ~25 % in all.
ATTACH_SHARE = {
    "1100": 0.8,
    "1200": 0.5,
    "0600": 0.7,
    "0400": 0.3,
    "0202": 0.4,
    "0203": 0.3,
    "2100": 0.6,
    "1800": 0.3,
    "0500": 0.4,
    "1600": 0.4,
    "0700": 0.1,
    "0800": 0.05,
}
ATTACH_KINDS = [("pdf", 0.55), ("docx", 0.2), ("xlsx", 0.2), ("zip", 0.05)]
NOT_PUBLIC = [  # (share of all rows, status, disclosure, has 索引号)
    (0.010, "draft", "active", False),
    (0.005, "in_review", "active", False),
    (0.005, "withdrawn", "active", True),
    (0.010, "recorded", "withheld", False),
]


def timeline(rng: random.Random, count: int) -> list[datetime]:
    """``count`` creation times, 2015 → November 2026, more each year, in office hours."""
    years = list(range(START_YEAR, NOW.year + 1))
    weights = [1 + 0.12 * (y - START_YEAR) for y in years]
    weights[-1] *= (NOW - datetime(NOW.year, 1, 1, tzinfo=UTC)).days / 365
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    out = []
    for _ in range(count):
        year = years[bisect.bisect(cum, rng.random() * total)]
        start = datetime(year, 1, 1, tzinfo=UTC)
        end = NOW - timedelta(days=15) if year == NOW.year else datetime(year + 1, 1, 1, tzinfo=UTC)
        day = start + timedelta(days=int(rng.random() * (end - start).days))
        # 08:00–18:00 Beijing time = 00:00–10:00 UTC
        out.append(day + timedelta(seconds=int(rng.random() * 36000)))
    out.sort()
    return out


def skeleton(size: int, agencies, entry_ids, composer, seed: int = 2026):
    """Rows without text, in creation (= primary key) order; exactly ``size`` are published."""
    rng = random.Random(seed)
    extra = int(size * sum(s for s, *_ in NOT_PUBLIC) / (1 - sum(s for s, *_ in NOT_PUBLIC)))
    created = timeline(rng, size + extra)
    weights = [a.weight for a in agencies]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    # Who is public first, then exactly ``size`` of them (a few rows change side at random).
    public = ("published", "active", True)
    states = []
    for _ in created:
        state = public
        x = rng.random()
        for share, *other in NOT_PUBLIC:
            if x < share:
                state = tuple(other)
                break
            x -= share
        states.append(state)
    published_rows = [i for i, st in enumerate(states) if st is public]
    if len(published_rows) > size:
        for i in rng.sample(published_rows, len(published_rows) - size):
            states[i] = ("draft", "active", False)
    elif len(published_rows) < size:
        others = [i for i, st in enumerate(states) if st is not public]
        for i in rng.sample(others, size - len(published_rows)):
            states[i] = public

    index_serial: dict[tuple, int] = {}
    doc_serial: dict[tuple, int] = {}
    rows = []
    for pk, made in enumerate(created, start=1):
        a = bisect.bisect(cum, rng.random() * total)
        agency = agencies[a]
        column = composer.pick_column(rng)
        if column == "0201" and not (agency.kind == "government" and agency.level != "township"):
            column = "0202"
        status, disclosure, numbered = states[pk - 1]
        if status == "published" and rng.random() < 0.02:
            disclosure = "redacted"
        # Review takes hours to weeks: publication order is not creation order.
        delay = timedelta(days=min(40.0, rng.lognormvariate(math.log(2.0), 1.0)))
        pub = min(made + delay, NOW) if numbered else None
        when = pub or made
        local = when + SHANGHAI
        doc_number = ""
        if rng.random() < DOC_NUMBER_SHARE.get(column, 0.05):
            prefix = agency.doc_variants[int(rng.random() * len(agency.doc_variants))]
            if column in DOC_KIND:
                prefix = agency.doc_prefix + DOC_KIND[column]
            key = (prefix, local.year)
            doc_serial[key] = doc_serial.get(key, 0) + 1
            doc_number = f"{prefix}〔{local.year}〕{doc_serial[key]}号"
        index_number = None
        if numbered:
            code = column
            key = (a, code, local.year)
            index_serial[key] = index_serial.get(key, 0) + 1
            index_number = f"{agency.code}-{code}-{local.year}-{index_serial[key]:05d}"
        rows.append(
            dict(
                pk=pk,
                agency=a,
                column=column,
                status=status,
                disclosure=disclosure,
                created=made,
                published=pub,
                local=local,
                doc_number=doc_number,
                index_number=index_number,
                entry_id=entry_ids[(a, column)],
            )
        )
    return rows


# --- Text, in worker processes ------------------------------------------------------------------

_COMPOSER: corpus.Composer | None = None


def _texts(task):
    chunk_no, items = task
    rng = random.Random(1_000_003 * chunk_no + 17)
    out = []
    for agency, column, local, doc_number in items:
        out.append(_COMPOSER.compose(rng, agency, column, local, doc_number))
    return chunk_no, out


def _attachments(chunk_no: int, rows, texts) -> list[tuple]:
    rng = random.Random(7_000_003 * chunk_no + 5)
    out = []
    for s, (title, _, _) in zip(rows, texts, strict=True):
        if s["published"] is None or rng.random() >= ATTACH_SHARE.get(s["column"], 0.0):
            continue
        for n in range(1, 2 + int(rng.random() * rng.random() * 3)):
            x, kind = rng.random(), "pdf"
            for k, share in ATTACH_KINDS:
                if x < share:
                    kind = k
                    break
                x -= share
            when = s["published"]
            out.append(
                (
                    f"attachments/{when:%Y/%m}/{rng.getrandbits(128):032x}.{kind}",
                    f"附件{n}：{title[:40]}.{kind}",
                    kind,
                    int(rng.lognormvariate(math.log(300_000), 1.2)),
                    f"{rng.getrandbits(256):064x}",
                    _dt(when),
                    s["pk"],
                )
            )
    return out


def _redact(body: str) -> str:
    import re

    return re.sub(r"[\u4e00-\u9fff]某某?", "＊＊", body)


COLUMNS = (
    "id, title, body, redacted_body, publisher_name, doc_number, written_date, formed_date, topic, "
    "keywords, disclosure, withhold_ground, withhold_explanation, validity, repealed_date, "
    "needs_interpretation, status, current_step, due_date, index_number, published_at, decided_at, "
    "withdrawn_at, withdraw_reason, version, source, import_key, created_at, updated_at, agency_id, "
    "drafter_id, entry_id, interprets_id, published_by_id, replaced_by_id, unit_id, long_term"
)


def _dt(value: datetime | None) -> str | None:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ") if value else None


def _row(s, text, agency_spec, agency_id):
    title, body, keywords = text
    profile = corpus.PROFILES[agency_spec.profile]
    validity = ""
    if s["column"] in ("0201", "0202"):
        validity = "valid" if s["pk"] % 7 else "repealed"
    published = s["published"]
    return (
        s["pk"],
        title[:300],
        body,
        _redact(body) if s["disclosure"] == "redacted" else "",
        agency_spec.name,
        s["doc_number"],
        (s["created"] + SHANGHAI).date().isoformat(),
        (s["created"] + SHANGHAI).date().isoformat(),
        profile.topic if s["pk"] % 5 else "general",
        keywords[:200],
        s["disclosure"],
        "state_secret" if s["disclosure"] == "withheld" else "",
        "",
        validity,
        None,
        0,
        s["status"],
        1 if s["status"] == "in_review" else None,
        None,
        s["index_number"],
        _dt(published),
        _dt(published),
        _dt(published + timedelta(days=30)) if s["status"] == "withdrawn" else None,
        "内容有误，撤回更正" if s["status"] == "withdrawn" else "",
        1,
        "drafted",
        "",
        _dt(s["created"]),
        _dt(published or s["created"]),
        agency_id,
        None,
        s["entry_id"],
        None,
        None,
        None,
        None,
        0,
    )


# --- The steps ------------------------------------------------------------------------------------


def create_agencies(specs):
    from gongkai.org.models import Agency
    from gongkai.publishing.models import CatalogueEntry
    from gongkai.publishing.services import catalogue_apply_template

    ids = []
    for i, spec in enumerate(specs):
        agency = Agency.objects.create(
            name=spec.name,
            short_name=spec.short,
            code=spec.code,
            doc_prefix=spec.doc_prefix,
            level=spec.level,
            kind=spec.kind if spec.kind == "government" else "department",
            parent_id=ids[spec.parent] if spec.parent is not None else None,
            address=f"{spec.region}人民路{i + 1}号",
            phone=f"0871-6{i:03d}1234",
            sort_order=i + 1,
        )
        catalogue_apply_template(agency=agency)
        ids.append(agency.pk)
    entry_ids = {}
    by_agency = {pk: i for i, pk in enumerate(ids)}
    for entry_id, agency_id, code in CatalogueEntry.objects.values_list("id", "agency_id", "code"):
        entry_ids[(by_agency[agency_id], code)] = entry_id
    return ids, entry_ids


def insert_items(db_path: Path, rows, specs, agency_ids, composer, workers: int = 2) -> None:
    global _COMPOSER
    _COMPOSER = composer
    from multiprocessing import get_context

    tasks = []
    for n, start in enumerate(range(0, len(rows), CHUNK)):
        tasks.append(
            (
                n,
                [
                    (s["agency"], s["column"], s["local"], s["doc_number"])
                    for s in rows[start : start + CHUNK]
                ],
            )
        )
    attach_sql = (
        "INSERT INTO publishing_attachment (file, original_name, file_type, size, sha256, "
        "internal_only, uploaded_at, uploaded_by_id, item_id) VALUES (?, ?, ?, ?, ?, 0, ?, NULL, ?)"
    )
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    sql = f"INSERT INTO publishing_informationitem ({COLUMNS}) VALUES ({', '.join('?' * 37)})"
    done = 0
    with get_context("fork").Pool(workers) as pool:
        conn.execute("BEGIN")
        for chunk_no, texts in pool.imap(_texts, tasks):
            start = chunk_no * CHUNK
            batch = [
                _row(s, t, specs[s["agency"]], agency_ids[s["agency"]])
                for s, t in zip(rows[start : start + CHUNK], texts, strict=True)
            ]
            conn.executemany(sql, batch)
            conn.executemany(attach_sql, _attachments(chunk_no, rows[start : start + CHUNK], texts))
            done += len(batch)
            if chunk_no % 25 == 24:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                log(f"  items: {done:,}/{len(rows):,}")
        conn.execute("COMMIT")
    conn.close()


def build_index(size: int) -> dict:
    """``indexer.rebuild(workers=2)``, timed; writes and the final optimise timed apart."""
    from gongkai.search import indexer

    timings = {"write": 0.0, "optimise": 0.0, "batches": 0}
    write_batch, optimise = indexer._write_batch, indexer.finish_bulk

    def timed_write(chunk):
        t = time.perf_counter()
        write_batch(chunk)
        timings["write"] += time.perf_counter() - t
        timings["batches"] += 1

    def timed_optimise():
        t = time.perf_counter()
        optimise()
        timings["optimise"] += time.perf_counter() - t

    done = [0]
    step = max(size // 10, 1)

    def progress(n):
        done[0] += n
        if done[0] // step != (done[0] - n) // step:
            log(f"  indexed {done[0]:,}")

    indexer._write_batch, indexer.finish_bulk = timed_write, timed_optimise
    try:
        started = time.perf_counter()
        count = indexer.rebuild(workers=2, progress=progress)
        elapsed = time.perf_counter() - started
    finally:
        indexer._write_batch, indexer.finish_bulk = write_batch, optimise
    return {
        "items": count,
        "seconds": round(elapsed, 2),
        "items_per_s": round(count / elapsed, 1),
        "write_seconds": round(timings["write"], 2),
        "optimise_seconds": round(timings["optimise"], 2),
        "read_and_segment_seconds": round(elapsed - timings["write"] - timings["optimise"], 2),
        "batch_size": inspect.signature(indexer.rebuild).parameters["batch_size"].default,
        "workers": 2,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def corpus_stats(db_path: Path) -> dict:
    """How the text looks to the index: body lengths and document frequencies of words."""
    conn = sqlite3.connect(db_path)
    lengths = [
        r[0]
        for r in conn.execute(
            "SELECT length(body) - 7 * (length(body) - length(replace(body, '<p>', ''))) / 3 "
            "FROM publishing_informationitem WHERE status = 'published' AND id % 50 = 0"
        )
    ]
    lengths.sort()
    n_docs = conn.execute("SELECT count(*) FROM search_searchentry").fetchone()[0]
    conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_fts, 'col')")
    dfs = {}
    for term, _col, doc in conn.execute(
        "SELECT term, col, doc FROM temp.v WHERE col IN ('title', 'body', 'meta')"
    ):
        dfs[term] = max(dfs.get(term, 0), doc)
    chars = conn.execute("SELECT count(*) FROM temp.v WHERE col = 'chars'").fetchone()[0]
    conn.close()
    ranked = sorted(dfs.values(), reverse=True)
    # Zipf exponent of document frequency against rank, fitted on ranks 10–10,000 (log-log).
    xs, ys = [], []
    for r in range(10, min(10_000, len(ranked))):
        if ranked[r] > 0:
            xs.append(math.log(r + 1))
            ys.append(math.log(ranked[r]))
    slope = None
    if len(xs) > 2:
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
    probe = ["公开", "工作", "道路运输", "农村公路", "养护", "政务公开", "行政处罚", "采购"]
    return {
        "docs": n_docs,
        "body_chars_p10_p50_p90_max": [
            lengths[len(lengths) // 10],
            lengths[len(lengths) // 2],
            lengths[len(lengths) * 9 // 10],
            lengths[-1],
        ],
        "distinct_words": len(dfs),
        "distinct_characters": chars,
        "words_in_over_half_of_docs": sum(1 for d in ranked if d > n_docs / 2),
        "words_over_rank_limit": sum(1 for d in ranked if d > 20_000),
        "words_in_1_doc": sum(1 for d in ranked if d == 1),
        "words_in_at_most_10_docs": sum(1 for d in ranked if d <= 10),
        "zipf_slope_rank_10_10000": round(slope, 2) if slope is not None else None,
        "doc_share": {t: round(dfs.get(t, 0) / n_docs, 3) for t in probe},
        "top_words": [(t, d) for t, d in sorted(dfs.items(), key=lambda kv: -kv[1])[:15]],
    }


def published_count(db_path: Path) -> int:
    if not db_path.exists():
        return -1
    try:
        conn = sqlite3.connect(db_path)
        n = conn.execute(
            "SELECT count(*) FROM publishing_informationitem WHERE status = 'published'"
        ).fetchone()[0]
        conn.close()
        return n
    except sqlite3.Error:
        return -1


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--force", action="store_true", help="start from an empty database")
    parser.add_argument("--reindex", action="store_true", help="time the index build again")
    args = parser.parse_args(argv)
    size = args.size
    path = var_dir(size)
    db = path / "gongkai.sqlite3"
    meta_path = path / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    complete = (
        not args.force
        and published_count(db) == size
        and meta.get("size") == size
        and meta.get("index", {}).get("items") == size
    )
    if complete and not args.reindex:
        log(f"{db} already holds {size:,} published items and their index: kept")
        return meta
    setup_django(size)
    from django.core.management import call_command
    from django.db import connection

    if not complete:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        meta = {"size": size}
        log(f"migrate {db}")
        call_command("migrate", verbosity=0, interactive=False)
        specs = corpus.agency_tree()
        nouns = corpus.dictionary_nouns(BENCH / "var" / "cache")
        meta["dictionary_nouns"] = len(nouns)
        composer = corpus.Composer(specs, nouns=nouns)
        started = time.perf_counter()
        agency_ids, entry_ids = create_agencies(specs)
        log(f"{len(agency_ids)} agencies, {len(entry_ids)} catalogue columns")
        rows = skeleton(size, specs, entry_ids, composer)
        log(f"{len(rows):,} rows planned ({size:,} published); writing")
        connection.close()
        insert_items(db, rows, specs, agency_ids, composer)
        meta["generate_seconds"] = round(time.perf_counter() - started, 1)
        meta["rows"] = len(rows)
        meta["agencies"] = len(agency_ids)
        meta["catalogue_columns"] = len(entry_ids)
        with sqlite3.connect(db) as conn:
            meta["attachments"] = conn.execute(
                "SELECT count(*), count(DISTINCT item_id) FROM publishing_attachment"
            ).fetchone()
        meta["doc_number_share"] = round(
            sum(1 for r in rows if r["doc_number"] and r["status"] == "published") / size, 3
        )
        meta["generated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1))
        log(f"items written in {meta['generate_seconds']} s")
    log("index build: indexer.rebuild(workers=2)")
    index = build_index(size)
    index["first_build"] = not complete
    meta["index"] = meta["index_first" if not complete else "index_again"] = index
    log(f"  {meta['index']}")
    if not complete and args.reindex:
        log("index build again (re-index): indexer.rebuild(workers=2)")
        meta["index_again"] = build_index(size)
        meta["index_again"]["first_build"] = False
        log(f"  {meta['index_again']}")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    meta["corpus"] = corpus_stats(db)
    connection.close()
    wal = Path(f"{db}-wal")
    meta["wal_bytes_after_build"] = wal.stat().st_size if wal.exists() else 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    meta["db_bytes"] = db.stat().st_size
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return meta


if __name__ == "__main__":
    main()
