"""Everyday words for official ones (出租车 = 出租汽车, 低保 = 最低生活保障), applied to the query.

A query is cut into words (jieba's precise cut); where a run of those words is a synonym, the run
becomes one group of alternatives — the word typed and the other words of its synonym group —
any of which may match. A synonym is only taken where it starts and ends on word boundaries, so
低保 is not read inside 最低保障. The groups live in the database (``Synonym``); each process keeps
them compiled and asks for their version stamp (count, newest change, largest id) at most every
``STAMP_SECONDS`` (a query per search would cost half a millisecond): a change made in /admin/
applies at once in the process that saved it (a signal) and within seconds on every other worker
and node — with no re-index.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

import rjieba
from django.db.models import Count, Max

from . import segment

_SPLIT = re.compile(r"[\s,，、;；/|]+")
TERM_MIN, TERM_MAX = 2, 30

#: Shipped by migration 0003 (editable in /admin/): everyday word first, the official term(s) after.
DEFAULTS: tuple[tuple[str, str], ...] = (
    ("出租车，出租汽车，的士", "交通运输"),
    ("网约车，网络预约出租汽车，网络预约出租车", "交通运输"),
    ("公交车，公共汽车，公共汽电车", "交通运输"),
    ("公交，公共交通", "交通运输"),
    ("驾照，驾驶证，机动车驾驶证", "公安交管"),
    ("车管所，车辆管理所", "公安交管"),
    ("客运站，汽车客运站", "交通运输"),
    ("共享单车，互联网租赁自行车", "交通运输"),
    ("高速，高速公路", "交通运输"),
    ("ETC，电子不停车收费", "交通运输"),
    ("低保，最低生活保障", "民政"),
    ("特困，特困人员", "民政"),
    ("社保，社会保险", "人力资源社会保障"),
    ("医保，医疗保障，医疗保险", "医疗保障"),
    ("养老金，基本养老金", "人力资源社会保障"),
    ("公积金，住房公积金", "住房公积金"),
    ("公租房，公共租赁住房", "住房城乡建设"),
    ("房产证，不动产权证书，房屋所有权证", "自然资源"),
    ("身份证，居民身份证", "公安"),
    ("户口，户籍", "公安"),
    ("残疾证，残疾人证", "残联"),
    ("营业执照，工商执照", "市场监管"),
    ("低收入，低收入人口", "民政"),
    ("失业金，失业保险金", "人力资源社会保障"),
    ("工伤，工伤保险", "人力资源社会保障"),
    ("新农合，新型农村合作医疗，城乡居民基本医疗保险", "医疗保障"),
    ("12345，12345热线，政务服务便民热线", "政务服务"),
)


def split_terms(text: str) -> list[str]:
    """The normalised words of one group, in order, without repeats."""
    out: list[str] = []
    for raw in _SPLIT.split(text or ""):
        term = segment.normalise(raw).strip()
        if term and term not in out:
            out.append(term)
    return out


def problems(text: str, others: list[list[str]]) -> list[str]:
    """Why a group cannot be saved (empty when it can): ``others`` are the other enabled groups."""
    terms = split_terms(text)
    errors = []
    if len(terms) < 2:
        errors.append("同义词组至少要有两个不同的词。")
    for term in terms:
        if not TERM_MIN <= len(term) <= TERM_MAX:
            errors.append(f"“{term}”的长度应为{TERM_MIN}至{TERM_MAX}个字。")
        elif not segment.characters(term):
            errors.append(f"“{term}”没有可检索的文字。")
        if "\x00" in term or any(0xD800 <= ord(ch) <= 0xDFFF for ch in term):
            errors.append("同义词中含有无效字符。")
    for group in others:
        shared = [t for t in terms if t in group]
        if shared:
            errors.append(f"“{'、'.join(shared)}”已在同义词组“{'，'.join(group)}”中。")
    return errors


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the lru_cache below
class Compiled:
    stamp: tuple
    groups: dict[str, tuple[str, ...]]  # term → every term of its group (itself first)
    longest: int  # characters in the longest term


STAMP_SECONDS = 3.0
_lock = threading.Lock()
_compiled = Compiled(stamp=(), groups={}, longest=0)
_checked_at = float("-inf")


def _stamp() -> tuple:
    from .models import Synonym

    row = Synonym.objects.filter(enabled=True).aggregate(
        n=Count("pk"), changed=Max("updated_at"), last=Max("pk")
    )
    return (row["n"], row["changed"], row["last"])


def forget() -> None:
    """Ask the table again at the next search (a Synonym was saved or deleted here)."""
    global _checked_at
    _checked_at = float("-inf")


def compiled() -> Compiled:
    """The enabled groups, compiled again only when the table has changed."""
    global _compiled, _checked_at
    now = time.monotonic()
    current = _compiled
    if now - _checked_at < STAMP_SECONDS:
        return current
    stamp = _stamp()
    _checked_at = now
    if current.stamp == stamp:
        return current
    from .models import Synonym

    groups: dict[str, tuple[str, ...]] = {}
    for text in Synonym.objects.filter(enabled=True).values_list("terms", flat=True):
        terms = split_terms(text)
        for term in terms:
            merged = groups.get(term, ())
            groups[term] = tuple(dict.fromkeys([term, *merged, *terms]))
    fresh = Compiled(stamp=stamp, groups=groups, longest=max(map(len, groups), default=0))
    with _lock:
        _compiled = fresh
    _groups_cached.cache_clear()
    return fresh


def query_groups(query: str) -> tuple[tuple[str, ...], ...]:
    """The query's terms as groups of alternatives: ("出租车", "出租汽车", "的士"), ("运价",)."""
    return _groups_cached(query, compiled())


@lru_cache(maxsize=2048)
def _groups_cached(query: str, table: Compiled) -> tuple[tuple[str, ...], ...]:
    text = segment.normalise(query)
    if not table.groups:
        return tuple((t,) for t in segment.query_terms(query))
    # Word boundaries of the precise cut (offsets into the normalised text).
    bounds, position = {0}, 0
    for word in rjieba.cut(text):
        position += len(word)
        bounds.add(position)
    groups: list[tuple[str, ...]] = []
    last = 0
    for start, end in _aligned(table, text, bounds):
        groups.extend((t,) for t in segment.query_terms(text[last:start]))
        groups.append(table.groups[text[start:end]])
        last = end
    groups.extend((t,) for t in segment.query_terms(text[last:]))
    return tuple(groups)


def _aligned(table: Compiled, text: str, bounds: set[int]):
    """(start, end) of the synonyms that start and end on word boundaries, left to right; at
    each boundary the longest synonym that also ends on one."""
    ordered = sorted(bounds)
    position = 0
    while position < len(text):
        found = None
        if position in bounds:
            for end in reversed(ordered):
                if (
                    position < end <= position + table.longest
                    and text[position:end] in table.groups
                ):
                    found = (position, end)
                    break
        if found:
            yield found
            position = found[1]
        else:
            position += 1
