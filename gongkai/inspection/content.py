"""The content checks' own tables: the personal-data scan of each attachment file, kept so that
a rerun never reopens an unchanged file, and the list of 严重表述错误 the wording check looks for.

(Kept out of models.py, the skeleton's, until the lead folds them in; the indicators import this
module, so the models are registered when the app is ready.)
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class AttachmentScan(models.Model):
    """What the personal-data detectors found in one file, by its content (SHA-256 and size): the
    same file attached to two items is read once. Holds masked values only, never a full number.
    ``version`` is the detectors' (detect.VERSION): an older scan is done again."""

    audit_log = False  # a cache, rebuilt at will

    class Outcome(models.TextChoices):
        READ = "read", "已检查"
        NO_TEXT = "no_text", "无文本层"
        UNREADABLE = "unreadable", "无法读取"
        SKIPPED = "skipped", "格式不支持自动检查"

    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    version = models.PositiveSmallIntegerField("检查程序版本")
    outcome = models.CharField("结果", max_length=12, choices=Outcome.choices)
    reason = models.CharField("原因", max_length=200, blank=True)
    hits = models.JSONField("发现（已脱敏）", default=list, blank=True)
    scanned_at = models.DateTimeField("检查时间", default=timezone.now)

    class Meta:
        verbose_name = "附件个人信息检查"
        verbose_name_plural = "附件个人信息检查"
        constraints = [
            models.UniqueConstraint(fields=["sha256", "size"], name="attachment_scan_unique")
        ]

    def __str__(self):
        return f"{self.sha256[:12]}… {self.get_outcome_display()}"


class WrongPhrase(models.Model):
    """A 严重表述错误 (a wrong form of a law's title, a body's name, a leader's name or a Party
    formulation) and its correct form. Seeded by migration; kept in /admin/."""

    wrong = models.CharField("错误表述", max_length=100, unique=True)
    correct = models.CharField("正确表述", max_length=100)
    note = models.CharField("说明", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "严重表述错误"
        verbose_name_plural = "严重表述错误"
        ordering = ["wrong"]

    def __str__(self):
        return f"{self.wrong} → {self.correct}"
