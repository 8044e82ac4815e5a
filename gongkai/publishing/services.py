"""Writes of 主动公开: drafting, the review chain, publication, withdrawal, correction.

Every state change goes through here, in a transaction, and writes an ItemEvent.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.serials import serial_next
from gongkai.inspection.detect import summary as personal_data_summary
from gongkai.inspection.scans import PersonalData, item_personal_data, text_hits
from gongkai.org.chains import unstaffed
from gongkai.org.models import Agency, Role
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import get_calendar

from . import filetypes, placeholders, rules, selectors
from .catalogue_template import template_for
from .choices import POLICY_KINDS, ColumnKind, Disclosure, Validity
from .models import (
    Attachment,
    CatalogueEntry,
    InformationItem,
    ItemEvent,
    ItemVersion,
    ReviewStep,
)
from .sanitize import clean_html, html_to_text

Status = InformationItem.Status
Action = ItemEvent.Action

#: The default chain (seed 000: 股室负责人—分管领导—主要领导层层审查签批; 先审查、后公开).
DEFAULT_CHAIN = [
    ("股室负责人审核", Role.UNIT_HEAD, True),
    ("保密审查", Role.SECRECY_REVIEWER, False),
    ("分管领导审核", Role.DEPUTY_LEADER, False),
    ("主要领导审批", Role.PRINCIPAL_LEADER, False),
    ("公开办发布", Role.DISCLOSURE_OFFICE, False),
]

#: Fields staff edit on an item (the form's and the import's vocabulary).
EDITABLE_FIELDS = [
    "title",
    "entry",
    "body",
    "redacted_body",
    "publisher_name",
    "doc_number",
    "written_date",
    "formed_date",
    "topic",
    "keywords",
    "disclosure",
    "withhold_ground",
    "withhold_explanation",
    "validity",
    "effective_date",
    "long_term",
    "valid_until",
    "repealed_date",
    "replaced_by",
    "needs_interpretation",
    "interprets",
]


# --- Catalogue ----------------------------------------------------------------------------


@transaction.atomic
def catalogue_apply_template(*, agency: Agency) -> int:
    """Create the standard catalogue's columns an agency does not have yet. Idempotent."""
    created = 0
    channel = f"{agency.name}办公室 {agency.phone}".strip()
    for order, (name, code, kind, basis, content, frequency, children) in enumerate(
        template_for(agency.level, agency.kind)
    ):
        parent, made = CatalogueEntry.objects.get_or_create(
            agency=agency,
            parent=None,
            name=name,
            defaults=dict(
                code=code,
                kind=kind,
                basis=basis,
                content=content,
                update_frequency=frequency,
                subject=agency.name,
                channel=channel,
                sort_order=(order + 1) * 10,
            ),
        )
        created += made
        for child_order, (c_name, c_code, c_kind, c_basis, c_content, c_freq) in enumerate(
            children
        ):
            _, made = CatalogueEntry.objects.get_or_create(
                agency=agency,
                parent=parent,
                name=c_name,
                defaults=dict(
                    code=c_code,
                    kind=c_kind,
                    basis=c_basis,
                    content=c_content,
                    update_frequency=c_freq,
                    subject=agency.name,
                    channel=channel,
                    sort_order=(child_order + 1) * 10,
                ),
            )
            created += made
    return created


@transaction.atomic
def review_chain_ensure(*, agency: Agency) -> list[ReviewStep]:
    """The agency's review chain, created from the default the first time it is needed."""
    steps = list(ReviewStep.objects.filter(agency=agency).order_by("order"))
    if steps:
        return steps
    return [
        ReviewStep.objects.create(
            agency=agency, order=i + 1, name=name, role=role, same_unit=same_unit
        )
        for i, (name, role, same_unit) in enumerate(DEFAULT_CHAIN)
    ]


