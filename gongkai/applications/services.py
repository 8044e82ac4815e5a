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
from django.db.models import Q
from django.utils import timezone

from gongkai.core.serials import serial_next
from gongkai.org.chains import StepNeed, unstaffed
from gongkai.org.models import Agency, Role
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import add_working_days, get_calendar

from . import basis, clock, fees, notices, receipt, selectors
from .choices import Channel, Result, Status
from .models import AnswerStep, Application, ApplicationEvent, Consultation, Fee

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
    event = ApplicationEvent.objects.create(
        application=application, kind=kind, actor=by, date=on or timezone.localdate(), **fields
    )
    notices.notify_on_commit(event)  # 受理/补正/延期/收费/答复: told once the step has committed
    return event


# --- The clock ----------------------------------------------------------------------------


def clock_events(application: Application) -> list[clock.ClockEvent]:
    """The clock's events in the order they were taken: 补正, extensions and later deadlines
    from the event rows; consultations from their records (several may run at once); the fee
    from its notice. Steps of one day apply in the order they were recorded."""
    events: list[clock.ClockEvent] = []
    rows = list(application.events.order_by("date", "at", "id"))
    seq = {row.pk: index for index, row in enumerate(rows)}
    first = {}  # the first event row of each kind and target (a consultation's sending)
    for row in rows:
        first.setdefault((row.kind, row.target), seq[row.pk])
    open_supplement = None
    for row in rows:
        order = seq[row.pk]
        if row.kind == Kind.SUPPLEMENT_REQUESTED:
            open_supplement = clock.ClockEvent(
                "supplement", row.date, until=row.end_date, seq=order
            )
            events.append(open_supplement)
        elif row.kind == Kind.SUPPLEMENT_RECEIVED and open_supplement:
            events[events.index(open_supplement)] = clock.ClockEvent(
                "supplement",
                open_supplement.start,
                end=row.date,
                until=open_supplement.until,
                seq=open_supplement.seq,
            )
            open_supplement = None
        elif row.kind == Kind.EXTENSION:
            events.append(clock.ClockEvent("extension", row.date, days=row.days, seq=order))
        elif row.kind == Kind.LATER_DEADLINE:
            events.append(
                clock.ClockEvent("later_deadline", row.date, until=row.end_date, seq=order)
            )
    for consultation in application.consultations.all():
        events.append(
            clock.ClockEvent(
                "consult",
                consultation.sent_on,
                end=consultation.answered_on,
                days=clock.CONSULT_DAYS,
                received=consultation.received_on,
                seq=first.get((Kind.CONSULT_SENT, consultation.target), len(rows)),
            )
        )
    fee = Fee.objects.filter(application=application).first()
    if fee is not None:
        events.append(
            clock.ClockEvent(
                "fee",
                fee.notice_date,
                end=fee.paid_date,
                received=fee.notice_received,
                seq=first.get((Kind.FEE_NOTICE, ""), len(rows)),
            )
        )
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
        return clock.Deadline(due=None, steps=[f"{exc}，无法计算答复期限。"], uncovered=exc.year)


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
    received: date | None = None,
    facts: dict | None = None,
    channel_reference: str = "",
    note: str = "",
):
    """Staff register an application from another channel (当面, 邮寄, 平常信函, 传真, 电子邮件,
    口头; an oral application is written up by staff). The date of receipt follows 第三十一条 for
    the channel (``receipt.receipt_date``) from the ``facts`` of its arrival (handed_in,
    signed_for, arrived, confirmed); ``received`` alone stands for the channel's own fact.
    Returns (application, query code)."""
    if not selectors.can_handle(by, agency):
        raise PermissionDenied("只有本机关公开办可以登记申请。")
    if channel not in Channel.values or channel in (Channel.ONLINE, Channel.PLATFORM):
        raise ValidationError({"channel": "请选择申请方式。"})
    facts = dict(facts or {})
    if received is not None:
        facts.setdefault(receipt.FACTS[Channel(channel)][0], received)
        if channel == Channel.ORDINARY_MAIL:
            facts.setdefault("arrived", received)
    try:
        fixed = receipt.receipt_date(channel, today=timezone.localdate(), **facts)
    except receipt.ReceiptError as error:
        raise ValidationError({error.field: str(error)}) from None
    received = fixed.received
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
        receipt_facts=fixed.facts,
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
        note=note
        or f"{application.get_channel_display()}，收到申请之日 {received:%Y-%m-%d}（{fixed.rule}）",
    )
    _refresh(application)
    _letter(application, "receipt", on=received)
    return application, code


