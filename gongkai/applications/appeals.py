"""行政复议、行政诉讼 about an agency's 政府信息公开工作 (年度报告 表四): registering cases about a
published item (主动公开) or about neither an item nor an application, and recording outcomes.

Cases about an application are registered from the application's page (views.add_appeal); all of
an agency's cases are listed on one page (appeal_views.py). 表四 counts them in
annual_reports.compute.table4.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.org.models import Agency, Membership
from gongkai.publishing.models import InformationItem

from . import selectors
from .choices import AppealOutcome
from .models import Appeal

#: Fields of a case that staff fill in, whatever it is about.
CASE_FIELDS = ("kind", "filed_date", "body", "case_number", "outcome", "outcome_date", "note")


def appeals_of(agency: Agency) -> QuerySet[Appeal]:
    """All of an agency's cases, newest first, with what they are about."""
    return Appeal.objects.filter(agency=agency).select_related("application", "item")


def appeals_visible_to(user) -> QuerySet[Appeal]:
    """The cases of the agencies whose 公开办 the user belongs to, and those about applications
    the user may see (as applications_visible_to says)."""
    if not user.is_authenticated or selectors._is_admin(user):
        return Appeal.objects.none()
    offices = Membership.objects.filter(user=user, role__in=selectors.HANDLER_ROLES)
    visible = Q(agency__in=offices.values("agency")) | Q(
        application__in=selectors.applications_visible_to(user, supervised=False)
    )
    return Appeal.objects.filter(visible).select_related("agency", "application", "item")


def item_find(agency: Agency, text: str) -> InformationItem:
    """The agency's item that a case is about, by 索引号 or by (part of) its title.

    Any item that was ever published (it has a 索引号) may be the subject of a case, including one
    withdrawn since."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"item_ref": "请填写信息的索引号或标题。"})
    items = InformationItem.objects.filter(agency=agency, index_number__isnull=False)
    exact = items.filter(index_number__iexact=text).first()
    if exact is not None:
        return exact
    found = list(items.filter(title__icontains=text).order_by("-published_at")[:6])
    if not found:
        raise ValidationError({"item_ref": f"本机关没有索引号或标题为“{text}”的已发布信息。"})
    if len(found) > 1:
        numbers = "、".join(item.index_number for item in found[:5])
        raise ValidationError(
            {"item_ref": f"标题含“{text}”的信息不止一条，请填写索引号：{numbers}。"}
        )
    return found[0]


def case_problems(data: dict, today: date) -> dict[str, str]:
    """What is wrong with a case's dates and outcome, in Chinese."""
    problems: dict[str, str] = {}
    filed, decided = data.get("filed_date"), data.get("outcome_date")
    outcome = data.get("outcome") or AppealOutcome.PENDING
    if filed and filed > today:
        problems["filed_date"] = "立案/申请日期不能晚于今天。"
    if outcome != AppealOutcome.PENDING and not decided:
        problems["outcome_date"] = "已审结的案件请填写审结日期。"
    if outcome == AppealOutcome.PENDING and decided:
        problems["outcome_date"] = "尚未审结的案件不填审结日期。"
    if filed and decided and decided < filed:
        problems["outcome_date"] = "审结日期不能早于立案/申请日期。"
    return problems


def _require_handler(by, agency: Agency) -> None:
    if not selectors.can_handle(by, agency):
        raise PermissionDenied("只有本机关公开办可以登记行政复议、行政诉讼。")


@transaction.atomic
def appeal_record(
    *, agency: Agency, by, item: InformationItem | None = None, subject: str = "", **fields
) -> Appeal:
    """Register a case about a published item, or (no item) about ``subject``."""
    _require_handler(by, agency)
    if item is not None and item.agency_id != agency.pk:
        raise ValidationError({"item_ref": "只能登记本机关信息的复议、诉讼。"})
    subject = subject.strip()
    if item is None and not subject:
        raise ValidationError({"subject": "请填写事由（如：未依法主动公开某类信息）。"})
    problems = case_problems(fields, timezone.localdate())
    if problems:
        raise ValidationError(problems)
    data = {name: fields.get(name) for name in CASE_FIELDS if name in fields}
    return Appeal.objects.create(agency=agency, item=item, subject="" if item else subject, **data)


@transaction.atomic
def appeal_update(*, appeal: Appeal, by, **fields) -> Appeal:
    """Record the outcome (or correct the details) of a case."""
    _require_handler(by, appeal.agency)
    merged = {name: fields.get(name, getattr(appeal, name)) for name in CASE_FIELDS}
    problems = case_problems(merged, timezone.localdate())
    if "subject" in fields and appeal.application_id is None and appeal.item_id is None:
        if not str(fields["subject"]).strip():
            problems["subject"] = "请填写事由。"
        appeal.subject = str(fields["subject"]).strip()
    if problems:
        raise ValidationError(problems)
    for name, value in merged.items():
        setattr(appeal, name, value)
    appeal.save()
    return appeal
