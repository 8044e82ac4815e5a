"""Reads about accounts and their logins."""

from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


def locked_accounts_since(since: datetime) -> list[str]:
    """Usernames django-axes locked at or after ``since`` and still holds locked.

    A failure during a lock is not recorded (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off),
    so an account's latest failed attempt is the one that locked it. An account the 安全管理员
    unlocked (its attempts deleted) drops out.
    """
    attempts = AccessAttempt.objects.all()
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return list(
        attempts.values("username")
        .annotate(failures=Sum("failures_since_start"), locked_at=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT, locked_at__gte=since)
        .order_by("username")
        .values_list("username", flat=True)
    )
