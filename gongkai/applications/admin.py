from django import forms
from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin, RoleRestrictedInline
from gongkai.org.models import Agency, Role

from . import services
from .models import AnswerStep, LetterSettings, LetterTemplate


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


class LetterSettingsInline(RoleRestrictedInline, admin.StackedInline):
    """文书设置 on the agency's page: seal, 行政复议机关, contact, 缴费方式, 文号 prefixes."""

    model = LetterSettings
    can_delete = False
    max_num = 1
    extra = 1
    admin_roles = {Role.SYSTEM_ADMIN}
    verbose_name = verbose_name_plural = "文书设置（电子印章、行政复议机关、文号）"
    fieldsets = (
        (None, {"fields": ("seal",)}),
        ("行政复议机关", {"fields": ("review_body", "vertically_managed", "superior_department")}),
        ("联系方式和缴费", {"fields": ("office_address", "office_phone", "fee_payment")}),
        (
            "文号前缀",
            {
                "classes": ("collapse",),
                "fields": tuple(
                    f.name for f in LetterSettings._meta.fields if f.name.startswith("prefix_")
                ),
            },
        ),
    )


# The agency's page already carries the other apps' inlines (units, the review chain): add ours.
_AgencyAdmin = type(admin.site._registry[Agency])
admin.site.unregister(Agency)


@admin.register(Agency)
class AgencyWithLettersAdmin(_AgencyAdmin):
    inlines = [*_AgencyAdmin.inlines, AnswerStepInline, LetterSettingsInline]
