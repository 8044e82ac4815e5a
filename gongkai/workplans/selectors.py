"""Reads of 工作要点: who may see, manage and report; the supervision board."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from gongkai.org.models import ADMIN_ROLES, Agency, Membership, Role, Unit
from gongkai.org.selectors import roles_in, roles_of, visible_agencies
from gongkai.workdays.rules import WorkCalendar

from . import rules
from .models import PlanTask, ProgressReport, WorkPlan, in_scope

#: Roles that handle content: they may report progress for their unit.
REPORTING_ROLES = {r.value for r in Role} - {r.value for r in ADMIN_ROLES} - {Role.SUPERVISOR}


def plans_visible_to(user) -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(agency__in=visible_agencies(user))


def tasks_visible_to(user) -> QuerySet[PlanTask]:
    return PlanTask.objects.filter(plan__agency__in=visible_agencies(user))


def can_manage(user, agency: Agency) -> bool:
    """The disclosure office (公开办) imports plans, maps units, reminds and drafts the report.

    Holders of the 公开办 role, or anyone working in the agency's designated office; never the
    three administrators (三员分立).
    """
    if not user.is_authenticated or roles_of(user) & ADMIN_ROLES:
        return False
    if Role.DISCLOSURE_OFFICE in roles_in(user, agency):
        return True
    office = agency.disclosure_office_id
    return bool(
        office
        and Membership.objects.filter(user=user, agency=agency, unit_id=office)
        .filter(role__in=REPORTING_ROLES)
        .exists()
    )


def my_units(user, agency: Agency | None = None) -> QuerySet[Unit]:
    """Units in which ``user`` holds a content role (the units they may report for)."""
    if not user.is_authenticated or roles_of(user) & ADMIN_ROLES:
        return Unit.objects.none()
    memberships = Membership.objects.filter(user=user, role__in=REPORTING_ROLES, unit__isnull=False)
    if agency is not None:
        memberships = memberships.filter(agency=agency)
    return Unit.objects.filter(pk__in=memberships.values("unit_id"))


def reporting_units(user, task: PlanTask) -> list[Unit]:
    """The task's units in which ``user`` works: only they may report on the task."""
    if not task.is_task:
        return []
    mine = set(my_units(user, task.plan.agency).values_list("pk", flat=True))
    return [unit for unit in task.responsible_units() if unit.pk in mine]


def unit_members(units: list[Unit]):
    """People who receive a unit's reminders: active, with a content role in the unit."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__unit__in=units,
            memberships__role__in=REPORTING_ROLES,
        )
        .distinct()
        .order_by("username")
    )


def latest_reports(task: PlanTask) -> list[ProgressReport]:
    """Each unit's latest report on the task, lead units first."""
    seen: dict[int, ProgressReport] = {}
    for report in task.reports.select_related("unit", "reported_by"):
        seen.setdefault(report.unit_id, report)
    lead = set(task.lead_units.values_list("pk", flat=True))
    return sorted(
        seen.values(), key=lambda r: (r.unit_id not in lead, r.unit.sort_order, r.unit.name)
    )


@dataclass
class BoardRow:
    task: PlanTask
    status: rules.Status
    next_due: date | None
    last_report: ProgressReport | None
    report_count: int


def board(plan: WorkPlan, today: date, cal: WorkCalendar) -> list[BoardRow]:
    """Every task of the plan with where it stands today."""
    tasks = (
        plan.tasks()
        .prefetch_related("lead_units", "cooperating_units", "reports__unit")
        .order_by("position")
    )
    rows = []
    for task in tasks:
        reports = list(task.reports.all())  # newest first (Meta.ordering)
        last = reports[0] if reports else None
        last_day = last.reported_at.date() if last else None
        milestones = task.milestone_dates()
        rows.append(
            BoardRow(
                task=task,
                status=task_status(task, today, cal, last_day),
                next_due=None
                if task.is_done
                else rules.next_due(milestones, task.deadline, today, last_day),
                last_report=last,
                report_count=len(reports),
            )
        )
    return rows


def task_status(
    task: PlanTask, today: date, cal: WorkCalendar, last_report: date | None = None
) -> rules.Status:
    return rules.task_status(
        deadline=task.deadline,
        done=task.is_done,
        today=today,
        cal=cal,
        milestones=task.milestone_dates(),
        last_report=last_report,
    )


def open_tasks_of(user, agency: Agency | None = None) -> QuerySet[PlanTask]:
    """Open tasks of the units ``user`` works in: named lead or cooperating units, and tasks given
    to a collective ("局属各单位", "机关各股室") that covers one of them."""
    units = list(my_units(user, agency))
    if not units:
        return PlanTask.objects.none()
    named = Q(lead_units__in=units) | Q(cooperating_units__in=units)
    return (
        PlanTask.objects.filter(is_task=True, done_on__isnull=True)
        .filter(named | _collective_filter(units))
        .select_related("plan", "plan__agency")
        .distinct()
    )


def _collective_filter(units: list[Unit]) -> Q:
    """JSON containment is not portable to SQLite; collective tasks are few, so pick them here."""
    ids = []
    candidates = PlanTask.objects.filter(
        is_task=True, done_on__isnull=True, plan__agency__in={u.agency_id for u in units}
    ).exclude(groups=[])
    for task in candidates.select_related("plan"):
        scopes = {g["scope"] for g in task.groups}
        if any(u.agency_id == task.plan.agency_id and in_scope(u, scopes) for u in units):
            ids.append(task.pk)
    return Q(pk__in=ids)
