from django import forms

from gongkai.core.forms import NoColonMixin


class ImportForm(NoColonMixin, forms.Form):
    """Upload a DOCX or text file, or paste the text; preview first, then import."""

    file = forms.FileField(
        label="工作要点文件",
        required=False,
        help_text="Word（DOCX）或文本（TXT）文件。上传后文字会显示在下方，可核对修改。",
    )
    text = forms.CharField(
        label="工作要点全文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "wide"}),
        help_text="也可以直接粘贴全文，包括印发通知（其中的报送期限适用于全部任务）。",
    )
    title = forms.CharField(
        label="标题",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "wide"}),
        help_text="留空则使用文件中的标题。",
    )
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="留空则使用文件中的年度。",
        error_messages={
            "invalid": "年度应为四位数字，如 2026。",
            "min_value": "年度应在 2000 年至 2100 年之间。",
            "max_value": "年度应在 2000 年至 2100 年之间。",
        },
    )
    source_name = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("请上传工作要点文件，或粘贴工作要点全文。")
        return cleaned


class ProgressForm(NoColonMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label="报送单位",
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": "请选择您所在的责任单位。"},
    )
    text = forms.CharField(
        label="落实情况",
        widget=forms.Textarea(attrs={"rows": 8, "class": "wide"}),
        help_text="写明做了什么、取得什么成效，可直接用于落实情况报告。",
        error_messages={"required": "请填写落实情况。"},
    )
    is_done = forms.BooleanField(label="本单位承担的工作已全部完成", required=False)
    attachment = forms.FileField(
        label="附件",
        required=False,
        help_text="可选：PDF、OFD、DOC、DOCX、XLS、XLSX、JPG、PNG、ZIP。",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.name
        if units.count() == 1:
            self.fields["unit"].initial = units.first().pk


class DeadlineForm(NoColonMixin, forms.Form):
    deadline = forms.DateField(
        label="完成期限",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "完成期限格式不正确，应为 YYYY-MM-DD。"},
    )
    reason = forms.CharField(
        label="调整理由",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "wide"}),
        error_messages={"required": "请填写调整期限的理由。"},
    )