def chain_staffing_problems(agency: Agency, steps: list[tuple[str, str, bool]]) -> list[str]:
    """The chain can be completed, by different people, for items of every unit that drafts
    (a person signs at most one step of an item, whatever roles they hold)."""
    problems = []
    units = {u.pk: u.name for u in agency.units.all()}
    for unit_id in sorted(selectors.drafting_units(agency), key=lambda u: (u is not None, u or 0)):
        missing = unstaffed(selectors.chain_needs(agency, unit_id, steps))
        if missing:
            where = f"“{units.get(unit_id, '')}”" if unit_id else "未分股室"
            named = "、".join(f"“{name}”" for name in missing)
            problems.append(
                f"{where}拟稿的信息无法走完审核流程：{named}环节没有可以办理的其他人员"
                "（同一信息的各环节须由不同人员办理，请先配置岗位或调整流程）。"
            )
    return problems


def chain_problems(steps: list[tuple[str, str]]) -> list[str]:
    """A chain must keep 保密审查 (先审查、后公开) and end with the office's publication."""
    roles = [role for _, role in steps]
    problems = []
    if Role.SECRECY_REVIEWER not in roles:
        problems.append("审核流程必须包含保密审查环节（先审查、后公开）。")
    if not roles or roles[-1] != Role.DISCLOSURE_OFFICE:
        problems.append("审核流程的最后一个环节必须由公开办发布。")
    admin = [r for r in roles if r in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)]
    if admin:
        problems.append("三员（系统、安全、审计管理员）不能担任审核环节。")
    return problems


# --- Items --------------------------------------------------------------------------------


def item_event_record(item, *, actor, action, comment="", step=None, from_status="") -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        actor=actor,
        action=action,
        comment=comment,
        step_order=step.order if step else None,
        step_name=step.name if step else "",
        from_status=from_status,
        to_status=item.status,
    )


def compute_due_date(item: InformationItem) -> date | None:
    """条例第二十六条: formed/changed date + the column's limit in working days."""
    if item.formed_date is None:
        return None
    try:
        return rules.publication_due(item.formed_date, item.entry.limit_days, get_calendar())
    except CalendarNotCovered:
        return None


def validate_item(item: InformationItem, *, for_submission: bool) -> dict[str, str]:
    """Field problems (Chinese messages) that stop an item going forward."""
    problems: dict[str, str] = {}
    if item.entry.agency_id != item.agency_id:
        problems["entry"] = "目录栏目必须属于本机关。"
    if item.doc_number:
        try:
            rules.parse_doc_number(item.doc_number)
        except rules.DocNumberError as exc:
            problems["doc_number"] = str(exc)
    problems.update(
        rules.disclosure_problems(item.disclosure, item.withhold_ground, item.withhold_explanation)
    )
    if item.disclosure == Disclosure.REDACTED and for_submission and not item.redacted_body.strip():
        problems["redacted_body"] = "删减后公开的信息必须填写删减后对外发布的正文。"
    if item.entry.kind in POLICY_KINDS:
        if for_submission and not item.validity:
            problems["validity"] = "规章和行政规范性文件必须标明有效性。"
        problems.update(
            rules.validity_problems(
                item.validity, item.valid_until, item.repealed_date, item.written_date
            )
        )
        problems.update(
            rules.term_problems(
                normative=item.entry.kind == ColumnKind.NORMATIVE,
                effective=item.effective_date,
                long_term=item.long_term,
                valid_until=item.valid_until,
                for_submission=for_submission,
            )
        )
        if item.replaced_by_id and item.replaced_by.agency_id != item.agency_id:
            problems["replaced_by"] = "替代文件必须属于本机关。"
        if item.replaced_by_id and item.replaced_by_id == item.pk:
            problems["replaced_by"] = "替代文件不能是本文件。"
    elif item.validity or item.valid_until or item.effective_date or item.long_term:
        problems["validity"] = "只有规章和行政规范性文件标注有效性、施行日期和有效期。"
    if item.interprets_id and item.entry.kind != "interpretation":
        problems["interprets"] = "只有“政策解读”栏目的信息可以关联所解读的政策文件。"
    if item.interprets_id and item.interprets.agency_id != item.agency_id:
        problems["interprets"] = "所解读的政策文件必须属于本机关。"
    if for_submission:
        if not item.formed_date:
            problems["formed_date"] = "请填写形成或变更日期（用于计算公开期限）。"
        if not item.body.strip() and not item.attachments.exists():
            problems["body"] = "正文和附件不能都为空。"
        # A template's or a draft's prompt never goes out in the agency's name.
        for name, text in (
            ("title", item.title),
            ("body", html_to_text(item.body)),
            ("redacted_body", html_to_text(item.redacted_body)),
        ):
            prompts = placeholders.find(text)
            if prompts and name not in problems:
                problems[name] = placeholders.message(prompts)
    return problems


