"""The inspection's rules as pure functions over dates and names (国办秘函〔2019〕19号《政府网站与
政务新媒体检查指标》, thresholds quoted in DOMAIN.md; all configurable, see base.DEFAULT_THRESHOLDS)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: Words in a column's name that make it a 动态/要闻-type column (checked for 2 weeks) or a
#: 通知公告/政策文件-type column (6 months). 规章, 规范性文件 and other document columns are the
#: latter whatever their name.
NEWS_WORDS = ("动态", "要闻", "新闻", "信息发布", "工作信息")
NOTICE_WORDS = ("通知公告", "公告", "公示", "通知", "政策文件", "文件")
NOTICE_KINDS = frozenset({"regulation", "normative", "other_document"})

#: How long a column that promises an update frequency may go without one.
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day where it has fewer days)."""
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def column_class(name: str, kind: str) -> str:
    """ "news" (动态/要闻: 2 weeks), "notice" (通知公告/政策文件: 6 months) or "" (neither: judged only
    by its own 更新频率)."""
    if kind in NOTICE_KINDS:
        return "notice"
    if any(word in name for word in NEWS_WORDS):
        return "news"
    if any(word in name for word in NOTICE_WORDS):
        return "notice"
    return ""


def stale_limit(column: str, today: date, thresholds: dict) -> date | None:
    """The last day an update must fall on or after for the column not to count as stale."""
    if column == "news":
        return today - timedelta(days=thresholds["news_stale_days"])
    if column == "notice":
        return months_before(today, thresholds["notice_stale_months"])
    return None


def frequency_limit(frequency: str, today: date) -> date | None:
    """For a column that promises 每月/每季度/每年 updates: the earliest last update that keeps the
    promise today. 实时更新 (publish as soon as formed: the 公开时限 of 第二十六条, checked item by
    item), 形成或变更后更新 and 长期公开 make no promise the calendar can check."""
    months = FREQUENCY_MONTHS.get(frequency)
    return months_before(today, months) if months else None


def is_stale(last: date | None, limit: date | None) -> bool:
    """Stale: it has been updated before (an empty column is its own finding) and not since
    ``limit`` (updated on ``limit`` itself is still on time)."""
    return last is not None and limit is not None and last < limit


def unanswered_too_long(received: date, answered: date | None, today: date, months: int) -> bool:
    """A 留言 left without an answer for more than ``months`` months: still open after that, or
    answered only after it."""
    limit = received
    for _ in range(months):
        limit = _add_month(limit)
    end = answered or today
    return end > limit


def _add_month(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def score(deductions: list[tuple[float, float]]) -> float:
    """100 less each indicator's points (``(points, cap)``: a cap of 0 means none), never below 0."""
    total = 0.0
    for points, cap in deductions:
        total += min(points, cap) if cap else points
    return max(0.0, round(100 - total, 1))
