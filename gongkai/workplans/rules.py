"""Where a task stands on the supervision board (督查): pure functions over dates and the calendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import models

from gongkai.workbench.registry import DUE_SOON_WORKING_DAYS
from gongkai.workdays.rules import CalendarNotCovered, WorkCalendar, working_days_between


class Status(models.TextChoices):
    ON_TRACK = "on_track", "按计划推进"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期"
    DONE = "done", "已完成"


def next_due(
    milestones: Iterable[date], deadline: date | None, today: date, last_report: date | None
) -> date | None:
    """The next date the task must meet: the first milestone from today on whose period has no
    report yet (a quarterly task reported this quarter waits for the next), else the deadline."""
    dates = sorted({*milestones, *([deadline] if deadline else [])})
    previous = None
    for day in dates:
        if day >= today:
            reported = last_report is not None and (previous is None or last_report > previous)
            if not reported or day == dates[-1]:
                return day
        previous = day
    return deadline


def task_status(
    *,
    deadline: date | None,
    done: bool,
    today: date,
    cal: WorkCalendar,
    milestones: Iterable[date] = (),
    last_report: date | None = None,
) -> Status:
    """已完成 when done; 已逾期 after the deadline; 即将到期 when the next date is within 3 working
    days (the workbench's rule, so holidays such as the National Day week do not count); else
    按计划推进. A task without any date is on track until somebody gives it one."""
    if done:
        return Status.DONE
    if deadline is None:
        return Status.ON_TRACK
    if deadline < today:
        return Status.OVERDUE
    due = next_due(milestones, deadline, today, last_report) or deadline
    try:
        left = working_days_between(today, due, cal)
    except CalendarNotCovered:  # next year's arrangement not entered yet: count calendar days
        left = (due - today).days
    return Status.DUE_SOON if left <= DUE_SOON_WORKING_DAYS else Status.ON_TRACK


def is_done(lead_unit_ids: set[int], latest_done: dict[int, bool]) -> bool:
    """Done when every named lead unit's latest report says so; a task led only by a collective
    phrase ("局属各单位、局机关各处室落实") is done when any unit's latest report says so.

    ``latest_done`` maps each reporting unit to the done flag of its latest report.
    """
    if lead_unit_ids:
        return all(latest_done.get(unit_id, False) for unit_id in lead_unit_ids)
    return any(latest_done.values())
