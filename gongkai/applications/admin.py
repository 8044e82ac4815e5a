from django import forms
from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin, RoleRestrictedInline
from gongkai.org.models import Agency, Role

from . import services
from .models import AnswerStep, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(RoleRestrictedAdmin):
    """Letter templates (受理回执, 补正告知书, 答复告知书 …), per platform or per agency."""

    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["title", "kind", "result", "agency"]
    list_filter = ["kind", "agency"]


class AnswerChainFormSet(forms.BaseInlineFormSet):
    """The answer review chain keeps 保密审查, ends with a head's sign-off, and different people
    can sign every step."""

    def clean(self):
        super().clean()
        steps = sorted(
            (form.cleaned_data["order"], form.cleaned_data["name"], form.cleaned_data["role"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if not steps:
            return
        pairs = [(name, role) for _, name, role in steps]
        problems = services.answer_chain_problems(pairs)
        if not problems and self.instance.pk:
            problems = services.answer_staffing_problems(self.instance, pairs)
        if problems:
            raise forms.ValidationError(problems)


class AnswerStepInline(RoleRestrictedInline, admin.TabularInline):
    """答复审核流程: 保密审查 stays; the last step signs the answer off."""

    model = AnswerStep
    formset = AnswerChainFormSet
    extra = 0
    fields = ["order", "name", "role"]
    admin_roles = {Role.SYSTEM_ADMIN}


_agency_admin = type(admin.site._registry[Agency])
admin.site.unregister(Agency)
admin.site.register(
    Agency,
    type(
        "AgencyWithAnswerChainAdmin",
        (_agency_admin,),
        {"inlines": [*_agency_admin.inlines, AnswerStepInline]},
    ),
)