def _apply(item: InformationItem, data: dict) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    item.body = clean_html(item.body)
    item.redacted_body = clean_html(item.redacted_body)
    item.doc_number = item.doc_number.strip()
    if item.disclosure == Disclosure.ACTIVE:
        item.withhold_ground = ""
    if not item.publisher_name:
        item.publisher_name = item.agency.name
    item.due_date = compute_due_date(item)


@transaction.atomic
def item_create(
    *, agency: Agency, by, data: dict, note: str = "", uploads: list[Upload] = ()
) -> InformationItem:
    """A new draft, with its attachments when the first save brings them (all or nothing: a
    file refused leaves no draft). ``note`` says why it was drafted (e.g. 条例第四十四条 and the
    applications behind it) and goes into the item's history, never into what the public
    reads."""
    if not selectors.can_draft(by, agency):
        raise PermissionDenied("只有本机关的信息员或公开办可以拟稿。")
    item = InformationItem(agency=agency, drafter=by, unit=selectors.drafting_unit(by, agency))
    _apply(item, data)
    problems = validate_item(item, for_submission=False)
    if problems:
        raise ValidationError(problems)
    item.save()
    item_event_record(item, actor=by, action=Action.CREATED, comment=note)
    for upload in uploads:
        try:
            attachment_add(item=item, by=by, upload=upload)
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from error
    return item


@transaction.atomic
def item_update(*, item: InformationItem, by, data: dict) -> InformationItem:
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if not selectors.can_edit(by, item):
        raise PermissionDenied("只有拟稿人可以修改草稿或退回的信息。")
    _apply(item, data)
    problems = validate_item(item, for_submission=False)
    if problems:
        raise ValidationError(problems)
    item.save()
    item_event_record(item, actor=by, action=Action.EDITED, from_status=item.status)
    return item


@transaction.atomic
def item_submit(*, item: InformationItem, by) -> InformationItem:
    """Send a draft (or a returned item) into the review chain, at its first step."""
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if not selectors.can_edit(by, item):
        raise PermissionDenied("只有拟稿人可以提交本人的草稿。")
    problems = validate_item(item, for_submission=True)
    if problems:
        raise ValidationError(problems)
    chain = review_chain_ensure(agency=item.agency)
    missing = unstaffed(selectors.chain_needs(item.agency, item.unit_id), exclude={by.pk})
    if missing:
        named = "、".join(f"“{name}”" for name in missing)
        raise ValidationError(
            f"提交后无人可以办理{named}环节：拟稿人不能审核本人拟稿的信息，同一信息的各环节须由"
            "不同人员办理。请联系安全管理员配置岗位。"
        )
    before = item.status
    item.status, item.current_step = Status.IN_REVIEW, chain[0].order
    item.save(update_fields=["status", "current_step", "updated_at"])
    item_event_record(item, actor=by, action=Action.SUBMITTED, from_status=before)
    return item


