"""Staff forms of 互动交流. They collect input; the services hold the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.core.forms import NoColonMixin
from gongkai.org.models import Unit

from .choices import Channel, InvalidReason, MessageKind, OpinionStatus, ProposalOutcome
from .models import OpinionEvent, Proposal

DATE = {"type": "date"}
DATETIME = {"type": "datetime-local"}


def req(label):
    return {"required": f"请填写{label}。", "invalid_choice": f"请选择{label}。"}


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


def datetime_field(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        error_messages={
            "invalid": f"{label}格式不正确。",
            "required": f"请填写{label}。",
        },
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MessageRegisterForm(NoColonMixin, forms.Form):
    """A message forwarded by a hotline or platform, registered by the office."""

    channel = forms.ChoiceField(
        label="渠道",
        choices=[c for c in Channel.choices if c[0] != Channel.WEBSITE],
        error_messages=req("渠道"),
    )
    channel_reference = forms.CharField(
        label="来件编号", max_length=60, required=False, help_text="转办平台的工单号。"
    )
    received = date_field("受理日期", initial=timezone.localdate)
    kind = forms.ChoiceField(
        label="类型",
        choices=MessageKind.choices,
        widget=forms.RadioSelect,
        error_messages=req("类型"),
    )
    title = forms.CharField(label="标题", max_length=100, error_messages=req("标题"))
    content = forms.CharField(
        label="留言内容", widget=forms.Textarea(attrs={"rows": 6}), error_messages=req("留言内容")
    )
    asker_name = forms.CharField(label="留言人", max_length=50, error_messages=req("留言人"))
    asker_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    asker_email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确。"}
    )
    wants_private = forms.BooleanField(label="留言人要求不公开", required=False)


class AssignForm(NoColonMixin, forms.Form):
    unit = UnitChoiceField(
        label="承办股室", queryset=Unit.objects.none(), error_messages=req("承办股室")
    )
    note = forms.CharField(label="交办意见", required=False, max_length=500)

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["unit"].queryset = agency.units.filter(is_active=True)


class AnswerForm(NoColonMixin, forms.Form):
    text = forms.CharField(
        label="答复内容",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=req("答复内容"),
    )


class ReviewForm(NoColonMixin, forms.Form):
    comment = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvalidForm(NoColonMixin, forms.Form):
    reason = forms.ChoiceField(
        label="无效原因", choices=InvalidReason.choices, error_messages=req("无效原因")
    )
    note = forms.CharField(label="说明", required=False, max_length=500)


class PublishForm(NoColonMixin, forms.Form):
    """The public copy, as the office edits it after the automatic scrub."""

    title = forms.CharField(label="公开标题", max_length=100, error_messages=req("公开标题"))
    content = forms.CharField(
        label="公开的留言内容",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=req("公开的留言内容"),
    )
    answer = forms.CharField(
        label="公开的答复内容",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=req("公开的答复内容"),
    )


class ReasonForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"rows": 2}), error_messages=req("理由")
    )


PERIODS = [
    ("year", "全年"),
    ("q1", "第一季度"),
    ("q2", "第二季度"),
    ("q3", "第三季度"),
    ("q4", "第四季度"),
    *[(f"m{m}", f"{m}月") for m in range(1, 13)],
]


class ProposalForm(NoColonMixin, forms.ModelForm):
    due_date = date_field(
        "答复期限", required=False, help_text="留空则为交办日期起3个月（代表法：三个月内答复）。"
    )
    received_date = date_field("交办日期", initial=timezone.localdate)

    class Meta:
        model = Proposal
        fields = [
            "kind",
            "session",
            "year",
            "number",
            "title",
            "delegates",
            "lead_unit",
            "assisting_units",
            "received_date",
            "due_date",
        ]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["lead_unit"].queryset = agency.units.filter(is_active=True)
            self.fields["lead_unit"].label_from_instance = lambda unit: unit.name
        self.fields["assisting_units"].queryset = Unit.objects.filter(
            is_active=True, agency__is_active=True
        ).select_related("agency")
        self.fields[
            "assisting_units"
        ].help_text = "可选择本机关或其他机关的内设机构（按住Ctrl多选）。"
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # no empty radio
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year)


class ProposalAnswerForm(NoColonMixin, forms.Form):
    answered_date = date_field("答复日期", initial=timezone.localdate)
    outcome = forms.ChoiceField(
        label="办理结果", choices=[("", "—"), *ProposalOutcome.choices], required=False
    )
    doc_number = forms.CharField(
        label="答复文号", max_length=60, required=False, help_text="如“示县交函〔2026〕12号”。"
    )
    document = forms.FileField(
        label="答复文件", required=False, help_text="PDF、Word、WPS 或 OFD 格式的答复复文。"
    )
    text = forms.CharField(
        label="答复正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="公开时作为正文；只上传文件的，正文写“全文见附件”。",
    )


class OpinionForm(NoColonMixin, forms.ModelForm):
    first_seen = datetime_field("首次发现时间")
    responded_at = datetime_field("回应时间", required=False)
    reported_at = datetime_field("报告时间", required=False)

    class Meta:
        model = OpinionEvent
        fields = [
            "title",
            "source",
            "source_detail",
            "first_seen",
            "summary",
            "level",
            "assessment",
            "unit",
            "response",
            "responded_at",
            "reported_upward",
            "reported_at",
            "reported_to",
            "status",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "assessment": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["unit"].queryset = agency.units.filter(is_active=True)
            self.fields["unit"].label_from_instance = lambda unit: unit.name
        if not self.instance.pk:
            for name in [
                "response",
                "responded_at",
                "reported_upward",
                "reported_at",
                "reported_to",
                "status",
            ]:
                self.fields.pop(name)
        else:
            self.fields["status"].choices = OpinionStatus.choices
