"""The Django admin, in Chinese, open to the three administrators by role (三员分立)."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .models import ADMIN_ROLES, Membership, Role


def admin_roles_of(user) -> set[str]:
    """The roles that open /admin/: the three administrators', and the 公开办 of a top-level
    agency (the platform's), which keeps the platform-wide settings of its own work (检索同义词);
    every model admin still names the roles it admits."""
    if not (user.is_authenticated and user.is_active):
        return set()
    roles = set(
        Membership.objects.filter(user=user, role__in=ADMIN_ROLES).values_list("role", flat=True)
    )
    if Membership.objects.filter(
        user=user, role=Role.DISCLOSURE_OFFICE, agency__parent__isnull=True
    ).exists():
        roles.add(Role.DISCLOSURE_OFFICE)
    return roles


class GongkaiAdminSite(admin.AdminSite):
    site_header = "政务公开管理后台"
    site_title = "政务公开管理后台"
    index_title = "系统配置"

    def has_permission(self, request):
        # The 审计管理员 has nothing to configure: the audit log is read at /staff/audit/.
        return bool(admin_roles_of(request.user) - {Role.AUDIT_ADMIN}) or (
            request.user.is_active and request.user.is_superuser
        )

    def login(self, request, extra_context=None):
        # One login page for everybody, with its lockout and audit. A signed-in person without an
        # admin role is refused, not sent round the login page again.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


class RoleRestrictedAdmin(admin.ModelAdmin):
    """A model admin usable only by the named admin roles (and the bootstrap superuser)."""

    admin_roles: set[str] = set()
    read_only_roles: set[str] = set()

    def _roles(self, request) -> set[str]:
        cached = getattr(request, "_gongkai_admin_roles", None)
        if cached is None:
            cached = admin_roles_of(request.user)
            request._gongkai_admin_roles = cached
        return cached

    def _can_write(self, request) -> bool:
        return request.user.is_superuser or bool(self._roles(request) & self.admin_roles)

    def has_module_permission(self, request):
        return self._can_write(request) or bool(self._roles(request) & self.read_only_roles)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return self._can_write(request)

    def has_change_permission(self, request, obj=None):
        return self._can_write(request)

    def has_delete_permission(self, request, obj=None):
        return self._can_write(request)


class RoleRestrictedInline:
    """Mix into inlines so they follow the parent admin's role rule."""

    admin_roles: set[str] = set()

    def _allowed(self, request):
        return request.user.is_superuser or bool(admin_roles_of(request.user) & self.admin_roles)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)
