"""The rules of 互动交流, as pure functions: no database, the calendar passed in.

- Messages (留言): answered within a per-channel limit in working days (default 5, configurable
  per channel and agency); the counting is the platform's (start day not counted, see
  ``gongkai.workdays.rules``).
- 办结率 = answered ÷ received, valid messages only, in per cent with two decimals, printed the way
  the reports print it: "办结率94.49%" (seed 001: 2523 of 2670), "99.4%" (seed 002), "100%".
- 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号): a valid message left unanswered for more
  than 3 months is a single-veto item (单项否决). Months are calendar months.
- 人大代表建议 / 政协委员提案: answered within 3 months of being handed over (代表法: 自交办之日起
  三个月内答复, 涉及面广、处理难度大的六个月内), configurable.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gongkai.workdays.rules import WorkCalendar, add_working_days, working_days_between

#: Default limit for answering a message, in working days.
DEFAULT_ANSWER_DAYS = 5
#: 检查指标: a valid message unanswered for more than this many calendar months.
UNANSWERED_WARNING_MONTHS = 3
#: Default limit for answering a 建议/提案, in calendar months.
DEFAULT_PROPOSAL_MONTHS = 3

_HUNDREDTH = Decimal("0.01")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or the month's last day when it is shorter
    (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def message_due(received: date, limit_days: int, cal: WorkCalendar) -> date:
    """The last day to answer a message: ``limit_days`` working days after the day it was
    received (that day not counted). Raises ``CalendarNotCovered`` for a year nobody entered."""
    return add_working_days(received, limit_days, cal)


def proposal_due(received: date, months: int = DEFAULT_PROPOSAL_MONTHS) -> date:
    """代表法: 自交办之日起三个月内答复 — calendar months from the day it was handed over."""
    return add_months(received, months)


def unanswered_too_long(
    received: date, today: date, months: int = UNANSWERED_WARNING_MONTHS
) -> bool:
    """检查指标 (单项否决): "超过3个月未回应的有效留言". True from the day after the same date
    three months on: received 2026-01-31 → still in time on 2026-04-30, too long on 2026-05-01."""
    return today > add_months(received, months)


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` ÷ ``whole`` in per cent, two decimals, rounded half up; None when nothing was
    counted (a rate of nothing is not 0% and not 100%)."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def format_rate(value: Decimal | None) -> str:
    """As the reports print it: 94.49%, 99.4%, 100% (no trailing zeros); "—" for no rate."""
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True)
class MessageFacts:
    """What the figures need of one message."""

    received: date
    valid: bool
    due: date | None = None
    answered: date | None = None  # the day the answer was approved (办结)


@dataclass(frozen=True)
class Figures:
    received: int
    answered: int
    on_time: int
    completion_rate: Decimal | None  # 办结率 = answered ÷ received
    on_time_rate: Decimal | None  # 按期办结率 = answered on or before the due date ÷ answered
    average_days: Decimal | None  # working days from receipt to answer, one decimal
    invalid: int

    @property
    def completion_text(self) -> str:
        return format_rate(self.completion_rate)

    @property
    def on_time_text(self) -> str:
        return format_rate(self.on_time_rate)


def figures(facts: list[MessageFacts], cal: WorkCalendar | None, as_of: date) -> Figures:
    """The figures of a period from its messages (those received in it).

    Invalid messages (重复、无实质内容 …) count in none of the rates. A message counts as answered
    if it was answered on or before ``as_of``; it is on time if answered on or before its due
    date. The average counts working days as the deadline does (receipt day not counted); a
    message answered on the day it arrived took 0 working days. Without a calendar (``None``)
    there is no average.
    """
    valid = [f for f in facts if f.valid]
    answered = [f for f in valid if f.answered is not None and f.answered <= as_of]
    on_time = [f for f in answered if f.due is not None and f.answered <= f.due]
    days = [working_days_between(f.received, f.answered, cal) for f in answered] if cal else []
    average = (
        (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if days
        else None
    )
    return Figures(
        received=len(valid),
        answered=len(answered),
        on_time=len(on_time),
        completion_rate=rate(len(answered), len(valid)),
        on_time_rate=rate(len(on_time), len(answered)),
        average_days=average,
        invalid=len(facts) - len(valid),
    )


def proposal_sentence(deputies: int, members: int) -> str:
    """Seed 000's sentence: "…分类发布人大代表建议和政协委员提案办理答复共47条，其中：人大代表
    建议办理答复31条，政协委员提案办理答复16条"."""
    return (
        f"发布人大代表建议和政协委员提案办理答复共{deputies + members}条，其中："
        f"人大代表建议办理答复{deputies}条，政协委员提案办理答复{members}条"
    )
