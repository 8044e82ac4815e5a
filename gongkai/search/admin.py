from django import forms
from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin
from gongkai.org.models import Role

from . import synonyms
from .models import Synonym


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["terms", "note", "enabled"]

    def clean_terms(self):
        text = self.cleaned_data["terms"]
        others = Synonym.objects.filter(enabled=True)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        errors = synonyms.problems(text, [row.term_list() for row in others])
        if errors:
            raise forms.ValidationError(errors)
        return "，".join(synonyms.split_terms(text))


@admin.register(Synonym)
class SynonymAdmin(RoleRestrictedAdmin):
    """检索同义词: applied to every query at once (no re-index); the platform's 公开办 keeps them."""

    admin_roles = {Role.DISCLOSURE_OFFICE, Role.SYSTEM_ADMIN}
    form = SynonymForm
    list_display = ["terms", "note", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["terms", "note"]
