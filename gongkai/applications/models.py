"""依申请公开: applications, their events (the clock reads them), letters, fees and appeals."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from gongkai.org.models import Agency, Unit

from .choices import (
    CLOSED,
    AppealKind,
    AppealOutcome,
    ApplicantType,
    Channel,
    Delivery,
    FormWanted,
    IdType,
    Result,
    Status,
)
from .remedies import ReviewBody, review_body


class Application(models.Model):
    """政府信息公开申请."""

    #: Personal data (个人信息) and how the audit log masks it (gongkai.core.masks). An
    #: organisation's name is masked there too: the log needs the 申请编号, not the applicant.
    personal_fields = {
        "name": "name",
        "contact_person": "name",
        "id_number": "id",
        "phone": "phone",
        "email": "email",
        "address": "address",
    }

    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField("申请编号", max_length=30, unique=True)
    code_hash = models.CharField("查询码摘要", max_length=64)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    channel_reference = models.CharField("来件编号", max_length=60, blank=True)
    submission_key = models.CharField(
        "提交标识", max_length=64, blank=True, help_text="防止重复提交。", db_index=True
    )
    # --- Applicant (personal data: masked in lists, logged when viewed) ----------------------
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    name = models.CharField("姓名/名称", max_length=100)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    # --- Request -------------------------------------------------------------------------------
    description = models.TextField("所需信息的名称、文号或特征性描述")
    purpose = models.TextField("用途", blank=True)
    form_wanted = models.CharField("获取信息的形式", max_length=10, choices=FormWanted.choices)
    delivery = models.CharField("获取信息的方式", max_length=10, choices=Delivery.choices)
    # --- Handling ------------------------------------------------------------------------------
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_date = models.DateField("收到申请之日", null=True, blank=True, db_index=True)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name="承办股室", null=True, blank=True, on_delete=models.SET_NULL
    )
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    result = models.CharField(
        "办理结果", max_length=20, choices=Result.choices, blank=True, db_index=True
    )
    answer_text = models.TextField("答复内容", blank=True)
    basis_option = models.CharField(
        "答复依据", max_length=20, blank=True, help_text="basis.py 中的选项，随办理结果选择。"
    )
    basis_facts = models.JSONField(
        "答复依据的事实", default=dict, blank=True, help_text="如获取途径、负责公开的机关。"
    )
    answered_date = models.DateField("答复日期", null=True, blank=True, db_index=True)
    answer_step = models.PositiveSmallIntegerField(
        "当前答复审核环节", null=True, blank=True, help_text="答复审核中时，所在环节的顺序号。"
    )
    item_count = models.PositiveSmallIntegerField(
        "件数",
        default=1,
        help_text="按“一事一申请”原则拆分计算的件数（国办函〔2020〕109号第四条）。",
    )
    receipt_facts = models.JSONField(
        "收到申请的情况",
        default=dict,
        blank=True,
        help_text="第三十一条：各方式确定收到之日的事实。",
    )
    delivery_method = models.CharField("送达方式", max_length=30, blank=True)
    delivered_date = models.DateField("送达日期", null=True, blank=True)
    delivery_proof = models.CharField("送达凭证", max_length=200, blank=True)
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
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            # A double submit is one application, even when both clicks arrive at once.
            models.UniqueConstraint(
                fields=["agency", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="application_submission_unique",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            # The annual report's GROUP BYs: by receipt and by answer date within an agency.
            models.Index(fields=["agency", "received_date", "applicant_type"]),
            models.Index(fields=["agency", "answered_date", "applicant_type", "result"]),
        ]

    def __str__(self):
        return self.number

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED


class ApplicationEvent(models.Model):
    """Every step of an application (who, when, what); the clock is computed from these."""

    audit_log = False

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "提交申请"
        REGISTERED = "registered", "登记"
        CONFIRMED = "confirmed", "确认收到"
        ASSIGNED = "assigned", "交办承办股室"
        TRANSFERRED = "transferred", "转办"
        SUPPLEMENT_REQUESTED = "supplement_requested", "告知补正"
        SUPPLEMENT_RECEIVED = "supplement_received", "收到补正"
        CONSULT_SENT = "consult_sent", "征求意见"
        CONSULT_ANSWERED = "consult_answered", "收到意见"
        EXTENSION = "extension", "延期答复"
        LATER_DEADLINE = "later_deadline", "确定延迟答复期限（第三十五条）"
        FEE_NOTICE = "fee_notice", "收费通知"
        FEE_PAID = "fee_paid", "缴费"
        ANSWER_DRAFTED = "answer_drafted", "拟定答复"
        ANSWER_APPROVED = "answer_approved", "答复审核通过"
        ANSWER_RETURNED = "answer_returned", "答复退回修改"
        EXTENSION_REQUESTED = "extension_requested", "申请延期答复"
        EXTENSION_REFUSED = "extension_refused", "不同意延期"
        REASONS_REQUESTED = "reasons_requested", "要求说明理由（第三十五条）"
        REASONS_RECEIVED = "reasons_received", "收到申请人说明的理由"
        CONSULT_DELIVERED = "consult_delivered", "征求意见书送达"
        DISCLOSURE_NOTICE = "disclosure_notice", "书面告知第三方决定公开（第三十二条）"
        FEE_NOTICE_RECEIVED = "fee_received", "收费通知送达"
        SPLIT = "split", "按一事一申请计算件数"
        ANSWERED = "answered", "答复"
        DELIVERED = "delivered", "送达"
        ARCHIVED = "archived", "归档"
        WITHDRAWN = "withdrawn", "申请人撤回"
        ABANDONED = "abandoned", "视为放弃/不再处理"
        PERSONAL_DATA_VIEWED = "viewed", "查看申请人信息"
        CODE_RESET = "code_reset", "重置查询码"
        LETTER_REGENERATED = "letter_regenerated", "重新生成文书"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("事项", max_length=24, choices=Kind.choices)
    date = models.DateField("日期")
    end_date = models.DateField("截止/结束日期", null=True, blank=True)
    days = models.PositiveSmallIntegerField("天数", null=True, blank=True)
    target = models.CharField("对象", max_length=200, blank=True)
    outcome = models.CharField(
        "结论",
        max_length=20,
        blank=True,
        help_text="理由是否合理、第三方意见、是否同意延期等，由事项决定取值。",
    )
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.application} · {self.get_kind_display()}"


def letter_path(instance, filename: str) -> str:
    return f"letters/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Letter(models.Model):
    """A letter (受理回执, 补正告知书, 答复告知书, …), generated as DOCX and PDF.

    It carries the date of its step and its 文号, stored when it is created: regenerating it
    (a new template, a new seal) renders the same date, number and facts again.
    """

    audit_log = False

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "受理回执"
        SUPPLEMENT = "supplement", "补正告知书"
        EXTENSION = "extension", "延期答复告知书"
        CONSULTATION = "consultation", "第三方意见征询函"
        FEE = "fee", "收费通知书"
        ANSWER = "answer", "政府信息公开申请答复告知书"
        REASONS = "reasons", "要求说明理由告知书"
        LATER_DEADLINE = "later_deadline", "延迟答复告知书"
        THIRD_PARTY_DECISION = "third_party_decision", "政府信息公开决定告知书（第三方）"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField("文书", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=100)
    number = models.CharField("文号", max_length=50, blank=True)
    date = models.DateField("成文日期", help_text="文书所对应办理步骤的日期。")
    body = models.TextField("正文")
    context = models.JSONField(
        "生成时的内容", default=dict, blank=True, help_text="重新生成时沿用，日期和事实不变。"
    )
    docx = models.FileField("DOCX", upload_to=letter_path, blank=True)
    pdf = models.FileField("PDF", upload_to=letter_path, blank=True)
    for_applicant = models.BooleanField("申请人可下载", default=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    rendered_at = models.DateTimeField("最近生成时间", default=timezone.now)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application} · {self.title}"


class LetterTemplate(models.Model):
    """An editable letter template per kind (and, for answers, per result)."""

    kind = models.CharField("文书", max_length=20, choices=Letter.Kind.choices)
    result = models.CharField("答复结果", max_length=20, choices=Result.choices, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="留空为全平台默认模板。",
    )
    title = models.CharField("标题", max_length=100)
    body = models.TextField(
        "正文模板",
        help_text="可使用 {{ applicant }}、{{ number }}、{{ received }}、{{ description }}、"
        "{{ agency }}、{{ date }}（成文日期）、{{ due }}、{{ answer }}、{{ basis }}（引用条文）、"
        "{{ basis_text }}（依据及告知）、{{ remedies }}（救济途径）等变量。答复告知书等决定类文书"
        "未写 {{ remedies }} 的，系统在正文末尾补上救济途径。",
    )

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "result", "agency"], name="letter_template_unique"
            )
        ]

    def __str__(self):
        return self.title


def answer_file_path(instance, filename: str) -> str:
    return f"answers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class AnswerFile(models.Model):
    """A disclosed file: reaches the applicant only through the tracking page."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("文件", upload_to=answer_file_path)
    original_name = models.CharField("原文件名", max_length=200)
    file_type = models.CharField("类型", max_length=10)
    size = models.PositiveBigIntegerField("大小")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "答复附件"
        verbose_name_plural = "答复附件"

    def __str__(self):
        return self.original_name