@transaction.atomic
def application_confirm(*, application: Application, by, on: date | None = None):
    """Confirm receipt of an online application (第三十一条第（三）项: the day both sides confirm)."""
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.AWAITING_CONFIRMATION:
        raise ValidationError("该申请已确认收到。")
    on = on or timezone.localdate()
    submitted = timezone.localtime(application.submitted_at).date()
    if on < submitted:
        raise ValidationError({"on": "确认日期不能早于提交日期。"})
    try:
        fixed = receipt.receipt_date(
            application.channel, today=timezone.localdate(), arrived=submitted, confirmed=on
        )
    except receipt.ReceiptError as error:
        raise ValidationError({"on": str(error)}) from None
    application.received_date, application.status = on, Status.REGISTERED
    application.receipt_facts = fixed.facts
    _event(application, Kind.CONFIRMED, by=by, on=on, note=f"确认收到网上申请（{fixed.rule}）")
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


def _open_consultations(application: Application):
    return application.consultations.filter(opinion="")


def _consultation(consultation: Consultation, by) -> tuple[Application, Consultation]:
    application = _locked(consultation.application)
    _require_handler(by, application)
    return application, Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def application_consult(
    *,
    application: Application,
    by,
    on: date,
    target: str,
    third_party: bool = True,
    contact: str = "",
    note: str = "",
) -> Consultation:
    """第三十二条 (a third party whose rights disclosure may harm) or 第三十四条 (another agency
    that made the information together with this one): a written consultation. Several may run
    at once; each has 15 working days from the day it receives the letter, and the time they
    need is not counted in the answer period (第三十三条第三款)."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if not target.strip():
        raise ValidationError({"target": "请填写征求意见的对象。"})
    if on < application.received_date:
        raise ValidationError({"on": "征求意见日期不能早于收到申请之日。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "征求意见日期不能晚于今天。"})
    consultation = Consultation.objects.create(
        application=application,
        kind=Consultation.Kind.THIRD_PARTY if third_party else Consultation.Kind.AGENCY,
        target=target.strip(),
        contact=contact.strip(),
        sent_on=on,
    )
    application.status = Status.CONSULTING
    _event(
        application,
        Kind.CONSULT_SENT,
        by=by,
        on=on,
        days=clock.CONSULT_DAYS,
        target=consultation.target,
        note=note or consultation.get_kind_display(),
    )
    _refresh(application)
    if third_party:
        _letter(application, "consultation", target=consultation.target, for_applicant=False, on=on)
    return consultation


@transaction.atomic
def application_consult_delivered(*, consultation: Consultation, by, on: date) -> Consultation:
    """The consulted party received the letter: their 15 working days run from this day."""
    application, consultation = _consultation(consultation, by)
    if on < consultation.sent_on:
        raise ValidationError({"on": "收到日期不能早于发出日期。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "收到日期不能晚于今天。"})
    consultation.received_on = on
    consultation.save(update_fields=["received_on"])
    _event(application, Kind.CONSULT_DELIVERED, by=by, on=on, target=consultation.target)
    _refresh(application)
    return consultation


@transaction.atomic
def application_consult_answered(
    *, consultation: Consultation, by, on: date, opinion: str, reasons: str = ""
) -> Consultation:
    """Record the consulted party's opinion (or its silence once the 15 days ran out: a third
    party's silence leaves the decision to the agency; another agency's is consent, 第三十四条)."""
    application, consultation = _consultation(consultation, by)
    if consultation.opinion:
        raise ValidationError("该征求意见已有结果。")
    if opinion not in Consultation.Opinion.values:
        raise ValidationError({"opinion": "请选择对方的意见。"})
    if on < consultation.sent_on or on > timezone.localdate():
        raise ValidationError({"on": "收到意见日期应在发出之日和今天之间。"})
    if opinion == Consultation.Opinion.NONE:
        if consultation.received_on is None:
            raise ValidationError({"opinion": "请先登记对方收到征求意见书之日。"})
        limit = add_working_days(consultation.received_on, clock.CONSULT_DAYS, get_calendar())
        if on <= limit:
            raise ValidationError(
                {"opinion": f"对方提出意见的期限至{limit:%Y-%m-%d}，期满后才能登记逾期未提出意见。"}
            )
        on = limit
    if opinion == Consultation.Opinion.OBJECT and not reasons.strip():
        raise ValidationError({"reasons": "请填写对方不同意公开的理由。"})
    consultation.answered_on, consultation.opinion = on, opinion
    consultation.reasons = reasons.strip()
    consultation.save(update_fields=["answered_on", "opinion", "reasons"])
    _event(
        application,
        Kind.CONSULT_ANSWERED,
        by=by,
        on=on,
        target=consultation.target,
        outcome=opinion,
        note=consultation.get_opinion_display() + (f"：{reasons}" if reasons else ""),
    )
    if application.status == Status.CONSULTING and not _open_consultations(application).exists():
        application.status = Status.IN_PROGRESS
    return _refresh(application)


@transaction.atomic
def application_disclosure_notice(
    *, consultation: Consultation, by, on: date, reasons: str
) -> Consultation:
    """第三十二条: the third party objected, but not disclosing would gravely affect the public
    interest: the agency decides to disclose and tells the third party in writing, with the
    content and the reasons, before the information is disclosed."""
    application, consultation = _consultation(consultation, by)
    if consultation.kind != Consultation.Kind.THIRD_PARTY:
        raise ValidationError("只有第三方不同意公开时才需书面告知。")
    if consultation.opinion != Consultation.Opinion.OBJECT:
        raise ValidationError("第三方未表示不同意公开，无需告知决定公开。")
    if not reasons.strip():
        raise ValidationError({"reasons": "请写明不公开可能对公共利益造成重大影响的理由。"})
    if on < consultation.answered_on or on > timezone.localdate():
        raise ValidationError({"on": "告知日期应在收到意见之日和今天之间。"})
    consultation.public_interest, consultation.notice_on = reasons.strip(), on
    consultation.save(update_fields=["public_interest", "notice_on"])
    _event(application, Kind.DISCLOSURE_NOTICE, by=by, on=on, target=consultation.target)
    _letter(
        application,
        "third_party_decision",
        target=consultation.target,
        content=application.description,
        reasons=consultation.public_interest,
        for_applicant=False,
        on=on,
    )
    return consultation


def third_party_problems(application: Application, result: str) -> list[str]:
    """Before an answer that discloses in full goes out: every third party that objected was
    told in writing of the decision to disclose (第三十二条). A partial disclosure (第三十七条) is
    taken to withhold what they objected to; where it does not, the office records the notice all
    the same (it is offered whenever a third party objected)."""
    if result != Result.DISCLOSED:
        return []
    return [
        f"第三方“{c.target}”不同意公开：决定公开的，须先书面告知第三方决定公开的内容和理由"
        "（第三十二条），请在“征求意见”中登记告知。"
        for c in application.consultations.filter(
            kind=Consultation.Kind.THIRD_PARTY, opinion=Consultation.Opinion.OBJECT
        )
        if c.notice_on is None
    ]


def extension_pending(application: Application) -> ApplicationEvent | None:
    """The extension request waiting for the head's decision, if any."""
    last = (
        application.events.filter(
            kind__in=[Kind.EXTENSION_REQUESTED, Kind.EXTENSION, Kind.EXTENSION_REFUSED]
        )
        .order_by("-date", "-at", "-id")
        .first()
    )
    return last if last is not None and last.kind == Kind.EXTENSION_REQUESTED else None


