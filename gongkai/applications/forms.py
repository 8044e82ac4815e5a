import json

from django import forms
from django.utils import timezone

from gongkai.core.forms import NoColonMixin

from . import basis
from .choices import ApplicantType, Channel, Delivery, FormWanted, IdType, Result
from .models import Appeal

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
    channel = forms.ChoiceField(
        label="申请方式",
        choices=[
            (c.value, c.label) for c in Channel if c not in (Channel.ONLINE, Channel.PLATFORM)
        ],
        error_messages=req("申请方式"),
        help_text="口头提出的，由工作人员代为填写。",
    )
    received = date_field(
        "收到申请之日",
        initial=timezone.localdate,
        help_text="第三十一条：当面提交为提交之日；邮寄为签收之日；平常信函为与申请人确认之日；"
        "传真、电子邮件为双方确认之日。",
    )
    channel_reference = forms.CharField(
        label="来件编号（挂号单号等）", required=False, max_length=60
    )
    field_order = ["channel", "received", "channel_reference"]


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


class LaterDeadlineForm(DateForm):
    until = date_field("延迟答复期限")
    reason = forms.CharField(
        label="理由（第三十五条）",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=req("理由"),
    )


class FeeForm(DateForm):
    method = forms.ChoiceField(
        label="计收方式", choices=[("by_count", "按件计收"), ("by_volume", "按量计收")]
    )
    position_in_month = forms.IntegerField(label="本月第几件（按件）", required=False, min_value=1)
    pages = forms.IntegerField(label="页数（按量）", required=False, min_value=1)

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method")
        if method == "by_count":
            cleaned["pages"] = None
            if not cleaned.get("position_in_month"):
                self.add_error("position_in_month", "按件计收请填写本月第几件。")
        elif method == "by_volume":
            cleaned["position_in_month"] = None
            if not cleaned.get("pages"):
                self.add_error("pages", "按量计收请填写页数。")
        return cleaned


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
    file = forms.FileField(label="公开的文件", error_messages={"required": "请选择文件。"})


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