@transaction.atomic
def item_approve(
    *,
    item: InformationItem,
    by,
    comment: str = "",
    disclose_personal_data: bool = False,
    personal_data_reason: str = "",
) -> InformationItem:
    """Approve the current step; the last step publishes (or records a non-public item).

    At 保密审查, personal data in what would be published stops the approval unless the reviewer
    confirms that it is to be disclosed, with the reason (``disclose_personal_data`` and
    ``personal_data_reason``; see ``secrecy_stop``)."""
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    step = selectors.current_step(item)
    refusal = selectors.step_refusal(by, item, step)
    if refusal:
        raise PermissionDenied(refusal)
    found = secrecy_stop(item, step)
    if found is not None:
        _confirm_personal_data(
            item,
            by=by,
            step=step,
            found=found,
            confirm=disclose_personal_data,
            reason=personal_data_reason,
        )
    chain = review_chain_ensure(agency=item.agency)
    later = [s for s in chain if s.order > step.order]
    item_event_record(
        item, actor=by, action=Action.APPROVED, comment=comment, step=step, from_status=item.status
    )
    if later:
        item.current_step = later[0].order
        item.save(update_fields=["current_step", "updated_at"])
        return item
    return _conclude(item, by=by, step=step)


# --- 保密审查: personal data (条例第十五条) -------------------------------------------------------


def personal_data_of(item: InformationItem) -> PersonalData:
    """The personal data the public would see once the item is published (title, public body,
    attachments not kept internal); nothing for an item that is not to be published."""
    if not rules.is_publishable(item.disclosure):
        return PersonalData()
    return item_personal_data(item, today=timezone.localdate())


def is_secrecy_step(step: ReviewStep | None) -> bool:
    return step is not None and step.role == Role.SECRECY_REVIEWER


def secrecy_stop(item: InformationItem, step: ReviewStep | None) -> PersonalData | None:
    """At a 保密审查 step, the personal data that stops a plain approval; None elsewhere or when
    there is none."""
    if not is_secrecy_step(step):
        return None
    found = personal_data_of(item)
    return found if found.hits else None


def _confirm_personal_data(item, *, by, step, found: PersonalData, confirm: bool, reason: str):
    """条例第十五条: personal data is published only when the third party agrees or the public
    interest requires it; the 保密审查 reviewer says so, with the reason, or returns the item."""
    what = personal_data_summary(found.hits)
    if not confirm:
        raise ValidationError(
            {
                "disclose_personal_data": (
                    f"该信息公开后将显示个人信息（{what}），不能直接通过。请退回拟稿人作去标识化处理；"
                    "确属依法应当公开的（如行政许可公示中的法定代表人），请勾选确认并填写理由。"
                )
            }
        )
    if not reason.strip():
        raise ValidationError({"personal_data_reason": "确认公开个人信息时必须填写理由。"})
    item_event_record(
        item,
        actor=by,
        action=Action.PERSONAL_DATA_CONFIRMED,
        comment=f"{reason.strip()}（{what}）",
        step=step,
        from_status=item.status,
    )


def _refuse_unconfirmed_personal_data(item: InformationItem) -> None:
    """Nothing is published with personal data the 保密审查 of this round did not confirm."""
    found = personal_data_of(item)
    if found.hits and not selectors.personal_data_confirmed(item):
        raise ValidationError(
            f"该信息含未经保密审查确认公开的个人信息（{personal_data_summary(found.hits)}），"
            "不能发布。请退回拟稿人作去标识化处理。"
        )


def _refuse_unfinished_report(item: InformationItem, day: date) -> None:
    """An annual report goes out only after its year has ended and while nothing in it is
    unfinished or contradicts its tables (the figures may have moved since it was submitted)."""
    from gongkai.annual_reports.services import submission_problems

    report = getattr(item, "annual_report", None)
    if report is None:
        return
    problems = submission_problems(report, today=day)
    if problems:
        messages = [m for field in problems.values() for m in field]
        raise ValidationError(["年度报告暂不能发布：", *messages])


def release_problems(item: InformationItem) -> list[str]:
    """What stops a publishable item going out now under 三同步 (both directions); shown to
    the last reviewer before the click and enforced in ``_conclude``."""
    problems = []
    if item.needs_interpretation:
        statuses = list(item.interpretations.values_list("status", flat=True))
        problem = rules.synchronised_release_problem(
            needs_interpretation=True, interpretation_statuses=statuses
        )
        if problem:
            problems.append(problem)
    if item.interprets_id:
        policy = item.interprets
        problem = rules.interpretation_order_problem(
            policy_title=policy.title, policy_status=policy.status
        )
        if problem:
            problems.append(problem)
    return problems


