"""等保2.0 三级, application layer: passwords, lockout, idle timeout, CSRF, headers, error pages."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from tests.conftest import PASSWORD, answered_challenge

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def login(client, username, password):
    """A person logging in, who answers the question the form asks after three failures."""
    return client.post(LOGIN, {"username": username, "password": password, **answered_challenge()})


# --- Passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1!xyz", "密码长度太短"),  # 7 characters
        ("abcdefgh12", "至少3类"),  # two classes
        ("ABCDEFGH!!", "至少3类"),
        ("Password1", "太常见"),  # three classes, but on the common list
    ],
)
def test_weak_passwords_are_refused_in_chinese(password, message):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert message in " ".join(error.value.messages)


@pytest.mark.parametrize("password", ["Xq7#mnbvc", "gongkai-2026-Tx", "县政府Ab12pq"])
def test_passwords_of_eight_or_more_from_three_classes_pass(password):
    validate_password(password)


def test_passwords_are_hashed_with_argon2():
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
    ):
        user = get_user_model().objects.create_user("hashcheck", password="Xq7#mnbvc")
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("Xq7#mnbvc")


# --- Lockout --------------------------------------------------------------------------------


def test_five_failures_lock_the_account_for_thirty_minutes(client, xiaoli):
    for _ in range(4):
        response = login(client, "xiaoli", "wrong-Password1")
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.text
    locked = login(client, "xiaoli", "wrong-Password1")
    assert locked.status_code == 429
    assert "账号已锁定" in locked.text and "30分钟" in locked.text
    # Even the right password is refused while locked.
    assert login(client, "xiaoli", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert login(client, "xiaoli", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = login(client, "xiaoli", PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == "/staff/"


def test_the_lock_is_per_account_not_per_address(client, xiaoli, laowang):
    for _ in range(5):
        login(client, "xiaoli", "wrong-Password1")
    other = Client()
    assert login(other, "laowang", PASSWORD).status_code == 302


def test_a_security_admin_unlocks_an_account(client, xiaoli, secadmin):
    from axes.models import AccessAttempt

    for _ in range(5):
        login(client, "xiaoli", "wrong-Password1")
    assert login(client, "xiaoli", PASSWORD).status_code == 429
    admin = Client()
    admin.force_login(secadmin)
    attempt = AccessAttempt.objects.get(username="xiaoli")
    page = admin.get(f"/admin/axes/accessattempt/{attempt.pk}/delete/")
    assert page.status_code == 200
    admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.filter(username="xiaoli").exists()
    assert login(Client(), "xiaoli", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_failure_count(client, xiaoli):
    for _ in range(4):
        login(client, "xiaoli", "wrong-Password1")
    assert login(client, "xiaoli", PASSWORD).status_code == 302
    fresh = Client()
    for _ in range(4):
        assert login(fresh, "xiaoli", "wrong-Password1").status_code == 200


# --- Idle timeout ---------------------------------------------------------------------------


def test_an_idle_session_ends_after_thirty_minutes(client, xiaoli):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "xiaoli", PASSWORD)
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/staff/").status_code == 200  # activity renews the half hour
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get("/staff/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        page = client.get(response["Location"])
        assert "30分钟未操作" in page.text
        assert client.get("/staff/").status_code == 302  # really signed out


@override_settings(SESSION_IDLE_TIMEOUT=timedelta(minutes=5))
def test_the_idle_limit_is_configurable(client, xiaoli):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "xiaoli", PASSWORD)
        client.get("/staff/")
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert client.get("/staff/").status_code == 302


# --- CSRF, headers, error pages -------------------------------------------------------------


def test_forms_without_the_csrf_token_are_refused_in_chinese(xiaoli):
    client = Client(enforce_csrf_checks=True)
    response = login(client, "xiaoli", PASSWORD)
    assert response.status_code == 403
    assert "页面已过期" in response.text
    client.force_login(xiaoli)
    assert client.post("/staff/switch/", {"agency": "1"}).status_code == 403


def test_every_form_page_carries_the_csrf_token(client, xiaoli):
    assert "csrfmiddlewaretoken" in client.get(LOGIN).text
    client.force_login(xiaoli)
    for url in ["/staff/", "/accounts/password/"]:
        assert "csrfmiddlewaretoken" in client.get(url).text


def test_secure_headers_and_csp(client):
    response = client.get(LOGIN)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_staff_pages_are_not_cached(client, xiaoli):
    client.force_login(xiaoli)
    assert "no-store" in client.get("/staff/")["Cache-Control"]


def test_404_is_chinese_and_plain(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.text
    assert "Traceback" not in response.text


@pytest.mark.urls("tests.urls_boom")
def test_500_is_chinese_and_never_shows_a_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "系统繁忙" in response.text
    assert "secret-detail" not in response.text and "Traceback" not in response.text


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "GONGKAI_HTTPS": "1",
        "SECRET_KEY": "x7" * 30 + "-production-secret-key-that-is-long-enough",
        "ALLOWED_HOSTS": "xxgk.example.gov.cn",
        "GONGKAI_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_health_check_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
