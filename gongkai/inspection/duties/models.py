"""The office's decisions on the 条例's yearly duties. Each row is the event (who, when, what,
why); nothing is updated after it is written.

These models belong to the ``inspection`` app (``app_label``); they are imported when the app's
indicators are (apps.py ``ready``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.org.models import Agency
from gongkai.publishing.models import InformationItem


class FrequentRequestDecision(models.Model):
    """条例第四十四条: what the office decided about information several applicants asked for and
    were given: 拟稿主动公开 (the draft item) or 不予主动公开 (the reason). The applications it
    covers do not make a suggestion again; new ones joining them do."""

    class Outcome(models.TextChoices):
        DRAFTED = "drafted", "拟稿主动公开"
        DECLINED = "declined", "不予主动公开"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    outcome = models.CharField("处理结果", max_length=10, choices=Outcome.choices)
    title = models.CharField("所申请的信息", max_length=300)
    reason = models.TextField("理由", blank=True)
    item = models.ForeignKey(
        InformationItem,
        verbose_name="主动公开信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applications = models.ManyToManyField(
        Application, verbose_name="申请", related_name="frequent_request_decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("办理时间", default=timezone.now)

    class Meta:
        app_label = "inspection"
        verbose_name = "多人申请信息的处理（第四十四条）"
        verbose_name_plural = "多人申请信息的处理（第四十四条）"
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["agency", "-decided_at"])]

    def __str__(self):
        return f"{self.title} · {self.get_outcome_display()}"


class WithheldReview(models.Model):
    """条例第十八条: one periodic review (定期评估审查) of an item not disclosed (不予公开): 仍不予公开
    with the reasons, or 现可公开 with the publishable version drafted from it."""

    class Outcome(models.TextChoices):
        STILL_WITHHELD = "still_withheld", "仍不予公开"
        DISCLOSABLE = "disclosable", "现可公开"

    item = models.ForeignKey(
        InformationItem,
        verbose_name="不予公开信息",
        on_delete=models.CASCADE,
        related_name="withheld_reviews",
    )
    outcome = models.CharField("评估结论", max_length=16, choices=Outcome.choices)
    reason = models.TextField("理由")
    draft = models.ForeignKey(
        InformationItem,
        verbose_name="拟公开版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评估人", on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField("评估时间", default=timezone.now)

    class Meta:
        app_label = "inspection"
        verbose_name = "不予公开信息评估审查（第十八条）"
        verbose_name_plural = "不予公开信息评估审查（第十八条）"
        ordering = ["-reviewed_at", "-id"]
        indexes = [models.Index(fields=["item", "-reviewed_at"])]

    def __str__(self):
        return f"{self.item} · {self.get_outcome_display()}"
