from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin
from gongkai.org.models import Role

from .models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(RoleRestrictedAdmin):
    """Letter templates (受理回执, 补正告知书, 答复告知书 …), per platform or per agency."""

    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["title", "kind", "result", "agency"]
    list_filter = ["kind", "agency"]
