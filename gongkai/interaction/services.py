"""Writes of 互动交流. Every state change goes through here, in a transaction, and writes an event.

Messages: submitted on the portal or registered from a hotline → assigned to a unit → answered
→ signed off (办结) → published with personal data removed, or kept private.
建议提案: registered → answered (a document) → the reply published in the 建议提案办理 column
through the agency's normal review chain (with 保密审查).
舆情: registered → assessed → answered → reported upward → closed.
"""

from __future__ import annotations

import html
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.serials import serial_next
from gongkai.org.models import Agency
from gongkai.publishing import rules as publishing_rules
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import ColumnKind, Disclosure, Topic
from gongkai.publishing.models import CatalogueEntry, InformationItem
from gongkai.publishing.selectors import can_draft
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import get_calendar

from . import rules, scrub, selectors
from .choices import (
    OPEN_MESSAGE_STATES,
    Channel,
    InvalidReason,
    MessageKind,
    MessageStatus,
    OpinionStatus,
    ProposalKind,
    ProposalStatus,
)
from .models import (
    ChannelLimit,
    Message,
    MessageEvent,
    OpinionEvent,
    OpinionEventLog,
    Proposal,
    ProposalEvent,
)

Kind = MessageEvent.Kind

#: What the asker gives (personal data) and what they ask.
MESSAGE_FIELDS = [
    "kind",
    "title",
    "content",
    "asker_name",
    "asker_phone",
    "asker_email",
    "wants_private",
]


# --- Deadlines -----------------------------------------------------------------------------


def answer_limit(agency: Agency, channel: str) -> int:
    """Working days to answer: the agency's own limit for the channel, else the platform's, else
    ``GONGKAI_MESSAGE_ANSWER_DAYS`` (default 5)."""
    rows = {
        row.agency_id: row.working_days
        for row in ChannelLimit.objects.filter(channel=channel, agency__in=[agency])
        | ChannelLimit.objects.filter(channel=channel, agency__isnull=True)
    }
    if agency.pk in rows:
        return rows[agency.pk]
    if None in rows:
        return rows[None]
    return getattr(settings, "GONGKAI_MESSAGE_ANSWER_DAYS", rules.DEFAULT_ANSWER_DAYS)


def message_due(received: date, limit_days: int) -> date | None:
    """The due date on the stored calendar, or None while the year's holidays are not entered
    (the register says so; the deadline is never guessed)."""
    try:
        return rules.message_due(received, limit_days, get_calendar())
    except CalendarNotCovered:
        return None


def _next_number(agency: Agency, year: int) -> str:
    return f"{agency.code}-LY{year}-{serial_next(f'message:{agency.pk}', year):05d}"


def _event(message: Message, kind: str, *, by=None, target: str = "", note: str = ""):
    return MessageEvent.objects.create(
        message=message, kind=kind, actor=by, target=target, note=note
    )


def _check_message(data: dict) -> dict[str, str]:
    problems = {}
    for field, label in [
        ("kind", "留言类型"),
        ("title", "标题"),
        ("content", "留言内容"),
        ("asker_name", "姓名"),
    ]:
        if not str(data.get(field, "")).strip():
            problems[field] = f"请填写{label}。"
    if "kind" not in problems and data["kind"] not in MessageKind.values:
        problems["kind"] = "请选择留言类型。"
    return problems


def _new_message(
    *, agency, data, channel, received, by=None, reference="", submission_key=""
) -> Message:
    problems = _check_message(data)
    if problems:
        raise ValidationError(problems)
    limit = answer_limit(agency, channel)
    message = Message(
        agency=agency,
        number=_next_number(agency, received.year),
        channel=channel,
        channel_reference=reference.strip(),
        submission_key=submission_key,
        received_date=received,
        limit_days=limit,
        due_date=message_due(received, limit),
        created_by=by,
        **{field: data.get(field, "") for field in MESSAGE_FIELDS if field != "wants_private"},
        wants_private=bool(data.get("wants_private")),
    )
    message.title = message.title.strip()
    message.asker_name = "".join(message.asker_name.split())
    message.save()
    return message


