"""What account security puts on the 安全管理员's workbench: a wave of lockouts."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.org.models import Role
from gongkai.org.selectors import has_role
from gongkai.workbench.registry import Task, register

from .selectors import locked_accounts_since

#: This many distinct accounts locked within BULK_LOCKOUT_MINUTES looks like someone guessing
#: passwords across accounts (or locking people out on purpose), not one person's typos.
BULK_LOCKOUT_ACCOUNTS = 3
BULK_LOCKOUT_MINUTES = 15
#: Usernames named in the note; the lockout list has them all.
NAMED_ACCOUNTS = 10


@register
def bulk_lockouts(user, agency, today: date):
    if not has_role(user, Role.SECURITY_ADMIN):
        return []
    since = timezone.now() - timedelta(minutes=BULK_LOCKOUT_MINUTES)
    locked = locked_accounts_since(since)
    if len(locked) < BULK_LOCKOUT_ACCOUNTS:
        return []
    names = "、".join(locked[:NAMED_ACCOUNTS]) + ("等" if len(locked) > NAMED_ACCOUNTS else "")
    return [
        Task(
            title=f"{BULK_LOCKOUT_MINUTES}分钟内有{len(locked)}个账号因连续登录失败被锁定",
            url=reverse("admin:axes_accessattempt_changelist"),
            kind="账号安全",
            due=today,
            note=(
                f"可能有人在批量猜测密码或恶意锁定账号（{names}）。请核对失败登录记录的来源地址，"
                "与本人确认后再解锁。"
            ),
        )
    ]
