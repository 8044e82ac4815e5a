"""E-mail reminders: each person gets one message listing what is overdue or due soon."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from gongkai.workdays.services import get_calendar

from .registry import sort_tasks, tasks_for


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


def reminders_send(*, today: date, dry_run: bool = False) -> list[tuple[str, int, int]]:
    """Send one reminder per person with overdue or due-soon work; returns (user, overdue, soon)."""
    cal = get_calendar()
    sent = []
    users = get_user_model().objects.filter(is_active=True, memberships__isnull=False).distinct()
    for user in users.order_by("username"):
        buckets = sort_tasks(tasks_for(user, None, today), today, cal)
        if not (buckets.overdue or buckets.due_soon):
            continue
        sent.append((user.get_username(), len(buckets.overdue), len(buckets.due_soon)))
        if dry_run or not user.email:
            continue
        send_mail(
            subject=f"【政务公开】您有{len(buckets.overdue)}项逾期、{len(buckets.due_soon)}项即将到期事项",
            message=reminder_text(user, buckets.overdue, buckets.due_soon, today),
            from_email=None,
            recipient_list=[user.email],
        )
    return sent
