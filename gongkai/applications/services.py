"""Writes of 依申请公开: intake, the clock's events, handling, answer, delivery, appeals.

Each write is one transaction that records an ApplicationEvent and refreshes the cached due date
from the pure clock (clock.py).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.serials import serial_next
from gongkai.org.models import Agency, Role
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import get_calendar

from . import basis, clock, fees, selectors
from .choices import Channel, Result, Status
from .models import Application, ApplicationEvent, Fee

Kind = ApplicationEvent.Kind

#: Fields of an application that the applicant fills in (form, API, staff registration).
APPLICANT_FIELDS = [
    "applicant_type",
    "name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "form_wanted",
    "delivery",
]


# --- Codes and numbers --------------------------------------------------------------------


def query_code_for(key: str) -> str:
    """The 查询码 for a submission: derived from its key, so a double submit gets the same code,
    and only its hash is stored."""
    digest = hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()
    return str(int(digest[:12], 16) % 10**8).zfill(8)


def code_hash(code: str) -> str:
    """Keyed with the secret key: an 8-digit code's plain hash could be reversed from a dump."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"query-code:{code}".encode(), hashlib.sha256
    ).hexdigest()


def code_matches(application: Application, code: str) -> bool:
    return hmac.compare_digest(application.code_hash, code_hash((code or "").strip()))


def _next_number(agency: Agency, year: int) -> str:
    return f"{agency.code}-{year}-{serial_next(number_scope(agency), year):04d}"


def number_scope(agency: Agency) -> str:
    """The serial counter of an agency's 申请编号."""
    return f"application:{agency.pk}"


def _event(application, kind, *, by=None, on: date | None = None, **fields) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application, kind=kind, actor=by, date=on or timezone.localdate(), **fields
    )


# --- The clock ----------------------------------------------------------------------------


def clock_events(application: Application) -> list[clock.ClockEvent]:
    """The clock's events, rebuilt from the application's event rows."""
    events: list[clock.ClockEvent] = []
    rows = list(application.events.order_by("date", "at", "id"))
    open_supplement = open_consult = open_fee = None
    for row in rows:
        if row.kind == Kind.SUPPLEMENT_REQUESTED:
            open_supplement = clock.ClockEvent("supplement", row.date, until=row.end_date)
            events.append(open_supplement)
        elif row.kind == Kind.SUPPLEMENT_RECEIVED and open_supplement:
            events[events.index(open_supplement)] = clock.ClockEvent(
                "supplement", open_supplement.start, end=row.date, until=open_supplement.until
            )
            open_supplement = None
        elif row.kind == Kind.CONSULT_SENT:
            open_consult = clock.ClockEvent("consult", row.date, days=row.days or 15)
            events.append(open_consult)
        elif row.kind == Kind.CONSULT_ANSWERED and open_consult:
            events[events.index(open_consult)] = clock.ClockEvent(
                "consult", open_consult.start, end=row.date, days=open_consult.days
            )
            open_consult = None
        elif row.kind == Kind.EXTENSION:
            events.append(clock.ClockEvent("extension", row.date, days=row.days))
        elif row.kind == Kind.LATER_DEADLINE:
            events.append(clock.ClockEvent("later_deadline", row.date, until=row.end_date))
        elif row.kind == Kind.FEE_NOTICE:
            open_fee = clock.ClockEvent("fee", row.date)
            events.append(open_fee)
        elif row.kind == Kind.FEE_PAID and open_fee:
            events[events.index(open_fee)] = clock.ClockEvent("fee", open_fee.start, end=row.date)
            open_fee = None
    return events


def deadline_of(application: Application, today: date | None = None) -> clock.Deadline | None:
    if application.received_date is None:
        return None
    try:
        return clock.due_date(
            application.received_date,
            clock_events(application),
            get_calendar(),
            today=today or timezone.localdate(),
            fee_payment_days=settings.GONGKAI_FEE_PAYMENT_DAYS,
        )
    except CalendarNotCovered as exc:
        return clock.Deadline(due=None, steps=[f"{exc}，无法计算答复期限。"])


