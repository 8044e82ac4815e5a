"""The foundation's own workbench entries."""

from datetime import date

from django.urls import reverse

from gongkai.org.models import Role
from gongkai.org.selectors import has_role
from gongkai.workdays.rules import first_start_reaching_next_year
from gongkai.workdays.services import get_calendar, next_year_missing

from .registry import Task, register


@register
def holiday_arrangement(user, agency, today: date):
    """Remind the 系统管理员 to enter next year's 节假日安排 (published each November). It is
    due on the first day whose 20 working days (条例第二十六条、第三十三条) end in that year: from
    then on, a request received has no computable answer date until it is entered."""
    if not has_role(user, Role.SYSTEM_ADMIN):
        return []
    cal = get_calendar()
    year = next_year_missing(today, cal)
    if year is None:
        return []
    due = today
    if year > today.year and today.year in cal.covered_years:
        due = first_start_reaching_next_year(today.year, 20, cal)
    return [
        Task(
            title=f"录入{year}年节假日安排",
            url=reverse("admin:workdays_holidayyear_add"),
            kind="系统配置",
            due=due,
            note=(
                f"国务院办公厅通知发布后录入；自{due:%Y-%m-%d}起收到的申请，20个工作日的期限"
                f"落入{year}年，未录入前无法计算。"
            ),
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
