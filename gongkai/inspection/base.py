"""The shape every indicator shares: a pure function over one agency's data that yields findings.

An indicator is registered with :func:`indicator` and called with a :class:`Context`; it returns
:class:`Found` rows and never writes anything. ``gongkai inspect`` (services.inspect_agency) runs
them all, stores the findings of the run, and scores them (scoring.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.conf import settings


class Kind(StrEnum):
    VETO = "veto"  # 单项否决: one makes the site 不合格
    DEDUCT = "deduct"  # 扣分: points off the 100
    DUTY = "duty"  # the 条例's yearly duties: tracked, not scored


@dataclass(frozen=True)
class Found:
    """One finding. ``key`` identifies what it is about across runs (``item:12``, ``entry:3``,
    ``url:https://…``), so a finding keeps the day it was first seen until it is fixed."""

    key: str
    object: str  # what: an item's title, a column's path, a URL
    detail: str  # what is wrong, in a sentence
    fix: str = ""  # how to fix it
    url: str = ""  # the public page (or file) concerned, if any
    fix_url: str = ""  # the staff page where it is fixed
    count: int = 1  # how many it stands for (e.g. stale columns behind one veto)


@dataclass(frozen=True)
class Context:
    agency: object  # gongkai.org.models.Agency
    today: date
    thresholds: dict = field(default_factory=dict)
    #: What one run computes once for every agency (platform-wide sets), by name.
    shared: dict = field(default_factory=dict)

    def once(self, name: str, compute):
        if name not in self.shared:
            self.shared[name] = compute()
        return self.shared[name]

    def threshold(self, name: str):
        return self.thresholds[name]


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    kind: Kind
    check: Callable[[Context], Iterable[Found]]
    basis: str = ""  # where the indicator comes from (国办秘函〔2019〕19号, 条例第…条)
    points: float = 0  # deducted per finding (扣分)
    cap: float = 0  # at most this many points for the indicator (0: no cap)
    # ``only`` groups for ``gongkai inspect --only``: "links" runs the link check, which is slow.
    group: str = "data"
    # For a 单项否决 indicator: the threshold (a key of the thresholds) its findings' count must
    # reach to veto; "" vetoes on any finding. Below it, each finding deducts ``points``.
    veto_at: str = ""


REGISTRY: dict[str, Indicator] = {}

#: The official values (国办秘函〔2019〕19号 as quoted in DOMAIN.md; configurable, see
#: GONGKAI_INSPECTION_THRESHOLDS).
DEFAULT_THRESHOLDS = {
    "home_stale_days": 14,  # home page not updated in 2 weeks → 单项否决
    "news_stale_days": 14,  # 动态/要闻-type columns: 2 weeks
    "notice_stale_months": 6,  # 通知公告/政策文件-type columns: 6 months
    "stale_columns_veto": 5,  # ≥ 5 such columns → 单项否决
    "due_columns_veto": 10,  # ≥ 10 columns not updated by their own frequency → 单项否决
    "empty_columns_veto": 5,  # ≥ 5 empty columns → 单项否决
    "message_unanswered_months": 3,  # a valid 留言 unanswered > 3 months in the last year
    # 扣分 (points per finding, and the most an indicator may cost)
    "stale_column_points": 2,  # a stale column below the veto count
    "empty_column_points": 2,
    "interpretation_points": 2,  # a 规范性文件 without its 政策解读 (三同步)
    "late_item_points": 0.5,  # published after its 公开时限 (第二十六条)
    "late_message_points": 0.5,  # a 留言 answered after its channel's limit
    "annual_report_points": 10,  # 年报 not published by 条例第四十九条's date
    "personal_data_points": 2,  # a public item showing 身份证号/手机号码/银行卡号 (去标识化)
    "wrong_wording_points": 1,  # a 严重表述错误 in a title or body
    "indicator_cap": 20,
}


def thresholds() -> dict:
    return {**DEFAULT_THRESHOLDS, **getattr(settings, "GONGKAI_INSPECTION_THRESHOLDS", {})}


def indicator(
    key: str,
    name: str,
    kind: Kind,
    *,
    basis: str = "",
    points: float = 0,
    cap: float = 0,
    group: str = "data",
    veto_at: str = "",
):
    """Register ``check(context) -> Iterable[Found]`` as the indicator ``key``."""

    def register(check):
        REGISTRY[key] = Indicator(key, name, kind, check, basis, points, cap, group, veto_at)
        return check

    return register