@transaction.atomic
def application_request_extension(
    *, application: Application, by, on: date, days: int, reason: str
) -> Application:
    """第三十三条第二款: the office asks the head of the 政府信息公开工作机构 to extend the answer
    period (once, by at most 20 working days). Nothing changes until the head agrees."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由。"})
    if extension_pending(application) is not None:
        raise ValidationError("已有待负责人审批的延期申请。")
    deadline = deadline_of(application)
    if deadline is None or deadline.due is None:
        raise ValidationError("当前没有在计时的答复期限，不能延期。")
    earlier = application.events.filter(kind=Kind.EXTENSION).count()
    refusal = clock.extension_refusal(deadline.due, on, days, earlier)
    if refusal:
        raise ValidationError({"days": refusal})
    _event(application, Kind.EXTENSION_REQUESTED, by=by, on=on, days=days, note=reason.strip())
    return application


@transaction.atomic
def application_decide_extension(
    *, application: Application, by, on: date, approve: bool, comment: str = ""
) -> Application:
    """The head of the 政府信息公开工作机构 agrees to the extension (or not), before the original
    due date; the letter to the applicant is dated that day and says who agreed."""
    application = _locked(application)
    if not selectors.is_office_head(by, application.agency):
        raise PermissionDenied("延期答复须经政府信息公开工作机构负责人同意（第三十三条第二款）。")
    _require_open(application)
    request = extension_pending(application)
    if request is None:
        raise ValidationError("没有待审批的延期申请。")
    if on < request.date or on > timezone.localdate():
        raise ValidationError({"on": "审批日期应在申请延期之日和今天之间。"})
    if not approve:
        if not comment.strip():
            raise ValidationError({"comment": "不同意延期时请写明意见。"})
        _event(application, Kind.EXTENSION_REFUSED, by=by, on=on, outcome="refused", note=comment)
        return application
    deadline = deadline_of(application)
    earlier = application.events.filter(kind=Kind.EXTENSION).count()
    refusal = clock.extension_refusal(deadline.due, on, request.days, earlier) if deadline else ""
    if deadline is None or deadline.due is None or refusal:
        raise ValidationError({"on": refusal or "当前没有在计时的答复期限，不能延期。"})
    _event(
        application,
        Kind.EXTENSION,
        by=by,
        on=on,
        days=request.days,
        outcome="approved",
        note=request.note + (f"（负责人意见：{comment}）" if comment.strip() else ""),
    )
    _refresh(application)
    extended = {}
    if application.due_date is None:  # the new date falls in a year nobody has entered yet
        from .letters import cn_date

        extended["due"] = (
            f"原答复期限（{cn_date(deadline.due)}）后第{request.days}个工作日，"
            + clock.arrangement_words(deadline_of(application).uncovered or deadline.due.year + 1)
        )
    _letter(
        application,
        "extension",
        reason=request.note,
        days=request.days,
        approver=by.display_name,
        on=on,
        **extended,
    )
    return application


# --- 第三十五条: large or repeated requests ------------------------------------------------------


def _reasons_state(application: Application) -> tuple[ApplicationEvent | None, str]:
    """The request for reasons, and what became of it: "" (waiting), "reasonable",
    "unreasonable", or "lapsed" (the applicant let the date pass)."""
    asked = application.events.filter(kind=Kind.REASONS_REQUESTED).order_by("-id").first()
    if asked is None:
        return None, ""
    answered = application.events.filter(kind=Kind.REASONS_RECEIVED, id__gt=asked.id).first()
    if answered is not None:
        return asked, answered.outcome
    if asked.end_date and timezone.localdate() > asked.end_date:
        return asked, "lapsed"
    return asked, ""


@transaction.atomic
def application_ask_reasons(
    *, application: Application, by, on: date, what: str, until: date
) -> Application:
    """第三十五条: the number or frequency of the applicant's requests clearly exceeds a reasonable
    range: ask them, in writing, to explain their reasons by ``until``."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if not what.strip():
        raise ValidationError({"what": "请写明申请数量、频次明显超过合理范围的情况。"})
    if until <= on:
        raise ValidationError({"until": "说明理由的期限应晚于告知日期。"})
    if application.events.filter(kind=Kind.REASONS_REQUESTED).exists():
        raise ValidationError("已要求申请人说明理由。")
    _event(application, Kind.REASONS_REQUESTED, by=by, on=on, end_date=until, note=what.strip())
    _letter(application, "reasons", situation=what.strip().rstrip("。"), until=until, on=on)
    return application


