"""Passwords someone else set, and 三员分立 over accounts: the 安全管理员 can reset a clerk's password
but cannot become the clerk, and cannot reset, rename or take the roles of the other two
administrators."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from gongkai.org.models import Membership
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


# --- 三员分立: the other administrators' accounts are not the 安全管理员's ---------------------


@pytest.mark.parametrize("target", ["sysadmin", "auditor"])
def test_the_security_admin_cannot_reset_another_administrators_password(request, secadmin, target):
    other = request.getfixturevalue(target)
    admin = signed_in(secadmin)
    page = admin.get(f"/admin/accounts/user/{other.pk}/change/")
    assert page.status_code == 200
    assert "../password/" not in page.text  # no 重置密码 button

    refused = admin.get(f"/admin/accounts/user/{other.pk}/password/")
    assert refused.status_code == 403
    assert "三员分立" in refused.text and f"gongkai changepassword {target}" in refused.text

    assert set_password_in_admin(admin, other).status_code == 403
    other.refresh_from_db()
    assert other.check_password(PASSWORD) and not other.must_change_password


@pytest.mark.parametrize("target", ["sysadmin", "auditor"])
def test_the_security_admin_cannot_rename_or_delete_another_administrator(
    request, secadmin, target
):
    other = request.getfixturevalue(target)
    admin = signed_in(secadmin)
    page = admin.get(f"/admin/accounts/user/{other.pk}/change/")
    assert 'name="username"' not in page.text and 'name="email"' not in page.text
    admin.post(
        f"/admin/accounts/user/{other.pk}/change/",
        {"username": "hijacked", "email": "secadmin@example.cn", "is_active": "on"},
    )
    other.refresh_from_db()
    assert other.username == target and other.email == ""
    assert (
        admin.post(f"/admin/accounts/user/{other.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert User.objects.filter(pk=other.pk).exists()


def test_the_security_admin_may_still_disable_a_departed_administrator(secadmin, auditor):
    admin = signed_in(secadmin)
    admin.post(f"/admin/accounts/user/{auditor.pk}/change/", {})  # 有效 unticked
    auditor.refresh_from_db()
    assert not auditor.is_active and auditor.username == "auditor"


@pytest.mark.parametrize("target", ["sysadmin", "auditor"])
def test_the_security_admin_cannot_move_another_administrators_role(
    request, secadmin, xiaoli, target
):
    other = request.getfixturevalue(target)
    role = Membership.objects.get(user=other)
    admin = signed_in(secadmin)
    moved = admin.post(
        f"/admin/org/membership/{role.pk}/change/",
        {"user": xiaoli.pk, "agency": role.agency_id, "role": role.role},
    )
    assert moved.status_code == 403
    assert (
        admin.post(f"/admin/org/membership/{role.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    role.refresh_from_db()
    assert role.user_id == other.pk


@pytest.mark.parametrize("role", ["system_admin", "audit_admin"])
def test_the_security_admin_cannot_make_themselves_another_administrator(secadmin, county, role):
    admin = signed_in(secadmin)
    response = admin.post(
        "/admin/org/membership/add/", {"user": secadmin.pk, "agency": county.pk, "role": role}
    )
    assert response.status_code == 200
    assert "三员分立" in response.text
    assert set(Membership.objects.filter(user=secadmin).values_list("role", flat=True)) == {
        "security_admin"
    }


def test_the_security_admin_cannot_make_a_clerk_an_administrator(secadmin, xiaoli, county):
    admin = signed_in(secadmin)
    response = admin.post(
        "/admin/org/membership/add/",
        {"user": xiaoli.pk, "agency": county.pk, "role": "audit_admin"},
    )
    assert "三员分立" in response.text
    assert not Membership.objects.filter(user=xiaoli, role="audit_admin").exists()


def test_the_bootstrap_superuser_is_out_of_the_security_admins_reach(secadmin):
    root = User.objects.create_superuser("root", password=PASSWORD, is_active=False)
    admin = signed_in(secadmin)
    assert set_password_in_admin(admin, root).status_code == 403
    root.refresh_from_db()
    assert root.check_password(PASSWORD)


def test_the_bootstrap_superuser_sets_up_the_administrators(auditor):
    root = User.objects.create_superuser("root", password=PASSWORD)
    assert set_password_in_admin(signed_in(root), auditor).status_code == 302
    auditor.refresh_from_db()
    assert auditor.check_password(SET_BY_SECADMIN) and auditor.must_change_password
