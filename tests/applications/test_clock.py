"""第三十条、第三十二至三十五条 and 国办函〔2020〕109号: the clock of 依申请公开, on real calendars.

Expected dates are counted by hand from the State Council notices (comments show the counting)."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.applications import clock
from gongkai.applications.clock import ClockEvent
from gongkai.workdays.rules import add_working_days
from gongkai.workdays.services import get_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def cal():
    return get_calendar()


def due(received, events=(), cal=None, **kwargs):
    return clock.due_date(received, list(events), cal or get_calendar(), **kwargs)


def test_answer_is_due_on_the_20th_working_day_after_receipt(cal):
    # 2024-09-27 (Fri): 9/29 (Sun, 调休) is the 1st, 10/1–7 off, 10/12 (Sat, 调休) the 7th … 10/30.
    assert due(date(2024, 9, 27)).due == date(2024, 10, 30)
    # Received on Spring Festival eve 2025 (Mon 1/27): 1/28–2/4 off; 2/5 is the 1st working day,
    # 2/8 (Sat, 调休) the 4th, then five-day weeks: 2/28 the 19th, 3/3 the 20th.
    assert due(date(2025, 1, 27)).due == date(2025, 3, 3)


def test_a_receipt_on_a_holiday_counts_from_the_next_working_day(cal):
    assert due(date(2026, 10, 3)).due == due(date(2026, 10, 7)).due


def test_supplement_stops_the_clock_and_restarts_the_20_days(cal):
    received = date(2026, 9, 21)
    pending = due(
        received,
        [ClockEvent("supplement", date(2026, 9, 24), until=date(2026, 10, 16))],
        today=date(2026, 10, 1),
    )
    assert pending.due is None and not pending.running and pending.abandoned is None
    restarted = due(received, [ClockEvent("supplement", date(2026, 9, 24), end=date(2026, 10, 12))])
    # From 10/12 (Mon): 10/13–16 (4), 10/19–23 (9), 10/26–30 (14), 11/2–6 (19), 11/9 the 20th.
    assert restarted.due == date(2026, 11, 9)
    assert any("收到补正后的申请" in step for step in restarted.steps)


def test_no_supplement_by_the_deadline_is_abandonment(cal):
    lapsed = due(
        date(2026, 9, 21),
        [ClockEvent("supplement", date(2026, 9, 24), until=date(2026, 10, 16))],
        today=date(2026, 10, 19),
    )
    assert lapsed.abandoned == "other_1"
    assert "视为放弃申请" in lapsed.steps[-1]


def test_supplement_only_within_7_working_days_and_only_once(cal):
    received = date(2024, 9, 27)  # Fri; 9/29 (Sun) worked, then 国庆
    # 7 working days after 9/27: 9/29, 9/30, 10/8, 10/9, 10/10, 10/11, 10/12 (Sat, worked).
    assert clock.supplement_refusal(received, date(2024, 10, 12), 0, cal) is None
    late = clock.supplement_refusal(received, date(2024, 10, 14), 0, cal)
    assert "7个工作日" in late and "8个工作日" in late
    assert "只能告知一次" in clock.supplement_refusal(received, date(2024, 9, 29), 1, cal)


def test_consultation_days_are_not_counted(cal):
    received = date(2026, 11, 2)  # due 11/30 without consultation
    assert due(received).due == date(2026, 11, 30)
    # Sent Tue 11/10, answered Fri 11/13: Wed, Thu, Fri = 3 working days not counted → 12/3.
    answered = due(received, [ClockEvent("consult", date(2026, 11, 10), end=date(2026, 11, 13))])
    assert answered.due == date(2026, 12, 3)


def test_an_unanswered_consultation_counts_until_its_15_day_limit(cal):
    received = date(2026, 11, 2)
    event = ClockEvent("consult", date(2026, 11, 10), received=date(2026, 11, 10))
    open_now = due(received, [event], today=date(2026, 11, 20))
    assert open_now.provisional
    expired = due(received, [event], today=date(2026, 12, 10))
    assert not expired.provisional
    # Limit: 15 working days after 11/10 → 12/1; all 15 not counted → 11/30 + 15 = 12/21.
    assert expired.due == open_now.due == date(2026, 12, 21)


def test_the_third_partys_15_days_run_from_its_receipt_not_from_sending(cal):
    """第三十二条: 自收到征求意见书之日起15个工作日. Sent Tue 11/10 by post, received Fri 11/13:
    the limit is 12/4, not 12/1, and all the days from 11/11 to 12/4 are not counted."""
    received = date(2026, 11, 2)
    event = ClockEvent("consult", date(2026, 11, 10), received=date(2026, 11, 13))
    expired = due(received, [event], today=date(2026, 12, 10))
    assert "2026-12-04" in expired.steps[-1]
    # 11/11 … 12/4: 18 working days not counted → 11/30 + 18.
    assert expired.due == add_working_days(date(2026, 11, 30), 18, cal)
    # Until the receipt is recorded, the date is provisional.
    assert due(received, [ClockEvent("consult", date(2026, 11, 10))]).provisional


def test_two_consultations_at_once_leave_each_day_out_once(cal):
    """A third party and another agency consulted together: the days both were open count once."""
    received = date(2026, 11, 2)
    third = ClockEvent(
        "consult", date(2026, 11, 10), received=date(2026, 11, 10), end=date(2026, 11, 13)
    )
    agency = ClockEvent(
        "consult", date(2026, 11, 11), received=date(2026, 11, 11), end=date(2026, 11, 18)
    )
    both = due(received, [third, agency])
    # Left out: 11/11 … 11/18 = 6 working days (not 3 + 5 = 8).
    assert both.due == add_working_days(date(2026, 11, 30), 6, cal)
    assert "重叠" in both.steps[-1]


def test_a_fee_notices_payment_period_runs_from_its_receipt(cal):
    """国办函〔2020〕109号第七条: the applicant pays within 20 working days of receiving the notice;
    a posted notice that has not arrived cannot lapse."""
    received = date(2026, 9, 14)
    posted = ClockEvent("fee", date(2026, 9, 25))
    waiting = due(received, [posted], today=date(2026, 12, 31))
    assert waiting.abandoned is None and not waiting.running
    arrived = ClockEvent("fee", date(2026, 9, 25), received=date(2026, 9, 29))
    # 20 working days after 9/29 across National Day (10/1–8 off, 9/28 and 10/10 worked).
    pay_by = add_working_days(date(2026, 9, 29), 20, cal)
    assert due(received, [arrived], today=pay_by).abandoned is None
    lapsed = due(received, [arrived], today=pay_by + timedelta(days=1))
    assert lapsed.abandoned == "other_2"
    assert pay_by.isoformat() in " ".join(lapsed.steps)


def test_consultation_across_national_day_moves_by_working_days_only(cal):
    received = date(2026, 9, 14)  # Mon
    plain = due(received).due  # 9/20 (Sun) is worked in 2026
    across = due(received, [ClockEvent("consult", date(2026, 9, 29), end=date(2026, 10, 9))]).due
    # Not counted: 9/30, (10/1–7 off), 10/8, 10/9 = 3 working days.
    from gongkai.workdays.rules import add_working_days

    assert across == add_working_days(plain, 3, cal)


def test_one_extension_of_at_most_20_days_before_the_due_date(cal):
    received = date(2026, 11, 2)
    extended = due(received, [ClockEvent("extension", date(2026, 11, 20), days=20)])
    assert extended.due == date(2026, 12, 28)  # 11/30 + 20 working days
    assert clock.extension_refusal(date(2026, 11, 30), date(2026, 11, 20), 20, 0) is None
    assert "只能一次" in clock.extension_refusal(date(2026, 11, 30), date(2026, 11, 20), 5, 1)
    assert "不得超过20" in clock.extension_refusal(date(2026, 11, 30), date(2026, 11, 20), 21, 0)
    assert "届满前" in clock.extension_refusal(date(2026, 11, 30), date(2026, 12, 1), 5, 0)


def test_article_35_later_deadline(cal):
    later = due(
        date(2026, 11, 2),
        [ClockEvent("later_deadline", date(2026, 11, 5), until=date(2026, 12, 31))],
    )
    assert later.due == date(2026, 12, 31) and "第三十五条" in later.steps[-1]


def test_a_fee_notice_stops_the_clock_until_payment(cal):
    received = date(2026, 11, 2)
    waiting = due(received, [ClockEvent("fee", date(2026, 11, 9))], today=date(2026, 11, 20))
    assert waiting.due is None and not waiting.running and waiting.abandoned is None
    # Paid Fri 11/13: Tue–Fri = 4 working days not counted → 11/30 + 4 = 12/4.
    paid = due(received, [ClockEvent("fee", date(2026, 11, 9), end=date(2026, 11, 13))])
    assert paid.due == date(2026, 12, 4)


def test_unpaid_after_the_payment_period_is_not_processed(cal):
    unpaid = due(
        date(2026, 11, 2),
        [ClockEvent("fee", date(2026, 9, 1), received=date(2026, 9, 1))],
        today=date(2026, 11, 20),
        fee_payment_days=20,
    )
    assert unpaid.abandoned == "other_2"


def test_every_step_is_explained(cal):
    deadline = due(
        date(2024, 9, 27),
        [
            ClockEvent("consult", date(2024, 10, 8), end=date(2024, 10, 10)),
            ClockEvent("extension", date(2024, 10, 20), days=10),
        ],
    )
    assert len(deadline.steps) == 3
    assert "第三十三条" in deadline.steps[0] and "第三十二条" in deadline.steps[1]


def test_cli_prints_the_due_date_first(capsys):
    call_command("clock", "--received", "2024-09-27")
    assert capsys.readouterr().out.splitlines() == ["2024-10-30"]


def test_cli_with_supplement_consultation_and_extension(capsys):
    call_command(
        "clock",
        "--received",
        "2026-11-02",
        "--supplement-requested",
        "2026-11-04",
        "--supplement-received",
        "2026-11-06",
        "--consult",
        "2026-11-10:2026-11-13",
        "--extension",
        "5",
        "--explain",
    )
    lines = capsys.readouterr().out.splitlines()
    # 11/6 + 20 = 12/4; consultation 3 days → 12/9; extension 5 → 12/16.
    assert lines[0] == "2026-12-16"
    assert any("第三十条" in line for line in lines[1:])


def test_cli_refuses_a_late_supplement_and_a_long_extension():
    with pytest.raises(CommandError, match="7个工作日"):
        call_command("clock", "--received", "2026-11-02", "--supplement-requested", "2026-11-20")
    with pytest.raises(CommandError, match="20个工作日"):
        call_command("clock", "--received", "2026-11-02", "--extension", "25")
