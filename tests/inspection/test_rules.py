from datetime import date

import pytest

from gongkai.inspection import rules
from gongkai.inspection.base import DEFAULT_THRESHOLDS


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 12, 3), 12, date(2025, 12, 3)),
    ],
)
def test_months_before(day, months, expected):
    assert rules.months_before(day, months) == expected


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("工作动态", "general", "news"),
        ("交通要闻", "general", "news"),
        ("通知公告", "general", "notice"),
        ("规章", "regulation", "notice"),
        ("行政规范性文件", "normative", "notice"),
        ("其他文件", "other_document", "notice"),
        ("统计信息", "general", ""),
        ("行政许可", "general", ""),
    ],
)
def test_column_class(name, kind, expected):
    assert rules.column_class(name, kind) == expected


def test_news_columns_are_stale_after_two_weeks_not_on_the_fourteenth_day():
    today = date(2026, 12, 3)
    limit = rules.stale_limit("news", today, DEFAULT_THRESHOLDS)
    assert not rules.is_stale(date(2026, 11, 19), limit)  # 14 days: still on time
    assert rules.is_stale(date(2026, 11, 18), limit)  # 15 days
    assert not rules.is_stale(None, limit)  # never updated: an empty column, not a stale one


def test_notice_columns_are_stale_after_six_months():
    today = date(2026, 12, 3)
    limit = rules.stale_limit("notice", today, DEFAULT_THRESHOLDS)
    assert not rules.is_stale(date(2026, 6, 3), limit)
    assert rules.is_stale(date(2026, 6, 2), limit)


def test_frequencies_the_calendar_can_check():
    today = date(2026, 12, 3)
    assert rules.frequency_limit("monthly", today) == date(2026, 11, 3)
    assert rules.frequency_limit("quarterly", today) == date(2026, 9, 3)
    assert rules.frequency_limit("yearly", today) == date(2025, 12, 3)
    for frequency in ("realtime", "on_change", "long_term"):
        assert rules.frequency_limit(frequency, today) is None


def test_a_message_unanswered_for_more_than_three_months():
    received = date(2026, 1, 15)
    assert not rules.unanswered_too_long(received, None, date(2026, 4, 15), 3)
    assert rules.unanswered_too_long(received, None, date(2026, 4, 16), 3)
    assert rules.unanswered_too_long(received, date(2026, 4, 20), date(2026, 12, 3), 3)
    assert not rules.unanswered_too_long(received, date(2026, 4, 15), date(2026, 12, 3), 3)
    # 30 November + 3 months is the end of February
    assert not rules.unanswered_too_long(date(2025, 11, 30), None, date(2026, 2, 28), 3)
    assert rules.unanswered_too_long(date(2025, 11, 30), None, date(2026, 3, 1), 3)


def test_score_caps_each_indicator_and_never_goes_below_zero():
    assert rules.score([]) == 100
    assert rules.score([(8, 20), (30, 20)]) == 72
    assert rules.score([(150, 0)]) == 0