def _refresh(application: Application) -> Application:
    deadline = deadline_of(application)
    application.due_date = deadline.due if deadline else None
    application.save()
    return application


# --- Intake -------------------------------------------------------------------------------


def _check_applicant(data: dict) -> dict:
    """Field problems in Chinese (the same for the form, the API and staff registration)."""
    from . import identity

    problems: dict[str, str] = {}
    required = {
        "applicant_type": "申请人类型",
        "name": "姓名或名称",
        "id_type": "证件类型",
        "id_number": "证件号码",
        "phone": "联系电话",
        "description": "所需信息的描述",
        "form_wanted": "获取信息的形式",
        "delivery": "获取信息的方式",
    }
    for field, label in required.items():
        if not str(data.get(field) or "").strip():
            problems[field] = f"请填写{label}。"
    id_type, number = data.get("id_type"), str(data.get("id_number") or "")
    if number and id_type == "resident_id":
        try:
            data["id_number"] = identity.validate_resident_id(number)
        except identity.IdentityError as exc:
            problems["id_number"] = str(exc)
    elif number and id_type == "credit_code":
        try:
            data["id_number"] = identity.validate_credit_code(number)
        except identity.IdentityError as exc:
            problems["id_number"] = str(exc)
    if data.get("applicant_type") == "natural" and id_type == "credit_code":
        problems["id_type"] = "自然人请使用居民身份证、护照等个人证件。"
    if data.get("applicant_type") not in (None, "", "natural") and id_type == "resident_id":
        problems["id_type"] = "法人或其他组织请填写统一社会信用代码。"
    if (
        data.get("applicant_type") not in (None, "", "natural")
        and not str(data.get("contact_person") or "").strip()
    ):
        problems["contact_person"] = "法人或其他组织请填写联系人。"
    if data.get("delivery") == "email" and not data.get("email"):
        problems["email"] = "选择电子邮件方式获取信息时，请填写电子邮箱。"
    if data.get("delivery") == "post" and not data.get("address"):
        problems["address"] = "选择邮寄方式获取信息时，请填写通信地址。"
    if len(str(data.get("description") or "")) > 2000:
        problems["description"] = "所需信息的描述不能超过2000字。"
    return problems