def _refuse_unsynchronised(item: InformationItem) -> None:
    problems = release_problems(item)
    if problems:
        raise ValidationError(problems)


def _conclude(item: InformationItem, *, by, step: ReviewStep | None, at: datetime | None = None):
    """The chain's end: publish 主动公开/删减后公开 items, record the others as non-public."""
    at = at or timezone.now()
    before = item.status
    item.current_step = None
    item.decided_at = at
    if rules.is_publishable(item.disclosure):
        _refuse_unconfirmed_personal_data(item)
        _refuse_unfinished_report(item, timezone.localtime(at).date())
        _refuse_unsynchronised(item)
        item.status = Status.PUBLISHED
        item.published_at = at
        item.published_by = by
        item.index_number = allocate_index_number(item=item, year=index_year(item, at))
        item.save()
        item_event_record(item, actor=by, action=Action.PUBLISHED, step=step, from_status=before)
    else:
        item.status = Status.RECORDED
        item.save()
        item_event_record(
            item,
            actor=by,
            action=Action.RECORDED,
            step=step,
            from_status=before,
            comment=f"{item.get_disclosure_display()}：{item.get_withhold_ground_display()}",
        )
    return item


@transaction.atomic
def item_return(*, item: InformationItem, by, comment: str) -> InformationItem:
    """Send an item back to its drafter with the reason (退回修改); resubmission starts over."""
    if not comment.strip():
        raise ValidationError({"comment": "退回时必须填写退回意见。"})
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    step = selectors.current_step(item)
    refusal = selectors.step_refusal(by, item, step)
    if refusal:
        raise PermissionDenied(refusal)
    before = item.status
    item.status, item.current_step = Status.RETURNED, None
    item.save(update_fields=["status", "current_step", "updated_at"])
    item_event_record(
        item, actor=by, action=Action.RETURNED, comment=comment, step=step, from_status=before
    )
    return item


@transaction.atomic
def item_withdraw(*, item: InformationItem, by, reason: str) -> InformationItem:
    """撤回: out of every public place at once; the record, its 索引号 and history stay."""
    if not reason.strip():
        raise ValidationError({"reason": "撤回必须填写理由。"})
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.PUBLISHED:
        raise ValidationError({"reason": "只有已发布的信息可以撤回。"})
    if not selectors.can_manage_published(by, item):
        raise PermissionDenied("只有公开办可以撤回已发布的信息。")
    before = item.status
    item.status, item.withdrawn_at, item.withdraw_reason = Status.WITHDRAWN, timezone.now(), reason
    item.save(update_fields=["status", "withdrawn_at", "withdraw_reason", "updated_at"])
    item_event_record(item, actor=by, action=Action.WITHDRAWN, comment=reason, from_status=before)
    return item


@transaction.atomic
def item_correct(*, item: InformationItem, by, data: dict, reason: str) -> InformationItem:
    """更正 a published item: the published state is kept as a version, the item moves on."""
    if not reason.strip():
        raise ValidationError({"reason": "更正必须填写理由。"})
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.PUBLISHED:
        raise ValidationError({"reason": "只有已发布的信息可以更正。"})
    if not selectors.can_manage_published(by, item):
        raise PermissionDenied("只有公开办可以更正已发布的信息。")
    ItemVersion.objects.create(
        item=item,
        number=item.version,
        title=item.title,
        body=item.body,
        redacted_body=item.redacted_body,
        reason=reason,
        created_by=by,
        metadata={
            "doc_number": item.doc_number,
            "publisher_name": item.publisher_name,
            "written_date": item.written_date.isoformat() if item.written_date else None,
            "topic": item.topic,
            "keywords": item.keywords,
            "validity": item.validity,
            "valid_until": item.valid_until.isoformat() if item.valid_until else None,
        },
    )
    disclosure_before = item.disclosure
    shown_before = _text_personal_data(item)
    _apply(item, {k: v for k, v in data.items() if k not in ("disclosure", "entry")})
    item.disclosure = disclosure_before  # a correction never changes 公开属性 or the column
    problems = validate_item(item, for_submission=True)
    added = _text_personal_data(item) - shown_before
    if added:
        field = "redacted_body" if item.disclosure == Disclosure.REDACTED else "body"
        problems.setdefault(
            field,
            f"更正后的内容新增了个人信息（{'、'.join(sorted(added))}），更正不经保密审查，"
            "不能这样发布。请作去标识化处理。",
        )
    if problems:
        raise ValidationError(problems)
    item.version += 1
    item.save()
    item_event_record(
        item, actor=by, action=Action.CORRECTED, comment=reason, from_status=item.status
    )
    return item


