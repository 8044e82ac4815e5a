"""What every app numbers with: one counter table for 索引号, 申请编号, 留言编号 and letters' 文号."""

import uuid

from django.conf import settings
from django.db import models


class SerialCounter(models.Model):
    """The last serial handed out in a scope (e.g. ``index:12:0204``, ``application:12``) and
    year. Serials never go back, so a number once given is never given again."""

    audit_log = False

    scope = models.CharField("编号范围", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = "流水号"
        verbose_name_plural = "流水号"
        constraints = [
            models.UniqueConstraint(fields=["scope", "year"], name="serial_counter_unique")
        ]

    def __str__(self):
        return f"{self.scope} {self.year}: {self.last}"


class Export(models.Model):
    """A file someone asked for that takes too long to build inside a request (the roll-up of a
    province's reports…): built by a background task, downloaded by the person who asked."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已生成"
        FAILED = "failed", "生成失败"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("类别", max_length=60)
    title = models.CharField("名称", max_length=200)
    params = models.JSONField("参数", default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.CASCADE
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default="queued")
    file = models.FileField("文件", upload_to="exports/%Y/%m/", blank=True, max_length=200)
    filename = models.CharField("文件名", max_length=200, blank=True)
    content_type = models.CharField("类型", max_length=120, blank=True)
    error = models.TextField("错误", blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "导出文件"
        verbose_name_plural = "导出文件"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
