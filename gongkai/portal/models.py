from django.db import models
from django.utils import timezone


class Generation(models.Model):
    """A counter that moves whenever something public changes (per agency, and platform-wide).

    Cached pages and ETags carry it, so a publication or a withdrawal invalidates every cached
    copy in every worker at once: the next request sees a new number.
    """

    audit_log = False

    agency_id = models.BigIntegerField(unique=True)  # 0: the whole platform
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "公开内容版本"
        verbose_name_plural = "公开内容版本"

    def __str__(self):
        return f"{self.agency_id}: {self.number}"
