"""The working-day calendar as stored: loading it for the rules, and seeding it."""

from __future__ import annotations

import threading
import time
from datetime import date

from . import rules
from .rules import DayRule, WorkCalendar

#: chinese-calendar's holiday names → the names used in Chinese notices.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

_CACHE_SECONDS = 60  # other processes see an admin's edit within a minute; this one at once
_lock = threading.Lock()
_cached: tuple[float, WorkCalendar] | None = None


def get_calendar() -> WorkCalendar:
    """The calendar from the database, cached briefly in the process."""
    global _cached
    with _lock:
        if _cached is not None and time.monotonic() - _cached[0] < _CACHE_SECONDS:
            return _cached[1]
    calendar = load_calendar()
    with _lock:
        _cached = (time.monotonic(), calendar)
    return calendar


def invalidate_calendar() -> None:
    global _cached
    with _lock:
        _cached = None


def load_calendar() -> WorkCalendar:
    from .models import CalendarDay, HolidayYear

    years = frozenset(HolidayYear.objects.filter(is_complete=True).values_list("year", flat=True))
    days = {
        d: DayRule(is_workday=w, name=n)
        for d, w, n in CalendarDay.objects.values_list("date", "is_workday", "name")
    }
    return WorkCalendar(covered_years=years, days=days)


def add_working_days(start: date, n: int, cal: WorkCalendar | None = None) -> date:
    """The n-th working day after ``start`` (start not counted), on the stored calendar."""
    return rules.add_working_days(start, n, cal or get_calendar())


def working_days_between(a: date, b: date, cal: WorkCalendar | None = None) -> int:
    """Working days after ``a`` up to and including ``b``, on the stored calendar."""
    return rules.working_days_between(a, b, cal or get_calendar())


def package_calendar_data() -> dict[int, list[tuple[date, bool, str]]]:
    """Every holiday and make-up day that the chinese-calendar package knows, by year."""
    from chinese_calendar import constants

    by_year: dict[int, list[tuple[date, bool, str]]] = {}
    for day, name in constants.holidays.items():
        by_year.setdefault(day.year, []).append((day, False, HOLIDAY_NAMES.get(name, name)))
    for day, name in constants.workdays.items():
        if day.weekday() >= 5:  # only weekend days worked are exceptions to Monday–Friday
            by_year.setdefault(day.year, []).append((day, True, HOLIDAY_NAMES.get(name, name)))
    return by_year


def seed_from_package(holiday_year_model=None, calendar_day_model=None) -> tuple[int, int]:
    """Store the package's years and days; never overwrites a year or date an admin entered.

    Returns (years added, days added). Idempotent. Takes the models so a migration can call it.
    """
    if holiday_year_model is None:
        from .models import CalendarDay, HolidayYear

        holiday_year_model, calendar_day_model = HolidayYear, CalendarDay
    source = "package"
    years_added = days_added = 0
    for year, entries in sorted(package_calendar_data().items()):
        year_row, created = holiday_year_model.objects.get_or_create(
            year=year,
            defaults={
                "source": source,
                "notice": f"国务院办公厅关于{year}年部分节假日安排的通知（chinese-calendar 数据包）",
                "is_complete": True,
            },
        )
        years_added += created
        if year_row.source != source:
            continue  # an admin owns this year
        existing = set(
            calendar_day_model.objects.filter(year=year_row).values_list("date", flat=True)
        )
        new = [
            calendar_day_model(year=year_row, date=d, is_workday=w, name=n, source=source)
            for d, w, n in sorted(entries)
            if d not in existing
        ]
        calendar_day_model.objects.bulk_create(new)
        days_added += len(new)
    invalidate_calendar()
    return years_added, days_added


def next_year_missing(today: date, cal: WorkCalendar | None = None) -> int | None:
    """The coming year, if its arrangement is not entered and it is time to enter it (from 11月)."""
    cal = cal or get_calendar()
    if today.month >= 11 and today.year + 1 not in cal.covered_years:
        return today.year + 1
    if today.year not in cal.covered_years:
        return today.year
    return None
