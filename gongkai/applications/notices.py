"""Notices to the applicant (告知申请人): at each step they must act on or may want to know —
受理 (registered, or an online application confirmed), 补正 (第三十条), 延期 (第三十三条第二款),
收费 (国办函〔2020〕109号), 答复 (signed off, or closed because the 补正/fee period lapsed).

Hooked in one place: ``services._event()`` creates every event row and calls
``notify_on_commit(event)``. For the kinds above, the notices are composed and sent once the
step's transaction has committed (``transaction.on_commit``): a step that fails sends nothing, and
a notice that fails (mail server down, SMS gateway 500 or silent) is recorded with its error and
never undoes the step.

Each notice goes by e-mail when the applicant gave an address (Django's e-mail backend) and by
SMS to the applicant's phone when it is a mobile number (``gongkai.core.sms``); each is recorded as
a ``Notice`` with the recipient masked. The text is short Chinese: the 申请编号, what happened,
what to do, and the tracking page's address (GONGKAI_BASE_URL) — never the 查询码.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.core import masks, sms

from .choices import Result
from .models import Application, ApplicationEvent, Notice

logger = logging.getLogger(__name__)

Kind = ApplicationEvent.Kind

#: The steps the applicant hears about, with the few words of the e-mail's subject.
NOTIFIED = {
    Kind.REGISTERED: "已受理",
    Kind.CONFIRMED: "已受理",
    Kind.SUPPLEMENT_REQUESTED: "需要补正",
    Kind.REASONS_REQUESTED: "需要说明理由",
    Kind.EXTENSION: "延期答复",
    Kind.LATER_DEADLINE: "延迟答复",
    Kind.FEE_NOTICE: "收费通知",
    Kind.ANSWERED: "已答复",
    Kind.ABANDONED: "已办结",
}

#: A mainland mobile number (an SMS cannot reach a landline), after spaces and dashes are removed.
MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")

_muted: ContextVar[bool] = ContextVar("gongkai_notices_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No notices for the steps taken inside (the demo's invented applicants)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notify_on_commit(event: ApplicationEvent) -> None:
    """Called for every event row: the notified kinds are sent after the transaction commits."""
    if event.kind in NOTIFIED and not _muted.get():
        transaction.on_commit(partial(notify, event.pk), robust=True)


# --- The text -----------------------------------------------------------------------------------


def _day(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tracking_url(application: Application) -> str:
    """The tracking page with the 申请编号 filled in; the applicant adds the 查询码 themselves."""
    path = reverse("apply:track")
    return (
        f"{settings.GONGKAI_BASE_URL.rstrip('/')}{path}?{urlencode({'number': application.number})}"
    )


def _fee_deadline(application: Application) -> date | None:
    """The payment date, once the applicant's receipt of the notice is known (109号第七条)."""
    fee = getattr(application, "fee", None)
    return fee.pay_by if fee is not None else None


def notice_text(application: Application, event: ApplicationEvent) -> str:
    """What the applicant is told about ``event``, in a few sentences."""
    from .services import deadline_of

    number = f"您的政府信息公开申请（申请编号{application.number}）"
    url = tracking_url(application)
    agency = application.agency.name
    if event.kind in (Kind.REGISTERED, Kind.CONFIRMED):
        deadline = deadline_of(application)
        due = deadline.due if deadline else None
        when = f"将于{_day(due)}前答复" if due else "将在收到申请之日起20个工作日内答复"
        return (
            f"{agency}已于{_day(application.received_date)}受理{number}，{when}。"
            f"请凭申请编号和查询码查看办理进度：{url}"
        )
    if event.kind == Kind.SUPPLEMENT_REQUESTED:
        return (
            f"{number}需要补正：{_short(event.note)}。请于{_day(event.end_date)}前补正，"
            f"逾期无正当理由不补正的，视为放弃申请。补正告知书请在此查看：{url}"
        )
    if event.kind == Kind.REASONS_REQUESTED:
        return (
            f"{number}的申请数量、频次明显超过合理范围，请于{_day(event.end_date)}前说明理由"
            f"（条例第三十五条）。告知书请在此查看：{url}"
        )
    if event.kind == Kind.LATER_DEADLINE:
        return (
            f"{number}的理由经审查合理，确定延迟答复期限至{_day(event.end_date)}"
            f"（条例第三十五条）。告知书请在此查看：{url}"
        )
    if event.kind == Kind.EXTENSION:
        deadline = deadline_of(application)
        due = f"，答复期限延至{_day(deadline.due)}" if deadline and deadline.due else ""
        return f"{number}经批准延期答复{event.days}个工作日{due}。延期答复告知书请在此查看：{url}"
    if event.kind == Kind.FEE_NOTICE:
        fee = getattr(application, "fee", None)
        amount = f"{fee.amount}元" if fee else ""
        pay_by = _fee_deadline(application)
        days = settings.GONGKAI_FEE_PAYMENT_DAYS
        by = f"请于{_day(pay_by)}前" if pay_by else f"请自收到收费通知书之日起{days}个工作日内"
        return (
            f"{number}需缴纳信息处理费{amount}，{by}按收费通知书缴纳，逾期未缴纳的不再处理。"
            f"收费通知书请在此查看：{url}"
        )
    if event.kind == Kind.ANSWERED:
        return f"{agency}已对{number}作出答复，请查看答复告知书：{url}"
    if event.kind == Kind.ABANDONED:
        why = (
            "因逾期未缴纳信息处理费，不再处理"
            if application.result == Result.OTHER_UNPAID
            else "因逾期未补正，视为放弃申请"
        )
        return f"{number}{why}。详情请查看：{url}"
    return f"{number}有新的办理进展，请查看：{url}"


