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
