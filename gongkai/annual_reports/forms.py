from django import forms

from gongkai.core.forms import NoColonMixin

from .models import AnnualReport


class ReportTextForm(NoColonMixin, forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = [
            "overview",
            "proactive_text",
            "requests_text",
            "appeals_text",
            "problems",
            "other_matters",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 6, "class": "wide"}) for name in fields}
        help_texts = {
            "overview": "原则上不超过1000字。",
            "other_matters": "收取信息处理费的情况在此报告。",
        }


class Table2Form(NoColonMixin, forms.Form):
    """表二's figures from other systems (2021 format: 行政许可、处罚、强制、收费)."""

    licensing = forms.IntegerField(
        label="行政许可 本年处理决定数量",
        min_value=0,
        required=False,
        error_messages={"invalid": "请填写整数。", "min_value": "不能为负数。"},
    )
    penalty = forms.IntegerField(
        label="行政处罚 本年处理决定数量",
        min_value=0,
        required=False,
        error_messages={"invalid": "请填写整数。", "min_value": "不能为负数。"},
    )
    enforcement = forms.IntegerField(
        label="行政强制 本年处理决定数量",
        min_value=0,
        required=False,
        error_messages={"invalid": "请填写整数。", "min_value": "不能为负数。"},
    )
    fees = forms.DecimalField(
        label="行政事业性收费 本年收费金额（万元）",
        min_value=0,
        max_digits=14,
        decimal_places=4,
        required=False,
        error_messages={"invalid": "请填写数字。", "min_value": "不能为负数。"},
    )

    def manual(self) -> dict:
        data = self.cleaned_data
        return {
            key: [None if data[key] is None else (float(data[key]) if key == "fees" else data[key])]
            for key in ("licensing", "penalty", "enforcement", "fees")
        }


class Table2UploadForm(NoColonMixin, forms.Form):
    file = forms.FileField(
        label="CSV 或 XLSX 文件",
        error_messages={"required": "请选择文件。"},
        help_text="两列：项目、数值。项目为 行政许可、行政处罚、行政强制、行政事业性收费。",
    )


class CheckUploadForm(NoColonMixin, forms.Form):
    file = forms.FileField(
        label="已发布的年度报告（HTML、DOCX、PDF、TXT）",
        error_messages={"required": "请选择文件。"},
    )


class Table2CorrectionForm(NoColonMixin, forms.Form):
    """更正表二 (规章、行政规范性文件) with the reason, for documents the system does not hold."""

    row = forms.ChoiceField(
        label="项目",
        choices=[("normative", "行政规范性文件"), ("regulation", "规章")],
        error_messages={
            "required": "请选择项目。",
            "invalid_choice": "请选择规章或行政规范性文件。",
        },
    )
    reason = forms.CharField(
        label="更正理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如：2025年有2件规范性文件由县政府办公室代为印发，未在本系统发布。",
        error_messages={"required": "请填写更正理由。"},
    )

    def __init__(self, *args, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = columns
        for n, label in enumerate(columns):
            self.fields[f"c{n}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=10**6,
                error_messages={
                    "required": f"请填写“{label}”。",
                    "invalid": "请填写整数。",
                    "min_value": "不能为负数。",
                    "max_value": "数值过大。",
                },
            )
        self.order_fields(["row", *[f"c{n}" for n in range(len(columns))], "reason"])

    def values(self) -> list[int]:
        return [self.cleaned_data[f"c{n}"] for n in range(len(self.columns))]
