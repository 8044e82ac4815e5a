"""Reads of the yearly duties: what is due for an agency, and who may see and act.

Only the agency's 公开办 acts (the office handles the requests, keeps the catalogue, publishes);
the 上级督查 reads. Applicants' personal data are masked on every page here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.core import masks
from gongkai.inspection.base import thresholds as inspection_thresholds
from gongkai.org.models import ADMIN_ROLES, Role
from gongkai.org.selectors import roles_in, roles_of, supervised_agency_ids, visible_agencies
from gongkai.publishing.choices import POLICY_KINDS, Disclosure, Validity
from gongkai.publishing.models import InformationItem
from gongkai.workdays.rules import CalendarNotCovered, add_working_days
from gongkai.workdays.services import get_calendar

from . import rules
from .models import FrequentRequestDecision, WithheldReview

Status = InformationItem.Status


def thresholds() -> dict:
    """rules.DUTY_DEFAULTS, overridden by settings.GONGKAI_INSPECTION_THRESHOLDS."""
    return {**rules.DUTY_DEFAULTS, **inspection_thresholds()}


# --- Who ---------------------------------------------------------------------------------------


def may_act(user, agency) -> bool:
    """The agency's own 公开办 decides; never one of the three administrators (三员分立)."""
    if not user.is_authenticated or roles_of(user) & ADMIN_ROLES:
        return False
    return Role.DISCLOSURE_OFFICE in roles_in(user, agency)


def may_view(user, agency) -> bool:
    """The agency's 公开办, and the 上级督查 above it (read only)."""
    if not visible_agencies(user).filter(pk=agency.pk).exists():
        return False
    return may_act(user, agency) or agency.pk in supervised_agency_ids(user)


def office_agencies(user):
    """The agencies where ``user`` is 公开办."""
    if not user.is_authenticated or roles_of(user) & ADMIN_ROLES:
        return []
    return [a for a in visible_agencies(user) if Role.DISCLOSURE_OFFICE in roles_in(user, a)]


def _due_in_working_days(start: date, days: int) -> date | None:
    try:
        return add_working_days(start, days, get_calendar())
    except CalendarNotCovered:
        return None


# --- 第四十四条 --------------------------------------------------------------------------------


def _applicant_key(application: Application) -> str:
    number = "".join(unicodedata.normalize("NFKC", application.id_number or "").split()).upper()
    if number:
        return f"{application.id_type}:{number}"
    return "name:" + "".join(application.name.split())


def as_request(application: Application) -> rules.Request:
    return rules.Request(
        id=application.pk,
        applicant=_applicant_key(application),
        description=application.description,
        result=application.result,
        answered=application.answered_date,
        already_public=application.basis_option == rules.ALREADY_PUBLIC_OPTION,
    )


def masked_applicant(application: Application) -> str:
    """As the application register shows them: a person's name masked, an organisation's not."""
    if application.applicant_type == "natural":
        return masks.mask_name(application.name)
    return application.name


@dataclass
class Pending:
    """A suggestion of 第四十四条 still to decide, with its applications and earlier decisions."""

    suggestion: rules.Suggestion
    applications: list[Application]
    new_ids: frozenset[int]  # applications no earlier decision covered
    earlier: list[FrequentRequestDecision]
    due: date | None

    @property
    def key(self) -> int:
        return self.suggestion.key


def frequent_pending(agency, today: date, th: dict | None = None) -> list[Pending]:
    th = th or thresholds()
    start = rules.add_months(today, -th["frequent_request_months"])
    applications = {
        a.pk: a
        for a in Application.objects.filter(
            agency=agency,
            result__in=rules.DISCLOSING_RESULTS,
            answered_date__gte=start,
            answered_date__lte=today,
        )
    }
    suggestions = rules.frequent_requests(
        [as_request(a) for a in applications.values()],
        today=today,
        min_applicants=th["frequent_request_applicants"],
        months=th["frequent_request_months"],
        threshold=th["frequent_request_similarity"],
    )
    decisions = list(
        FrequentRequestDecision.objects.filter(agency=agency)
        .select_related("decided_by", "item")
        .prefetch_related(Prefetch("applications", queryset=Application.objects.only("id")))
    )
    decided = {d.pk: frozenset(a.pk for a in d.applications.all()) for d in decisions}
    covered = frozenset().union(*decided.values()) if decided else frozenset()
    out = []
    for suggestion in rules.pending(suggestions, decided.values()):
        out.append(
            Pending(
                suggestion=suggestion,
                applications=[applications[r.id] for r in suggestion.requests],
                new_ids=suggestion.ids - covered,
                earlier=[d for d in decisions if decided[d.pk] & suggestion.ids],
                due=_due_in_working_days(suggestion.since, th["frequent_request_days"]),
            )
        )
    return out