@transaction.atomic
def application_submit(
    *,
    agency: Agency,
    data: dict,
    submission_key: str,
    channel: str = Channel.ONLINE,
    channel_reference: str = "",
):
    """An online (or platform-forwarded) application. A double submit returns the first one.

    第三十一条第三项: its date of receipt is the day staff confirm it, not the day it was sent.
    Returns (application, query code, created?).
    """
    submission_key = submission_key.strip()[:64] or secrets.token_hex(16)
    existing = Application.objects.filter(agency=agency, submission_key=submission_key).first()
    if existing is not None:
        return existing, query_code_for(f"{agency.pk}:{submission_key}"), False
    data = {k: (data.get(k) or "") for k in APPLICANT_FIELDS}
    problems = _check_applicant(data)
    if problems:
        raise ValidationError(problems)
    code = query_code_for(f"{agency.pk}:{submission_key}")
    now = timezone.now()
    application = Application(
        agency=agency,
        channel=channel,
        channel_reference=channel_reference,
        submission_key=submission_key,
        code_hash=code_hash(code),
        submitted_at=now,
        number=_next_number(agency, timezone.localtime(now).year),
        status=Status.AWAITING_CONFIRMATION,
        **data,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same submission arrived twice at the same instant
        existing = Application.objects.get(agency=agency, submission_key=submission_key)
        return existing, code, False
    _event(application, Kind.SUBMITTED, note=application.get_channel_display())
    return application, code, True


@transaction.atomic
def application_register(
    *,
    agency: Agency,
    by,
    data: dict,
    channel: str,
    received: date,
    channel_reference: str = "",
    note: str = "",
):
    """Staff register an application from another channel (当面, 邮寄, 平常信函, 传真, 电子邮件,
    口头). ``received`` is the date of receipt under 第三十一条 for that channel; an oral
    application is written up by staff. Returns (application, query code)."""
    if not selectors.can_handle(by, agency):
        raise PermissionDenied("只有本机关公开办可以登记申请。")
    if channel not in Channel.values or channel in (Channel.ONLINE, Channel.PLATFORM):
        raise ValidationError({"channel": "请选择申请方式。"})
    if received > timezone.localdate():
        raise ValidationError({"received": "收到申请之日不能晚于今天。"})
    data = {k: (data.get(k) or "") for k in APPLICANT_FIELDS}
    problems = _check_applicant(data)
    if problems:
        raise ValidationError(problems)
    key = secrets.token_hex(16)
    code = query_code_for(f"{agency.pk}:{key}")
    application = Application(
        agency=agency,
        channel=channel,
        channel_reference=channel_reference,
        submission_key=key,
        code_hash=code_hash(code),
        number=_next_number(agency, received.year),
        received_date=received,
        status=Status.REGISTERED,
        created_by=by,
        **data,
    )
    application.save()
    _event(
        application,
        Kind.REGISTERED,
        by=by,
        on=received,
        note=note or f"{application.get_channel_display()}，收到申请之日 {received:%Y-%m-%d}",
    )
    _refresh(application)
    _letter(application, "receipt", on=received)
    return application, code


@transaction.atomic
def application_confirm(*, application: Application, by, on: date | None = None):
    """Confirm receipt of an online application (第三十一条第三项: the day both sides confirm)."""
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.AWAITING_CONFIRMATION:
        raise ValidationError("该申请已确认收到。")
    on = on or timezone.localdate()
    if on < timezone.localtime(application.submitted_at).date():
        raise ValidationError("确认日期不能早于提交日期。")
    application.received_date, application.status = on, Status.REGISTERED
    _event(application, Kind.CONFIRMED, by=by, on=on, note="确认收到网上申请（第三十一条）")
    _refresh(application)
    _letter(application, "receipt", on=on)
    return application


# --- Handling -----------------------------------------------------------------------------


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _require_handler(by, application: Application) -> None:
    if not selectors.can_handle(by, application.agency):
        raise PermissionDenied("只有本机关公开办可以办理申请。")


def _require_open(application: Application) -> None:
    if application.is_closed:
        raise ValidationError("该申请已办结。")
    if application.received_date is None:
        raise ValidationError("请先确认收到该申请。")


@transaction.atomic
def application_assign(*, application: Application, by, unit, note: str = ""):
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if unit.agency_id != application.agency_id:
        raise ValidationError({"unit": "承办股室必须属于本机关。"})
    kind = Kind.TRANSFERRED if application.unit_id else Kind.ASSIGNED
    application.unit = unit
    if application.status == Status.REGISTERED:
        application.status = Status.IN_PROGRESS
    _event(application, kind, by=by, target=unit.name, note=note)
    return _refresh(application)


@transaction.atomic
def application_request_supplement(
    *, application: Application, by, on: date, until: date, what: str
):
    """第三十条: ask once, within 7 working days of receipt, for specific additions."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if not what.strip():
        raise ValidationError({"what": "请写明需要补正的事项。"})
    if until <= on:
        raise ValidationError({"until": "补正期限应晚于告知日期。"})
    earlier = application.events.filter(kind=Kind.SUPPLEMENT_REQUESTED).count()
    refusal = clock.supplement_refusal(application.received_date, on, earlier, get_calendar())
    if refusal:
        raise ValidationError({"on": refusal})
    application.status = Status.SUPPLEMENT
    _event(application, Kind.SUPPLEMENT_REQUESTED, by=by, on=on, end_date=until, note=what)
    _refresh(application)
    _letter(application, "supplement", what=what, until=until, on=on)
    return application


@transaction.atomic
def application_supplement_received(*, application: Application, by, on: date, note=""):
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.SUPPLEMENT:
        raise ValidationError("该申请不在待补正状态。")
    application.status = Status.IN_PROGRESS
    _event(application, Kind.SUPPLEMENT_RECEIVED, by=by, on=on, note=note)
    return _refresh(application)


@transaction.atomic
def application_consult(
    *, application: Application, by, on: date, target: str, third_party: bool = True, note: str = ""
):
    """第三十二条 (third party) / 第三十四条 (another agency): 15 working days, not counted."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if not target.strip():
        raise ValidationError({"target": "请填写征求意见的对象。"})
    if (
        application.events.filter(kind=Kind.CONSULT_SENT).count()
        > application.events.filter(kind=Kind.CONSULT_ANSWERED).count()
    ):
        raise ValidationError("上一次征求意见尚未收到答复。")
    application.status = Status.CONSULTING
    _event(
        application,
        Kind.CONSULT_SENT,
        by=by,
        on=on,
        days=clock.CONSULT_DAYS,
        target=target,
        note=note or ("第三方" if third_party else "其他机关"),
    )
    _refresh(application)
    if third_party:
        _letter(application, "consultation", target=target, for_applicant=False, on=on)
    return application


@transaction.atomic
def application_consult_answered(*, application: Application, by, on: date, note: str = ""):
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.CONSULTING:
        raise ValidationError("该申请没有进行中的征求意见。")
    application.status = Status.IN_PROGRESS
    _event(application, Kind.CONSULT_ANSWERED, by=by, on=on, note=note)
    return _refresh(application)


@transaction.atomic
def application_extend(*, application: Application, by, on: date, days: int, reason: str):
    """第三十三条第二款: once, ≤ 20 working days, approved before the due date, applicant told."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由。"})
    deadline = deadline_of(application)
    if deadline is None or deadline.due is None:
        raise ValidationError("当前没有在计时的答复期限，不能延期。")
    earlier = application.events.filter(kind=Kind.EXTENSION).count()
    refusal = clock.extension_refusal(deadline.due, on, days, earlier)
    if refusal:
        raise ValidationError({"days": refusal})
    _event(application, Kind.EXTENSION, by=by, on=on, days=days, note=reason)
    _refresh(application)
    _letter(application, "extension", reason=reason, days=days, on=on)
    return application


@transaction.atomic
def application_later_deadline(*, application: Application, by, on: date, until: date, reason: str):
    """第三十五条: a reasonable later deadline for a large or repeated request, with reasons."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if not reason.strip():
        raise ValidationError({"reason": "请说明理由（第三十五条）。"})
    if application.due_date and until <= application.due_date:
        raise ValidationError({"until": "延迟答复期限应晚于当前答复期限。"})
    _event(application, Kind.LATER_DEADLINE, by=by, on=on, end_date=until, note=reason)
    return _refresh(application)


@transaction.atomic
def application_fee_notice(
    *,
    application: Application,
    by,
    on: date,
    method: str,
    position_in_month: int | None = None,
    pages: int | None = None,
):
    """信息处理费 (国办函〔2020〕109号): 按件 or 按量, never both; the clock stops until payment."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if hasattr(application, "fee"):
        raise ValidationError("该申请已发出收费通知。")
    try:
        fee = fees.compute_fee(method, position_in_month=position_in_month, pages=pages)
    except ValueError as exc:
        raise ValidationError({"method": str(exc)}) from None
    if fee.amount == 0:
        raise ValidationError({"method": "按此计算无需收费（免费范围内），无需发出收费通知。"})
    Fee.objects.create(
        application=application,
        method=method,
        position_in_month=position_in_month,
        pages=pages,
        amount=fee.amount,
        explanation="；".join(fee.explanation),
        notice_date=on,
    )
    application.status = Status.FEE_PENDING
    _event(application, Kind.FEE_NOTICE, by=by, on=on, note=f"{fee.amount}元")
    _refresh(application)
    _letter(
        application, "fee", amount=fee.amount, explanation=fee.explanation, method=method, on=on
    )
    return application


@transaction.atomic
def application_fee_paid(*, application: Application, by, on: date, receipt: str = ""):
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.FEE_PENDING:
        raise ValidationError("该申请没有待缴的费用。")
    application.fee.paid_date, application.fee.receipt_number = on, receipt
    application.fee.save()
    application.status = Status.IN_PROGRESS
    _event(application, Kind.FEE_PAID, by=by, on=on, note=receipt)
    return _refresh(application)


@transaction.atomic
def application_draft_answer(
    *,
    application: Application,
    by,
    result: str,
    text: str,
    basis_option: str = "",
    facts: dict | None = None,
):
    """The handling unit or office drafts the answer; its result is one leaf of 表三, and its
    legal basis one of that result's options (basis.py) with the facts the letter states."""
    application = _locked(application)
    if not (
        selectors.can_handle(by, application.agency)
        or selectors.is_handling_unit_member(by, application)
    ):
        raise PermissionDenied("只有承办股室或公开办可以拟定答复。")
    _require_open(application)
    if result not in Result.values:
        raise ValidationError({"result": "请选择办理结果。"})
    if result in (Result.OTHER_NO_SUPPLEMENT, Result.OTHER_UNPAID):
        raise ValidationError({"result": "逾期不补正、逾期不缴费由系统按期限自动办结。"})
    problems = {}
    try:
        answer = basis.answer_basis(result, basis_option, facts)
    except basis.BasisError as error:
        problems.update(error.problems)
    if not text.strip():
        problems["text"] = "请填写答复内容。"
    if problems:
        raise ValidationError(problems)
    application.result, application.answer_text = result, text
    application.basis_option, application.basis_facts = answer.option, answer.facts
    application.status = Status.ANSWER_REVIEW
    _event(application, Kind.ANSWER_DRAFTED, by=by, note=Result(result).label)
    return _refresh(application)


@transaction.atomic
def application_review_answer(
    *, application: Application, by, approve: bool, comment="", on: date | None = None
):
    """The head of the disclosure office signs the answer off (or returns it) ``on`` a day
    (today by default): the answer letter bears that date."""
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.ANSWER_REVIEW:
        raise ValidationError("该申请没有待审核的答复。")
    drafted = application.events.filter(kind=Kind.ANSWER_DRAFTED).last()
    if drafted and drafted.actor_id == by.pk:
        raise PermissionDenied("不能审核本人拟定的答复。")
    if not approve:
        if not comment.strip():
            raise ValidationError({"comment": "退回时必须填写意见。"})
        application.status = Status.IN_PROGRESS
        application.result = ""  # a returned answer is no longer a result
        _event(application, Kind.ANSWER_RETURNED, by=by, note=comment)
        return _refresh(application)
    on = on or timezone.localdate()
    application.status, application.answered_date = Status.ANSWERED, on
    _event(
        application, Kind.ANSWERED, by=by, on=on, note=comment or Result(application.result).label
    )
    application.save()
    _letter(application, "answer", on=on)
    return application


@transaction.atomic
def application_deliver(*, application: Application, by, on: date, method: str, proof: str):
    """送达: method, date, proof (e.g. EMS 单号, 签收人)."""
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.ANSWERED:
        raise ValidationError("只有已答复的申请可以登记送达。")
    if not method.strip():
        raise ValidationError({"method": "请填写送达方式。"})
    application.status = Status.DELIVERED
    application.delivery_method, application.delivered_date = method, on
    application.delivery_proof = proof
    _event(application, Kind.DELIVERED, by=by, on=on, note=f"{method} {proof}".strip())
    application.save()
    return application


@transaction.atomic
def application_archive(*, application: Application, by):
    application = _locked(application)
    _require_handler(by, application)
    if application.status not in (Status.DELIVERED, Status.WITHDRAWN):
        raise ValidationError("送达后（或申请人撤回后）才能归档。")
    application.status = Status.ARCHIVED
    _event(application, Kind.ARCHIVED, by=by)
    application.save()
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by=None, reason: str = ""):
    """The applicant withdraws (on the tracking page, or staff record it). 表三 其他处理 3."""
    application = _locked(application)
    if application.is_closed:
        raise ValidationError("该申请已办结，不能撤回。")
    application.status = Status.WITHDRAWN
    application.result, application.basis_option = Result.OTHER, "withdrawn"
    application.answered_date = timezone.localdate()
    application.answer_text = "申请人撤回申请。" + (f"理由：{reason}" if reason else "")
    _event(application, Kind.WITHDRAWN, by=by, note=reason)
    application.save()
    return application