@transaction.atomic
def message_submit(*, agency: Agency, data: dict, submission_key: str) -> tuple[Message, bool]:
    """网站留言 from the portal. The same submission key gives the same message (a double click
    or a refresh), so the second call returns it with ``created`` False."""
    existing = Message.objects.filter(agency=agency, submission_key=submission_key).first()
    if existing is not None and submission_key:
        return existing, False
    received = timezone.localdate()
    try:
        with transaction.atomic():
            message = _new_message(
                agency=agency,
                data=data,
                channel=Channel.WEBSITE,
                received=received,
                submission_key=submission_key,
            )
    except IntegrityError:  # the same submission arrived twice at the same instant
        return Message.objects.get(agency=agency, submission_key=submission_key), False
    _event(message, Kind.SUBMITTED, note="留言人要求不公开" if message.wants_private else "")
    return message, True


@transaction.atomic
def message_register(
    *,
    agency: Agency,
    by,
    data: dict,
    channel: str,
    received: date,
    channel_reference: str = "",
) -> Message:
    """A message forwarded by 12345, 12328, 96128, 政务110, the 领导信箱 or another platform."""
    if not selectors.can_manage(by, agency):
        raise PermissionDenied("只有本机关公开办可以登记留言。")
    if channel not in Channel.values:
        raise ValidationError({"channel": "请选择渠道。"})
    if channel != Channel.WEBSITE and channel != Channel.OTHER and not channel_reference.strip():
        raise ValidationError({"channel_reference": "转办件请填写来件编号（工单号）。"})
    if received > timezone.localdate():
        raise ValidationError({"received": "受理日期不能晚于今天。"})
    message = _new_message(
        agency=agency,
        data=data,
        channel=channel,
        received=received,
        by=by,
        reference=channel_reference,
    )
    _event(
        message,
        Kind.REGISTERED,
        by=by,
        target=f"{message.get_channel_display()} {message.channel_reference}".strip(),
    )
    return message


def _locked(message: Message) -> Message:
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("agency", "unit")
        .get(pk=message.pk)
    )


def _require_manager(by, message: Message) -> None:
    if not selectors.can_manage(by, message.agency):
        raise PermissionDenied("只有本机关公开办可以办理此事项。")


def _require_open(message: Message) -> None:
    if message.status not in OPEN_MESSAGE_STATES:
        raise ValidationError("该留言已办结或已认定为无效留言。")


@transaction.atomic
def message_assign(*, message: Message, by, unit, note: str = "") -> Message:
    """交办: the office hands the message to a unit of the agency."""
    message = _locked(message)
    _require_manager(by, message)
    _require_open(message)
    if message.status == MessageStatus.ANSWER_REVIEW:
        raise ValidationError("答复正在审核，不能改交其他股室。")
    if unit is None or unit.agency_id != message.agency_id:
        raise ValidationError({"unit": "承办股室必须是本机关的内设机构。"})
    message.unit, message.status = unit, MessageStatus.ASSIGNED
    message.save(update_fields=["unit", "status", "updated_at"])
    _event(message, Kind.ASSIGNED, by=by, target=unit.name, note=note)
    return message


@transaction.atomic
def message_draft_answer(*, message: Message, by, text: str) -> Message:
    """The unit (or the office) writes the answer; it goes to review."""
    message = _locked(message)
    if not selectors.can_answer(by, message):
        raise PermissionDenied("只有承办股室或公开办可以拟定答复。")
    if message.status not in (MessageStatus.RECEIVED, MessageStatus.ASSIGNED):
        raise ValidationError("该留言当前不能拟定答复。")
    if not text.strip():
        raise ValidationError({"text": "请填写答复内容。"})
    message.answer, message.answered_by = text.strip(), by
    message.status = MessageStatus.ANSWER_REVIEW
    message.save(update_fields=["answer", "answered_by", "status", "updated_at"])
    _event(message, Kind.ANSWER_DRAFTED, by=by)
    return message


def scrub_names(message: Message) -> list[str]:
    return [message.asker_name]


def scrub_keep(message: Message) -> list[str]:
    """Public numbers that are not personal data: the agency's own telephone."""
    return [message.agency.phone] if message.agency.phone else []


def scrubbed(message: Message) -> dict[str, str]:
    """The automatic proposal for the public copy: personal data replaced by markers."""
    names, keep = scrub_names(message), scrub_keep(message)
    return {
        "title": scrub.scrub(message.title, names, keep),
        "content": scrub.scrub(message.content, names, keep),
        "answer": scrub.scrub(message.answer, names, keep),
    }


