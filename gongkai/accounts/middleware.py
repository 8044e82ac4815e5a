import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "gongkai_last_seen"
IDLE_MESSAGE = "您已超过%(minutes)d分钟未操作，为保护账号安全已自动退出，请重新登录。"


class IdleTimeoutMiddleware:
    """Ends a session that has been idle longer than SESSION_IDLE_TIMEOUT (等保2.0: 登录连接超时自动退出)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(SESSION_KEY)
            limit = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            if last_seen is not None and now - last_seen > limit:
                logout(request)
                messages.warning(request, IDLE_MESSAGE % {"minutes": limit // 60})
                login_url = reverse(settings.LOGIN_URL)
                if request.method == "GET":
                    return redirect(f"{login_url}?next={request.get_full_path()}")
                return redirect(login_url)
            request.session[SESSION_KEY] = now
        return self.get_response(request)


PASSWORD_SET_BY_OTHER = "您的密码由管理员设置，请先修改密码。"


class PasswordChangeRequiredMiddleware:
    """Sends a person whose password someone else set (``must_change_password``) to the password
    change page, whatever they ask for, until they have replaced it: the 安全管理员 who set it
    must not be able to work as them (三员分立). The page itself says why (PASSWORD_SET_BY_OTHER),
    once, however many requests were sent there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password and not self._exempt(request):
            return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _exempt(request) -> bool:
        path = request.path_info
        return path in (
            reverse("accounts:password_change"),
            reverse("accounts:logout"),
        ) or path.startswith(settings.STATIC_URL)
