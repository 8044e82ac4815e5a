"""The citizen's message form, with the flood protections every public form shares
(``gongkai.core.guard``): a submission key (a double submit gives the same message), an
arithmetic challenge answered without JavaScript (bound to this agency's form, single use), a
honeypot, and a limit per address per hour (``GONGKAI_MESSAGE_RATE``, default 10)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings

from gongkai.core import guard
from gongkai.core.forms import NoColonMixin

from .choices import MessageKind

__all__ = ["TOO_MANY_MESSAGES", "MessageForm", "message_allowed"]

TOO_MANY_MESSAGES = "提交过于频繁，请一小时后再试。您填写的内容已保留。"
#: Mobile (11 digits) or fixed line (area code and number), with the usual separators.
PHONE = re.compile(r"^(?:\+?86)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")


def message_allowed(request) -> bool:
    return guard.rate_hit(request, "message", getattr(settings, "GONGKAI_MESSAGE_RATE", 10))


def form_purpose(agency) -> str:
    """What the message form's challenge is bound to."""
    return f"message:{agency.code}"


class MessageForm(guard.GuardedFormMixin, NoColonMixin, forms.Form):
    required_css_class = "required"

    kind = forms.ChoiceField(
        label="留言类型",
        choices=MessageKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择留言类型。", "invalid_choice": "请选择留言类型。"},
    )
    title = forms.CharField(
        label="标题",
        max_length=60,
        error_messages={"required": "请填写标题。", "max_length": "标题不能超过60字。"},
    )
    content = forms.CharField(
        label="留言内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "请填写留言内容。", "max_length": "留言内容不能超过2000字。"},
        help_text="请勿在留言内容中填写身份证号码、电话号码等个人信息。",
    )
    asker_name = forms.CharField(
        label="姓名",
        max_length=30,
        error_messages={"required": "请填写姓名。"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    asker_phone = forms.CharField(
        label="联系电话",
        max_length=20,
        error_messages={"required": "请填写联系电话。"},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        help_text="仅用于办理和答复，不会公开。",
    )
    asker_email = forms.EmailField(
        label="电子邮箱（选填）",
        required=False,
        error_messages={"invalid": "电子邮箱格式不正确。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    wants_private = forms.BooleanField(
        label="不公开我的留言",
        required=False,
        help_text="勾选后，您的留言和答复不会在网站上公开；未勾选的，将在隐去个人信息后公开。",
    )
    GROUPS = [
        ("留言内容", ["kind", "title", "content"]),
        ("联系方式（不公开）", ["asker_name", "asker_phone", "asker_email"]),
        ("公开选项", ["wants_private"]),
    ]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, purpose=form_purpose(agency), **kwargs)

    def groups(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def clean_asker_phone(self):
        value = "".join(self.cleaned_data["asker_phone"].split())
        if not PHONE.match(value):
            raise forms.ValidationError(
                "联系电话格式不正确：请填写11位手机号码或带区号的固定电话。"
            )
        return value

    def message_data(self) -> dict:
        names = ["kind", "title", "content", "asker_name", "asker_phone", "asker_email"]
        data = {name: self.cleaned_data.get(name, "") for name in names}
        data["wants_private"] = bool(self.cleaned_data.get("wants_private"))
        return data