def _text_personal_data(item: InformationItem) -> Counter:
    """The personal data (masked) in the item's published title and body, counted."""
    found = Counter()
    for hit in text_hits(item.title, item.public_body, today=timezone.localdate()):
        found[f"{hit.label}{hit.masked}"] += hit.count
    return found


@transaction.atomic
def item_validity_update(
    *,
    item: InformationItem,
    by,
    validity: str,
    reason: str,
    valid_until: date | None = None,
    repealed_date: date | None = None,
    replaced_by: InformationItem | None = None,
) -> InformationItem:
    """The office updates a published (or recorded) 规章/行政规范性文件's 有效性 when its 有效期
    ends or another document repeals or replaces it; the 表二 现行有效 count follows.

    Not a 更正: the text stays as published, no version is kept; an ItemEvent records the change,
    who made it, when and why.
    """
    if not reason.strip():
        raise ValidationError({"reason": "请填写更新有效性的依据或说明。"})
    item = InformationItem.objects.select_for_update().select_related("entry").get(pk=item.pk)
    if not selectors.can_manage_published(by, item):
        raise PermissionDenied("只有本机关的公开办可以更新文件的有效性。")
    if item.status not in (Status.PUBLISHED, Status.RECORDED):
        raise ValidationError(
            {"validity": "只有已发布或已登记的文件可以更新有效性；草稿请直接修改。"}
        )
    if not item.is_policy:
        raise ValidationError({"validity": "只有规章和行政规范性文件标注有效性。"})
    if validity not in Validity.values:
        raise ValidationError({"validity": "请选择有效性。"})
    before = _validity_text(item)
    item.validity, item.valid_until = validity, valid_until
    item.repealed_date, item.replaced_by = repealed_date, replaced_by
    if valid_until:
        item.long_term = False  # an end date given replaces 长期有效
    problems = validate_item(item, for_submission=False)
    today = timezone.localdate()
    if validity == Validity.EXPIRED and valid_until and valid_until >= today:
        problems["valid_until"] = (
            f"有效期至{valid_until:%Y-%m-%d}，尚未届满，不能标为已失效（届满次日起失效）。"
        )
    if validity == Validity.VALID and not rules.in_force_on(
        validity, valid_until, repealed_date, today
    ):
        problems["validity"] = "按所填日期，该文件已失效或已废止，不能标为有效。"
    if problems:
        raise ValidationError(problems)
    item.save(
        update_fields=[
            "validity",
            "valid_until",
            "long_term",
            "repealed_date",
            "replaced_by",
            "updated_at",
        ]
    )
    item_event_record(
        item,
        actor=by,
        action=Action.VALIDITY,
        comment=f"{before} → {_validity_text(item)}：{reason.strip()}",
        from_status=item.status,
    )
    return item