@transaction.atomic
def application_reasons_received(
    *, application: Application, by, on: date, reasonable: bool, note: str
) -> Application:
    """The applicant's reasons, and the office's view of them: unreasonable → the answer is 不予处理
    (表三 （五）4); reasonable → the office may set a later reasonable deadline."""
    application = _locked(application)
    _require_handler(by, application)
    asked, state = _reasons_state(application)
    if asked is None:
        raise ValidationError("尚未要求申请人说明理由。")
    if state in ("reasonable", "unreasonable"):
        raise ValidationError("已登记申请人说明的理由。")
    if not note.strip():
        raise ValidationError({"note": "请摘录申请人说明的理由和审查意见。"})
    if on < asked.date or on > timezone.localdate():
        raise ValidationError({"on": "日期应在要求说明理由之日和今天之间。"})
    _event(
        application,
        Kind.REASONS_RECEIVED,
        by=by,
        on=on,
        outcome="reasonable" if reasonable else "unreasonable",
        note=note.strip(),
    )
    return application


@transaction.atomic
def application_later_deadline(*, application: Application, by, on: date, until: date, reason: str):
    """第三十五条: the reasons are reasonable but the answer cannot be given in the period of
    第三十三条: a reasonable later deadline, told to the applicant in writing."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    _asked, state = _reasons_state(application)
    if state != "reasonable":
        raise ValidationError(
            "确定延迟答复期限前，须先要求申请人说明理由，并认定理由合理（第三十五条）。"
        )
    if not reason.strip():
        raise ValidationError({"reason": "请说明无法在规定期限内答复的原因（第三十五条）。"})
    if application.due_date and until <= application.due_date:
        raise ValidationError({"until": "延迟答复期限应晚于当前答复期限。"})
    if application.events.filter(kind=Kind.LATER_DEADLINE).exists():
        raise ValidationError("已确定延迟答复期限。")
    _event(application, Kind.LATER_DEADLINE, by=by, on=on, end_date=until, note=reason)
    _refresh(application)
    _letter(application, "later_deadline", until=until, reason=reason.strip(), on=on)
    return application


def applicant_key(application: Application) -> tuple[str, str]:
    """The same applicant across applications: their 证件 (type and number, normalised)."""
    return application.id_type, application.id_number.strip().upper()


def month_position(application: Application) -> tuple[int, int]:
    """The positions (first, last) this application's 件 take among the applicant's applications
    to this agency received in the same natural month (109号第四条: 同一申请人一个自然月内累计),
    from the agency's own records: earlier receipt dates first, then registration order; an
    application split 一事一申请 counts as its 件数."""
    received = application.received_date
    id_type, id_number = applicant_key(application)
    same_month = Application.objects.filter(
        agency=application.agency,
        id_type=id_type,
        id_number__iexact=id_number,
        received_date__year=received.year,
        received_date__month=received.month,
    ).exclude(pk=application.pk)
    earlier = same_month.filter(
        Q(received_date__lt=received) | Q(received_date=received, pk__lt=application.pk)
    )
    before = sum(earlier.values_list("item_count", flat=True))
    return before + 1, before + application.item_count


@transaction.atomic
def application_split(*, application: Application, by, items: int, reason: str) -> Application:
    """109号第四条: an application asking for several things counts, 一事一申请, as the smallest
    reasonable number of 件; the month's count (and any 按件 fee) follows."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if hasattr(application, "fee"):
        raise ValidationError("已发出收费通知，不能再调整件数。")
    if not 1 <= items <= 200:
        raise ValidationError({"items": "件数应为1至200之间的整数。"})
    if not reason.strip():
        raise ValidationError({"reason": "请说明按“一事一申请”拆分计算的理由。"})
    application.item_count = items
    application.save(update_fields=["item_count", "updated_at"])
    _event(application, Kind.SPLIT, by=by, days=items, note=reason.strip())
    return application


