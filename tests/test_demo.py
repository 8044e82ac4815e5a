"""`gongkai demo`: a believable county, built once however often it runs."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from gongkai.audit.models import AuditEvent
from gongkai.org.models import Agency, Role

pytestmark = pytest.mark.django_db


def snapshot():
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {"org", "accounts", "workdays"}:
            rows[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
            )
    return rows


def test_demo_builds_the_county_and_every_role(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    names = set(Agency.objects.values_list("name", flat=True))
    assert {"示例县人民政府", "示例县交通运输局", "示例县城关镇人民政府"} <= names
    transport = Agency.objects.get(name="示例县交通运输局")
    assert {"办公室", "运输股", "建设股", "路政股"} <= set(
        transport.units.values_list("name", flat=True)
    )
    assert transport.disclosure_office.name == "办公室"
    assert Agency.objects.filter(parent__name="示例县人民政府", kind="department").count() >= 3
    for role in Role:
        assert role.label in out


def test_every_printed_login_works(capsys):
    call_command("demo")
    lines = [line.split() for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    assert len(lines) == 11
    for username, password, *_ in lines:
        client = Client()
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.get("/staff/").status_code == 200


def test_running_demo_twice_changes_nothing():
    call_command("demo")
    before, audit_count = snapshot(), AuditEvent.objects.count()
    call_command("demo")
    assert snapshot() == before
    assert AuditEvent.objects.count() == audit_count


def test_demo_changes_are_attributed_to_the_command():
    call_command("demo")
    assert AuditEvent.objects.filter(actor_name="命令:demo", action="create").exists()
