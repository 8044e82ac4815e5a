"""The foundation's own workbench entries."""

from datetime import date

from django.urls import reverse

from gongkai.org.models import Role
from gongkai.org.selectors import has_role
from gongkai.workdays.services import next_year_missing

from .registry import Task, register


@register
def holiday_arrangement(user, agency, today: date):
    """Remind the 系统管理员 to enter next year's 节假日安排 (published each November)."""
    if not has_role(user, Role.SYSTEM_ADMIN):
        return []
    year = next_year_missing(today)
    if year is None:
        return []
    return [
        Task(
            title=f"录入{year}年节假日安排",
            url=reverse("admin:workdays_holidayyear_add"),
            kind="系统配置",
            due=date(year, 1, 1) if year > today.year else today,
            note="国务院办公厅通知发布后录入；未录入前，该年的法定期限无法计算。",
        )
    ]


@register
def failed_tasks(user, agency, today: date):
    """Background tasks whose last attempt failed: the 系统管理员 looks at the cause."""
    if not has_role(user, Role.SYSTEM_ADMIN):
        return []
    from gongkai.core.tasks import failed_results

    count = len(failed_results(limit=100))
    if not count:
        return []
    return [
        Task(
            title=f"后台任务失败 {count} 项",
            url=reverse("tasks:list"),
            kind="系统运行",
            due=today,
            note="重试用尽仍失败；查明原因后可重新执行。",
        )
    ]