#: How a notice reaches the applicant: these arrive the day they are sent; a posted one when the
#: applicant signs for it (recorded later).
SAME_DAY_DELIVERY = {"email", "online", "pickup"}


@transaction.atomic
def application_fee_notice(
    *,
    application: Application,
    by,
    on: date,
    method: str,
    pages: int | None = None,
    delivery: str = "post",
):
    """信息处理费 (国办函〔2020〕109号): 按件 (the applicant's position in the month counted from the
    agency's records) or 按量 (pages), never both; the notice is sent within the answer period
    (第七条) and the clock stops from that day until payment; the payment period runs from the
    day the applicant receives the notice."""
    application = _locked(application)
    _require_handler(by, application)
    _require_open(application)
    if hasattr(application, "fee"):
        raise ValidationError("该申请已发出收费通知。")
    if delivery not in ("post", "email", "online", "pickup"):
        raise ValidationError({"delivery": "请选择收费通知的送达方式。"})
    deadline = deadline_of(application)
    if deadline is None or deadline.due is None:
        raise ValidationError("当前答复期限未在计时（如待补正），不能发出收费通知。")
    if on > deadline.due:
        raise ValidationError(
            {
                "on": f"收费通知应在答复期限（{deadline.due:%Y-%m-%d}）内发出（国办函〔2020〕109号第七条）。"
            }
        )
    if on < application.received_date or on > timezone.localdate():
        raise ValidationError({"on": "通知日期应在收到申请之日和今天之间。"})
    first = last = None
    if method == fees.FeeMethod.BY_COUNT:
        first, last = month_position(application)
        pages = None
    try:
        fee = fees.compute_fee(
            method,
            position_in_month=first,
            pages=pages,
            items=(last - first + 1) if first else 1,
        )
    except ValueError as exc:
        raise ValidationError({"method": str(exc)}) from None
    if fee.amount == 0:
        raise ValidationError({"method": "按此计算无需收费（免费范围内），无需发出收费通知。"})
    received = on if delivery in SAME_DAY_DELIVERY else None
    Fee.objects.create(
        application=application,
        method=method,
        position_in_month=first,
        pages=pages,
        amount=fee.amount,
        explanation="；".join(fee.explanation),
        notice_date=on,
        notice_delivery=delivery,
        notice_received=received,
        pay_by=_pay_by(received),
    )
    application.status = Status.FEE_PENDING
    _event(application, Kind.FEE_NOTICE, by=by, on=on, note=f"{fee.amount}元")
    _refresh(application)
    _letter(
        application, "fee", amount=fee.amount, explanation=fee.explanation, method=method, on=on
    )
    return application


