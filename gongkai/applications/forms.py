import json

from django import forms
from django.utils import timezone

from gongkai.core.forms import NoColonMixin

from . import basis, choices, receipt
from .choices import ApplicantType, Channel, Delivery, FormWanted, IdType, Result
from .models import Appeal, Consultation

DATE = {"type": "date"}


def date_field(label, required=True, initial=None, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        help_text=help_text,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={
            "invalid": f"{label}格式不正确，应为 YYYY-MM-DD。",
            "required": f"请填写{label}。",
        },
    )


def req(label):
    return {"required": f"请填写{label}。", "invalid_choice": f"请选择{label}。"}


class ApplicantForm(NoColonMixin, forms.Form):
    """The applicant's part (第二十九条), shared by the public form and staff registration."""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        error_messages=req("申请人类型"),
    )
    name = forms.CharField(label="姓名或名称", max_length=100, error_messages=req("姓名或名称"))
    contact_person = forms.CharField(
        label="联系人（法人或其他组织填写）", max_length=50, required=False
    )
    id_type = forms.ChoiceField(
        label="证件类型", choices=IdType.choices, error_messages=req("证件类型")
    )
    id_number = forms.CharField(
        label="证件号码",
        max_length=40,
        error_messages=req("证件号码"),
        help_text="居民身份证和统一社会信用代码将校验最后一位。",
    )
    phone = forms.CharField(label="联系电话", max_length=30, error_messages=req("联系电话"))
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确。"}
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码应为6位数字。"},
    )
    description = forms.CharField(
        label="所需信息的名称、文号或特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={**req("所需信息的描述"), "max_length": "描述不能超过2000字。"},
    )
    purpose = forms.CharField(
        label="用途（选填）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=500,
    )
    form_wanted = forms.ChoiceField(
        label="获取信息的形式", choices=FormWanted.choices, error_messages=req("获取信息的形式")
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式", choices=Delivery.choices, error_messages=req("获取信息的方式")
    )


class RegisterForm(ApplicantForm):
    """Staff registration: the channel and the facts that fix the date of receipt under
    第三十一条 for it (the rules are shown beside the fields; the service refuses the rest)."""

    channel = forms.ChoiceField(
        label="申请方式",
        choices=[
            (c.value, c.label) for c in Channel if c not in (Channel.ONLINE, Channel.PLATFORM)
        ],
        error_messages=req("申请方式"),
        help_text="口头提出的，由工作人员代为填写。",
    )
    handed_in = date_field(
        "提交日期（当面、口头）", required=False, help_text=receipt.RULES[Channel.IN_PERSON]
    )
    signed_for = date_field(
        "签收日期（邮寄）", required=False, help_text=receipt.RULES[Channel.REGISTERED_MAIL]
    )
    arrived = date_field(
        "到达日期（平常信函、传真、电子邮件）",
        required=False,
        help_text="平常信函、传真、电子邮件到达公开办的日期。",
    )
    confirmed = date_field(
        "与申请人确认日期（平常信函、传真、电子邮件）",
        required=False,
        help_text=receipt.RULES[Channel.ORDINARY_MAIL] + receipt.RULES[Channel.FAX],
    )
    channel_reference = forms.CharField(
        label="来件编号（挂号单号等）", required=False, max_length=60
    )

    FACTS = ("handed_in", "signed_for", "arrived", "confirmed")

    def receipt_facts(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.FACTS if self.cleaned_data.get(k)}


class EmptyForm(NoColonMixin, forms.Form):
    pass


class DateForm(NoColonMixin, forms.Form):
    on = date_field("日期", initial=timezone.localdate)