class Fee(models.Model):
    """信息处理费 for one application: 按件 or 按量, never both (国办函〔2020〕109号)."""

    class Method(models.TextChoices):
        BY_COUNT = "by_count", "按件计收"
        BY_VOLUME = "by_volume", "按量计收"

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="fee"
    )
    method = models.CharField("计收方式", max_length=10, choices=Method.choices)
    position_in_month = models.PositiveIntegerField("本月第几件", null=True, blank=True)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    amount = models.PositiveIntegerField("金额（元）")
    explanation = models.TextField("计算说明")
    notice_date = models.DateField("通知日期")
    notice_delivery = models.CharField(
        "通知送达方式", max_length=10, choices=Delivery.choices, default=Delivery.POST
    )
    notice_received = models.DateField(
        "申请人收到通知之日",
        null=True,
        blank=True,
        help_text="缴费期限自申请人收到收费通知之日起计算（国办函〔2020〕109号第七条）。",
    )
    pay_by = models.DateField("缴费期限", null=True, blank=True)
    paid_date = models.DateField("缴费日期", null=True, blank=True)
    receipt_number = models.CharField("缴费凭证号", max_length=60, blank=True)

    class Meta:
        verbose_name = "信息处理费"
        verbose_name_plural = "信息处理费"

    def __str__(self):
        return f"{self.application} {self.amount}元"


