"""The audit log: every login, create, change and delete; append-only; read by the 审计管理员 alone."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from gongkai.audit.models import AppendOnlyError, AuditEvent
from gongkai.org.models import Agency, Membership
from gongkai.org.selectors import can_approve_content, can_read_audit_log
from tests.conftest import PASSWORD, answered_challenge

pytestmark = pytest.mark.django_db


def events(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


def test_login_logout_and_failure_are_recorded_with_the_address(xiaoli):
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post("/accounts/login/", {"username": "xiaoli", "password": "Wrong-pass1"})
    client.post("/accounts/login/", {"username": "xiaoli", "password": PASSWORD})
    client.post("/accounts/logout/")
    failed, login, logout = (
        events(action="login_failed")[0],
        events(action="login")[0],
        events(action="logout")[0],
    )
    assert failed.actor_name == "xiaoli" and failed.ip == "10.1.2.3"
    assert "Wrong-pass1" not in str(failed.changes)
    assert login.actor_id == xiaoli.pk and login.ip == "10.1.2.3"
    assert logout.actor_id == xiaoli.pk


def test_lockout_is_recorded(client, xiaoli):
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "xiaoli", "password": "Wrong-pass1", **answered_challenge()},
        )
    assert events(action="locked_out", actor_name="xiaoli")


def test_create_change_delete_through_the_admin_are_recorded(sysadmin, county):
    client = Client(REMOTE_ADDR="10.9.9.9")
    client.force_login(sysadmin)
    response = client.post(
        "/admin/org/agency/add/",
        {
            "name": "示例县水利局",
            "short_name": "县水利局",
            "code": "SX150",
            "doc_prefix": "示县水",
            "level": "county",
            "kind": "department",
            "parent": county.pk,
            "sort_order": 50,
            "is_active": "on",
            "units-TOTAL_FORMS": "0",
            "units-INITIAL_FORMS": "0",
            "review_steps-TOTAL_FORMS": "0",
            "review_steps-INITIAL_FORMS": "0",
            "letter_settings-TOTAL_FORMS": "0",
            "letter_settings-INITIAL_FORMS": "0",
            "answer_steps-TOTAL_FORMS": "0",
            "answer_steps-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()
    agency = Agency.objects.get(code="SX150")
    created = events(action="create", object_type="org.agency", object_id=str(agency.pk))[0]
    assert created.actor_id == sysadmin.pk and created.ip == "10.9.9.9"
    assert created.changes["name"] == [None, "示例县水利局"]

    agency.phone = "0595-1234567"
    agency.save()
    changed = events(action="change", object_type="org.agency")[-1]
    assert changed.changes == {"phone": ["", "0595-1234567"]}

    client.post(f"/admin/org/agency/{agency.pk}/delete/", {"post": "yes"})
    deleted = events(action="delete", object_type="org.agency")[-1]
    assert deleted.object_repr == "示例县水利局"
    assert deleted.changes["code"] == ["SX150", None]


def test_password_changes_are_recorded_without_the_hash(client, xiaoli):
    client.force_login(xiaoli)
    client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Nq8#xkcd-gk", "new_password2": "Nq8#xkcd-gk"},
    )
    change = events(action="change", object_type="accounts.user")[-1]
    assert change.changes["password"] == ["******", "****** (已修改)"]
    assert "argon2" not in str(change.changes) and "md5" not in str(change.changes)


def test_the_log_refuses_changes_and_deletes_in_python(xiaoli):
    event = AuditEvent.objects.first()
    event.actor_name = "someone else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(actor_name="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit_auditevent SET actor_name = 'x'", "DELETE FROM audit_auditevent"],
)
def test_the_database_itself_refuses_changes_and_deletes(xiaoli, sql):
    count = AuditEvent.objects.count()
    assert count > 0
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.count() == count


def test_only_the_audit_admin_reads_the_log(auditor, sysadmin, secadmin, xiaoli, supervisor):
    for user in (sysadmin, secadmin, xiaoli, supervisor):
        client = Client()
        client.force_login(user)
        assert client.get("/staff/audit/").status_code == 404
        assert not can_read_audit_log(user)
        assert "审计日志" not in client.get("/staff/").text
    client = Client()
    client.force_login(auditor)
    page = client.get("/staff/audit/")
    assert page.status_code == 200
    assert "审计日志" in page.text
    # Reading the log is itself recorded.
    assert events(action="view", actor_name="auditor")


def test_the_audit_log_is_not_in_the_admin(sysadmin):
    client = Client()
    client.force_login(sysadmin)
    assert "审计日志" not in client.get("/admin/").text
    assert client.get("/admin/audit/auditevent/").status_code == 404


def test_the_audit_admin_filters_and_exports(auditor, xiaoli):
    client = Client()
    client.force_login(auditor)
    page = client.get("/staff/audit/", {"action": "create", "actor": ""})
    assert page.status_code == 200
    bad = client.get("/staff/audit/", {"start": "2026-02-30", "end": "昨天"})
    assert "起始日期格式不正确" in bad.text
    assert 'value="2026-02-30"' in bad.text and 'value="昨天"' in bad.text
    export = client.get("/staff/audit/", {"action": "create", "format": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    assert "新增" in export.content.decode("utf-8-sig")


def test_the_system_admin_never_approves_content(sysadmin, transport):
    assert not can_approve_content(sysadmin, transport)
    membership = Membership(user=sysadmin, agency=transport, role="secrecy_reviewer")
    with pytest.raises(Exception, match="三员分立"):
        membership.full_clean()


def test_the_three_administrators_are_three_people(sysadmin, county):
    membership = Membership(user=sysadmin, agency=county, role="audit_admin")
    with pytest.raises(Exception, match="三员分立"):
        membership.full_clean()