def validity_expire_due(*, today: date | None = None) -> list[InformationItem]:
    """规范性文件 whose 有效期 has ended (the day after 有效期至) become 已失效 on their own — run
    daily (``gongkai items expire``). Each change is an event by the system (no person), and
    the 表二 现行有效 count, the portal and the search index follow. Idempotent."""
    today = today or timezone.localdate()
    expired = []
    due = InformationItem.objects.filter(
        status__in=[Status.PUBLISHED, Status.RECORDED],
        validity__in=[Validity.VALID, Validity.AMENDED],
        valid_until__lt=today,
    ).select_related("entry")
    for found in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            item = InformationItem.objects.select_for_update().get(pk=found)
            if item.validity not in (Validity.VALID, Validity.AMENDED) or not (
                item.valid_until and item.valid_until < today
            ):
                continue  # changed meanwhile
            before = _validity_text(item)
            item.validity = Validity.EXPIRED
            item.save(update_fields=["validity", "updated_at"])
            item_event_record(
                item,
                actor=None,
                action=Action.VALIDITY,
                comment=f"{before} → {_validity_text(item)}：有效期届满，自{item.valid_until + timedelta(days=1):%Y-%m-%d}起失效（系统自动更新）",
                from_status=item.status,
            )
            expired.append(item)
    return expired


def _validity_text(item: InformationItem) -> str:
    text = item.get_validity_display() or "未标注"
    if item.valid_until:
        text += f"（有效期至{item.valid_until:%Y-%m-%d}）"
    if item.repealed_date:
        text += f"（{item.repealed_date:%Y-%m-%d}废止）"
    if item.replaced_by_id:
        text += f"（由《{item.replaced_by.title}》替代）"
    return text


# --- 索引号 ---------------------------------------------------------------------------------


def allocate_index_number(*, item: InformationItem, year: int) -> str:
    """The next 索引号 for the item's agency (and category) and year; never reused.

    Runs inside the publishing transaction (``serial_next`` keeps the counter locked until it
    commits); the item's unique constraint on index_number is the last line of defence.
    """
    layout = settings.GONGKAI_INDEX_FORMAT
    serial = serial_next(index_scope(item), year)
    return rules.format_index_number(
        layout, agency=item.agency.code, category=item.entry.code, year=year, serial=serial
    )


def index_year(item: InformationItem, published: datetime | date) -> int:
    """The 索引号's year: the publication year, or the information's 生成年度 (its 形成日期)
    when ``GONGKAI_INDEX_YEAR`` is "formed" (seed 004 二(二))."""
    if settings.GONGKAI_INDEX_YEAR == "formed" and item.formed_date:
        return item.formed_date.year
    if isinstance(published, datetime):
        return timezone.localtime(published).year
    return published.year


def index_scope(item: InformationItem) -> str:
    """The serial counter of an item's 索引号: per agency, and per category when the layout
    numbers each category on its own."""
    layout = settings.GONGKAI_INDEX_FORMAT
    category = item.entry.code if rules.index_scope_uses_category(layout) else ""
    return f"index:{item.agency_id}:{category}"


# --- Attachments --------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def attachment_check(upload: Upload) -> str:
    """The file's real type, or a ValidationError in Chinese."""
    limit = settings.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024
    if len(upload.data) == 0:
        raise ValidationError(f"文件“{upload.name}”是空文件。")
    if len(upload.data) > limit:
        raise ValidationError(
            f"文件“{upload.name}”超过大小限制（{settings.GONGKAI_MAX_UPLOAD_MB}MB）。"
        )
    kind = filetypes.detect(upload.data[:16], upload.data)
    if kind is None:
        raise ValidationError(
            f"文件“{upload.name}”的内容不是允许的类型（{filetypes.LABELS}），请检查后重新上传。"
        )
    return kind


@transaction.atomic
def attachment_add(*, item: InformationItem, by, upload: Upload, internal_only=False):
    if not (selectors.can_edit(by, item) or (by is None and item.source == "imported")):
        raise PermissionDenied("只有拟稿人可以为草稿添加附件。")
    kind = attachment_check(upload)
    attachment = Attachment(
        item=item,
        original_name=upload.name[:200],
        file_type=kind,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        internal_only=internal_only,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, ContentFile(upload.data), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by) -> None:
    if not selectors.can_edit(by, attachment.item):
        raise PermissionDenied("只有拟稿人可以删除草稿的附件。")
    attachment.file.delete(save=False)
    attachment.delete()
