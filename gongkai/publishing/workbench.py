"""What 主动公开 puts on a person's workbench: drafts, steps waiting on them, missing 解读."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gongkai.org import oversight
from gongkai.workbench.registry import Task, register
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import get_calendar

from . import rules, selectors
from .models import InformationItem

Status = InformationItem.Status


def _url(item) -> str:
    return reverse("publishing:item_detail", args=[item.pk])


@register
def publishing_tasks(user, agency, today: date):
    tasks = []
    mine = InformationItem.objects.filter(
        drafter=user, status__in=[Status.DRAFT, Status.RETURNED]
    ).select_related("agency")
    cal = get_calendar()
    for item in mine:
        note = (
            "已退回，请修改后重新提交" if item.status == Status.RETURNED else "草稿，尚未提交审核"
        )
        due = item.due_date
        if item.formed_date and item.status == Status.DRAFT:
            try:  # units hand items over within 10 working days (seed 004)
                handover = rules.handover_due(item.formed_date, cal, settings.GONGKAI_HANDOVER_DAYS)
                note += f"；应于{handover:%Y-%m-%d}前提交公开办"
                due = min(due, handover) if due else handover
            except CalendarNotCovered:
                pass
        tasks.append(Task(item.title, _url(item), "主动公开", due, note))
    for item in selectors.waiting_on(user).select_related("agency", "entry"):
        step = selectors.current_step(item)
        tasks.append(
            Task(
                item.title,
                _url(item),
                "主动公开",
                item.due_date,
                f"待{step.name if step else '审核'}（{item.agency.short_name or item.agency.name}）",
            )
        )
    tasks.extend(_missing_interpretations(user, today, cal))
    return tasks


def _missing_interpretations(user, today, cal):
    """三同步: a published policy flagged for interpretation without a published 解读."""
    policies = (
        InformationItem.objects.published()
        .filter(needs_interpretation=True, drafter=user)
        .exclude(interpretations__status=Status.PUBLISHED)
    )
    tasks = []
    for policy in policies:
        try:
            due = rules.interpretation_due(
                timezone.localtime(policy.published_at).date(),
                cal,
                settings.GONGKAI_INTERPRETATION_DAYS,
            )
        except CalendarNotCovered:
            due = None
        tasks.append(
            Task(
                f"为《{policy.title}》发布政策解读",
                _url(policy),
                "政策解读",
                due,
                "政策文件与解读材料同步组织、同步审签、同步部署",
            )
        )
    return tasks


@oversight.register
def overdue_items(agency_ids: set[int], today: date):
    """Items not published by their 公开期限 (条例第二十六条), and policies whose 政策解读 is
    late (三同步)."""
    late = (
        InformationItem.objects.filter(
            agency_id__in=agency_ids,
            due_date__lt=today,
            status__in=[Status.DRAFT, Status.IN_REVIEW, Status.RETURNED],
        )
        .order_by("due_date", "pk")
        .only("pk", "agency_id", "title", "due_date", "status")
    )
    for item in late:
        yield oversight.Overdue(
            item.agency_id,
            "信息发布",
            f"{item.title}（{item.get_status_display()}）",
            _url(item),
            item.due_date,
            "超过公开期限（条例第二十六条）",
        )
    cal = get_calendar()
    policies = (
        InformationItem.objects.published()
        .filter(agency_id__in=agency_ids, needs_interpretation=True)
        .exclude(interpretations__status=Status.PUBLISHED)
        .only("pk", "agency_id", "title", "published_at")
    )
    for policy in policies:
        try:
            due = rules.interpretation_due(
                timezone.localtime(policy.published_at).date(),
                cal,
                settings.GONGKAI_INTERPRETATION_DAYS,
            )
        except CalendarNotCovered:
            continue
        if due < today:
            yield oversight.Overdue(
                policy.agency_id,
                "信息发布",
                f"《{policy.title}》的政策解读未发布",
                _url(policy),
                due,
                "三同步：解读与文件同步发布",
            )


@oversight.register_figures
def item_figures(agency, year: int):
    url = reverse("publishing:item_list") + f"?agency={agency.code}"
    yield oversight.Figure(
        "信息发布",
        f"{year}年主动公开",
        InformationItem.objects.published().filter(agency=agency, published_at__year=year).count(),
        url,
    )
    yield oversight.Figure(
        "信息发布",
        "审核中",
        InformationItem.objects.filter(agency=agency, status=Status.IN_REVIEW).count(),
        url,
    )
