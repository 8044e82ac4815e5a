"""Chinese working days (工作日), as pure functions over a ``WorkCalendar``.

A 工作日 is Monday–Friday, minus the statutory holidays, plus the weekend days that the State
Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知) turns into working days (调休).
The next year's notice comes out around November; until somebody enters it, no date of that year
can be classified, and asking raises ``CalendarNotCovered`` rather than guessing Monday–Friday.

Counting convention, used by every statutory deadline in Gongkai (e.g. 条例第二十六条、第三十三条):
the start day is not counted; a limit of *n* working days ends on the *n*-th working day after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class CalendarNotCovered(Exception):
    """Raised for a date in a year whose holiday arrangement nobody has entered."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year}年节假日安排尚未录入")


@dataclass(frozen=True)
class DayRule:
    """An exception to Monday–Friday: a holiday (休) or a make-up working day (班)."""

    is_workday: bool
    name: str  # 国庆节, 春节, … or an admin's note


@dataclass(frozen=True)
class WorkCalendar:
    covered_years: frozenset[int]
    days: Mapping[date, DayRule] = field(default_factory=dict)

    def check_covered(self, day: date) -> None:
        if day.year not in self.covered_years:
            raise CalendarNotCovered(day.year)

    def is_workday(self, day: date) -> bool:
        self.check_covered(day)
        rule = self.days.get(day)
        if rule is not None:
            return rule.is_workday
        return day.weekday() < 5

    def reason(self, day: date) -> str:
        """Why ``day`` is or is not a working day, in words for staff."""
        self.check_covered(day)
        rule = self.days.get(day)
        weekday = WEEKDAY_NAMES[day.weekday()]
        if rule is not None:
            if rule.is_workday:
                return (
                    f"{rule.name}调休上班（{weekday}）"
                    if day.weekday() >= 5
                    else (f"{rule.name}（{weekday}，工作日）")
                )
            return f"{rule.name}放假（{weekday}）"
        return f"周末（{weekday}）" if day.weekday() >= 5 else f"工作日（{weekday}）"

    def is_makeup_workday(self, day: date) -> bool:
        rule = self.days.get(day)
        return bool(rule and rule.is_workday and day.weekday() >= 5)


@dataclass(frozen=True)
class Step:
    """One day looked at while counting: skipped, or counted as the ``ordinal``-th working day."""

    day: date
    counted: bool
    ordinal: int | None
    reason: str


def _walk(start: date) -> Iterator[date]:
    day = start
    while True:
        day += timedelta(days=1)
        yield day


def add_working_days_steps(start: date, n: int, cal: WorkCalendar) -> tuple[date, list[Step]]:
    """The n-th working day after ``start`` (start not counted) and every day looked at."""
    if n < 0:
        raise ValueError("工作日天数不能为负数")
    steps: list[Step] = []
    if n == 0:
        return start, steps
    counted = 0
    for day in _walk(start):
        if cal.is_workday(day):
            counted += 1
            steps.append(Step(day, True, counted, cal.reason(day)))
            if counted == n:
                return day, steps
        else:
            steps.append(Step(day, False, None, cal.reason(day)))
    raise AssertionError("unreachable")  # pragma: no cover


def add_working_days(start: date, n: int, cal: WorkCalendar) -> date:
    """The n-th working day after ``start``; ``start`` itself is never counted.

    条例第二十六条 (20 working days to publish), 第三十三条 (20 working days to answer) and every
    other limit in working days are computed with this function.
    """
    return add_working_days_steps(start, n, cal)[0]


def working_days_between(a: date, b: date, cal: WorkCalendar) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    The inverse of ``add_working_days``: ``working_days_between(s, add_working_days(s, n)) == n``.
    """
    if b < a:
        return -working_days_between(b, a, cal)
    count, day = 0, a
    while day < b:
        day += timedelta(days=1)
        if cal.is_workday(day):
            count += 1
    return count


def first_start_reaching_next_year(year: int, n: int, cal: WorkCalendar) -> date:
    """The first day of ``year`` whose limit of ``n`` working days ends in ``year + 1``: from that
    day on, a deadline counted from it needs next year's arrangement (条例第三十三条's 20 days
    reach into January from about the beginning of December). It is the n-th working day counted
    back from 31 December (that day included): the days after it hold n - 1 working days of
    ``year``. Needs ``year`` covered."""
    if n < 1:
        raise ValueError("工作日天数须为正数")
    day, counted = date(year, 12, 31), 0
    while True:
        if cal.is_workday(day):
            counted += 1
            if counted == n:
                return day
        day -= timedelta(days=1)


def explain(steps: list[Step]) -> list[str]:
    """The lines ``--explain`` prints: each skipped day and each counted make-up day."""
    lines = []
    for step in steps:
        stamp = step.day.isoformat()
        if not step.counted:
            lines.append(f"{stamp} 不计：{step.reason}")
        elif step.day.weekday() >= 5:
            lines.append(f"{stamp} 计入第{step.ordinal}个工作日：{step.reason}")
    return lines