@transaction.atomic
def message_review(*, message: Message, by, approve: bool, comment: str = "") -> Message:
    """审核: approve (the message is answered, 办结) or return to the unit with a reason."""
    message = _locked(message)
    refusal = selectors.review_refusal(by, message)
    if refusal:
        if message.status != MessageStatus.ANSWER_REVIEW:
            raise ValidationError(refusal)
        raise PermissionDenied(refusal)
    if not approve:
        if not comment.strip():
            raise ValidationError({"comment": "退回时必须填写意见。"})
        message.status = MessageStatus.ASSIGNED if message.unit_id else MessageStatus.RECEIVED
        message.save(update_fields=["status", "updated_at"])
        _event(message, Kind.ANSWER_RETURNED, by=by, note=comment)
        return message
    message.status, message.answered_at, message.reviewed_by = (
        MessageStatus.ANSWERED,
        timezone.now(),
        by,
    )
    if not message.wants_private:
        proposal = scrubbed(message)
        message.public_title = message.public_title or proposal["title"]
        message.public_content = message.public_content or proposal["content"]
        message.public_answer = message.public_answer or proposal["answer"]
    message.save()
    _event(message, Kind.ANSWERED, by=by, note=comment)
    return message


@transaction.atomic
def message_invalidate(*, message: Message, by, reason: str, note: str = "") -> Message:
    """无效留言 (重复、无实质内容 …): closed without an answer, counted in no rate."""
    message = _locked(message)
    _require_manager(by, message)
    _require_open(message)
    if reason not in InvalidReason.values:
        raise ValidationError({"reason": "请选择无效原因。"})
    if reason == InvalidReason.OTHER and not note.strip():
        raise ValidationError({"note": "请说明无效原因。"})
    message.is_valid, message.invalid_reason = False, reason
    message.status = MessageStatus.INVALID
    message.save(update_fields=["is_valid", "invalid_reason", "status", "updated_at"])
    _event(message, Kind.INVALIDATED, by=by, target=InvalidReason(reason).label, note=note)
    return message


def publication_problems(message: Message, title: str, content: str, answer: str) -> list[str]:
    """Why the question and answer may not go public with these texts, or []."""
    problems = []
    if message.wants_private:
        problems.append("留言人要求不公开，不能在网站公开。")
    if not message.is_valid:
        problems.append("无效留言不公开。")
    if message.status != MessageStatus.ANSWERED:
        problems.append("只有审核办结的留言可以公开。")
    for label, text in [
        ("公开标题", title),
        ("公开的留言内容", content),
        ("公开的答复内容", answer),
    ]:
        if not text.strip():
            problems.append(f"请填写{label}。")
            continue
        found = scrub.findings(text, scrub_names(message), scrub_keep(message))
        if found:
            kinds = "、".join(dict.fromkeys(f.label for f in found))
            problems.append(f"{label}中仍含有个人信息（{kinds}），请删除后再公开。")
    return problems


@transaction.atomic
def message_publish(*, message: Message, by, title: str, content: str, answer: str) -> Message:
    """Publish the question and answer as edited by the office, never with personal data: the
    texts are checked again here, whoever calls."""
    message = _locked(message)
    _require_manager(by, message)
    title, content, answer = title.strip(), content.strip(), answer.strip()
    problems = publication_problems(message, title, content, answer)
    if problems:
        raise ValidationError(problems)
    if (title, content, answer) != (
        message.public_title,
        message.public_content,
        message.public_answer,
    ):
        message.public_title, message.public_content, message.public_answer = (
            title,
            content,
            answer,
        )
        _event(message, Kind.PUBLIC_TEXT_EDITED, by=by)
    message.is_published, message.published_at, message.published_by = True, timezone.now(), by
    message.save()
    _event(message, Kind.PUBLISHED, by=by)
    return message


@transaction.atomic
def message_unpublish(*, message: Message, by, reason: str) -> Message:
    message = _locked(message)
    _require_manager(by, message)
    if not message.is_published:
        raise ValidationError("该留言未公开。")
    if not reason.strip():
        raise ValidationError({"reason": "撤回公开必须填写理由。"})
    message.is_published = False
    message.save(update_fields=["is_published", "updated_at"])
    _event(message, Kind.UNPUBLISHED, by=by, note=reason)
    return message


