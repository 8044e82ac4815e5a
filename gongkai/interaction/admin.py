from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin
from gongkai.org.models import Role

from .models import ChannelLimit


@admin.register(ChannelLimit)
class ChannelLimitAdmin(RoleRestrictedAdmin):
    """Working days to answer a message, per channel (platform-wide or for one agency).
    Without a row, GONGKAI_MESSAGE_ANSWER_DAYS (default 5) applies."""

    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["channel", "agency", "working_days", "basis"]
    list_filter = ["channel", "agency"]
