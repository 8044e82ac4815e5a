"""The link check's memory: every link found in public content, its last result, and where it is.

Kept apart from models.py (the runs and findings) and registered when the inspection app is
ready (indicators → links → here). A link keeps the day it was first seen broken across daily
re-checks until a check finds it working again.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import Q

from gongkai.org.models import Agency
from gongkai.publishing.models import InformationItem


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


class LinkQuerySet(models.QuerySet):
    def due(self, today: date):
        """Links to check today: new ones at once, the others when their day has come."""
        return self.filter(Q(next_check_on__isnull=True) | Q(next_check_on__lte=today))

    def broken(self):
        return self.filter(ok=False)


class Link(models.Model):
    """A link (href/src) found in public content, internal or external, and its last check."""

    class Problem(models.TextChoices):
        NONE = "", "无"
        HTTP = "http", "HTTP错误"
        TIMEOUT = "timeout", "超时"
        DNS = "dns", "域名无法解析"
        CONNECT = "connect", "无法连接"
        TLS = "tls", "证书或加密连接错误"
        PROTOCOL = "protocol", "响应异常"
        REDIRECTS = "redirects", "重定向过多"
        PRIVATE = "private", "内网地址"
        BAD_URL = "bad_url", "地址格式错误"
        WITHDRAWN = "withdrawn", "指向已撤回的信息"
        NOT_PUBLIC = "not_public", "指向不存在或未公开的内容"
        MISSING_FILE = "missing_file", "附件文件缺失"
        STAFF_ONLY = "staff_only", "指向工作人员页面"

    audit_log = False  # a machine's readings, not anyone's act: the audit log would drown

    url = models.TextField("链接地址")
    url_hash = models.CharField("地址摘要", max_length=64, unique=True, editable=False)
    host = models.CharField("主机", max_length=255, db_index=True)
    internal = models.BooleanField("站内链接", default=False)
    first_seen_on = models.DateField("首次发现")
    last_checked_at = models.DateTimeField("最近检查时间", null=True, blank=True)
    next_check_on = models.DateField("下次检查日期", null=True, blank=True, db_index=True)
    ok = models.BooleanField("可访问", null=True, blank=True)
    status_code = models.PositiveSmallIntegerField("HTTP状态码", null=True, blank=True)
    problem = models.CharField(
        "问题类型", max_length=20, choices=Problem.choices, blank=True, default=""
    )
    error = models.CharField("问题说明", max_length=300, blank=True)
    final_url = models.TextField("最终地址", blank=True, help_text="经重定向后到达的地址。")
    first_broken_on = models.DateField("首次发现失效", null=True, blank=True)
    checks = models.PositiveIntegerField("检查次数", default=0)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = "链接"
        verbose_name_plural = "链接"
        ordering = ["id"]

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        self.url_hash = url_hash(self.url)
        super().save(*args, **kwargs)

    def record(
        self,
        *,
        ok: bool,
        at: datetime,
        today: date,
        ok_days: int,
        status_code: int | None = None,
        problem: str = "",
        error: str = "",
        final_url: str = "",
    ) -> None:
        """Keep one check's result. A working link is due again in ``ok_days``, a broken one
        tomorrow; the day it was first seen broken stays until it works again."""
        self.ok, self.status_code, self.final_url = ok, status_code, final_url
        self.problem, self.error = ("", "") if ok else (problem, error[:300])
        self.last_checked_at = at
        self.checks += 1
        if ok:
            self.first_broken_on = None
        elif self.first_broken_on is None:
            self.first_broken_on = today
        self.next_check_on = today + timedelta(days=ok_days if ok else 1)
        self.save(
            update_fields=[
                "ok",
                "status_code",
                "final_url",
                "problem",
                "error",
                "last_checked_at",
                "checks",
                "first_broken_on",
                "next_check_on",
            ]
        )


class LinkUse(models.Model):
    """Where a link is: the public page of an item that carries it, with its anchor text."""

    audit_log = False

    link = models.ForeignKey(
        Link, verbose_name="链接", on_delete=models.CASCADE, related_name="uses"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="link_uses"
    )
    item = models.ForeignKey(
        InformationItem,
        verbose_name="信息",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="link_uses",
    )
    page = models.CharField("所在页面", max_length=500)
    text = models.CharField("链接文字", max_length=200, blank=True)
    first_seen_on = models.DateField("首次发现")

    class Meta:
        verbose_name = "链接位置"
        verbose_name_plural = "链接位置"
        ordering = ["agency", "page", "id"]
        constraints = [
            models.UniqueConstraint(fields=["link", "page"], name="link_use_unique_per_page")
        ]
        indexes = [models.Index(fields=["agency", "link"])]

    def __str__(self):
        return f"{self.page} → {self.link.url}"
