from django import forms

from gongkai.core.forms import NoColonMixin


class DeadlineForm(NoColonMixin, forms.Form):
    start = forms.DateField(
        label="起算日",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "请填写起算日。",
            "invalid": "起算日格式不正确，应为 YYYY-MM-DD。",
        },
        help_text="起算日当天不计入。",
    )
    days = forms.IntegerField(
        label="工作日数",
        min_value=0,
        max_value=365,
        initial=20,
        error_messages={
            "required": "请填写工作日数。",
            "invalid": "工作日数必须是整数。",
            "min_value": "工作日数不能为负数。",
            "max_value": "工作日数不能超过365。",
        },
    )
