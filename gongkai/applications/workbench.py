"""依申请公开 on the workbench: confirmations waiting, cases due soon or overdue, answers waiting
for one's signature, extensions waiting for the head's consent."""

from datetime import date

from django.urls import reverse

from gongkai.org import oversight
from gongkai.workbench.registry import Task, register

from . import selectors, services
from .choices import CLOSED, Status
from .models import Application


@register
def application_tasks(user, agency, today: date):
    tasks = []
    # One's own work only: a supervisor follows subordinates through ``overdue_applications``.
    open_apps = selectors.applications_visible_to(user, supervised=False).exclude(status__in=CLOSED)
    for application in open_apps.select_related("agency"):
        url = reverse("applications:detail", args=[application.pk])
        handles = selectors.can_handle(user, application.agency) or (
            selectors.is_handling_unit_member(user, application)
        )
        if application.status == Status.AWAITING_CONFIRMATION:
            if handles:
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
        if application.status == Status.ANSWER_REVIEW and selectors.can_sign_answer(
            user, application
        ):
            step = selectors.current_answer_step(application)
            tasks.append(
                Task(
                    f"{step.name}：申请 {application.number} 的答复",
                    url,
                    "依申请公开",
                    application.due_date,
                    application.get_result_display(),
                )
            )
            continue
        if selectors.is_office_head(user, application.agency) and services.extension_pending(
            application
        ):
            tasks.append(
                Task(
                    f"审批延期答复：申请 {application.number}",
                    url,
                    "依申请公开",
                    application.due_date,
                    "第三十三条第二款：须在答复期限届满前经负责人同意",
                )
            )
            continue
        if handles:
            note = application.get_status_display()
            tasks.append(
                Task(
                    f"办理申请 {application.number}", url, "依申请公开", application.due_date, note
                )
            )
    return tasks


@oversight.register
def overdue_applications(agency_ids: set[int], today: date):
    """Applications past their statutory date (条例第三十三条, with any extension) and not
    answered: by number, never by applicant."""
    late = (
        Application.objects.filter(agency_id__in=agency_ids, due_date__lt=today)
        .exclude(status__in=CLOSED)
        .order_by("due_date", "pk")
    )
    for application in late.only("pk", "agency_id", "number", "due_date", "status"):
        yield oversight.Overdue(
            application.agency_id,
            "依申请公开",
            f"申请 {application.number}（{application.get_status_display()}）",
            reverse("applications:detail", args=[application.pk]),
            application.due_date,
            "超过法定答复期限（条例第三十三条）",
        )


@oversight.register_figures
def application_figures(agency, year: int):
    mine = Application.objects.filter(agency=agency)
    url = reverse("applications:list") + f"?agency={agency.code}"
    yield oversight.Figure(
        "依申请公开", f"{year}年收到申请", mine.filter(received_date__year=year).count(), url
    )
    yield oversight.Figure(
        "依申请公开", f"{year}年答复", mine.filter(answered_date__year=year).count(), url
    )
    yield oversight.Figure(
        "依申请公开", "办理中", mine.exclude(status__in=CLOSED).count(), url + "&view=open"
    )
