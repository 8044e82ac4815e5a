"""The supervision board: on track, due soon (3 working days), overdue, done — on the real calendar."""

from datetime import date

import pytest

from gongkai.workdays.rules import WorkCalendar
from gongkai.workdays.services import get_calendar
from gongkai.workplans import rules, selectors, services
from gongkai.workplans.rules import Status, next_due, task_status
from tests.conftest import person
from tests.workplans.conftest import task_at

pytestmark = pytest.mark.django_db


def status(deadline, today, **kwargs):
    return task_status(deadline=deadline, done=False, today=today, cal=get_calendar(), **kwargs)


def test_three_working_days_or_fewer_is_due_soon():
    # 2025-11-03 is a Monday; Thursday the 6th is 3 working days on, Friday the 7th is 4.
    assert status(date(2025, 11, 6), date(2025, 11, 3)) == Status.DUE_SOON
    assert status(date(2025, 11, 7), date(2025, 11, 3)) == Status.ON_TRACK
    assert status(date(2025, 11, 3), date(2025, 11, 3)) == Status.DUE_SOON  # due today


def test_the_national_day_week_does_not_count_towards_the_three_days():
    # Ten calendar days, but 1–8 October 2025 are holidays: only the 9th and 10th are working days.
    assert status(date(2025, 10, 10), date(2025, 9, 30)) == Status.DUE_SOON
    # The same ten days in November are eight working days.
    assert status(date(2025, 11, 13), date(2025, 11, 3)) == Status.ON_TRACK


def test_a_makeup_saturday_counts_as_a_working_day():
    # Thursday 9 October 2025 → Tuesday the 14th: Fri 10, Sat 11 (调休上班), Mon 13, Tue 14.
    assert status(date(2025, 10, 14), date(2025, 10, 9)) == Status.ON_TRACK
    # Without the make-up Saturday it would be three working days.
    plain = WorkCalendar(covered_years=frozenset({2025}))
    assert (
        task_status(deadline=date(2025, 10, 14), done=False, today=date(2025, 10, 9), cal=plain)
        == Status.DUE_SOON
    )


def test_the_day_after_the_deadline_is_overdue_and_done_beats_everything():
    assert status(date(2025, 11, 3), date(2025, 11, 4)) == Status.OVERDUE
    assert (
        task_status(
            deadline=date(2025, 1, 1), done=True, today=date(2025, 11, 4), cal=get_calendar()
        )
        == Status.DONE
    )
    assert status(None, date(2025, 11, 4)) == Status.ON_TRACK


def test_a_year_nobody_entered_falls_back_to_calendar_days():
    empty = WorkCalendar(covered_years=frozenset())
    assert (
        task_status(deadline=date(2031, 3, 5), done=False, today=date(2031, 3, 3), cal=empty)
        == Status.DUE_SOON
    )


def test_a_quarterly_task_is_due_soon_before_each_quarter_end_until_reported():
    milestones = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 10)]
    today = date(2025, 6, 26)  # Thursday; the 30th is a Monday, two working days on
    assert next_due(milestones, date(2025, 12, 10), today, None) == date(2025, 6, 30)
    assert status(date(2025, 12, 10), today, milestones=milestones) == Status.DUE_SOON
    # Reported this quarter: the next date is the end of September.
    reported = date(2025, 6, 20)
    assert next_due(milestones, date(2025, 12, 10), today, reported) == date(2025, 9, 30)
    assert (
        status(date(2025, 12, 10), today, milestones=milestones, last_report=reported)
        == Status.ON_TRACK
    )


def test_done_means_every_named_lead_unit_or_for_collectives_any_unit():
    assert rules.is_done({1, 2}, {1: True, 2: True})
    assert not rules.is_done({1, 2}, {1: True})
    assert not rules.is_done({1}, {1: False, 3: True})
    assert rules.is_done(set(), {3: True})
    assert not rules.is_done(set(), {})


def test_the_board_gives_each_task_its_status(plan, office, xiaoli):
    today = date(2026, 11, 23)  # Monday
    services.task_deadline_change(
        task=task_at(plan, "一/（一）"), deadline=date(2026, 11, 20), by=office, reason="上级提前"
    )
    services.task_deadline_change(
        task=task_at(plan, "一/（二）"), deadline=date(2026, 11, 25), by=office, reason="上级提前"
    )
    services.progress_report(
        task=task_at(plan, "二/（二）"),
        unit=plan.agency.units.get(name="运输股"),
        by=xiaoli,
        text="路政许可结果已全部公开。",
        is_done=True,
    )
    # 路政股 leads that task too: not done until it says so as well.
    rows = {row.task.path: row.status for row in selectors.board(plan, today, get_calendar())}
    assert rows["二/（二）"] == Status.ON_TRACK
    services.progress_report(
        task=task_at(plan, "二/（二）"),
        unit=plan.agency.units.get(name="路政股"),
        by=person("laozhao", plan.agency, "unit_head", "路政股", full_name="老赵"),
        text="涉路施工许可办理结果已公开。",
        is_done=True,
    )
    rows = {row.task.path: row.status for row in selectors.board(plan, today, get_calendar())}
    assert rows == {
        "一/（一）": Status.OVERDUE,
        "一/（二）": Status.DUE_SOON,
        "二/（一）": Status.OVERDUE,  # 6月底前 of the plan's year
        "二/（二）": Status.DONE,
    }
    # In May everything still open is on track.
    board = selectors.board(plan, date(2026, 5, 4), get_calendar())
    assert {row.task.path: row.status for row in board} == {
        "一/（一）": Status.ON_TRACK,
        "一/（二）": Status.ON_TRACK,
        "二/（一）": Status.ON_TRACK,
        "二/（二）": Status.DONE,
    }


def test_a_moved_deadline_replaces_the_old_one_but_keeps_the_quarters(transport, office):
    plan = services.plan_import(
        agency=transport,
        text="请于2026年12月10日前报送落实情况。\n2026年政务公开工作要点\n"
        "（一）每季度开展一次在线访谈。（办公室牵头）\n",
        by=office,
    ).plan
    task = plan.tasks().get()
    services.task_deadline_change(
        task=task, deadline=date(2026, 12, 29), by=office, reason="县委网信办统一部署，期限顺延"
    )
    task.refresh_from_db()
    assert task.milestones == ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-29"]
    assert next_due(
        task.milestone_dates(), task.deadline, date(2026, 12, 8), date(2026, 10, 9)
    ) == (date(2026, 12, 29))
