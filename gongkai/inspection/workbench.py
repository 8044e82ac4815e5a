"""自查 on the workbench: for the office, the findings of the latest run still to fix — a 单项否决
finding at once, the others within GONGKAI_INSPECTION_FIX_DAYS (default 10) working days of the
day first seen; one task per indicator."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse

from gongkai.org.models import Role
from gongkai.org.selectors import roles_in
from gongkai.workbench.registry import Task, register
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import add_working_days

from . import selectors
from .base import REGISTRY, Kind

KIND = "自查"


def fix_by(first_seen: date, kind: Kind) -> date:
    if kind == Kind.VETO:
        return first_seen
    days = getattr(settings, "GONGKAI_INSPECTION_FIX_DAYS", 10)
    try:
        return add_working_days(first_seen, days)
    except CalendarNotCovered:
        from datetime import timedelta

        return first_seen + timedelta(days=days * 7 // 5)


@register
def inspection_tasks(user, agency, today: date):
    if agency is None or Role.DISCLOSURE_OFFICE not in roles_in(user, agency):
        return []
    by_indicator: dict[str, list] = {}
    for finding in selectors.current_findings(agency):
        spec = REGISTRY.get(finding.indicator)
        if spec is None or spec.kind == Kind.DUTY:
            continue  # the duties bring their own tasks
        by_indicator.setdefault(finding.indicator, []).append(finding)
    tasks = []
    url = reverse("inspection:overview")
    for key, findings in by_indicator.items():
        spec = REGISTRY[key]
        first = min(f.first_seen for f in findings)
        tasks.append(
            Task(
                f"整改自查问题：{spec.name}（{len(findings)}个）",
                f"{url}#ind-{key}",
                KIND,
                fix_by(first, spec.kind),
                "单项否决指标" if spec.kind == Kind.VETO else "扣分指标",
            )
        )
    return tasks
