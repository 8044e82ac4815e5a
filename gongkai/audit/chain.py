"""The audit log's hash chain (防篡改): pure rules, no database.

Every row carries ``prev_hash`` (the previous row's ``row_hash``) and ``row_hash`` = SHA-256 over a
canonical serialisation of its own content and ``prev_hash``. Whoever can write the database file
can drop the append-only triggers, but cannot then change a row without its stored hash no longer
matching, nor delete a row without breaking its successor's link, unless they re-write every row
after it; the last verification's anchor (its last row and hash) catches that and a cut-off tail.

The serialisation is frozen: migration 0003 chained the existing rows with it. Changing it would
make every existing row look altered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

#: The ``prev_hash`` of the very first row.
GENESIS = "0" * 64

#: The row's content, in the order ``values_list`` reads it for verification.
CONTENT_FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "ip",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "request_id",
)
#: What verification reads of every row.
ROW_FIELDS = ("id", "prev_hash", "row_hash", *CONTENT_FIELDS)


def _plain(value):
    """JSON values as the databases give them back: a float with an integral value is an int
    (PostgreSQL's jsonb returns 1e16 as 10000000000000000), keys are strings."""
    kind = type(value)
    if kind is str or value is None or kind is int or kind is bool:  # the common case first
        return value
    if kind is float:
        return int(value) if value.is_integer() else value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def canonical_json(value) -> str:
    """Sorted keys, no spaces, UTF-8 text as is."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical(content: Mapping, prev_hash: str) -> bytes:
    """The bytes a row's hash covers: its content (timestamp in UTC ISO format) and ``prev_hash``."""
    at: datetime = content["at"]
    payload = {
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": content["actor_id"],
        "actor_name": content["actor_name"] or "",
        "ip": content["ip"] or None,
        "action": content["action"],
        "object_type": content["object_type"] or "",
        "object_id": content["object_id"] or "",
        "object_repr": content["object_repr"] or "",
        "changes": content["changes"] if content["changes"] is not None else {},
        "request_id": content["request_id"] or "",
        "prev_hash": prev_hash,
    }
    return canonical_json(payload).encode("utf-8")


def row_hash(content: Mapping, prev_hash: str) -> str:
    """Hex SHA-256 of the row's canonical serialisation."""
    return hashlib.sha256(canonical(content, prev_hash)).hexdigest()


class Problem:
    ALTERED = "altered"
    LINK = "link"
    MISSING = "missing"


PROBLEM_LABELS = {
    Problem.ALTERED: "内容被篡改",
    Problem.LINK: "与前一条的链接断开",
    Problem.MISSING: "记录缺失",
}


@dataclass(frozen=True)
class Break:
    """The first place where the chain does not hold."""

    row_id: int
    problem: str
    detail: str

    @property
    def label(self) -> str:
        return PROBLEM_LABELS[self.problem]


@dataclass(frozen=True)
class Walk:
    rows: int
    last_id: int | None
    last_hash: str
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def walk(rows: Iterable[Mapping], *, anchor: tuple[int, str] | None = None) -> Walk:
    """Check rows given in id order; stop at the first break.

    - A row whose content no longer gives its stored hash: *altered* at that row.
    - A row whose ``prev_hash`` is not the previous row's hash: *link* broken at that row. A
      deleted row shows up here, at its successor; gaps in the ids alone are no problem (a rolled
      back transaction uses up an id), as long as the hashes still link.
    - ``anchor`` is (id, hash) of the last row an earlier verification found intact: that row must
      still be there with that hash, or the log was cut off (*missing*) or re-written from there on
      (*altered*).
    """
    count, last_id, expected_prev = 0, None, GENESIS
    anchor_seen = anchor is None
    for row in rows:
        row_id = row["id"]
        if anchor is not None and not anchor_seen and row_id > anchor[0]:
            return Walk(count, last_id, expected_prev, _missing_anchor(anchor))
        computed = row_hash(row, row["prev_hash"])
        if computed != row["row_hash"]:
            detail = f"第 {row_id} 条记录的内容与其哈希不符，记录在写入后被修改。"
            return Walk(count, last_id, expected_prev, Break(row_id, Problem.ALTERED, detail))
        if row["prev_hash"] != expected_prev:
            before = f"第 {last_id} 条" if last_id is not None else "链首"
            detail = (
                f"第 {row_id} 条记录指向的前一条哈希与实际的前一条（{before}）不符："
                "其间的记录被删除，或前一条被改写。"
            )
            return Walk(count, last_id, expected_prev, Break(row_id, Problem.LINK, detail))
        if anchor is not None and row_id == anchor[0]:
            anchor_seen = True
            if row["row_hash"] != anchor[1]:
                detail = f"第 {row_id} 条记录的哈希与上次校验时不同：日志在此处或更早被整体改写。"
                return Walk(count, last_id, expected_prev, Break(row_id, Problem.ALTERED, detail))
        count += 1
        last_id, expected_prev = row_id, row["row_hash"]
    if not anchor_seen:
        return Walk(count, last_id, expected_prev, _missing_anchor(anchor))
    return Walk(count, last_id, expected_prev, None)


def _missing_anchor(anchor: tuple[int, str]) -> Break:
    detail = f"上次校验时存在的第 {anchor[0]} 条记录已不存在：日志被删除或截断。"
    return Break(anchor[0], Problem.MISSING, detail)
