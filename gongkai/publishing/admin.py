from django import forms
from django.contrib import admin

from gongkai.org.admin import AgencyAdmin
from gongkai.org.admin_site import RoleRestrictedAdmin, RoleRestrictedInline
from gongkai.org.models import Agency, Role

from .models import CatalogueEntry, ReviewStep
from .services import chain_problems, chain_staffing_problems


class ChainFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        steps = sorted(
            (
                form.cleaned_data["order"],
                form.cleaned_data["name"],
                form.cleaned_data["role"],
                bool(form.cleaned_data.get("same_unit")),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if steps:
            problems = chain_problems([(name, role) for _, name, role, _same in steps])
            if not problems and self.instance.pk:
                problems = chain_staffing_problems(
                    self.instance, [(name, role, same) for _, name, role, same in steps]
                )
            if problems:
                raise forms.ValidationError(problems)


class ReviewStepInline(RoleRestrictedInline, admin.TabularInline):
    """The review chain (审核流程): steps can be dropped or added, but 保密审查 stays and the
    disclosure office publishes last."""

    model = ReviewStep
    formset = ChainFormSet
    extra = 0
    fields = ["order", "name", "role", "same_unit"]
    admin_roles = {Role.SYSTEM_ADMIN}


admin.site.unregister(Agency)


@admin.register(Agency)
class AgencyWithChainAdmin(AgencyAdmin):
    inlines = [*AgencyAdmin.inlines, ReviewStepInline]


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(RoleRestrictedAdmin):
    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["name", "agency", "parent", "code", "kind", "limit_days", "is_active"]
    list_filter = ["agency", "kind", "is_active"]
    search_fields = ["name", "code"]
