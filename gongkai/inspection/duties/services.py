"""The office's decisions on the yearly duties. Drafts go through the publishing services (the
same permissions, checks and review chain as any draft); each decision is one row."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.org.models import Agency
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import Disclosure
from gongkai.publishing.models import CatalogueEntry, InformationItem

from . import rules, selectors
from .models import FrequentRequestDecision, WithheldReview

Status = InformationItem.Status


def _require_office(by, agency) -> None:
    if not selectors.may_act(by, agency):
        raise PermissionDenied("只有本机关的公开办可以办理。")


def _current_group(agency: Agency, application_ids, today: date) -> selectors.Pending:
    """The suggestion the office looked at, still as it was: the same applications, undecided.
    Locks the agency row so that two clicks make one decision."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    ids = frozenset(application_ids)
    pending = selectors.frequent_pending_one(agency, min(ids), today) if ids else None
    if pending is None:
        raise ValidationError("该组申请已经处理，或已不再符合条件，请返回列表查看。")
    if pending.suggestion.ids != ids:
        raise ValidationError(
            "该组申请已有变化（有新的申请加入或超出统计期间），请核对后重新办理。"
        )
    return pending


@transaction.atomic
def frequent_request_draft(
    *, agency: Agency, application_ids, by, title: str, entry: CatalogueEntry, today=None
) -> FrequentRequestDecision:
    """条例第四十四条 → 拟稿主动公开: a draft item in ``entry``, titled after the information, its
    history citing the applications and the article; the suggestion is linked to it. The office
    then adds the text or files and submits it to the review chain like any draft."""
    _require_office(by, agency)
    today = today or timezone.localdate()
    if not title.strip():
        raise ValidationError({"title": "请填写拟公开信息的标题。"})
    if entry is None or entry.agency_id != agency.pk:
        raise ValidationError({"entry": "请选择本机关的目录栏目。"})
    pending = _current_group(agency, application_ids, today)
    note = rules.frequent_request_note(
        [a.number for a in pending.applications], pending.suggestion.applicants
    )
    item = publishing.item_create(
        agency=agency,
        by=by,
        data={
            "title": title.strip(),
            "entry": entry,
            "body": "",
            "formed_date": today,
            "disclosure": Disclosure.ACTIVE,
            "withhold_ground": "",
            "withhold_explanation": "",
        },
        note=note,
    )
    decision = FrequentRequestDecision.objects.create(
        agency=agency,
        outcome=FrequentRequestDecision.Outcome.DRAFTED,
        title=title.strip()[:300],
        reason=note,
        item=item,
        decided_by=by,
    )
    decision.applications.set(pending.applications)
    return decision


@transaction.atomic
def frequent_request_decline(
    *, agency: Agency, application_ids, by, reason: str, today=None
) -> FrequentRequestDecision:
    """条例第四十四条 says 可以: the office may decide not to, and records why."""
    _require_office(by, agency)
    if not reason.strip():
        raise ValidationError({"reason": "请填写不予主动公开的理由。"})
    pending = _current_group(agency, application_ids, today or timezone.localdate())
    decision = FrequentRequestDecision.objects.create(
        agency=agency,
        outcome=FrequentRequestDecision.Outcome.DECLINED,
        title=pending.suggestion.title[:300],
        reason=reason.strip(),
        decided_by=by,
    )
    decision.applications.set(pending.applications)
    return decision


def application_ids(text: str) -> frozenset[int]:
    """The hidden field of the forms: "12,15,19"."""
    try:
        return frozenset(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        return frozenset()


# --- 第十八条 ----------------------------------------------------------------------------------


@transaction.atomic
def withheld_review_record(
    *, item: InformationItem, by, outcome: str, reason: str, today=None
) -> tuple[WithheldReview, str]:
    """条例第十八条: record one review of an item not disclosed. 仍不予公开 keeps it so until the next
    review; 现可公开 drafts a publishable version (主动公开) through the publishing services and
    submits it to the review chain (先审查、后公开). Returns the review, and why the version could
    not be submitted yet (empty when it was)."""
    item = InformationItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
    _require_office(by, item.agency)
    if item.disclosure != Disclosure.WITHHELD or item.status != Status.RECORDED:
        raise ValidationError("只有已登记的不予公开信息需要评估审查。")
    if not reason.strip():
        raise ValidationError({"reason": "请填写评估审查的理由。"})
    if outcome not in WithheldReview.Outcome.values:
        raise ValidationError({"outcome": "请选择评估结论。"})
    last = item.withheld_reviews.order_by("-reviewed_at", "-id").first()
    if last is not None and last.outcome == WithheldReview.Outcome.DISCLOSABLE:
        raise ValidationError("该信息已评估为现可公开，并已生成拟公开版本。")
    today = today or timezone.localdate()
    draft, problem = None, ""
    if outcome == WithheldReview.Outcome.DISCLOSABLE:
        draft, problem = _publishable_version(item, by=by, reason=reason.strip(), today=today)
    review = WithheldReview.objects.create(
        item=item, outcome=outcome, reason=reason.strip(), draft=draft, reviewed_by=by
    )
    return review, problem


def _publishable_version(item: InformationItem, *, by, reason: str, today: date):
    """The item as 主动公开, drafted by the office, formed today (第二十六条's 20 working days
    run from the change), with its public files; submitted when it can be."""
    note = f"条例第十八条：经定期评估审查，原不予公开的《{item.title}》因情势变化现可公开。理由：{reason}"
    draft = publishing.item_create(
        agency=item.agency,
        by=by,
        data={
            "title": item.title,
            "entry": item.entry,
            "body": item.body,
            "publisher_name": item.publisher_name,
            "doc_number": item.doc_number,
            "written_date": item.written_date,
            "formed_date": today,
            "topic": item.topic,
            "keywords": item.keywords,
            "disclosure": Disclosure.ACTIVE,
            "withhold_ground": "",
            "withhold_explanation": "",
            "validity": item.validity,
            "valid_until": item.valid_until,
            "repealed_date": item.repealed_date,
        },
        note=note,
    )
    for attachment in item.attachments.filter(internal_only=False):
        with attachment.file.open("rb") as handle:
            data = handle.read()
        publishing.attachment_add(
            item=draft, by=by, upload=publishing.Upload(attachment.original_name, data)
        )
    try:
        draft = publishing.item_submit(item=draft, by=by)
    except (ValidationError, PermissionDenied) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        return draft, "；".join(messages)
    return draft, ""


# --- 规范性文件的有效性 -------------------------------------------------------------------------


def validity_update(*, item: InformationItem, by, data: dict) -> InformationItem:
    """The office updates a document's 有效性 (publishing records the item event)."""
    return publishing.item_validity_update(
        item=item,
        by=by,
        validity=data.get("validity") or "",
        valid_until=data.get("valid_until"),
        repealed_date=data.get("repealed_date"),
        replaced_by=data.get("replaced_by"),
        reason=data.get("reason") or "",
    )
