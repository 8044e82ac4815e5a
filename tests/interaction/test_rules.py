"""The rules of 互动交流 on the stored calendar: answer deadlines across 国庆 and 春节, 办结率 as the
reports print it, the 3-month warning of the 检查指标, and 建议提案's 3 months."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.interaction import rules
from gongkai.interaction.rules import MessageFacts
from gongkai.workdays.rules import CalendarNotCovered, WorkCalendar
from gongkai.workdays.services import get_calendar

pytestmark = pytest.mark.django_db


# --- Deadlines in working days -------------------------------------------------------------


def test_national_day_week_is_skipped_and_makeup_saturday_counts():
    # 2026: 10月1日–7日 放假, 10月10日（星期六）上班. Received Wednesday 30 September:
    # 8日(1) 9日(2) 10日 Saturday (3) 12日(4) 13日(5).
    assert rules.message_due(date(2026, 9, 30), 5, get_calendar()) == date(2026, 10, 13)


def test_spring_festival_is_skipped_and_the_makeup_saturday_before_it_counts():
    # 2026: 2月15日–23日 放假, 2月14日（星期六）上班. Received Friday 13 February:
    # 14日 Saturday (1), then 24日(2) 25日(3) 26日(4) 27日(5).
    assert rules.message_due(date(2026, 2, 13), 5, get_calendar()) == date(2026, 2, 27)


def test_mid_autumn_and_national_day_together():
    # 2026: 9月25日 中秋 (Friday), then 28日(1) 29日(2) 30日(3), 国庆, 10月8日(4) 9日(5).
    assert rules.message_due(date(2026, 9, 24), 5, get_calendar()) == date(2026, 10, 9)


def test_a_message_left_during_the_holiday_counts_from_the_first_working_day():
    assert rules.message_due(date(2026, 10, 3), 5, get_calendar()) == date(2026, 10, 13)


def test_2025_national_day_with_its_makeup_saturday():
    # 2025: 10月1日–8日 放假, 10月11日（星期六）上班.
    assert rules.message_due(date(2025, 9, 30), 5, get_calendar()) == date(2025, 10, 14)


def test_another_limit_per_channel():
    assert rules.message_due(date(2026, 9, 30), 3, get_calendar()) == date(2026, 10, 10)
    assert rules.message_due(date(2026, 9, 30), 15, get_calendar()) == date(2026, 10, 27)


def test_a_year_nobody_entered_is_never_guessed():
    cal = WorkCalendar(covered_years=frozenset({2026}))
    with pytest.raises(CalendarNotCovered):
        rules.message_due(date(2026, 12, 28), 5, cal)


# --- Calendar months -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 20), 3, date(2026, 6, 20)),
        (date(2026, 5, 31), -3, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_add_months_clamps_to_the_last_day(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_unanswered_for_more_than_three_months_is_the_single_veto():
    received = date(2026, 1, 31)
    assert not rules.unanswered_too_long(received, date(2026, 4, 30))
    assert rules.unanswered_too_long(received, date(2026, 5, 1))
    assert not rules.unanswered_too_long(date(2026, 8, 14), date(2026, 11, 14))
    assert rules.unanswered_too_long(date(2026, 8, 14), date(2026, 11, 15))


def test_proposals_are_answered_within_three_months_of_being_handed_over():
    assert rules.proposal_due(date(2026, 3, 20)) == date(2026, 6, 20)
    assert rules.proposal_due(date(2026, 3, 20), months=6) == date(2026, 9, 20)


# --- 办结率 ---------------------------------------------------------------------------------


def test_completion_rate_of_seed_001_is_94_49_percent():
    # 罗甸政务110平台共受理案件2670件，已办结2523件，办结率94.49%.
    value = rules.rate(2523, 2670)
    assert value == Decimal("94.49")
    assert rules.format_rate(value) == "94.49%"


def test_rates_print_like_the_reports():
    assert rules.format_rate(rules.rate(994, 1000)) == "99.4%"  # seed 002
    assert rules.format_rate(rules.rate(12, 12)) == "100%"  # seed 001, 依申请公开
    assert rules.format_rate(rules.rate(2, 3)) == "66.67%"
    assert rules.format_rate(rules.rate(1, 8)) == "12.5%"
    assert rules.rate(1, 200) == Decimal("0.50")
    assert rules.rate(1, 16) == Decimal("6.25")
    assert rules.rate(1, 32) == Decimal("3.13")  # 3.125 rounds half up


def test_a_rate_of_nothing_is_no_rate():
    assert rules.rate(0, 0) is None
    assert rules.format_rate(None) == "—"
    assert rules.format_rate(rules.rate(0, 5)) == "0%"


def test_figures_count_valid_messages_and_answers_up_to_the_day_of_the_count():
    cal = get_calendar()
    facts = [
        # answered on time (2 working days)
        MessageFacts(date(2026, 9, 1), True, date(2026, 9, 8), date(2026, 9, 3)),
        # answered late: due 28 September, answered after the national day
        MessageFacts(date(2026, 9, 21), True, date(2026, 9, 28), date(2026, 10, 8)),
        # still open
        MessageFacts(date(2026, 9, 28), True, date(2026, 10, 9), None),
        # answered after the day of the count: not yet counted as answered
        MessageFacts(date(2026, 9, 29), True, date(2026, 10, 12), date(2026, 10, 12)),
        # invalid (重复留言): counted nowhere but in ``invalid``
        MessageFacts(date(2026, 9, 2), False, None, None),
    ]
    result = rules.figures(facts, cal, as_of=date(2026, 10, 9))
    assert (result.received, result.answered, result.on_time, result.invalid) == (4, 2, 1, 1)
    assert result.completion_text == "50%"
    assert result.on_time_text == "50%"
    # 1 Sep → 3 Sep: 2 working days; 21 Sep → 8 Oct: 22,23,24,28,29,30 Sep and 8 Oct = 7.
    assert result.average_days == Decimal("4.5")


def test_figures_of_seed_001_in_full():
    cal = get_calendar()
    answered = [MessageFacts(date(2026, 3, 2), True, date(2026, 3, 9), date(2026, 3, 4))] * 2523
    open_ = [MessageFacts(date(2026, 3, 2), True, date(2026, 3, 9), None)] * (2670 - 2523)
    result = rules.figures(answered + open_, cal, as_of=date(2026, 12, 31))
    assert (result.received, result.answered) == (2670, 2523)
    assert result.completion_text == "94.49%"
    assert result.on_time_text == "100%"
    assert result.average_days == Decimal("2.0")


def test_no_calendar_no_average():
    facts = [MessageFacts(date(2026, 9, 1), True, date(2026, 9, 8), date(2026, 9, 3))]
    assert rules.figures(facts, None, as_of=date(2026, 9, 30)).average_days is None


def test_seed_000_proposal_sentence():
    sentence = rules.proposal_sentence(31, 16)
    assert "共47条" in sentence
    assert "人大代表建议办理答复31条" in sentence
    assert "政协委员提案办理答复16条" in sentence
