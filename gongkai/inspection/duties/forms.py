from django import forms

from gongkai.core.forms import NoColonMixin
from gongkai.publishing.choices import POLICY_KINDS, ColumnKind, Validity
from gongkai.publishing.forms import date_field
from gongkai.publishing.models import CatalogueEntry, InformationItem

from . import rules
from .models import WithheldReview

#: Columns that never hold requested information (the guide, the report, …).
NOT_FOR_REQUESTS = {
    ColumnKind.INTERPRETATION,
    ColumnKind.GUIDE,
    ColumnKind.RULES,
    ColumnKind.ANNUAL_REPORT,
    ColumnKind.PROPOSALS,
}


def suggested_entry(entries: list[CatalogueEntry], text: str) -> CatalogueEntry | None:
    """The column whose name and 公开内容 share most content words with the requested
    information (a 行政许可 result → 行政许可), else 公示公告, else the first column."""
    words = rules.search_words(text)

    def score(entry):
        return len(words & rules.search_words(f"{entry.name} {entry.content}"))

    usable = [e for e in entries if e.kind not in NOT_FOR_REQUESTS]
    best = max(usable, key=score, default=None)
    if best is not None and score(best) > 0:
        return best
    for entry in usable:
        if entry.name == "公示公告":
            return entry
    return usable[0] if usable else None


class FrequentDraftForm(NoColonMixin, forms.Form):
    applications = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(
        label="标题",
        max_length=300,
        widget=forms.TextInput(attrs={"class": "wide"}),
        error_messages={
            "required": "请填写拟公开信息的标题。",
            "max_length": "标题不能超过300个字。",
        },
    )
    entry = forms.ModelChoiceField(
        label="目录栏目",
        queryset=CatalogueEntry.objects.none(),
        error_messages={
            "required": "请选择目录栏目。",
            "invalid_choice": "请选择本机关的目录栏目。",
        },
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = (
            CatalogueEntry.objects.filter(agency=agency, is_active=True)
            .select_related("parent")
            .order_by("parent__sort_order", "sort_order", "id")
        )


class FrequentDeclineForm(NoColonMixin, forms.Form):
    applications = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="不予主动公开的理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写不予主动公开的理由。"},
        help_text="如：申请人所需信息涉及其自身特殊需要，不具有普遍性。",
    )


class WithheldReviewForm(NoColonMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="评估结论",
        choices=WithheldReview.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择评估结论。", "invalid_choice": "请选择评估结论。"},
        help_text="现可公开：系统按原信息生成主动公开版本，并提交审核流程（先审查、后公开）。",
    )
    reason = forms.CharField(
        label="理由",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写评估审查的理由。"},
        help_text="仍不予公开的，写明不予公开的情形是否仍然存在；现可公开的，写明情势发生了哪些变化。",
    )


class ValidityForm(NoColonMixin, forms.Form):
    validity = forms.ChoiceField(
        label="有效性",
        choices=Validity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择有效性。", "invalid_choice": "请选择有效性。"},
    )
    valid_until = date_field(
        "有效期至", help_text="有效期的最后一天；已失效的文件必须填写，届满次日起失效。"
    )
    repealed_date = date_field("废止日期", help_text="已废止的文件必须填写。")
    replaced_by = forms.ModelChoiceField(
        label="替代文件",
        required=False,
        queryset=InformationItem.objects.none(),
        error_messages={"invalid_choice": "请选择本机关的规章或行政规范性文件。"},
    )
    reason = forms.CharField(
        label="依据或说明",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写更新有效性的依据或说明。"},
        help_text="如：有效期届满；或依据某文件（写明文号）废止。",
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = (
            InformationItem.objects.filter(agency=item.agency, entry__kind__in=POLICY_KINDS)
            .exclude(pk=item.pk)
            .order_by("-written_date", "-id")
        )
