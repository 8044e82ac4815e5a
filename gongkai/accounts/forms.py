from django import forms
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordChangeForm,
)

from gongkai.core.forms import NoColonMixin
from gongkai.core.guard import ChallengeField, challenge_check, challenge_new

#: After this many recent failed logins of one account (axes' count for the username, kept in the
#: database and so shared by every worker), its login asks the arithmetic question first.
CHALLENGE_AFTER_FAILURES = 3
CHALLENGE_PURPOSE = "login"
CHALLENGE_NEEDED = "该账号近期多次登录失败，请先回答验证问题。"


def recent_login_failures(request, username: str) -> int:
    """Failed logins of ``username`` within the lockout window, as django-axes counts them."""
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.get_failures(request, {"username": username})


class LoginForm(NoColonMixin, AuthenticationForm):
    """The staff login. Once an account has CHALLENGE_AFTER_FAILURES recent failures, an attempt
    without the right answer to the challenge is refused before the password is looked at: it
    neither counts as a failure nor locks the account, so a robot that cannot answer cannot lock
    anybody out (the lock itself, django-axes, still follows AXES_FAILURE_LIMIT failures)."""

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

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and self.cleaned_data.get("password") and self.challenge_required(username):
            problem = self._challenge_problem()
            if problem:
                self.offer_challenge()
                self.add_error("challenge_answer", problem)
                raise forms.ValidationError(CHALLENGE_NEEDED, code="challenge")
        return super().clean()

    def challenge_required(self, username: str) -> bool:
        return recent_login_failures(self.request, username) >= CHALLENGE_AFTER_FAILURES

    def _challenge_problem(self) -> str | None:
        try:
            answer = ChallengeField().clean(self.data.get("challenge_answer", ""))
        except forms.ValidationError as error:
            return error.messages[0]
        return challenge_check(self.data.get("challenge_token", ""), answer, CHALLENGE_PURPOSE)

    def offer_challenge(self) -> None:
        """Put a new question on the form (shown again after a refused or failed attempt)."""
        challenge = challenge_new(CHALLENGE_PURPOSE)
        self.fields["challenge_token"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields["challenge_answer"] = ChallengeField(label=f"验证问题：{challenge.question}")
        data = self.data.copy()
        data["challenge_token"] = challenge.token
        data["challenge_answer"] = ""
        self.data = data
        self._bound_fields_cache.pop("challenge_token", None)
        self._bound_fields_cache.pop("challenge_answer", None)

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