def _pay_by(received: date | None) -> date | None:
    if received is None:
        return None
    try:
        return clock.fee_payment_due(received, get_calendar(), settings.GONGKAI_FEE_PAYMENT_DAYS)
    except CalendarNotCovered:
        return None


@transaction.atomic
def application_fee_notice_received(*, application: Application, by, on: date):
    """The applicant received the (posted) fee notice: the payment period starts."""
    application = _locked(application)
    _require_handler(by, application)
    fee = Fee.objects.select_for_update().filter(application=application).first()
    if fee is None or fee.paid_date is not None:
        raise ValidationError("该申请没有待缴的费用。")
    if fee.notice_received is not None:
        raise ValidationError("已登记申请人收到收费通知之日。")
    if on < fee.notice_date or on > timezone.localdate():
        raise ValidationError({"on": "收到日期应在发出通知之日和今天之间。"})
    fee.notice_received, fee.pay_by = on, _pay_by(on)
    fee.save(update_fields=["notice_received", "pay_by"])
    _event(application, Kind.FEE_NOTICE_RECEIVED, by=by, on=on)
    return _refresh(application)


@transaction.atomic
def application_fee_paid(*, application: Application, by, on: date, receipt: str = ""):
    application = _locked(application)
    _require_handler(by, application)
    if application.status != Status.FEE_PENDING:
        raise ValidationError("该申请没有待缴的费用。")
    fee = application.fee
    if on < fee.notice_date or on > timezone.localdate():
        raise ValidationError({"on": "缴费日期应在发出通知之日和今天之间。"})
    fee.paid_date, fee.receipt_number = on, receipt
    if fee.notice_received is None:  # paid, so evidently received
        fee.notice_received = on
    fee.save()
    application.status = Status.IN_PROGRESS
    _event(application, Kind.FEE_PAID, by=by, on=on, note=receipt)
    return _refresh(application)