def frequent_pending_one(agency, application_id: int, today: date) -> Pending | None:
    for pending in frequent_pending(agency, today):
        if application_id in pending.suggestion.ids:
            return pending
    return None


def frequent_decisions(agency):
    return (
        FrequentRequestDecision.objects.filter(agency=agency)
        .select_related("decided_by", "item")
        .prefetch_related("applications")
    )


# --- 第十八条 ----------------------------------------------------------------------------------


def withheld_items_all():
    """Items decided 不予公开 (their review chain ended: 已登记（不公开）)."""
    return InformationItem.objects.filter(disclosure=Disclosure.WITHHELD, status=Status.RECORDED)


def withheld_items(agency):
    return withheld_items_all().filter(agency=agency)


@dataclass
class WithheldRow:
    item: InformationItem
    decided: date  # the decision not to disclose
    last_review: WithheldReview | None
    due: date | None  # None: 现可公开 was decided, the publishable version carries on
    is_due: bool


def _decided_on(item: InformationItem) -> date:
    when = item.decided_at or item.created_at
    return timezone.localtime(when).date()


def withheld_rows(agency, today: date, th: dict | None = None) -> list[WithheldRow]:
    th = th or thresholds()
    latest = {}
    reviews = (
        WithheldReview.objects.filter(item__agency=agency)
        .select_related("reviewed_by", "draft")
        .order_by("item_id", "-reviewed_at", "-id")
    )
    for review in reviews:
        latest.setdefault(review.item_id, review)
    rows = []
    for item in withheld_items(agency).select_related("entry").order_by("decided_at", "id"):
        last = latest.get(item.pk)
        decided = _decided_on(item)
        if last is not None and last.outcome == WithheldReview.Outcome.DISCLOSABLE:
            rows.append(WithheldRow(item, decided, last, None, False))
            continue
        reviewed = timezone.localtime(last.reviewed_at).date() if last else None
        due = rules.withheld_review_due(decided, reviewed, th["withheld_review_months"])
        rows.append(WithheldRow(item, decided, last, due, rules.is_due(due, today)))
    rows.sort(key=lambda r: (r.due is None, r.due or date.max, r.item.pk))
    return rows


def withheld_row(item: InformationItem, today: date) -> WithheldRow:
    for row in withheld_rows(item.agency, today):
        if row.item.pk == item.pk:
            return row
    raise LookupError(item.pk)


# --- 规范性文件的有效性 -------------------------------------------------------------------------


def policy_items_all():
    """规章 and 行政规范性文件 that reached the end of their chain (published or recorded)."""
    return InformationItem.objects.filter(
        entry__kind__in=POLICY_KINDS, status__in=[Status.PUBLISHED, Status.RECORDED]
    )


def policy_items(agency):
    return policy_items_all().filter(agency=agency)


@dataclass
class ValidityRow:
    item: InformationItem
    flag: rules.ValidityFlag | None
    due: date | None


def _replacement_published(item: InformationItem) -> date | None:
    new = item.replaced_by
    if new is None or new.status != Status.PUBLISHED or new.published_at is None:
        return None
    return timezone.localtime(new.published_at).date()


def validity_row(item: InformationItem, today: date, th: dict | None = None) -> ValidityRow:
    th = th or thresholds()
    flag = rules.validity_flag(
        validity=item.validity,
        valid_until=item.valid_until,
        repealed_date=item.repealed_date,
        replaced_on=_replacement_published(item),
        replaced_by_title=item.replaced_by.title if item.replaced_by_id else "",
        today=today,
    )
    due = _due_in_working_days(flag.since, th["validity_update_days"]) if flag else None
    return ValidityRow(item, flag, due)


def validity_rows(agency, today: date, th: dict | None = None, flagged_only=True):
    """Policy documents, those to update first (by the day their 有效性 changed)."""
    th = th or thresholds()
    items = policy_items(agency).select_related("entry", "replaced_by")
    if flagged_only:
        items = items.filter(validity=Validity.VALID)
    rows = []
    for item in items.order_by("-written_date", "-id"):
        row = validity_row(item, today, th)
        if flagged_only and row.flag is None:
            continue
        rows.append(row)
    rows.sort(key=lambda r: (r.flag is None, r.flag.since if r.flag else date.max))
    return rows