@transaction.atomic
def message_keep_private(*, message: Message, by, note: str = "") -> Message:
    """The asker asks (by phone, say) that the message stay private: it leaves the portal and
    never returns."""
    message = _locked(message)
    _require_manager(by, message)
    message.wants_private, message.is_published = True, False
    message.save(update_fields=["wants_private", "is_published", "updated_at"])
    _event(message, Kind.UNPUBLISHED, by=by, note=note or "留言人要求不公开")
    return message


def personal_data_viewed(*, message: Message, by) -> None:
    _event(message, Kind.PERSONAL_DATA_VIEWED, by=by)


# --- 建议提案 -----------------------------------------------------------------------------------

PROPOSAL_FIELDS = [
    "kind",
    "session",
    "year",
    "number",
    "title",
    "delegates",
    "lead_unit",
    "received_date",
]


def proposal_months() -> int:
    return getattr(settings, "GONGKAI_PROPOSAL_MONTHS", rules.DEFAULT_PROPOSAL_MONTHS)


def _proposal_event(proposal, kind, *, by, note=""):
    return ProposalEvent.objects.create(proposal=proposal, kind=kind, actor=by, note=note)


def _check_proposal(proposal: Proposal) -> None:
    problems = {}
    if proposal.lead_unit_id and proposal.lead_unit.agency_id != proposal.agency_id:
        problems["lead_unit"] = "承办股室必须是本机关的内设机构。"
    if proposal.kind not in ProposalKind.values:
        problems["kind"] = "请选择人大代表建议或政协委员提案。"
    if proposal.due_date < proposal.received_date:
        problems["due_date"] = "答复期限不能早于交办日期。"
    clash = Proposal.objects.filter(
        agency=proposal.agency,
        kind=proposal.kind,
        session=proposal.session,
        number=proposal.number,
    ).exclude(pk=proposal.pk)
    if clash.exists():
        problems["number"] = (
            f"{proposal.session}{proposal.number_label}{proposal.short_kind}已登记。"
        )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def proposal_register(*, agency: Agency, by, data: dict) -> Proposal:
    """登记交办: the deadline is 3 months after the day it was handed over unless given."""
    if not selectors.can_manage(by, agency):
        raise PermissionDenied("只有本机关公开办可以登记建议提案。")
    missing = {
        field: f"请填写{Proposal._meta.get_field(field).verbose_name}。"
        for field in ["kind", "session", "year", "number", "title", "delegates", "received_date"]
        if data.get(field) in (None, "")
    }
    if missing:
        raise ValidationError(missing)
    proposal = Proposal(agency=agency, created_by=by)
    for field in PROPOSAL_FIELDS:
        setattr(proposal, field, data.get(field))
    proposal.due_date = data.get("due_date") or rules.proposal_due(
        proposal.received_date, proposal_months()
    )
    _check_proposal(proposal)
    proposal.save()
    proposal.assisting_units.set(data.get("assisting_units") or [])
    _proposal_event(proposal, ProposalEvent.Kind.REGISTERED, by=by)
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, by, data: dict) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not selectors.can_manage(by, proposal.agency):
        raise PermissionDenied("只有本机关公开办可以修改建议提案。")
    for field in PROPOSAL_FIELDS:
        if field in data:
            setattr(proposal, field, data[field])
    if data.get("due_date"):
        proposal.due_date = data["due_date"]
    _check_proposal(proposal)
    proposal.save()
    if "assisting_units" in data:
        proposal.assisting_units.set(data["assisting_units"] or [])
    _proposal_event(proposal, ProposalEvent.Kind.UPDATED, by=by)
    return proposal


