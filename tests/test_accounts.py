"""Passwords someone else set, and 三员分立 over accounts: the 安全管理员 can reset a clerk's password
but cannot become the clerk, and cannot reset, rename or take the roles of the other two
administrators."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()

SET_BY_SECADMIN = "Temp#2026xy"
CHOSEN_BY_XIAOLI = "Xiaoli#Own2026"
FORCED = "您的密码由管理员设置，请先修改密码。"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def set_password_in_admin(client, user, password=SET_BY_SECADMIN):
    return client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {
            "usable_password": "true",
            "password1": password,
            "password2": password,
            "set-password": "修改密码",
        },
    )


def log_in(username, password):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return client, response


# --- A password set by someone else is changed at the next login -----------------------------


def test_a_password_the_security_admin_set_must_be_changed_before_anything_else(secadmin, xiaoli):
    admin = signed_in(secadmin)
    assert set_password_in_admin(admin, xiaoli).status_code == 302
    xiaoli.refresh_from_db()
    assert xiaoli.must_change_password

    client, response = log_in("xiaoli", SET_BY_SECADMIN)
    assert response.status_code == 302
    for path in ["/staff/", "/staff/publishing/", "/staff/org/", "/staff/workdays/", "/"]:
        page = client.get(path)
        assert page.status_code == 302, path
        assert page["Location"] == "/accounts/password/", path
    assert client.post("/staff/switch/", {"agency": "1"})["Location"] == "/accounts/password/"
    change_page = client.get("/accounts/password/")
    assert change_page.status_code == 200
    assert change_page.text.count(FORCED) == 1

    changed = client.post(
        "/accounts/password/",
        {
            "old_password": SET_BY_SECADMIN,
            "new_password1": CHOSEN_BY_XIAOLI,
            "new_password2": CHOSEN_BY_XIAOLI,
        },
    )
    assert changed["Location"] == "/staff/"
    xiaoli.refresh_from_db()
    assert not xiaoli.must_change_password
    assert client.get("/staff/").status_code == 200
    assert FORCED not in client.get("/accounts/password/").text
    # The 安全管理员's password no longer opens the account; xiaoli's own does.
    assert log_in("xiaoli", SET_BY_SECADMIN)[1].status_code == 200
    assert log_in("xiaoli", CHOSEN_BY_XIAOLI)[1].status_code == 302


def test_logout_stays_open_while_the_password_must_be_changed(secadmin, xiaoli):
    set_password_in_admin(signed_in(secadmin), xiaoli)
    client, _ = log_in("xiaoli", SET_BY_SECADMIN)
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"
    assert client.get("/staff/")["Location"].startswith("/accounts/login/")


def test_the_security_admin_cannot_clear_the_flag_in_the_change_form(secadmin, xiaoli):
    admin = signed_in(secadmin)
    set_password_in_admin(admin, xiaoli)
    page = admin.get(f"/admin/accounts/user/{xiaoli.pk}/change/")
    assert 'name="must_change_password"' not in page.text
    admin.post(
        f"/admin/accounts/user/{xiaoli.pk}/change/",
        {"username": "xiaoli", "full_name": "小李", "is_active": "on"},
    )
    xiaoli.refresh_from_db()
    assert xiaoli.must_change_password


def test_a_new_account_changes_its_first_password_at_first_login(secadmin):
    admin = signed_in(secadmin)
    response = admin.post(
        "/admin/accounts/user/add/",
        {
            "username": "xiaozhao",
            "full_name": "小赵",
            "password1": SET_BY_SECADMIN,
            "password2": SET_BY_SECADMIN,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="xiaozhao").must_change_password
    client, _ = log_in("xiaozhao", SET_BY_SECADMIN)
    assert client.get("/staff/")["Location"] == "/accounts/password/"


def test_the_security_admin_changes_their_own_password_on_their_own_page(secadmin):
    admin = signed_in(secadmin)
    response = admin.get(f"/admin/accounts/user/{secadmin.pk}/password/")
    assert response["Location"] == "/accounts/password/"
    assert set_password_in_admin(admin, secadmin)["Location"] == "/accounts/password/"
    secadmin.refresh_from_db()
    assert secadmin.check_password(PASSWORD) and not secadmin.must_change_password


def test_a_password_reset_from_the_shell_must_be_changed_too(auditor, monkeypatch):
    monkeypatch.setattr(
        "django.contrib.auth.management.commands.changepassword.getpass.getpass",
        lambda prompt="": SET_BY_SECADMIN,
    )
    call_command("changepassword", "auditor", stdout=None)
    auditor.refresh_from_db()
    assert auditor.check_password(SET_BY_SECADMIN) and auditor.must_change_password
    client, _ = log_in("auditor", SET_BY_SECADMIN)
    assert client.get("/staff/audit/")["Location"] == "/accounts/password/"


def test_the_bootstrap_superuser_reset_from_the_shell_is_not_asked_again(monkeypatch):
    User.objects.create_superuser("root", password=PASSWORD)
    monkeypatch.setattr(
        "django.contrib.auth.management.commands.changepassword.getpass.getpass",
        lambda prompt="": SET_BY_SECADMIN,
    )
    call_command("changepassword", "root")
    assert not User.objects.get(username="root").must_change_password
