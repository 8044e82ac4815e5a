"""E-mail reminders: each person gets one message listing what is overdue or due soon."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from gongkai.workdays.services import get_calendar

from .registry import sort_tasks, tasks_for

logger = logging.getLogger(__name__)


def reminder_text(user, overdue, due_soon, today: date) -> str:
    lines = [f"{user.display_name}，您好：", "", f"截至{today:%Y年%m月%d日}，以下事项需要您办理："]
    for heading, tasks in (("已逾期", overdue), ("3个工作日内到期", due_soon)):
        if tasks:
            lines += ["", f"【{heading}】"]
            lines += [
                f"- {t.title}（{t.kind}，期限 {t.due:%Y-%m-%d}）{settings.GONGKAI_BASE_URL}{t.url}"
                for t in tasks
            ]
    lines += ["", "请登录政务公开工作平台办理。此邮件由系统自动发送，请勿回复。"]
    return "\n".join(lines)


class Outcome(StrEnum):
    SENT = "sent"  # the mail backend accepted the message
    WOULD_SEND = "would_send"  # --dry-run, and the person has an address
    NO_ADDRESS = "no_address"  # skipped: the person has no e-mail address
    FAILED = "failed"  # the backend refused it or raised


@dataclass(frozen=True)
class Reminder:
    username: str
    overdue: int
    due_soon: int
    outcome: Outcome
    error: str = ""


def reminders_send(*, today: date, dry_run: bool = False) -> list[Reminder]:
    """One reminder per person with overdue or due-soon work, and what became of each: sent only
    when the mail backend accepted it (``send_mail`` returned 1), skipped without an address,
    failed when the backend refused or raised (the others are still tried)."""
    cal = get_calendar()
    done = []
    users = get_user_model().objects.filter(is_active=True, memberships__isnull=False).distinct()
    for user in users.order_by("username"):
        buckets = sort_tasks(tasks_for(user, None, today), today, cal)
        if not (buckets.overdue or buckets.due_soon):
            continue
        counts = (user.get_username(), len(buckets.overdue), len(buckets.due_soon))
        if not user.email:
            done.append(Reminder(*counts, Outcome.NO_ADDRESS))
            continue
        if dry_run:
            done.append(Reminder(*counts, Outcome.WOULD_SEND))
            continue
        try:
            accepted = send_mail(
                subject=f"【政务公开】您有{len(buckets.overdue)}项逾期、{len(buckets.due_soon)}项即将到期事项",
                message=reminder_text(user, buckets.overdue, buckets.due_soon, today),
                from_email=None,
                recipient_list=[user.email],
                fail_silently=False,
            )
        except Exception as exc:  # one bad address or a mail server hiccup: report it, go on
            logger.warning("reminder not sent", extra={"user": counts[0], "error": str(exc)})
            done.append(Reminder(*counts, Outcome.FAILED, str(exc) or type(exc).__name__))
            continue
        if accepted == 1:
            done.append(Reminder(*counts, Outcome.SENT))
        else:
            done.append(Reminder(*counts, Outcome.FAILED, "邮件服务器未接受"))
    return done