@transaction.atomic
def proposal_answer(
    *,
    proposal: Proposal,
    by,
    answered_date: date,
    outcome: str,
    text: str = "",
    doc_number: str = "",
    upload: publishing.Upload | None = None,
) -> Proposal:
    """登记答复: the reply as a document (and/or its text), its 文号 and the outcome class."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=proposal.pk)
    )
    if not selectors.can_answer_proposal(by, proposal):
        raise PermissionDenied("只有本机关公开办或承办股室可以登记答复。")
    problems = {}
    if not reply_open(proposal):
        problems["text"] = "答复已在审核中或已发布，请撤回后再登记。"
    if not text.strip() and upload is None and not proposal.answer_document:
        problems["text"] = "请上传答复文件或填写答复正文。"
    if answered_date < proposal.received_date:
        problems["answered_date"] = "答复日期不能早于交办日期。"
    if answered_date > timezone.localdate():
        problems["answered_date"] = "答复日期不能晚于今天。"
    if doc_number.strip():
        try:
            publishing_rules.parse_doc_number(doc_number.strip())
        except publishing_rules.DocNumberError as error:
            problems["doc_number"] = str(error)
    if upload is not None:
        try:
            publishing.attachment_check(upload)
        except ValidationError as error:
            problems["document"] = error.messages[0]
    if problems:
        raise ValidationError(problems)
    if upload is not None:
        if proposal.answer_document:
            proposal.answer_document.delete(save=False)
        proposal.answer_document.save(upload.name, ContentFile(upload.data), save=False)
        proposal.answer_document_name = upload.name[:200]
    proposal.status, proposal.outcome = ProposalStatus.ANSWERED, outcome
    proposal.answered_date, proposal.answer_text = answered_date, text.strip()
    proposal.answer_doc_number = doc_number.strip()
    proposal.save()
    late = "（逾期）" if answered_date > proposal.due_date else ""
    _proposal_event(
        proposal,
        ProposalEvent.Kind.ANSWERED,
        by=by,
        note=f"{answered_date:%Y-%m-%d}答复{late}"
        + (f"，{proposal.get_outcome_display()}" if outcome else ""),
    )
    return proposal


def proposals_column(agency: Agency) -> CatalogueEntry | None:
    """The agency's 建议提案办理 column (seed 000: "建议提案办理工作"专栏)."""
    return CatalogueEntry.objects.filter(
        agency=agency, kind=ColumnKind.PROPOSALS, is_active=True
    ).first()


def reply_body(proposal: Proposal) -> str:
    """The published item's text: the reply's paragraphs, or a pointer to the attached file."""
    lines = [line.strip() for line in proposal.answer_text.splitlines() if line.strip()]
    if not lines:
        lines = [f"{proposal.reply_title}全文见附件。"]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)


def reply_open(proposal: Proposal) -> bool:
    """Whether the reply may be registered (again) and sent: never sent, withdrawn, or sent back
    by the review chain (退回, e.g. by 保密审查) — then it is corrected here, on the proposal, and
    the same item goes back into the chain with it."""
    item = proposal.item
    return item is None or item.status == InformationItem.Status.WITHDRAWN or item.is_editable