DEFAULT_ANSWER_CHAIN = [
    ("保密审查", AnswerStep.Role.SECRECY_REVIEWER),
    ("负责人签发", AnswerStep.Role.OFFICE_HEAD),
]


@transaction.atomic
def answer_chain_ensure(*, agency: Agency) -> list[AnswerStep]:
    """The agency's answer review chain, created from the default the first time it is needed:
    保密审查 before anything goes out (第十七条, "先审查、后公开"), then the head of the
    政府信息公开工作机构 signs it off."""
    steps = selectors.answer_chain(agency)
    if steps:
        return steps
    return [
        AnswerStep.objects.create(agency=agency, order=i + 1, name=name, role=role)
        for i, (name, role) in enumerate(DEFAULT_ANSWER_CHAIN)
    ]


def answer_chain_problems(steps: list[tuple[str, str]]) -> list[str]:
    """An answer chain keeps 保密审查 and ends with a head's sign-off."""
    roles = [role for _, role in steps]
    problems = []
    if AnswerStep.Role.SECRECY_REVIEWER not in roles:
        problems.append("答复审核流程必须包含保密审查环节（第十七条，先审查、后公开）。")
    heads = {
        AnswerStep.Role.OFFICE_HEAD,
        AnswerStep.Role.DEPUTY_LEADER,
        AnswerStep.Role.PRINCIPAL_LEADER,
    }
    if not roles or roles[-1] not in heads:
        problems.append("答复审核流程的最后一个环节必须由负责人签发。")
    return problems


def answer_needs(agency: Agency, steps: list[tuple[str, str]] | None = None) -> list[StepNeed]:
    if steps is None:
        steps = [(s.name, s.role) for s in answer_chain_ensure(agency=agency)]
    return [
        StepNeed(name, frozenset(selectors.answer_step_holders(agency, role)))
        for name, role in steps
    ]


def answer_staffing_problems(agency: Agency, steps: list[tuple[str, str]]) -> list[str]:
    missing = unstaffed(answer_needs(agency, steps))
    if not missing:
        return []
    named = "、".join(f"“{name}”" for name in missing)
    return [
        f"答复审核流程无法走完：{named}环节没有可以办理的其他人员（同一答复的各环节须由不同人员办理，"
        "请先配置岗位，并在机构中指定政府信息公开工作机构及其负责人）。"
    ]