class AssignForm(NoColonMixin, forms.Form):
    unit = forms.ModelChoiceField(label="承办股室", queryset=None, error_messages=req("承办股室"))
    note = forms.CharField(label="说明", required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = agency.units.filter(is_active=True)


class SupplementForm(DateForm):
    until = date_field("补正期限")
    what = forms.CharField(
        label="需要补正的事项",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=req("需要补正的事项"),
    )


class ConsultForm(DateForm):
    target = forms.CharField(
        label="征求意见对象", max_length=200, error_messages=req("征求意见对象")
    )
    third_party = forms.TypedChoiceField(
        label="对象类型",
        coerce=lambda v: v == "1",
        choices=[("1", "第三方（第三十二条）"), ("0", "其他机关（第三十四条）")],
    )
    contact = forms.CharField(label="联系方式", max_length=200, required=False)


class ConsultationChoiceForm(DateForm):
    """A step on one of the application's consultations (their 15 working days, their opinion,
    the notice of a decision to disclose)."""

    consultation = forms.ModelChoiceField(
        label="征求意见", queryset=Consultation.objects.none(), error_messages=req("征求意见")
    )

    def __init__(self, *args, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations
        self.fields["consultation"].empty_label = None  # one is always meant
        self.fields["consultation"].label_from_instance = lambda c: (
            f"{c.target}（{c.sent_on:%Y-%m-%d}发出）"
        )


class ConsultDeliveredForm(ConsultationChoiceForm):
    on = date_field("对方收到之日", initial=timezone.localdate, help_text="15个工作日自此日起算。")


class ConsultAnsweredForm(ConsultationChoiceForm):
    on = date_field("收到意见之日", initial=timezone.localdate)
    opinion = forms.ChoiceField(
        label="意见", choices=Consultation.Opinion.choices, error_messages=req("意见")
    )
    reasons = forms.CharField(
        label="理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DisclosureNoticeForm(ConsultationChoiceForm):
    on = date_field("书面告知日期", initial=timezone.localdate)
    reasons = forms.CharField(
        label="决定公开的内容和理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=req("决定公开的内容和理由"),
        help_text="第三十二条：不公开可能对公共利益造成重大影响的，可以决定予以公开，并书面告知第三方。",
    )


class ExtensionForm(DateForm):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=20,
        initial=20,
        error_messages={
            "min_value": "至少延长1个工作日。",
            "max_value": "最长不得超过20个工作日（第三十三条）。",
            "invalid": "请填写整数。",
            **req("延长工作日数"),
        },
    )
    reason = forms.CharField(
        label="延期理由", widget=forms.Textarea(attrs={"rows": 2}), error_messages=req("延期理由")
    )


class ExtensionDecisionForm(DateForm):
    approve = forms.TypedChoiceField(
        label="负责人意见",
        coerce=lambda v: v == "1",
        choices=[("1", "同意延期"), ("0", "不同意延期")],
        widget=forms.RadioSelect,
        initial="1",
    )
    comment = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonsForm(DateForm):
    until = date_field("说明理由期限")
    what = forms.CharField(
        label="申请数量、频次明显超过合理范围的情况",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=req("申请数量、频次的情况"),
    )


class ReasonsReceivedForm(DateForm):
    reasonable = forms.TypedChoiceField(
        label="审查意见",
        coerce=lambda v: v == "1",
        choices=[("1", "理由合理"), ("0", "理由不合理（不予处理）")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="申请人说明的理由及审查意见",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=req("申请人说明的理由"),
    )


class LaterDeadlineForm(DateForm):
    until = date_field("延迟答复期限")
    reason = forms.CharField(
        label="理由（第三十五条）",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=req("理由"),
    )


class FeeForm(DateForm):
    method = forms.ChoiceField(
        label="计收方式",
        choices=[("by_count", "按件计收"), ("by_volume", "按量计收")],
        help_text="按件计收的件次由系统按本机关登记的该申请人本月申请计算。",
    )
    pages = forms.IntegerField(
        label="页数（按量）", required=False, min_value=1, max_value=1_000_000
    )
    delivery = forms.ChoiceField(
        label="通知送达方式",
        choices=[
            ("post", "邮寄（申请人签收后登记收到日期）"),
            ("email", "电子邮件"),
            ("online", "网上（查询页面）"),
            ("pickup", "当面送达"),
        ],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == "by_volume" and not cleaned.get("pages"):
            self.add_error("pages", "按量计收请填写页数。")
        if cleaned.get("method") == "by_count":
            cleaned["pages"] = None
        return cleaned


class SplitForm(NoColonMixin, forms.Form):
    items = forms.IntegerField(
        label="件数",
        min_value=1,
        max_value=200,
        error_messages={**req("件数"), "invalid": "请填写整数。"},
    )
    reason = forms.CharField(
        label="拆分理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=req("拆分理由"),
        help_text="国办函〔2020〕109号第四条：一份申请包含多项内容的，可按“一事一申请”原则以合理的最小单位拆分计算件数。",
    )


class FeePaidForm(DateForm):
    receipt = forms.CharField(label="缴费凭证号", required=False, max_length=60)


#: Results the staff choose; 逾期不补正 and 逾期不缴费 are closed by the lapse job.
ANSWER_RESULTS = [r for r in Result if r not in (Result.OTHER_NO_SUPPLEMENT, Result.OTHER_UNPAID)]


def _basis_choices():
    groups = [("", "请选择（该结果只有一种依据的可不选）")]
    for result in ANSWER_RESULTS:
        options = basis.options_for(result)
        groups.append((result.label, [(option.key, option.label) for option in options]))
    return groups


def _basis_map() -> str:
    """For answer.js: each result's options and the facts each option asks for."""
    return json.dumps(
        {
            result.value: {option.key: list(option.facts) for option in basis.options_for(result)}
            for result in ANSWER_RESULTS
        },
        ensure_ascii=False,
    )


def _fact_field(fact: basis.Fact):
    attrs = {"data-fact": fact.key}
    if fact.boolean:
        return forms.BooleanField(
            label=fact.label,
            required=False,
            help_text=fact.help,
            widget=forms.CheckboxInput(attrs=attrs),
        )
    if fact.choices:
        return forms.ChoiceField(
            label=fact.label,
            required=False,
            choices=[("", "请选择"), *fact.choices],
            help_text=fact.help,
            widget=forms.Select(attrs=attrs),
        )
    return forms.CharField(
        label=fact.label,
        required=False,
        max_length=500,
        help_text=fact.help,
        widget=forms.Textarea(attrs={**attrs, "rows": 2}),
        error_messages={"max_length": f"{fact.label}不能超过500字。"},
    )


class AnswerForm(NoColonMixin, forms.Form):
    """拟定答复: the 表三 result, the legal basis that fits it (basis.py) with the facts the letter
    states, and the answer itself. The basis is checked here, field by field, as the service
    checks it."""

    result = forms.ChoiceField(
        label="办理结果（表三）",
        choices=[("", "请选择")] + [(r.value, r.label) for r in ANSWER_RESULTS],
        error_messages=req("办理结果"),
    )
    basis_option = forms.ChoiceField(
        label="答复依据",
        choices=_basis_choices,
        required=False,
        help_text="依据须与办理结果对应；答复告知书按所选依据引用条文。",
        error_messages={"invalid_choice": "请选择答复依据。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis_option"].widget.attrs["data-basis"] = _basis_map()
        for key, fact in basis.FACTS.items():
            self.fields[key] = _fact_field(fact)
        self.fields["text"] = forms.CharField(
            label="答复内容",
            widget=forms.Textarea(attrs={"rows": 6}),
            error_messages=req("答复内容"),
            help_text="写明具体情况；依据条文和救济途径由答复告知书按所选依据写入。",
        )

    def clean(self):
        cleaned = super().clean()
        result = cleaned.get("result")
        if not result:
            return cleaned
        facts = {key: cleaned.get(key) for key in basis.FACTS}
        try:
            answer = basis.answer_basis(result, cleaned.get("basis_option") or "", facts)
        except basis.BasisError as error:
            for field, message in error.problems.items():
                self.add_error(field if field in self.fields else None, message)
        else:
            cleaned["basis_option"], cleaned["facts"] = answer.option, answer.facts
        return cleaned


class ReviewForm(NoColonMixin, forms.Form):
    comment = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeliverForm(DateForm):
    method = forms.CharField(
        label="送达方式",
        max_length=30,
        error_messages=req("送达方式"),
        help_text="如：EMS邮寄、电子邮件、当面领取、网上获取",
    )
    proof = forms.CharField(
        label="送达凭证", max_length=200, required=False, help_text="如：邮件单号、签收人"
    )


class WithdrawForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label="撤回理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerFileForm(NoColonMixin, forms.Form):
    file = forms.FileField(label="上传公开的文件", error_messages={"required": "请选择文件。"})


class AppealForm(NoColonMixin, forms.ModelForm):
    filed_date = date_field("立案/申请日期")
    outcome_date = date_field("审结日期", required=False)

    class Meta:
        model = Appeal
        fields = ["kind", "filed_date", "body", "case_number", "outcome", "outcome_date", "note"]
        error_messages = {"body": req("复议机关/法院"), "kind": req("类型")}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("outcome")
            and cleaned["outcome"] != "pending"
            and not cleaned.get("outcome_date")
        ):
            self.add_error("outcome_date", "已审结的案件请填写审结日期。")
        return cleaned


class AppealEditForm(AppealForm):
    """Updating a case (its outcome above all); a case about neither an application nor an item
    also has its 事由."""

    class Meta(AppealForm.Meta):
        fields = ["subject", *AppealForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.application_id or self.instance.item_id:
            del self.fields["subject"]
        else:
            self.fields["subject"].required = True
            self.fields["subject"].error_messages["required"] = "请填写事由。"


class OtherAppealForm(NoColonMixin, forms.Form):
    """A case about a published item (主动公开) or about neither an item nor an application."""

    ABOUT_ITEM, ABOUT_OTHER = "item", "other"

    about = forms.ChoiceField(
        label="复议、诉讼涉及",
        choices=[
            (ABOUT_ITEM, "主动公开的信息（填写索引号或标题）"),
            (ABOUT_OTHER, "其他（如政府信息公开工作总体情况）"),
        ],
        initial=ABOUT_ITEM,
        widget=forms.RadioSelect,
        error_messages=req("涉及事项"),
    )
    item_ref = forms.CharField(
        label="信息索引号或标题",
        required=False,
        max_length=300,
        help_text="填写索引号最准确；填写标题中的词语时，只有一条信息符合才能登记。",
    )
    subject = forms.CharField(
        label="事由",
        required=False,
        max_length=200,
        help_text="如：未依法主动公开某类信息、未按时公布政府信息公开工作年度报告。",
    )
    kind = forms.ChoiceField(
        label="类型", choices=choices.AppealKind.choices, error_messages=req("类型")
    )
    filed_date = date_field("立案/申请日期")
    body = forms.CharField(
        label="复议机关/法院",
        max_length=100,
        error_messages=req("复议机关/法院"),
        help_text="复议机关作为共同被告的行政诉讼，只在原行为机关登记一次（表四只计原行为主体）。",
    )
    case_number = forms.CharField(label="案号", required=False, max_length=60)
    outcome = forms.ChoiceField(
        label="结果", choices=choices.AppealOutcome.choices, initial=choices.AppealOutcome.PENDING
    )
    outcome_date = date_field("审结日期", required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("about") == self.ABOUT_ITEM and not cleaned.get("item_ref", "").strip():
            self.add_error("item_ref", "请填写信息的索引号或标题。")
        if cleaned.get("about") == self.ABOUT_OTHER and not cleaned.get("subject", "").strip():
            self.add_error("subject", "请填写事由。")
        return cleaned