class Appeal(models.Model):
    """行政复议 or 行政诉讼 about an agency's 政府信息公开工作 (年度报告 表四): about an application,
    about a published item (主动公开), or about neither (``subject``: e.g. the work in general).

    A suit in which the 复议机关 is co-defendant (共同被告) is recorded at the original agency only,
    never also at the review body: 表四 counts "只计算原行为主体的案件数量，不计算行政复议机关的案件数量"
    (年度报告格式, 国办公开办函〔2021〕30号 and 〔2019〕60号, 一（四）), so one row, one count.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name="原行为机关",
        on_delete=models.PROTECT,
        related_name="appeals",
        help_text="被申请复议或被诉的机关；复议机关作为共同被告的，只在原行为机关登记。",
    )
    application = models.ForeignKey(
        Application,
        verbose_name="申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    item = models.ForeignKey(
        "publishing.InformationItem",
        verbose_name="主动公开信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    subject = models.CharField(
        "事由",
        max_length=200,
        blank=True,
        help_text="不涉及具体申请或信息时填写，如：未依法主动公开某类信息。",
    )
    kind = models.CharField("类型", max_length=30, choices=AppealKind.choices)
    filed_date = models.DateField("立案/申请日期")
    body = models.CharField("复议机关/法院", max_length=100)
    case_number = models.CharField("案号", max_length=60, blank=True)
    outcome = models.CharField(
        "结果", max_length=10, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    outcome_date = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["-filed_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=True) | models.Q(item__isnull=True),
                name="appeal_about_one_thing",
            )
        ]
        indexes = [
            # 表四's GROUP BY: an agency's cases filed up to the year's end.
            models.Index(fields=["agency", "filed_date"], name="appeal_agency_filed_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number or self.pk}"

    def save(self, *args, **kwargs):
        if self.agency_id is None:  # an appeal about an application or item is against its agency
            if self.application_id is not None:
                self.agency_id = self.application.agency_id
            elif self.item_id is not None:
                self.agency_id = self.item.agency_id
        super().save(*args, **kwargs)

    @property
    def about(self) -> str:
        """What the case is about, in a few words."""
        if self.application_id is not None:
            return f"依申请公开：申请 {self.application.number}"
        if self.item_id is not None:
            item = self.item
            return f"主动公开：{item.index_number or '未发布'} {item.title}"
        return self.subject or "政府信息公开工作"


class Consultation(models.Model):
    """A written consultation of a third party (第三十二条) or of another agency that made the
    information together with this one (第三十四条). Several may run at once. Each has 15 working
    days from the day it *received* the letter; the time consultations need is not counted in
    the answer period (第三十三条第三款)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "第三方（第三十二条）"
        AGENCY = "agency", "其他机关（第三十四条）"

    class Opinion(models.TextChoices):
        AGREE = "agree", "同意公开"
        OBJECT = "object", "不同意公开"
        NONE = "none", "逾期未提出意见"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField("征求对象类型", max_length=12, choices=Kind.choices)
    target = models.CharField("征求意见对象", max_length=200)
    contact = models.CharField("联系方式", max_length=200, blank=True)
    sent_on = models.DateField("发出征求意见书之日")
    received_on = models.DateField(
        "对方收到之日", null=True, blank=True, help_text="15个工作日自对方收到征求意见书之日起算。"
    )
    answered_on = models.DateField("收到意见之日", null=True, blank=True)
    opinion = models.CharField("意见", max_length=10, choices=Opinion.choices, blank=True)
    reasons = models.TextField("理由", blank=True)
    public_interest = models.TextField(
        "决定公开的理由",
        blank=True,
        help_text="第三方不同意公开，但不公开可能对公共利益造成重大影响的，写明决定公开的理由。",
    )
    notice_on = models.DateField(
        "书面告知第三方决定公开之日",
        null=True,
        blank=True,
        help_text="第三十二条：公开前书面告知。",
    )

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "id"]

    def __str__(self):
        return f"{self.application} · {self.target}"

    @property
    def is_open(self) -> bool:
        return not self.opinion


