from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin
from gongkai.org.models import Role

from .content import WrongPhrase


@admin.register(WrongPhrase)
class WrongPhraseAdmin(RoleRestrictedAdmin):
    """The 严重表述错误 the wording check looks for (seeded by migration 0003)."""

    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["wrong", "correct", "note", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["wrong", "correct", "note"]
