"""工作要点 on the workbench: my units' tasks that are due soon or overdue; names to map for the
office."""

from datetime import date

from django.urls import reverse

from gongkai.org.selectors import visible_agencies
from gongkai.workbench.registry import Task, register
from gongkai.workdays.services import get_calendar

from . import rules, selectors, services
from .models import WorkPlan

KIND = "工作要点"


@register
def workplan_tasks(user, agency, today: date):
    tasks = []
    cal = get_calendar()
    for task in selectors.open_tasks_of(user, agency).prefetch_related("reports"):
        reports = list(task.reports.all())
        last = reports[0].reported_at.date() if reports else None
        status = selectors.task_status(task, today, cal, last)
        if status not in (rules.Status.OVERDUE, rules.Status.DUE_SOON):
            continue
        due = rules.next_due(task.milestone_dates(), task.deadline, today, last)
        tasks.append(
            Task(
                f"报送落实情况：{task.title}",
                task.get_absolute_url(),
                KIND,
                due,
                f"《{task.plan.title}》{task.path}",
            )
        )
    tasks.extend(_names_to_map(user, agency, today))
    return tasks


def _names_to_map(user, agency, today: date):
    plans = WorkPlan.objects.filter(agency__in=visible_agencies(user)).exclude(
        year__lt=today.year - 1
    )
    if agency is not None:
        plans = plans.filter(agency=agency)
    tasks = []
    for plan in plans.select_related("agency"):
        if not plan.nodes.filter(is_task=True).exclude(unmatched_units=[]).exists():
            continue
        if not selectors.can_manage(user, plan.agency):
            continue
        count = len(services.unmatched_names(plan))
        tasks.append(
            Task(
                f"为《{plan.title}》中{count}个单位名称指定内设机构",
                reverse("workplans:mapping", args=[plan.pk]),
                KIND,
                None,
                "未对应的单位收不到催办，也不能报送落实情况",
            )
        )
    return tasks