# --- Sending ------------------------------------------------------------------------------------


def notify(event_id: int) -> list[Notice]:
    """Send and record the notices of one event (after its transaction committed)."""
    event = (
        ApplicationEvent.objects.select_related("application__agency").filter(pk=event_id).first()
    )
    if event is None or event.kind not in NOTIFIED:
        return []
    application = event.application
    text = notice_text(application, event)
    sent = []
    if application.email:
        sent.append(_by_email(application, event, text))
    if application.phone:
        sent.append(_by_sms(application, event, text))
    return sent


def _record(application, event, channel, recipient, text) -> Notice:
    return Notice.objects.create(
        application=application,
        event=event,
        kind=event.kind,
        channel=channel,
        recipient=recipient,
        text=text,
    )


def _finish(notice: Notice, ok: bool, error: str = "") -> Notice:
    notice.ok, notice.error, notice.sent_at = ok, error[:300], timezone.now()
    notice.save(update_fields=["ok", "error", "sent_at"])
    return notice


def _by_email(application: Application, event: ApplicationEvent, text: str) -> Notice:
    address = application.email
    body = f"{text}\n\n（此邮件由系统自动发送，请勿回复。）"
    notice = _record(application, event, Notice.Channel.EMAIL, masks.mask_email(address), body)
    subject = f"【{settings.GONGKAI_SITE_NAME}】政府信息公开申请{application.number}{NOTIFIED[event.kind]}"
    try:
        accepted = EmailMessage(subject, body, to=[address]).send(fail_silently=False)
    except Exception as exc:  # any backend's failure is recorded, never raised into the step
        logger.warning("notice e-mail not sent", extra={"notice": notice.pk, "error": str(exc)})
        error = str(exc).replace(address, masks.mask_email(address)) or type(exc).__name__
        return _finish(notice, False, f"邮件未发出：{error}")
    return _finish(notice, accepted == 1, "" if accepted == 1 else "邮件服务器未接受。")


def _by_sms(application: Application, event: ApplicationEvent, text: str) -> Notice:
    number = re.sub(r"[\s\-()（）]", "", application.phone)
    notice = _record(application, event, Notice.Channel.SMS, masks.mask_phone(number), text)
    if not MOBILE.match(number):
        return _finish(notice, False, "联系电话不是手机号码，未发送短信。")
    try:
        accepted = sms.send_sms(number, text)
    except sms.SmsError as exc:
        logger.warning("notice SMS not sent", extra={"notice": notice.pk, "error": str(exc)})
        return _finish(notice, False, str(exc))
    except Exception as exc:  # a misconfigured backend, a bug in one: recorded, never raised
        logger.exception("notice SMS backend failed", extra={"notice": notice.pk})
        return _finish(notice, False, f"短信未发出：{type(exc).__name__}")
    return _finish(notice, accepted == 1, "" if accepted == 1 else "短信网关未接受。")


# --- What the applicant and staff see -----------------------------------------------------------


def public_notices(application: Application) -> list[dict]:
    """The notices in plain words, for the tracking page and the progress API."""
    return [
        {
            "date": timezone.localtime(n.sent_at or n.created_at).date(),
            "about": NOTIFIED.get(n.kind, n.kind_label),
            "channel": n.get_channel_display(),
            "recipient": n.recipient,
            "sent": n.ok,
            "outcome": n.outcome,
            "text": n.text,
        }
        for n in application.notices.order_by("created_at", "id")
    ]