def _answer_problems(application: Application, result: str) -> dict[str, str]:
    """What the result itself requires before an answer can go out."""
    problems = {}
    if result == Result.NOT_PROCESSED_MASS:
        _asked, state = _reasons_state(application)
        if state not in ("unreasonable", "lapsed"):
            problems["result"] = (
                "以“无正当理由大量反复申请”不予处理的，须先要求申请人说明理由，并认定理由不合理"
                "或申请人逾期未说明（第三十五条）。"
            )
    if (
        result == Result.UNABLE_UNCLEAR
        and not application.events.filter(kind=Kind.SUPPLEMENT_RECEIVED).exists()
    ):
        problems["result"] = "“补正后申请内容仍不明确”须先告知补正并收到补正（第三十条）。"
    if _open_consultations(application).exists():
        problems["result"] = "征求意见尚未结束，请登记对方意见（或期满未提出意见）后再拟定答复。"
    return problems


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
    legal basis one of that result's options (basis.py) with the facts the letter states. It
    then goes through the agency's answer review chain (保密审查, the head's sign-off)."""
    application = _locked(application)
    if not (
        selectors.can_handle(by, application.agency)
        or selectors.is_handling_unit_member(by, application)
    ):
        raise PermissionDenied("只有承办股室或公开办可以拟定答复。")
    _require_open(application)
    if application.status in (Status.ANSWER_REVIEW, Status.FEE_PENDING, Status.SUPPLEMENT):
        raise ValidationError(f"申请当前{application.get_status_display()}，不能拟定答复。")
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
    problems.update(_answer_problems(application, result))
    if problems:
        raise ValidationError(problems)
    chain = answer_chain_ensure(agency=application.agency)
    missing = unstaffed(answer_needs(application.agency), exclude={by.pk})
    if missing:
        named = "、".join(f"“{name}”" for name in missing)
        raise ValidationError(
            f"提交后无人可以办理{named}环节：拟稿人不能审核本人拟定的答复，同一答复的各环节须由"
            "不同人员办理。请联系安全管理员配置岗位。"
        )
    application.result, application.answer_text = result, text
    application.basis_option, application.basis_facts = answer.option, answer.facts
    application.status, application.answer_step = Status.ANSWER_REVIEW, chain[0].order
    _event(application, Kind.ANSWER_DRAFTED, by=by, note=Result(result).label)
    return _refresh(application)


@transaction.atomic
def application_review_answer(
    *, application: Application, by, approve: bool, comment="", on: date | None = None
):
    """Sign the answer's current step (or return it) ``on`` a day (today by default). The last
    step signs the answer off: the answer letter bears that date and goes to the applicant."""
    application = _locked(application)
    step = selectors.current_answer_step(application)
    refusal = selectors.answer_step_refusal(by, application)
    if refusal:
        raise PermissionDenied(refusal)
    if not approve:
        if not comment.strip():
            raise ValidationError({"comment": "退回时必须填写意见。"})
        application.status, application.answer_step = Status.IN_PROGRESS, None
        application.result = ""  # a returned answer is no longer a result
        _event(application, Kind.ANSWER_RETURNED, by=by, target=step.name, note=comment)
        return _refresh(application)
    on = on or timezone.localdate()
    later = [s for s in selectors.answer_chain(application.agency) if s.order > step.order]
    if later:
        _event(application, Kind.ANSWER_APPROVED, by=by, on=on, target=step.name, note=comment)
        application.answer_step = later[0].order
        application.save(update_fields=["answer_step", "updated_at"])
        return application
    problems = third_party_problems(application, application.result)
    if problems:
        raise ValidationError(problems)
    application.status, application.answered_date = Status.ANSWERED, on
    application.answer_step = None
    _event(
        application,
        Kind.ANSWERED,
        by=by,
        on=on,
        target=step.name,
        note=comment or Result(application.result).label,
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
    answered = application.answered_date
    if answered and on < answered:
        raise ValidationError({"on": f"送达日期不能早于答复日期（{answered:%Y-%m-%d}）。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "送达日期不能晚于今天。"})
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
