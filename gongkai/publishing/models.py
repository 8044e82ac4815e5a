"""主动公开: the catalogue (政府信息公开目录), information items, their review and publication."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.org.models import Agency, Role, Unit

from .choices import (
    POLICY_KINDS,
    PUBLISHABLE,
    ColumnKind,
    Disclosure,
    Topic,
    UpdateFrequency,
    Validity,
    WithholdGround,
)


class CatalogueEntry(models.Model):
    """A column of an agency's 政府信息公开目录, with what the law and seed 001 §(七) ask of it:
    事项名称、公开内容、公开依据、公开主体、公开载体/方式、公开时限、咨询渠道."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="catalogue"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    name = models.CharField("事项名称", max_length=100)
    code = models.CharField(
        "信息类别代码", max_length=20, help_text="用于索引号，如 0204。", default="0000"
    )
    kind = models.CharField(
        "栏目类型", max_length=20, choices=ColumnKind.choices, default=ColumnKind.GENERAL
    )
    content = models.TextField("公开内容", blank=True)
    basis = models.CharField("公开依据", max_length=300, blank=True)
    subject = models.CharField("公开主体", max_length=100, blank=True)
    carrier = models.CharField(
        "公开载体/方式", max_length=200, blank=True, default="政府网站政府信息公开专栏"
    )
    limit_days = models.PositiveSmallIntegerField(
        "公开时限（工作日）",
        default=20,
        help_text="自信息形成或变更之日起的工作日数（条例第二十六条：20个工作日）。",
    )
    limit_text = models.CharField(
        "公开时限说明", max_length=100, default="形成或变更之日起20个工作日"
    )
    channel = models.CharField("咨询渠道", max_length=200, blank=True)
    update_frequency = models.CharField(
        "更新频率",
        max_length=12,
        choices=UpdateFrequency.choices,
        default=UpdateFrequency.ON_CHANGE,
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "目录栏目"
        verbose_name_plural = "目录栏目"
        ordering = ["agency", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "parent", "name"], name="catalogue_name_unique_in_parent"
            )
        ]

    def __str__(self):
        return self.path_name

    @property
    def path_name(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    @property
    def is_policy(self) -> bool:
        return self.kind in POLICY_KINDS


class ReviewStep(models.Model):
    """One step of an agency's review chain (审核流程), in order. The last step publishes."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="review_steps"
    )
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节名称", max_length=30)
    role = models.CharField("办理角色", max_length=20, choices=Role.choices)
    same_unit = models.BooleanField(
        "限拟稿股室", default=False, help_text="勾选：只有拟稿人所在股室的该角色人员可办理。"
    )

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ["agency", "order"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "order"], name="review_step_order_unique")
        ]

    def __str__(self):
        return f"{self.order}. {self.name}（{self.get_role_display()}）"


def published_q(prefix: str = "") -> models.Q:
    """THE gate's conditions, for an item reached through ``prefix`` (e.g. ``"items__"`` from a
    catalogue column, to count public items in one aggregate)."""
    return models.Q(
        **{
            f"{prefix}status": InformationItem.Status.PUBLISHED,
            f"{prefix}disclosure__in": PUBLISHABLE,
            f"{prefix}agency__is_active": True,
            f"{prefix}index_number__isnull": False,
        }
    )


class ItemQuerySet(models.QuerySet):
    def published(self):
        """THE gate: what the public may see. Every public page, feed, sitemap, API response,
        search index entry and download goes through this one method (or its conditions,
        ``published_q``, where an aggregate needs them)."""
        return self.filter(published_q())

    def for_agency(self, agency):
        return self.filter(agency=agency)


class InformationItem(models.Model):
    """A piece of government information (政府信息) and its way to the public."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        IN_REVIEW = "in_review", "审核中"
        RETURNED = "returned", "已退回"
        PUBLISHED = "published", "已发布"
        RECORDED = "recorded", "已登记（不公开）"
        WITHDRAWN = "withdrawn", "已撤回"

    class Source(models.TextChoices):
        DRAFTED = "drafted", "系统拟稿"
        IMPORTED = "imported", "历史导入"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="items"
    )
    entry = models.ForeignKey(
        CatalogueEntry, verbose_name="目录栏目", on_delete=models.PROTECT, related_name="items"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="拟稿股室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟稿人",
        null=True,
        on_delete=models.PROTECT,
        related_name="drafted_items",
    )
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    redacted_body = models.TextField(
        "删减后正文", blank=True, help_text="公开属性为“删减后公开”时，对外发布此文本。"
    )
    publisher_name = models.CharField("发布机构", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True, db_index=True)
    written_date = models.DateField("成文日期", null=True, blank=True)
    formed_date = models.DateField("形成或变更日期", null=True, blank=True)
    topic = models.CharField(
        "主题分类", max_length=20, choices=Topic.choices, default=Topic.GENERAL
    )
    keywords = models.CharField("关键词", max_length=200, blank=True)
    disclosure = models.CharField(
        "公开属性", max_length=12, choices=Disclosure.choices, default=Disclosure.ACTIVE
    )
    withhold_ground = models.CharField(
        "不公开理由", max_length=20, choices=WithholdGround.choices, blank=True
    )
    withhold_explanation = models.TextField("理由说明", blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, blank=True)
    effective_date = models.DateField(
        "施行日期",
        null=True,
        blank=True,
        help_text="规章和行政规范性文件自何日起施行。",
    )
    long_term = models.BooleanField(
        "长期有效", default=False, help_text="未规定有效期的，勾选长期有效。"
    )
    valid_until = models.DateField(
        "有效期至",
        null=True,
        blank=True,
        help_text="规范性文件规定了有效期的，填写有效期的最后一天；届满次日起失效。",
    )
    repealed_date = models.DateField("废止日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    needs_interpretation = models.BooleanField(
        "需要政策解读", default=False, help_text="政策文件须同步发布解读（三同步）。"
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读的政策文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    current_step = models.PositiveSmallIntegerField("当前环节", null=True, blank=True)
    due_date = models.DateField("公开期限", null=True, blank=True, db_index=True)
    index_number = models.CharField("索引号", max_length=60, null=True, blank=True, unique=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_items",
    )
    decided_at = models.DateTimeField("办结时间", null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.TextField("撤回理由", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.DRAFTED)
    import_key = models.CharField("导入标识", max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_at", "-created_at", "-id"]
        indexes = [
            # The newest published items, site-wide and of one agency (the portal's home and
            # agency pages, feeds, the API's list): walked in order, never sorted in full.
            models.Index(fields=["status", "published_at", "id"], name="item_latest"),
            models.Index(
                fields=["agency", "status", "published_at", "id"], name="item_agency_latest"
            ),
            models.Index(fields=["entry", "status", "published_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "import_key"],
                condition=~models.Q(import_key=""),
                name="item_import_key_unique",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.disclosure in PUBLISHABLE
            and self.index_number is not None
        )

    @property
    def public_body(self) -> str:
        """What the public reads: the redacted text of a 删减后公开 item, never its original."""
        return self.redacted_body if self.disclosure == Disclosure.REDACTED else self.body

    @property
    def is_policy(self) -> bool:
        return self.entry.kind in POLICY_KINDS

    @property
    def footer_note(self) -> str:
        return {
            Disclosure.ACTIVE: "此件主动公开",
            Disclosure.REDACTED: "此件删减后公开",
            Disclosure.ON_REQUEST: "此件依申请公开",
            Disclosure.WITHHELD: "此件不予公开",
        }[self.disclosure]

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


def attachment_path(instance, filename: str) -> str:
    """Random stored names: an uploaded file's name never reaches the file system."""
    suffix = Path(filename).suffix.lower()[:10]
    now = timezone.now()
    return f"attachments/{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file attached to an item; type checked by content, size-limited, randomly named."""

    item = models.ForeignKey(
        InformationItem, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    file_type = models.CharField("类型", max_length=10)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    internal_only = models.BooleanField(
        "仅内部留存",
        default=False,
        help_text="删减后公开时，未删减的原件勾选此项，永不对外提供。",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class ItemEvent(models.Model):
    """Every state change of an item: who, when, what, why (drafting, each review step, …)."""

    audit_log = False  # this table is itself the item's history

    class Action(models.TextChoices):
        CREATED = "created", "拟稿"
        EDITED = "edited", "修改"
        SUBMITTED = "submitted", "提交审核"
        # 保密审查 (条例第十五条): the reviewer confirms that personal data found in what would be
        # published is to be disclosed, with the reason (gongkai.inspection.scans).
        PERSONAL_DATA_CONFIRMED = "pii_confirm", "确认公开个人信息"
        APPROVED = "approved", "审核通过"
        RETURNED = "returned", "退回修改"
        PUBLISHED = "published", "发布"
        RECORDED = "recorded", "登记（不公开）"
        WITHDRAWN = "withdrawn", "撤回"
        CORRECTED = "corrected", "更正"
        IMPORTED = "imported", "历史导入"
        VALIDITY = "validity", "更新有效性"

    item = models.ForeignKey(
        InformationItem, verbose_name="信息", on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", null=True, on_delete=models.PROTECT
    )
    action = models.CharField("动作", max_length=12, choices=Action.choices)
    step_order = models.PositiveSmallIntegerField("环节", null=True, blank=True)
    step_name = models.CharField("环节名称", max_length=30, blank=True)
    comment = models.TextField("意见", blank=True)
    from_status = models.CharField("原状态", max_length=12, blank=True)
    to_status = models.CharField("新状态", max_length=12, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.item} · {self.get_action_display()}"


class ItemVersion(models.Model):
    """A published state kept when a correction (更正) replaces it."""

    audit_log = False

    item = models.ForeignKey(
        InformationItem, verbose_name="信息", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    redacted_body = models.TextField("删减后正文", blank=True)
    metadata = models.JSONField("元数据", default=dict)
    reason = models.TextField("更正理由")
    created_at = models.DateTimeField("时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更正人", null=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "历史版本"
        verbose_name_plural = "历史版本"
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_version_unique")
        ]

    def __str__(self):
        return f"{self.title}（第{self.number}版）"
