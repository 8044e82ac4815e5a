from django import forms

from gongkai.core.forms import NoColonMixin

from .models import AuditEvent


class AuditFilterForm(NoColonMixin, forms.Form):
    start = forms.DateField(
        label="起始日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "起始日期格式不正确，应为 YYYY-MM-DD。"},
    )
    end = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "截止日期格式不正确，应为 YYYY-MM-DD。"},
    )
    actor = forms.CharField(label="操作人", required=False, max_length=150)
    action = forms.ChoiceField(
        label="操作", required=False, choices=[("", "全部"), *AuditEvent.Action.choices]
    )
    object_type = forms.CharField(label="对象类型", required=False, max_length=100)
    ip = forms.CharField(label="来源地址", required=False, max_length=45)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "截止日期不能早于起始日期。")
        return cleaned
