from django import forms
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordChangeForm,
)

from gongkai.core.forms import NoColonMixin


class LoginForm(NoColonMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续输错%(limit)d次，账号将被锁定%(minutes)d分钟。",
        "inactive": "该账号已停用，请联系安全管理员。",
    }

    username = forms.CharField(
        label="用户名",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
        error_messages={"required": "请输入用户名。"},
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "请输入密码。"},
    )

    def get_invalid_login_error(self):
        from django.conf import settings

        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "limit": settings.AXES_FAILURE_LIMIT,
                "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            },
        )


class ChangePasswordForm(NoColonMixin, PasswordChangeForm):
    """The owner changes their own password: from now on nobody else knows it."""

    error_messages = {
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def save(self, commit=True):
        self.user.must_change_password = False
        return super().save(commit)


class SetPasswordForOtherForm(AdminPasswordChangeForm):
    """The 安全管理员 sets someone's password in /admin/ (the admin sends their own password to
    the ordinary change page): its owner must replace it at the next login."""

    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit)


class CreateAccountForm(AdminUserCreationForm):
    """A new account's first password is the 安全管理员's: its owner replaces it at first login."""

    def save(self, commit=True):
        self.instance.must_change_password = True
        return super().save(commit)