@transaction.atomic
def proposal_publish(*, proposal: Proposal, by) -> InformationItem:
    """Send the reply into the 建议提案办理 column: an information item, drafted by ``by`` and
    submitted to the agency's review chain, which publishes it after 保密审查 like any other. A
    reply the chain sent back goes again as the same item, rewritten from the proposal."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=proposal.pk)
    )
    if not can_draft(by, proposal.agency):
        raise PermissionDenied("只有本机关的信息员或公开办可以提交公开。")
    if proposal.status != ProposalStatus.ANSWERED:
        raise ValidationError("请先登记答复。")
    if not reply_open(proposal):
        raise ValidationError("答复已提交公开。")
    column = proposals_column(proposal.agency)
    if column is None:
        raise ValidationError("本机关公开目录中没有“建议提案办理”栏目，请公开办先添加。")
    returned = proposal.item if proposal.item_id and proposal.item.is_editable else None
    data = {
        "title": proposal.reply_title,
        "entry": column,
        "body": reply_body(proposal),
        "doc_number": proposal.answer_doc_number,
        "written_date": proposal.answered_date,
        "formed_date": proposal.answered_date,
        "disclosure": Disclosure.ACTIVE,
        "topic": Topic.GENERAL,
        "keywords": f"建议提案办理,{proposal.get_kind_display()}",
    }
    if returned is not None:
        item = publishing.item_update(item=returned, by=by, data=data)
        for attachment in item.attachments.all():
            publishing.attachment_remove(attachment=attachment, by=by)
    else:
        item = publishing.item_create(agency=proposal.agency, by=by, data=data)
    if proposal.answer_document:
        with proposal.answer_document.open("rb") as handle:
            content = handle.read()
        publishing.attachment_add(
            item=item,
            by=by,
            upload=publishing.Upload(proposal.answer_document_name or "答复.pdf", content),
        )
    item = publishing.item_submit(item=item, by=by)
    proposal.item = item
    proposal.save(update_fields=["item", "updated_at"])
    _proposal_event(proposal, ProposalEvent.Kind.SUBMITTED, by=by, note=item.title)
    return item


# --- 舆情 ---------------------------------------------------------------------------------------

OPINION_FIELDS = [
    "title",
    "source",
    "source_detail",
    "first_seen",
    "summary",
    "level",
    "assessment",
    "unit",
]
OPINION_HANDLING = ["response", "responded_at", "reported_upward", "reported_at", "reported_to"]


def _log(opinion, kind, *, by, note=""):
    return OpinionEventLog.objects.create(opinion=opinion, kind=kind, actor=by, note=note)


def _check_opinion(opinion: OpinionEvent) -> None:
    problems = {}
    now = timezone.now()
    if opinion.first_seen and opinion.first_seen > now:
        problems["first_seen"] = "首次发现时间不能晚于现在。"
    if opinion.unit_id and opinion.unit.agency_id != opinion.agency_id:
        problems["unit"] = "责任股室必须是本机关的内设机构。"
    if opinion.reported_upward and not opinion.reported_at:
        problems["reported_at"] = "已向上级报告的，请填写报告时间。"
    if opinion.reported_at and opinion.first_seen and opinion.reported_at < opinion.first_seen:
        problems["reported_at"] = "报告时间不能早于首次发现时间。"
    if opinion.responded_at and opinion.first_seen and opinion.responded_at < opinion.first_seen:
        problems["responded_at"] = "回应时间不能早于首次发现时间。"
    if opinion.status == OpinionStatus.CLOSED and not opinion.response.strip():
        problems["response"] = "办结前请填写回应处置情况。"
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def opinion_register(*, agency: Agency, by, data: dict) -> OpinionEvent:
    if not selectors.can_manage_opinions(by, agency):
        raise PermissionDenied("只有本机关公开办或领导可以登记舆情。")
    opinion = OpinionEvent(agency=agency, created_by=by)
    for field in OPINION_FIELDS:
        if field in data:
            setattr(opinion, field, data[field])
    _check_opinion(opinion)
    opinion.save()
    _log(opinion, OpinionEventLog.Kind.REGISTERED, by=by, note=opinion.get_level_display())
    return opinion


@transaction.atomic
def opinion_update(*, opinion: OpinionEvent, by, data: dict) -> OpinionEvent:
    """Assessment, response, reporting upward and closing, each logged as what it is."""
    opinion = OpinionEvent.objects.select_for_update().get(pk=opinion.pk)
    if not selectors.can_manage_opinions(by, opinion.agency):
        raise PermissionDenied("只有本机关公开办或领导可以处置舆情。")
    before = {f: getattr(opinion, f) for f in [*OPINION_FIELDS, *OPINION_HANDLING, "status"]}
    for field in [*OPINION_FIELDS, *OPINION_HANDLING, "status"]:
        if field in data:
            setattr(opinion, field, data[field])
    if opinion.response.strip() and not opinion.responded_at:
        opinion.responded_at = timezone.now()
    if opinion.response.strip() and opinion.status == OpinionStatus.MONITORING:
        opinion.status = OpinionStatus.RESPONDED
    if not opinion.reported_upward:
        opinion.reported_at, opinion.reported_to = None, ""
    _check_opinion(opinion)
    opinion.save()
    logged = False
    if (opinion.level, opinion.assessment) != (before["level"], before["assessment"]):
        _log(opinion, OpinionEventLog.Kind.ASSESSED, by=by, note=opinion.get_level_display())
        logged = True
    if opinion.response != before["response"] and opinion.response.strip():
        _log(opinion, OpinionEventLog.Kind.RESPONDED, by=by)
        logged = True
    if opinion.reported_upward and not before["reported_upward"]:
        when = timezone.localtime(opinion.reported_at)
        _log(
            opinion,
            OpinionEventLog.Kind.REPORTED,
            by=by,
            note=f"{when:%Y-%m-%d %H:%M} 报告{opinion.reported_to}".strip(),
        )
        logged = True
    if opinion.status == OpinionStatus.CLOSED and before["status"] != OpinionStatus.CLOSED:
        _log(opinion, OpinionEventLog.Kind.CLOSED, by=by)
        logged = True
    changed = any(before[f] != getattr(opinion, f) for f in before)
    if changed and not logged:
        _log(opinion, OpinionEventLog.Kind.UPDATED, by=by)
    return opinion