class AnswerStep(models.Model):
    """One step of an agency's review of answers (答复审核): by default 保密审查 (第十七条) and the
    sign-off by the head of the 政府信息公开工作机构. Nobody signs two steps of one answer, nor the
    answer they drafted."""

    class Role(models.TextChoices):
        SECRECY_REVIEWER = "secrecy_reviewer", "保密审查员"
        OFFICE_HEAD = "office_head", "政府信息公开工作机构负责人"
        DEPUTY_LEADER = "deputy_leader", "分管领导"
        PRINCIPAL_LEADER = "principal_leader", "主要领导"
        DISCLOSURE_OFFICE = "disclosure_office", "公开办"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="answer_steps"
    )
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节名称", max_length=30)
    role = models.CharField("办理角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "答复审核环节"
        verbose_name_plural = "答复审核环节"
        ordering = ["agency", "order"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "order"], name="answer_step_order_unique")
        ]

    def __str__(self):
        return f"{self.order}. {self.name}（{self.get_role_display()}）"


class Notice(models.Model):
    """A notice to the applicant (告知) at a step they must act on or may want to know (受理, 补正,
    延期, 收费, 答复), by e-mail or SMS, with whether it went out (notices.py sends them).

    The recipient is stored masked and the text never holds the 查询码, so nothing here is
    personal data to declare for the audit log; like the events and letters it is a record of
    its own and is not audited."""

    audit_log = False

    class Channel(models.TextChoices):
        EMAIL = "email", "电子邮件"
        SMS = "sms", "短信"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="notices"
    )
    event = models.ForeignKey(
        ApplicationEvent,
        verbose_name="办理记录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    # An ApplicationEvent.Kind value; no choices here, so new kinds need no migration of this table.
    kind = models.CharField("事项", max_length=24)
    channel = models.CharField("方式", max_length=10, choices=Channel.choices)
    recipient = models.CharField("接收人（脱敏）", max_length=120)
    text = models.TextField("内容")
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    ok = models.BooleanField("已发出", default=False)
    error = models.CharField("未发出的原因", max_length=300, blank=True)

    class Meta:
        verbose_name = "告知申请人"
        verbose_name_plural = "告知申请人"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application} · {self.kind_label} · {self.get_channel_display()}"

    @property
    def kind_label(self) -> str:
        return ApplicationEvent.Kind(self.kind).label if self.kind in ApplicationEvent.Kind else ""

    @property
    def outcome(self) -> str:
        """In plain words, for the applicant and staff: 已发送 / 未能发送 / 待发送."""
        if self.ok:
            return "已发送"
        return "未能发送" if self.sent_at else "待发送"


def seal_path(instance, filename: str) -> str:
    return f"seals/{uuid.uuid4().hex}.png"


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SEAL_MAX_BYTES = 2 * 1024 * 1024


