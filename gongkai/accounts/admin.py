from importlib import import_module

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect

from gongkai.org.admin_site import RoleRestrictedAdmin
from gongkai.org.models import Membership, Role

from .forms import CreateAccountForm, SetPasswordForOtherForm
from .models import User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["agency"]
    fields = ["agency", "unit", "role"]


@admin.register(User)
class UserAdmin(RoleRestrictedAdmin, DjangoUserAdmin):
    """Accounts and their roles are the 安全管理员's: 三员分立 keeps them from the 系统管理员."""

    admin_roles = {Role.SECURITY_ADMIN}
    list_display = ["username", "full_name", "phone", "is_active", "last_login"]
    search_fields = ["username", "full_name", "phone"]
    list_filter = ["is_active"]
    ordering = ["username"]
    inlines = [MembershipInline]
    add_form = CreateAccountForm
    change_password_form = SetPasswordForOtherForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "phone", "email")}),
        ("状态", {"fields": ("is_active", "must_change_password", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")},
        ),
    )
    # must_change_password is cleared by its owner alone, on /accounts/password/.
    readonly_fields = ["must_change_password", "last_login", "date_joined"]

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and user.pk == request.user.pk:
            # One's own password is changed where the old one is asked for (and no flag is set).
            messages.info(request, "请在此修改您自己的密码。")
            return redirect("accounts:password_change")
        return super().user_change_password(request, id, form_url)


class LockoutRecordAdmin(RoleRestrictedAdmin):
    """Read and delete only: deleting an account's failed attempts unlocks it."""

    admin_roles = {Role.SECURITY_ADMIN}

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# django-axes' lockout records: the 安全管理员 unlocks an account by deleting its attempts.
# (This app comes before axes in INSTALLED_APPS: load axes' admin registrations first.)
import_module("axes.admin")
for _model, _admin in list(admin.site._registry.items()):
    if _model._meta.app_label == "axes":
        admin.site.unregister(_model)
        admin.site.register(
            _model, type(f"Role{type(_admin).__name__}", (LockoutRecordAdmin, type(_admin)), {})
        )
