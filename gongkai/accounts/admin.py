from importlib import import_module

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from gongkai.org.admin_site import RoleRestrictedAdmin
from gongkai.org.models import Membership, Role
from gongkai.org.selectors import can_manage_account

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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or can_manage_account(request.user, obj):
            return fieldsets
        # Another administrator's account: no password link (三员分立).
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f != "password"]})
            for name, opts in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not can_manage_account(request.user, obj):
            # Only 有效 stays editable: the 安全管理员 may still disable a departed colleague.
            readonly += ["username", "full_name", "phone", "email"]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_manage_account(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and user.pk == request.user.pk:
            # One's own password is changed where the old one is asked for (and no flag is set).
            messages.info(request, "请在此修改您自己的密码。")
            return redirect("accounts:password_change")
        if user is not None and self.has_change_permission(request, user):
            if not can_manage_account(request.user, user):
                return TemplateResponse(
                    request,
                    "admin/accounts/user/password_refused.html",
                    {
                        **self.admin_site.each_context(request),
                        "title": "不能重置该账号的密码",
                        "opts": self.opts,
                        "original": user,
                    },
                    status=403,
                )
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
