"""The statistics page's section on the year's 工作要点 tasks, by where they stand today."""

from __future__ import annotations

from django.utils import timezone

from gongkai.statistics.charts import bar_chart
from gongkai.statistics.sections import Section, register
from gongkai.workdays.services import get_calendar

from . import rules, selectors
from .models import WorkPlan


@register
def tasks_by_status(agency_ids: list[int], year: int) -> Section:
    title = f"{year}年政务公开工作要点任务（按进展）"
    headers = ["进展", "任务数"]
    plans = list(WorkPlan.objects.filter(agency_id__in=agency_ids, year=year))
    if not plans:
        return Section("tasks", title, headers, note=f"{year}年尚未导入工作要点。")
    today, cal = timezone.localdate(), get_calendar()
    counts = {status: 0 for status in rules.Status}
    for plan in plans:
        for row in selectors.board(plan, today, cal):
            counts[row.status] += 1
    labels = [status.label for status in rules.Status]
    values = [counts[status] for status in rules.Status]
    return Section(
        "tasks",
        title,
        headers,
        [[label, value] for label, value in zip(labels, values, strict=True)],
        bar_chart(title, labels, values, unit="项"),
        note=f"共{sum(values)}项任务，截至{today:%Y年%m月%d日}。",
    )
