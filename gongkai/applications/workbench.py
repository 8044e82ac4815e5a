"""依申请公开 on the workbench: confirmations waiting, due soon, overdue."""

from datetime import date

from django.urls import reverse

from gongkai.workbench.registry import Task, register

from . import selectors
from .choices import CLOSED, Status


@register
def application_tasks(user, agency, today: date):
    tasks = []
    open_apps = selectors.applications_visible_to(user).exclude(status__in=CLOSED)
    for application in open_apps.select_related("agency"):
        url = reverse("applications:detail", args=[application.pk])
        if application.status == Status.AWAITING_CONFIRMATION:
            tasks.append(
                Task(
                    f"确认收到网上申请 {application.number}",
                    url,
                    "依申请公开",
                    today,
                    "第三十一条：以双方确认之日为收到申请之日",
                )
            )
            continue
        note = application.get_status_display()
        tasks.append(
            Task(f"办理申请 {application.number}", url, "依申请公开", application.due_date, note)
        )
    return tasks