def validate_seal(upload) -> None:
    """An 电子印章 is a PNG (transparent background), at most 2 MB, that Pillow can read."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > SEAL_MAX_BYTES:
        raise ValidationError("电子印章图片不能超过2MB。")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head != PNG_SIGNATURE:
        raise ValidationError("电子印章须为PNG图片（透明背景）。")
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError("无法读取该PNG图片。") from None
    finally:
        upload.seek(0)


#: 文号 suffixes after the agency's 机关代字, per letter kind (示县交依复〔2026〕12号).
KIND_SUFFIXES = {
    Letter.Kind.RECEIPT: "依受",
    Letter.Kind.SUPPLEMENT: "依补",
    Letter.Kind.EXTENSION: "依延",
    Letter.Kind.CONSULTATION: "依征",
    Letter.Kind.FEE: "依费",
    Letter.Kind.ANSWER: "依复",
    Letter.Kind.REASONS: "依理",
    Letter.Kind.LATER_DEADLINE: "依迟",
    Letter.Kind.THIRD_PARTY_DECISION: "依决",
}

DEFAULT_FEE_PAYMENT = (
    "请持本通知到我机关政府信息公开工作机构领取非税收入缴款书，按缴款书载明的方式缴纳，"
    "并将缴费凭证交我机关。"
)


def _prefix_field(kind):
    return models.CharField(
        f"{kind.label}文号前缀",
        max_length=30,
        blank=True,
        help_text=f"留空为机关代字加“{KIND_SUFFIXES[kind]}”。",
    )


class LetterSettings(models.Model):
    """文书设置 of an agency: seal, 复议机关, the office's contact, how to pay, 文号 prefixes.

    Nothing is required: without a row every letter uses the defaults.
    """

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_settings"
    )
    seal = models.FileField(
        "电子印章",
        upload_to=seal_path,
        blank=True,
        validators=[validate_seal],
        help_text="PNG图片，透明背景，不超过2MB；加盖在文书落款的机关名称和日期上。"
        "不上传的，文书落款处留出盖章位置。",
    )
    review_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="留空按《中华人民共和国行政复议法》自动确定：政府部门为本级人民政府，"
        "乡镇人民政府为县级人民政府，县级以上人民政府为上一级人民政府。",
    )
    vertically_managed = models.BooleanField(
        "实行垂直领导",
        default=False,
        help_text="海关、金融、外汇管理等实行垂直领导的行政机关和税务、国家安全机关："
        "向上一级主管部门申请行政复议。",
    )
    superior_department = models.CharField(
        "上一级主管部门", max_length=100, blank=True, help_text="实行垂直领导的机关填写。"
    )
    office_address = models.CharField(
        "联系地址", max_length=200, blank=True, help_text="留空使用机关的办公地址。"
    )
    office_phone = models.CharField(
        "联系电话", max_length=50, blank=True, help_text="留空使用机关的咨询电话。"
    )
    fee_payment = models.TextField(
        "缴费方式", blank=True, help_text=f"写入收费通知书。留空为：{DEFAULT_FEE_PAYMENT}"
    )
    prefix_receipt = _prefix_field(Letter.Kind.RECEIPT)
    prefix_supplement = _prefix_field(Letter.Kind.SUPPLEMENT)
    prefix_extension = _prefix_field(Letter.Kind.EXTENSION)
    prefix_consultation = _prefix_field(Letter.Kind.CONSULTATION)
    prefix_fee = _prefix_field(Letter.Kind.FEE)
    prefix_answer = _prefix_field(Letter.Kind.ANSWER)
    prefix_reasons = _prefix_field(Letter.Kind.REASONS)
    prefix_later_deadline = _prefix_field(Letter.Kind.LATER_DEADLINE)
    prefix_third_party_decision = _prefix_field(Letter.Kind.THIRD_PARTY_DECISION)

    class Meta:
        verbose_name = "文书设置"
        verbose_name_plural = "文书设置"

    def __str__(self):
        return f"{self.agency} 文书设置"

    def clean(self):
        if self.vertically_managed and not self.superior_department.strip():
            raise ValidationError(
                {"superior_department": "实行垂直领导的机关请填写上一级主管部门。"}
            )

    @classmethod
    def for_agency(cls, agency: Agency) -> LetterSettings:
        """The agency's settings, or unsaved defaults."""
        found = cls.objects.filter(agency=agency).first()
        return found if found is not None else cls(agency=agency)

    def prefix_for(self, kind: str) -> str:
        """The 文号 prefix of a letter kind: configured, else 机关代字 + the kind's suffix."""
        configured = getattr(self, f"prefix_{kind}", "").strip()
        if configured:
            return configured
        agency = self.agency
        return f"{agency.doc_prefix or agency.short_name or agency.name}{KIND_SUFFIXES[kind]}"

    @property
    def address(self) -> str:
        return self.office_address.strip() or self.agency.address

    @property
    def phone(self) -> str:
        return self.office_phone.strip() or self.agency.phone

    @property
    def payment(self) -> str:
        return self.fee_payment.strip() or DEFAULT_FEE_PAYMENT

    def review(self) -> ReviewBody:
        """The 行政复议机关 the agency's decisions name (remedies.review_body)."""
        return review_body(
            self.agency,
            override=self.review_body,
            vertically_managed=self.vertically_managed,
            superior=self.superior_department,
        )
