"""Lockout as a weapon: after 3 failed logins an account asks a question before it looks at the
password, so a robot that cannot answer cannot lock anybody out; the 安全管理员 sees a wave of
lockouts on the workbench."""

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from gongkai.accounts.forms import CHALLENGE_NEEDED
from gongkai.audit.models import AuditEvent
from tests.conftest import PASSWORD, answered_challenge

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
WRONG = "Wrong-pass1"


def post(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def failures(username) -> int:
    found = AccessAttempt.objects.filter(username=username).aggregate(n=Sum("failures_since_start"))
    return found["n"] or 0


def answer_on(page) -> dict:
    """What a person reads on the login page and types in."""
    token = re.search(r'name="challenge_token" value="([^"]+)"', page.text).group(1)
    a, op, b = re.search(r"验证问题：(\d+) (加|减) (\d+) 等于几？", page.text).groups()
    answer = int(a) + int(b) if op == "加" else int(a) - int(b)
    return {"challenge_token": token, "challenge_answer": str(answer)}


def test_the_third_failure_brings_the_question_to_the_login_form(client, xiaoli):
    for _ in range(2):
        page = post(client, "xiaoli", WRONG)
        assert "用户名或密码不正确" in page.text and "验证问题：" not in page.text
    third = post(client, "xiaoli", WRONG)
    assert "用户名或密码不正确" in third.text
    assert re.search(r"验证问题：\d+ (加|减) \d+ 等于几？", third.text)


def test_a_robot_without_the_answer_cannot_lock_the_account(client, xiaoli):
    for _ in range(3):
        post(client, "xiaoli", WRONG)
    for _ in range(20):
        refused = post(client, "xiaoli", WRONG)
        assert refused.status_code == 200
        assert CHALLENGE_NEEDED in refused.text and "请回答验证问题" in refused.text
        assert "用户名或密码不正确" not in refused.text  # the password was not looked at
    assert failures("xiaoli") == 3
    assert not AuditEvent.objects.filter(action="locked_out").exists()
    # Not even the right password gets in without the answer...
    assert CHALLENGE_NEEDED in post(client, "xiaoli", PASSWORD).text
    # ...and with the answer read off the page, it does.
    page = post(client, "xiaoli", WRONG)
    response = post(client, "xiaoli", PASSWORD, **answer_on(page))
    assert response.status_code == 302 and response["Location"] == "/staff/"


def test_a_wrong_or_replayed_answer_is_refused_without_counting(client, xiaoli):
    for _ in range(3):
        page = post(client, "xiaoli", WRONG)
    answer = answer_on(page)
    wrong = {**answer, "challenge_answer": str(int(answer["challenge_answer"]) + 1)}
    assert "验证问题回答不正确" in post(client, "xiaoli", PASSWORD, **wrong).text
    assert "用户名或密码不正确" in post(client, "xiaoli", WRONG, **answer).text
    assert failures("xiaoli") == 4
    assert "验证问题已使用过" in post(client, "xiaoli", PASSWORD, **answer).text
    assert failures("xiaoli") == 4


def test_the_question_follows_the_account_not_the_address(xiaoli, laowang):
    office = Client(REMOTE_ADDR="10.1.1.1")
    for _ in range(3):
        post(office, "xiaoli", WRONG)
    elsewhere = Client(REMOTE_ADDR="10.2.2.2")
    assert CHALLENGE_NEEDED in post(elsewhere, "xiaoli", PASSWORD).text
    assert CHALLENGE_NEEDED in post(elsewhere, " xiaoli ", PASSWORD).text  # same account
    assert post(office, "laowang", PASSWORD).status_code == 302


def test_a_person_who_answers_still_locks_after_five_failures(client, xiaoli):
    for _ in range(3):
        post(client, "xiaoli", WRONG)
    assert post(client, "xiaoli", WRONG, **answered_challenge()).status_code == 200
    locked = post(client, "xiaoli", WRONG, **answered_challenge())
    assert locked.status_code == 429 and "账号已锁定" in locked.text
    assert post(client, "xiaoli", PASSWORD, **answered_challenge()).status_code == 429


# --- A wave of lockouts on the 安全管理员's workbench ------------------------------------------


def lock(username):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        post(client, username, WRONG, **answered_challenge())
    assert post(client, username, WRONG, **answered_challenge()).status_code == 429


def workbench_of(user):
    client = Client()
    client.force_login(user)
    return client.get("/staff/").text


ALERT = "分钟内有"


def test_three_accounts_locked_within_fifteen_minutes_alert_the_security_admin(
    xiaoli, laowang, supervisor, secadmin, sysadmin, auditor
):
    lock("xiaoli")
    lock("laowang")
    assert ALERT not in workbench_of(secadmin)  # two could be typos
    lock("sunzr")
    page = workbench_of(secadmin)
    assert "15分钟内有3个账号因连续登录失败被锁定" in page
    assert "/admin/axes/accessattempt/" in page
    assert "laowang、sunzr、xiaoli" in page
    for other in (sysadmin, auditor, xiaoli):
        assert ALERT not in workbench_of(other)


def test_the_alert_counts_only_the_last_fifteen_minutes_and_unlocked_accounts_drop_out(
    xiaoli, laowang, supervisor, secadmin
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        lock("xiaoli")
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        lock("laowang")
        lock("sunzr")
        assert ALERT not in workbench_of(secadmin)
    with time_machine.travel(start + timedelta(minutes=17), tick=False):
        lock("nobody")  # an unknown username locks too: it is the attempt that counts
        assert "15分钟内有3个账号" in workbench_of(secadmin)
        AccessAttempt.objects.filter(username="nobody").delete()  # the 安全管理员 unlocks
        assert ALERT not in workbench_of(secadmin)
