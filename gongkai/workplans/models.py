"""工作要点: a year's 政务公开工作要点 broken into tasks, the units' progress, and the events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from gongkai.org.models import Agency, Unit

from .parser import ALL, INTERNAL, SUBORDINATE


class WorkPlan(models.Model):
    """政务公开工作要点 (or 主要任务) of one agency for one year, as imported."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="work_plans"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    source_text = models.TextField("原文")
    source_sha256 = models.CharField("原文摘要", max_length=64)
    issued_date = models.DateField("印发日期", null=True, blank=True)
    report_deadline = models.DateField(
        "落实情况报送期限",
        null=True,
        blank=True,
        help_text="文件要求报送全年任务落实情况的日期；没有自己期限的任务以此为期限。",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        verbose_name = "政务公开工作要点"
        verbose_name_plural = "政务公开工作要点"
        ordering = ["-year", "-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "title"], name="workplan_title_unique_per_year"
            ),
            models.UniqueConstraint(
                fields=["agency", "source_sha256"], name="workplan_source_unique_per_agency"
            ),
        ]

    def __str__(self):
        return f"{self.title}（{self.year}年）"

    def get_absolute_url(self):
        return reverse("workplans:board", args=[self.pk])

    def tasks(self):
        return self.nodes.filter(is_task=True)


class PlanTask(models.Model):
    """One numbered item of a plan. Items with owners (``is_task``) are the tasks units report on;
    the others (the parts 一、二、…, a task's sub-points) keep the document's structure."""

    plan = models.ForeignKey(
        WorkPlan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级条目",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField("顺序")
    level = models.PositiveSmallIntegerField("层级")
    number = models.CharField("编号", max_length=20)
    path = models.CharField("编号路径", max_length=100, help_text="如“一/（一）/1.”。")
    title = models.CharField("标题", max_length=200)
    text = models.TextField("内容")
    is_task = models.BooleanField("任务", default=False, db_index=True)
    unit_phrase = models.CharField("责任单位原文", max_length=300, blank=True)
    lead_units = models.ManyToManyField(
        Unit, verbose_name="牵头单位", blank=True, related_name="led_plan_tasks"
    )
    cooperating_units = models.ManyToManyField(
        Unit, verbose_name="配合单位", blank=True, related_name="cooperating_plan_tasks"
    )
    #: Collective phrases ("局属各单位"): [{"phrase", "scope", "role"}], scope as in parser.
    groups = models.JSONField("泛指的单位", default=list, blank=True)
    #: Names no unit matched, kept for a person to map: [{"name", "role"}].
    unmatched_units = models.JSONField("未对应的单位名称", default=list, blank=True)
    #: Names a person marked as outside the agency (e.g. 市质监站): [{"name", "role"}].
    external_units = models.JSONField("外单位", default=list, blank=True)
    deadline = models.DateField("完成期限", null=True, blank=True, db_index=True)
    deadline_source = models.CharField(
        "期限来源",
        max_length=10,
        blank=True,
        choices=[("text", "条目原文"), ("document", "文件报送期限"), ("office", "公开办调整")],
    )
    milestones = models.JSONField("阶段期限", default=list, blank=True)
    recurrence = models.CharField("周期", max_length=10, blank=True)
    # Cache of the progress reports: the day the lead units all reported the task done.
    done_on = models.DateField("完成日期", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "工作要点任务"
        verbose_name_plural = "工作要点任务"
        ordering = ["plan", "position"]
        indexes = [models.Index(fields=["plan", "is_task"])]

    def __str__(self):
        return f"{self.path} {self.title}"

    def get_absolute_url(self):
        return reverse("workplans:task", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def milestone_dates(self) -> list[date]:
        return [date.fromisoformat(d) for d in self.milestones]

    def group_labels(self, role: str) -> list[str]:
        return [g["phrase"] for g in self.groups if g["role"] == role]

    def unmatched_names(self) -> list[str]:
        return [u["name"] for u in self.unmatched_units]

    def unit_lines(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """For display: ("牵头" / "配合", [(name, css class)]) with named units first, then
        collective phrases, names not yet mapped and outside units."""
        lines = []
        for role, label, named in (
            ("lead", "牵头", self.lead_units.all()),
            ("cooperating", "配合", self.cooperating_units.all()),
        ):
            entries = [(u.name, "") for u in named]
            entries += [(g["phrase"], "unit-group") for g in self.groups if g["role"] == role]
            entries += [
                (u["name"], "unit-unmatched") for u in self.unmatched_units if u["role"] == role
            ]
            entries += [
                (f"{u['name']}（外单位）", "unit-external")
                for u in self.external_units
                if u["role"] == role
            ]
            if entries:
                lines.append((label, entries))
        return lines

    def responsible_units(self) -> list[Unit]:
        """Named units first (lead, then cooperating), then those a collective phrase covers."""
        units: dict[int, Unit] = {}
        for unit in [*self.lead_units.all(), *self.cooperating_units.all()]:
            units.setdefault(unit.pk, unit)
        scopes = {g["scope"] for g in self.groups}
        if scopes:
            for unit in self.plan.agency.units.filter(is_active=True):
                if in_scope(unit, scopes):
                    units.setdefault(unit.pk, unit)
        return list(units.values())


def in_scope(unit: Unit, scopes: set[str]) -> bool:
    if ALL in scopes:
        return True
    is_subordinate = unit.kind == Unit.Kind.SUBORDINATE
    return (SUBORDINATE in scopes and is_subordinate) or (INTERNAL in scopes and not is_subordinate)


def report_upload_to(instance, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"workplans/{timezone.now():%Y/%m}/{instance.task_id}-{timezone.now():%H%M%S%f}{suffix}"


class ProgressReport(models.Model):
    """A unit's 落实情况 on one task: what was done, optionally a file, and whether it is done."""

    task = models.ForeignKey(
        PlanTask, verbose_name="任务", on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="报送单位", on_delete=models.PROTECT, related_name="plan_reports"
    )
    text = models.TextField("落实情况")
    is_done = models.BooleanField("已完成", default=False)
    attachment = models.FileField("附件", upload_to=report_upload_to, blank=True)
    attachment_name = models.CharField("附件原名", max_length=200, blank=True)
    attachment_type = models.CharField("附件类型", max_length=10, blank=True)
    attachment_size = models.PositiveIntegerField("附件大小", null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField("报送时间", default=timezone.now)

    class Meta:
        verbose_name = "落实情况报送"
        verbose_name_plural = "落实情况报送"
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["task", "unit", "-reported_at"])]

    def __str__(self):
        return f"{self.unit.name} · {self.task}"


class PlanEvent(models.Model):
    """Every change to a plan or a task: who, when, what, why."""

    audit_log = False

    class Kind(models.TextChoices):
        IMPORTED = "imported", "导入工作要点"
        UNIT_MAPPED = "unit_mapped", "对应单位名称"
        UNIT_EXTERNAL = "unit_external", "标记为外单位"
        REPORTED = "reported", "报送落实情况"
        DONE = "done", "任务完成"
        REOPENED = "reopened", "任务重新开始"
        DEADLINE_CHANGED = "deadline_changed", "调整期限"
        REMINDED = "reminded", "催办"
        REPORT_GENERATED = "report_generated", "生成落实情况报告"

    plan = models.ForeignKey(
        WorkPlan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="events"
    )
    task = models.ForeignKey(
        PlanTask,
        verbose_name="任务",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField("事项", max_length=20, choices=Kind.choices)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "工作要点记录"
        verbose_name_plural = "工作要点记录"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.plan}"
