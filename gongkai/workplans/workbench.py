"""工作要点 on the workbench: my units' tasks that are due soon or overdue; names to map for the
office."""

from datetime import date

from django.urls import reverse

from gongkai.org import oversight
from gongkai.org.selectors import visible_agencies
from gongkai.workbench.registry import Task, register
from gongkai.workdays.services import get_calendar

from . import rules, selectors, services
from .models import PlanTask, WorkPlan

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


@oversight.register
def overdue_plan_tasks(agency_ids: set[int], today: date):
    """Open tasks of the agencies' work plans past their deadline (``rules.task_status``'s
    已逾期)."""
    tasks = (
        PlanTask.objects.filter(
            plan__agency_id__in=agency_ids,
            is_task=True,
            done_on__isnull=True,
            deadline__lt=today,
        )
        .select_related("plan")
        .order_by("deadline", "pk")
    )
    for task in tasks:
        yield oversight.Overdue(
            task.plan.agency_id,
            "工作要点",
            f"{task.path} {task.title}",
            task.get_absolute_url(),
            task.deadline,
            f"《{task.plan.title}》",
        )


@oversight.register_figures
def plan_figures(agency, year: int):
    tasks = PlanTask.objects.filter(plan__agency=agency, plan__year=year, is_task=True)
    url = reverse("workplans:list") + f"?agency={agency.code}"
    yield oversight.Figure("工作要点", f"{year}年任务", tasks.count(), url)
    yield oversight.Figure(
        "工作要点", "其中已完成", tasks.filter(done_on__isnull=False).count(), url
    )
