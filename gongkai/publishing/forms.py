from django import forms

from gongkai.core.forms import NoColonMixin

from .choices import Disclosure
from .models import CatalogueEntry, InformationItem

DATE = {"type": "date"}


def date_field(label, required=False, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={
            "invalid": f"{label}格式不正确，应为 YYYY-MM-DD。",
            "required": f"请填写{label}。",
        },
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ItemForm(NoColonMixin, forms.ModelForm):
    """Drafting and editing an item. The rules live in services.validate_item."""

    written_date = date_field("成文日期")
    formed_date = date_field("形成或变更日期", help_text="公开期限自此日起算（条例第二十六条）。")
    repealed_date = date_field("废止日期")
    effective_date = date_field("施行日期", help_text="规章和行政规范性文件自何日起施行。")
    valid_until = date_field(
        "有效期至", help_text="规定了有效期的规范性文件填写有效期的最后一天，届满次日起失效。"
    )

    class Meta:
        model = InformationItem
        fields = [
            "title",
            "entry",
            "doc_number",
            "publisher_name",
            "written_date",
            "formed_date",
            "topic",
            "keywords",
            "disclosure",
            "withhold_ground",
            "withhold_explanation",
            "body",
            "redacted_body",
            "validity",
            "effective_date",
            "valid_until",
            "long_term",
            "repealed_date",
            "replaced_by",
            "needs_interpretation",
            "interprets",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "wide"}),
            "body": forms.Textarea(attrs={"rows": 14, "class": "wide"}),
            "redacted_body": forms.Textarea(attrs={"rows": 8, "class": "wide"}),
            "withhold_explanation": forms.Textarea(attrs={"rows": 3}),
            "disclosure": forms.RadioSelect,
        }
        help_texts = {
            "doc_number": "如：示县交〔2026〕12号（六角括号，不加“第”，不编虚位）。",
            "body": "可直接粘贴文字，每行一段；也可粘贴带格式的内容，系统会自动清理不安全代码。",
            "keywords": "多个关键词用空格分隔。",
        }
        error_messages = {
            "title": {"required": "请填写标题。"},
            "entry": {"required": "请选择目录栏目。", "invalid_choice": "请选择本机关的目录栏目。"},
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        if "entry" in self.fields:  # a correction keeps the item's column
            entries = CatalogueEntry.objects.filter(agency=agency, is_active=True)
            self.fields["entry"].queryset = entries
            self.fields["entry"].choices = column_choices(entries)
        others = InformationItem.objects.filter(agency=agency).exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = others.filter(
            entry__kind__in=["regulation", "normative"]
        )
        self.fields["interprets"].queryset = others.filter(
            entry__kind__in=["regulation", "normative", "other_document"]
        )
        if "disclosure" in self.fields:  # a correction keeps the item's 公开属性
            self.fields["disclosure"].choices = Disclosure.choices
        grounds = list(self.fields["withhold_ground"].choices)[1:]
        self.fields["withhold_ground"].choices = [("", "（主动公开无需选择）"), *grounds]
        validities = list(self.fields["validity"].choices)[1:]
        self.fields["validity"].choices = [("", "（非规章、行政规范性文件）"), *validities]


def column_choices(entries) -> list[tuple]:
    """The catalogue as the select offers it: "请选择…", then each column followed by its
    sub-columns (indented), in the catalogue's order."""
    entries = list(entries.order_by("sort_order", "pk"))
    children: dict[int, list] = {}
    for entry in entries:
        if entry.parent_id:
            children.setdefault(entry.parent_id, []).append(entry)
    known = {entry.pk for entry in entries}
    choices: list[tuple] = [("", "请选择…")]
    for entry in entries:
        if entry.parent_id is None or entry.parent_id not in known:
            choices.append((entry.pk, entry.name))
            choices.extend(
                (child.pk, f"\u3000└ {child.name}") for child in children.get(entry.pk, [])
            )
    return choices


class ItemCreateForm(ItemForm):
    """The first save may bring the attachments too."""

    attachments = MultipleFileField(
        label="附件",
        required=False,
        help_text="可一次选择多个文件。允许 PDF、OFD、DOC、DOCX、XLS、XLSX、JPG、PNG、ZIP，"
        "按文件内容识别类型。",
    )


class CorrectionForm(ItemForm):
    reason = forms.CharField(
        label="更正理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写更正理由。"},
    )

    class Meta(ItemForm.Meta):
        fields = [f for f in ItemForm.Meta.fields if f not in ("entry", "disclosure")]


class ReviewForm(NoColonMixin, forms.Form):
    comment = forms.CharField(
        label="审核意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回时必须填写意见。",
    )
    disclose_personal_data = forms.BooleanField(
        label="确认依法公开上述个人信息",
        required=False,
        help_text="如行政许可公示中的法定代表人（条例第十五条：第三方同意或公共利益需要）。确认记入办理记录。",
    )
    personal_data_reason = forms.CharField(
        label="公开个人信息的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="确认公开时必须填写。",
    )

    def __init__(self, *args, personal_data: bool = False, **kwargs):
        """``personal_data``: the 保密审查 of an item with personal data, which asks for the
        confirmation; elsewhere the form has the comment only."""
        super().__init__(*args, **kwargs)
        if not personal_data:
            del self.fields["disclose_personal_data"]
            del self.fields["personal_data_reason"]


class WithdrawForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label="撤回理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写撤回理由。"},
    )


class AttachmentForm(NoColonMixin, forms.Form):
    file = forms.FileField(
        label="附件",
        error_messages={"required": "请选择要上传的文件。", "empty": "文件是空的。"},
        help_text="允许 PDF、OFD、DOC、DOCX、XLS、XLSX、JPG、PNG、ZIP，按文件内容识别类型。",
    )
    internal_only = forms.BooleanField(label="仅内部留存（删减后公开的未删减原件）", required=False)


class CatalogueEntryForm(NoColonMixin, forms.ModelForm):
    class Meta:
        model = CatalogueEntry
        fields = [
            "name",
            "parent",
            "code",
            "kind",
            "content",
            "basis",
            "subject",
            "carrier",
            "limit_days",
            "limit_text",
            "channel",
            "update_frequency",
            "sort_order",
            "is_active",
        ]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": "请填写事项名称。"},
            "limit_days": {"invalid": "公开时限必须是整数。"},
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.fields["parent"].queryset = CatalogueEntry.objects.filter(
            agency=agency, parent=None
        ).exclude(pk=self.instance.pk)

    def clean_limit_days(self):
        days = self.cleaned_data["limit_days"]
        if days is not None and not 1 <= days <= 60:
            raise forms.ValidationError("公开时限应在1至60个工作日之间（法定一般为20个工作日）。")
        return days


class LedgerForm(NoColonMixin, forms.Form):
    start = date_field("起始日期", required=True)
    end = date_field("截止日期", required=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", "截止日期不能早于起始日期。")
        return cleaned
