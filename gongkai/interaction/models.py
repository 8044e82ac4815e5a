"""互动交流: messages (留言) from the portal and the hotlines, 建议提案 replies, 舆情 records."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.org.models import Agency, Unit

from .choices import (
    OPEN_MESSAGE_STATES,
    Channel,
    InvalidReason,
    MessageKind,
    MessageStatus,
    OpinionLevel,
    OpinionSource,
    OpinionStatus,
    ProposalKind,
    ProposalOutcome,
    ProposalStatus,
)

# --- Messages ----------------------------------------------------------------------------------


class ChannelLimit(models.Model):
    """How many working days a channel gives to answer (default 5, settings
    ``GONGKAI_MESSAGE_ANSWER_DAYS``); an agency's own row wins over the platform's."""

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="留空为全平台默认。",
    )
    working_days = models.PositiveSmallIntegerField("答复时限（工作日）")
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "留言答复时限"
        verbose_name_plural = "留言答复时限"
        ordering = ["agency", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "agency"], name="channel_limit_unique_per_agency"
            ),
            models.UniqueConstraint(
                fields=["channel"],
                condition=models.Q(agency__isnull=True),
                name="channel_limit_unique_platform",
            ),
        ]

    def __str__(self):
        where = self.agency.name if self.agency_id else "全平台"
        return f"{where} · {self.get_channel_display()}：{self.working_days}个工作日"


class MessageQuerySet(models.QuerySet):
    def published(self):
        """THE gate for messages: what the public may see. Every public page uses this and
        nothing else: answered, valid, published by the office, and not kept private."""
        return self.filter(
            status=MessageStatus.ANSWERED,
            is_valid=True,
            is_published=True,
            wants_private=False,
            agency__is_active=True,
        ).exclude(public_title="")


class Message(models.Model):
    """留言: a question, suggestion or complaint, from the portal or forwarded by a hotline."""

    #: Personal data (个人信息) and how the audit log masks it (gongkai.core.masks).
    personal_fields = {"asker_name": "name", "asker_phone": "phone", "asker_email": "email"}

    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="messages"
    )
    number = models.CharField("留言编号", max_length=30, unique=True)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    channel_reference = models.CharField(
        "来件编号", max_length=60, blank=True, help_text="转办平台的工单号，如12345工单编号。"
    )
    kind = models.CharField("类型", max_length=12, choices=MessageKind.choices)
    submission_key = models.CharField("提交标识", max_length=64, blank=True, db_index=True)
    # --- The asker (personal data: masked in lists, never public) ------------------------------
    asker_name = models.CharField("留言人", max_length=50)
    asker_phone = models.CharField("联系电话", max_length=30, blank=True)
    asker_email = models.EmailField("电子邮箱", blank=True)
    wants_private = models.BooleanField(
        "留言人要求不公开", default=False, help_text="勾选后，问答永不在网站公开。"
    )
    # --- The message ---------------------------------------------------------------------------
    title = models.CharField("标题", max_length=100)
    content = models.TextField("留言内容")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_date = models.DateField("受理日期", db_index=True)
    is_valid = models.BooleanField("有效留言", default=True)
    invalid_reason = models.CharField(
        "无效原因", max_length=12, choices=InvalidReason.choices, blank=True
    )
    # --- Handling ------------------------------------------------------------------------------
    status = models.CharField(
        "状态",
        max_length=16,
        choices=MessageStatus.choices,
        default=MessageStatus.RECEIVED,
        db_index=True,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="承办股室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    limit_days = models.PositiveSmallIntegerField("答复时限（工作日）")
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    answer = models.TextField("答复内容", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField("办结时间", null=True, blank=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # --- Publication (the scrubbed copy is all the public ever reads) -------------------------
    public_title = models.CharField("公开标题", max_length=100, blank=True)
    public_content = models.TextField("公开的留言内容", blank=True)
    public_answer = models.TextField("公开的答复内容", blank=True)
    is_published = models.BooleanField("已公开", default=False, db_index=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公开人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            # A double submit is one message, even when all the clicks arrive at once.
            models.UniqueConstraint(
                fields=["agency", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="message_submission_unique",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["agency", "received_date", "channel"]),
            models.Index(fields=["agency", "is_published", "published_at"]),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MESSAGE_STATES

    @property
    def answered_date(self):
        return timezone.localtime(self.answered_at).date() if self.answered_at else None

    @property
    def is_public(self) -> bool:
        return Message.objects.published().filter(pk=self.pk).exists()


class MessageEvent(models.Model):
    """Every step of a message: who, when, what, why."""

    audit_log = False

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "网站提交"
        REGISTERED = "registered", "登记转办件"
        ASSIGNED = "assigned", "交办承办股室"
        ANSWER_DRAFTED = "drafted", "拟定答复"
        ANSWER_RETURNED = "returned", "答复退回修改"
        ANSWERED = "answered", "审核通过，办结"
        INVALIDATED = "invalidated", "认定无效留言"
        PUBLIC_TEXT_EDITED = "public_text", "修改公开文本"
        PUBLISHED = "published", "网站公开"
        UNPUBLISHED = "unpublished", "撤回公开"
        PERSONAL_DATA_VIEWED = "viewed", "查看留言人信息"

    message = models.ForeignKey(
        Message, verbose_name="留言", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("事项", max_length=16, choices=Kind.choices)
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    target = models.CharField("对象", max_length=200, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "留言办理记录"
        verbose_name_plural = "留言办理记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.message.number} · {self.get_kind_display()}"


# --- 建议提案 -----------------------------------------------------------------------------------


def answer_document_path(instance, filename: str) -> str:
    return f"proposals/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Proposal(models.Model):
    """人大代表建议 or 政协委员提案 handed to an agency, and its reply (答复)."""

    agency = models.ForeignKey(
        Agency, verbose_name="主办单位", on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField("类型", max_length=10, choices=ProposalKind.choices)
    session = models.CharField(
        "会议", max_length=60, help_text="如“县十八届人大三次会议”“县政协十届三次会议”。"
    )
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("编号", help_text="第几号建议或提案。")
    title = models.CharField("标题", max_length=200)
    delegates = models.CharField(
        "代表/委员", max_length=200, help_text="领衔人及附议人，如“张某某等3名代表”。"
    )
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name="承办股室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_proposals",
    )
    assisting_units = models.ManyToManyField(
        Unit, verbose_name="协办单位", blank=True, related_name="assisted_proposals"
    )
    received_date = models.DateField("交办日期")
    due_date = models.DateField("答复期限", db_index=True)
    status = models.CharField(
        "状态",
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.IN_PROGRESS,
        db_index=True,
    )
    outcome = models.CharField(
        "办理结果", max_length=2, choices=ProposalOutcome.choices, blank=True
    )
    answer_text = models.TextField("答复正文", blank=True)
    answer_document = models.FileField(
        "答复文件", upload_to=answer_document_path, max_length=200, blank=True
    )
    answer_document_name = models.CharField("答复文件名", max_length=200, blank=True)
    answer_doc_number = models.CharField("答复文号", max_length=60, blank=True)
    answered_date = models.DateField("答复日期", null=True, blank=True, db_index=True)
    item = models.ForeignKey(
        "publishing.InformationItem",
        verbose_name="公开的答复",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="在“建议提案办理”栏目发布的信息。",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "session", "number"], name="proposal_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.session}第{self.number}号{self.short_kind}"

    @property
    def number_label(self) -> str:
        return f"第{self.number}号"

    @property
    def short_kind(self) -> str:
        return "建议" if self.kind == ProposalKind.DEPUTY else "提案"

    @property
    def reply_title(self) -> str:
        """The published reply's title, as agencies write it (seed 000's column)."""
        return f"{self.agency.name}关于{self.session}{self.number_label}{self.short_kind}的答复"


class ProposalEvent(models.Model):
    audit_log = False

    class Kind(models.TextChoices):
        REGISTERED = "registered", "登记交办"
        UPDATED = "updated", "修改登记信息"
        ANSWERED = "answered", "登记答复"
        SUBMITTED = "submitted", "答复提交公开审核"

    proposal = models.ForeignKey(
        Proposal, verbose_name="建议提案", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("事项", max_length=12, choices=Kind.choices)
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "建议提案办理记录"
        verbose_name_plural = "建议提案办理记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.proposal} · {self.get_kind_display()}"


# --- 舆情 ---------------------------------------------------------------------------------------


class OpinionEvent(models.Model):
    """舆情: an event of public opinion, as monitored, assessed, answered and reported upward
    (seed 000: 舆情监测、研判、回应; seed 002: 及时向市委、市政府报告)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="opinion_events"
    )
    title = models.CharField("舆情事件", max_length=200)
    source = models.CharField("来源", max_length=10, choices=OpinionSource.choices)
    source_detail = models.CharField("来源说明", max_length=300, blank=True)
    first_seen = models.DateTimeField("首次发现时间")
    summary = models.TextField("主要内容")
    level = models.CharField(
        "研判等级", max_length=10, choices=OpinionLevel.choices, default=OpinionLevel.LOW
    )
    assessment = models.TextField("研判意见", blank=True)
    response = models.TextField("回应处置情况", blank=True)
    responded_at = models.DateTimeField("回应时间", null=True, blank=True)
    reported_upward = models.BooleanField("已向上级报告", default=False)
    reported_at = models.DateTimeField("报告时间", null=True, blank=True)
    reported_to = models.CharField("报告对象", max_length=100, blank=True)
    status = models.CharField(
        "状态",
        max_length=12,
        choices=OpinionStatus.choices,
        default=OpinionStatus.MONITORING,
        db_index=True,
    )
    unit = models.ForeignKey(
        Unit, verbose_name="责任股室", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "舆情"
        verbose_name_plural = "舆情"
        ordering = ["-first_seen", "-id"]

    def __str__(self):
        return self.title


class OpinionEventLog(models.Model):
    """Every change to a 舆情 record."""

    audit_log = False

    class Kind(models.TextChoices):
        REGISTERED = "registered", "登记"
        ASSESSED = "assessed", "研判"
        RESPONDED = "responded", "回应处置"
        REPORTED = "reported", "向上级报告"
        CLOSED = "closed", "办结"
        UPDATED = "updated", "修改"

    opinion = models.ForeignKey(
        OpinionEvent, verbose_name="舆情", on_delete=models.CASCADE, related_name="log"
    )
    kind = models.CharField("事项", max_length=12, choices=Kind.choices)
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "舆情处置记录"
        verbose_name_plural = "舆情处置记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.opinion} · {self.get_kind_display()}"
