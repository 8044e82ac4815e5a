"""政府信息公开工作年度报告 (第四十九、五十条): one per agency and year."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.org.models import Agency
from gongkai.publishing.models import InformationItem

from .formats import format_for_year


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    overview = models.TextField("一、总体情况", blank=True)
    proactive_text = models.TextField("二、主动公开政府信息情况（文字）", blank=True)
    requests_text = models.TextField("三、收到和处理政府信息公开申请情况（文字）", blank=True)
    appeals_text = models.TextField("四、行政复议、行政诉讼情况（文字）", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    # 表二 figures that come from other systems (行政许可、处罚、强制、收费 …): {row: [values]}.
    manual_table2 = models.JSONField("表二人工填报数据", default=dict, blank=True)
    # The tables as submitted (and so as published, in the body and the DOCX/PDF): while the
    # report is in review or published, it is these, not a recount of data that has moved on.
    submitted_tables = models.JSONField("送审时的表格", default=dict, blank=True)
    item = models.OneToOneField(
        InformationItem,
        verbose_name="发布的信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annual_report",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="编制人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="annual_report_unique")
        ]

    def __str__(self):
        return title_for(self.agency, self.year)

    @property
    def format(self) -> str:
        return format_for_year(self.year)

    @property
    def state(self) -> str:
        """草稿 / 审核中 / 已退回 / 已发布 / 已撤回, from the publication item's review."""
        if self.item_id is None:
            return "草稿"
        return {
            "draft": "草稿",
            "in_review": "审核中",
            "returned": "已退回",
            "published": "已发布",
            "recorded": "已登记",
            "withdrawn": "已撤回",
        }[self.item.status]

    @property
    def published_on(self) -> date | None:
        if self.item_id and self.item.status == InformationItem.Status.PUBLISHED:
            return timezone.localtime(self.item.published_at).date()
        return None


def title_for(agency: Agency, year: int) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告"


class Table2Import(models.Model):
    """A record of 表二 figures imported from a CSV/XLSX (they come from other systems)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField("文件", max_length=200)
    imported_at = models.DateTimeField("导入时间", default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    values = models.JSONField("数据", default=dict)

    class Meta:
        verbose_name = "表二数据导入"
        verbose_name_plural = "表二数据导入"

    def __str__(self):
        return self.file_name


def external_report_path(instance, filename: str) -> str:
    import secrets
    from pathlib import Path

    suffix = Path(filename).suffix.lower()[:10]
    return f"external_reports/{instance.year}/{secrets.token_hex(12)}{suffix}"


class ExternalReport(models.Model):
    """An annual report made outside the system, as a supervisor's roll-up read it: a file the
    上级督查 uploaded, or the report an agency published in its 年报 column. Read once (by the
    report checker) when given; the roll-up uses what was read and lists the verdict."""

    class Source(models.TextChoices):
        UPLOAD = "upload", "督查上传"
        COLUMN = "column", "年报栏目发布"
        URL = "url", "督查提供网址"

    #: A URL waits for ``gongkai report fetch`` (cron) to read it: never inside a request.
    PENDING = "pending"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="external_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    item = models.ForeignKey(
        InformationItem,
        verbose_name="栏目中的报告",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField("文件", upload_to=external_report_path, max_length=200, blank=True)
    url = models.URLField("网址", max_length=500, blank=True)
    original_name = models.CharField("原文件名", max_length=200)
    verdict = models.CharField("检查结论", max_length=16)
    format_version = models.CharField("格式", max_length=10, blank=True)
    report_year = models.PositiveSmallIntegerField("报告所述年度", null=True, blank=True)
    #: {"table2": {...}, "table3": {...}, "table4": {...}} as read; {} when unreadable.
    tables = models.JSONField("表格数据", default=dict, blank=True)
    problems = models.JSONField("检查发现的问题", default=list, blank=True)
    error = models.CharField("无法读取的原因", max_length=300, blank=True)
    read_at = models.DateTimeField("读取时间", default=timezone.now)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="读取人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "系统外编制的年度报告"
        verbose_name_plural = "系统外编制的年度报告"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="external_report_unique")
        ]

    def __str__(self):
        return f"{self.agency.name}{self.year}年度报告（{self.get_source_display()}）"


class Table2Correction(models.Model):
    """The office corrects a 表二 figure of 规章 or 行政规范性文件 that the system cannot count
    (documents made or repealed outside it), with the reason. The latest per row applies; the
    figure computed from the system's data at the time is kept beside it."""

    class Row(models.TextChoices):
        REGULATION = "regulation", "规章"
        NORMATIVE = "normative", "行政规范性文件"

    report = models.ForeignKey(
        AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE, related_name="corrections"
    )
    row = models.CharField("项目", max_length=12, choices=Row.choices)
    values = models.JSONField("更正后的数值")
    computed = models.JSONField("系统计算的数值")
    reason = models.TextField("更正理由")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更正人", null=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField("更正时间", default=timezone.now)

    class Meta:
        verbose_name = "表二更正"
        verbose_name_plural = "表二更正"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report} {self.get_row_display()}：{self.values}"
