from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin, RoleRestrictedInline
from gongkai.org.models import Agency, Role

from .models import LetterSettings, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(RoleRestrictedAdmin):
    """Letter templates (受理回执, 补正告知书, 答复告知书 …), per platform or per agency."""

    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["title", "kind", "result", "agency"]
    list_filter = ["kind", "agency"]


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
    inlines = [*_AgencyAdmin.inlines, LetterSettingsInline]