@transaction.atomic
def application_close_lapsed(*, application: Application, today: date | None = None):
    """视为放弃 (逾期不补正) or 不再处理 (逾期不缴费) once the clock says the period lapsed."""
    application = _locked(application)
    deadline = deadline_of(application, today)
    if application.is_closed or deadline is None or deadline.abandoned is None:
        return None
    result = Result(deadline.abandoned)
    application.status, application.result = Status.ANSWERED, result
    application.basis_option = basis.options_for(result)[0].key
    application.answered_date = today or timezone.localdate()
    application.answer_text = deadline.steps[-1]
    _event(application, Kind.ABANDONED, on=application.answered_date, note=result.label)
    application.save()
    # The clock's step (with its 表三 row) stays on record; the letter says it in the law's words.
    _letter(application, "answer", on=application.answered_date, answer="")
    return application


def close_all_lapsed(today: date | None = None) -> int:
    closed = 0
    for application in Application.objects.filter(
        status__in=[Status.SUPPLEMENT, Status.FEE_PENDING]
    ):
        if application_close_lapsed(application=application, today=today):
            closed += 1
    return closed


@transaction.atomic
def personal_data_viewed(*, application: Application, by) -> None:
    """Seeing an applicant's full personal data is logged (application history and audit log)."""
    from gongkai.audit.models import AuditEvent
    from gongkai.audit.services import audit_record

    _event(application, Kind.PERSONAL_DATA_VIEWED, by=by)
    audit_record(
        action=AuditEvent.Action.VIEW,
        object_type="applications.application",
        object_id=application.pk,
        object_repr=f"{application.number} 申请人信息",
    )


@transaction.atomic
def application_reset_code(*, application: Application, by) -> str:
    application = _locked(application)
    _require_handler(by, application)
    key = secrets.token_hex(16)
    code = query_code_for(f"{application.agency_id}:{key}")
    application.code_hash = code_hash(code)
    application.save(update_fields=["code_hash", "updated_at"])
    _event(application, Kind.CODE_RESET, by=by)
    return code


def _letter(application, kind, *, on: date, **context):
    from .letters import letter_create

    return letter_create(application=application, kind=kind, on=on, **context)


@transaction.atomic
def letter_regenerate(*, letter, by):
    """The office renders a letter again (a new template, a new seal): same date, same 文号."""
    from .letters import letter_regenerate as regenerate

    if not selectors.can_handle(by, letter.application.agency):
        raise PermissionDenied("只有本机关公开办可以重新生成文书。")
    letter = regenerate(letter)
    _event(
        letter.application,
        Kind.LETTER_REGENERATED,
        by=by,
        target=letter.title,
        note=f"{letter.number}（成文日期{letter.date:%Y-%m-%d}不变）".strip(),
    )
    return letter


def handler_role() -> str:
    return Role.DISCLOSURE_OFFICE
