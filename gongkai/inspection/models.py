from django.db import models
from django.utils import timezone

from gongkai.org.models import Agency


class Run(models.Model):
    """One inspection of one agency (``gongkai inspect``): its verdict, its score and, through
    its findings, what it found. Kept, so that the history shows the score over time."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="inspection_runs"
    )
    day = models.DateField("检查日期")
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    vetoed = models.BooleanField("单项否决", default=False)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, default=100)
    groups = models.JSONField("检查范围", default=list, blank=True)
    summary = models.JSONField(
        "各指标结果", default=dict, blank=True, help_text="指标 → 发现数、是否否决、扣分。"
    )

    class Meta:
        verbose_name = "自查"
        verbose_name_plural = "自查"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["agency", "-started_at"])]

    def __str__(self):
        return f"{self.agency} · {self.day}"


class Finding(models.Model):
    audit_log = False
    run = models.ForeignKey(
        Run, verbose_name="自查", on_delete=models.CASCADE, related_name="findings"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="inspection_findings"
    )
    indicator = models.CharField("指标", max_length=40)
    key = models.CharField("对象标识", max_length=300)
    object = models.CharField("对象", max_length=300)
    detail = models.TextField("问题")
    fix = models.TextField("整改方法", blank=True)
    url = models.CharField("页面", max_length=500, blank=True)
    fix_url = models.CharField("整改页面", max_length=500, blank=True)
    count = models.PositiveIntegerField("数量", default=1)
    points = models.DecimalField("扣分", max_digits=5, decimal_places=1, default=0)
    first_seen = models.DateField("首次发现")

    class Meta:
        verbose_name = "自查发现"
        verbose_name_plural = "自查发现"
        ordering = ["run", "indicator", "id"]
        indexes = [models.Index(fields=["agency", "indicator", "key"])]

    def __str__(self):
        return f"{self.indicator}: {self.object}"


from .content import AttachmentScan, WrongPhrase  # noqa: E402, F401  (detectors' models)
from .duties.models import FrequentRequestDecision, WithheldReview  # noqa: E402, F401
from .link_models import Link, LinkUse  # noqa: E402, F401  (the link check's models)
