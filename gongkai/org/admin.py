from django.contrib import admin
from django.contrib.auth.models import Group

from .admin_site import RoleRestrictedAdmin, RoleRestrictedInline
from .models import Agency, Membership, Role, Unit
from .selectors import can_manage_account

admin.site.unregister(Group)


class UnitInline(RoleRestrictedInline, admin.TabularInline):
    model = Unit
    extra = 0
    fields = ["name", "kind", "aliases", "sort_order", "is_active"]
    admin_roles = {Role.SYSTEM_ADMIN}


@admin.register(Agency)
class AgencyAdmin(RoleRestrictedAdmin):
    """Agencies and their units are configured by the 系统管理员."""

    admin_roles = {Role.SYSTEM_ADMIN}
    read_only_roles = {Role.SECURITY_ADMIN}
    list_display = ["name", "code", "doc_prefix", "level", "kind", "parent", "is_active"]
    list_filter = ["level", "kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [UnitInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "code", "doc_prefix")}),
        ("层级", {"fields": ("level", "kind", "parent", "sort_order", "is_active")}),
        ("公开工作", {"fields": ("disclosure_office", "address", "phone")}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "disclosure_office":
            agency_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Unit.objects.filter(agency_id=agency_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Unit)
class UnitAdmin(RoleRestrictedAdmin):
    admin_roles = {Role.SYSTEM_ADMIN}
    read_only_roles = {Role.SECURITY_ADMIN}
    list_display = ["name", "agency", "kind", "is_active"]
    list_filter = ["kind", "agency"]
    search_fields = ["name", "aliases", "agency__name"]


@admin.register(Membership)
class MembershipAdmin(RoleRestrictedAdmin):
    """Who holds which role is the 安全管理员's (权限管理)."""

    admin_roles = {Role.SECURITY_ADMIN}
    list_display = ["user", "agency", "unit", "role", "created_at"]
    list_filter = ["role", "agency"]
    search_fields = ["user__username", "user__full_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]

    # 三员分立: the other administrators' roles are not the 安全管理员's to move or remove.
    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_manage_account(request.user, obj.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_manage_account(request.user, obj.user):
            return False
        return super().has_delete_permission(request, obj)
