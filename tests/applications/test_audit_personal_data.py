"""Personal data in the audit log (个人信息): applicants' and message writers' ID numbers, phones,
e-mails, names and addresses are masked before a change is written, and shown masked on the log
page and in its CSV export, even in rows written in full before the masking existed."""

import csv
import io
import json
from datetime import date

import pytest
from django.test import Client

from gongkai.audit.models import AuditEvent
from gongkai.audit.services import audit_record
from gongkai.core import masks
from gongkai.interaction import services as interaction
from tests.applications.conftest import ZHANG_ID
from tests.interaction.conftest import zhang_san as message_data

pytestmark = pytest.mark.django_db

ZHANG_IN_FULL = [ZHANG_ID, "13812345678", "zhangsan@example.com", "示例县人民路1号", "张三"]


def rows_of(object_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type).order_by("id"))


def dumped(rows) -> str:
    return json.dumps([r.changes for r in rows], ensure_ascii=False)


def test_masks_are_idempotent_so_old_and_new_rows_look_alike():
    for kind, value in [
        ("id", ZHANG_ID),
        ("phone", "13812345678"),
        ("email", "zhangsan@example.com"),
        ("address", "示例县人民路1号"),
        ("name", "欧阳娜娜"),
    ]:
        once = masks.mask(kind, value)
        assert once != value and masks.mask(kind, once) == once
    assert masks.mask_address("示例县人民路1号") == "示例******"
    assert masks.mask("phone", "") == "" and masks.mask("phone", None) is None


def test_a_new_application_is_recorded_with_its_personal_data_masked(registered):
    application = registered(date(2026, 11, 2))
    rows = rows_of("applications.application")
    assert rows and rows[0].action == "create"
    text = dumped(rows)
    for value in ZHANG_IN_FULL:
        assert value not in text
    created = rows[0].changes
    assert created["id_number"] == [None, "110***********" + ZHANG_ID[-4:]]
    assert created["phone"] == [None, "138****5678"]
    assert created["email"] == [None, "z*******@example.com"]
    assert created["name"] == [None, "张*"]
    assert created["address"] == [None, "示例******"]
    # What is not personal data stays as it was: the log still says which application it was.
    assert created["number"] == [None, application.number]


def test_a_changed_phone_is_recorded_as_a_change_without_either_number(registered):
    application = registered(date(2026, 11, 2))
    application.phone = "13800005678"  # the same mask as before
    application.email = "lisi@example.com"
    application.save()
    change = rows_of("applications.application")[-1]
    assert change.action == "change"
    assert change.changes["phone"] == ["138****5678", "138****5678"]
    assert change.changes["email"] == ["z*******@example.com", "l***@example.com"]
    assert "13800005678" not in dumped([change]) and "lisi@" not in dumped([change])


def test_a_message_writer_is_masked_too(transport):
    from tests.conftest import person

    office_zhou = person("xiaozhou", transport, "disclosure_office", "办公室")
    interaction.message_register(
        agency=transport,
        by=office_zhou,
        data=message_data(),
        channel="12345",
        received=date(2026, 11, 2),
        channel_reference="GD20261102001",
    )
    created = rows_of("interaction.message")[0].changes
    assert created["asker_name"] == [None, "张*"]
    assert created["asker_phone"] == [None, "138****5678"]
    assert created["asker_email"] == [None, "z*******@example.com"]


@pytest.fixture
def old_row(registered):
    """A change written in full before the masking existed (rows cannot be rewritten)."""
    application = registered(date(2026, 11, 2))
    return audit_record(
        action="change",
        object_type="applications.application",
        object_id=application.pk,
        object_repr=application.number,
        changes={
            "phone": ["13812345678", "13912345678"],
            "id_number": [None, ZHANG_ID],
            "address": ["示例县人民路1号", ""],
            "description": ["旧描述", "新描述"],
        },
    )


def test_the_log_page_and_its_export_show_old_rows_masked(auditor, old_row):
    assert old_row.changes["phone"] == ["13812345678", "13912345678"]  # stored as written
    client = Client()
    client.force_login(auditor)
    page = client.get("/staff/audit/").text
    export = client.get(
        "/staff/audit/", {"object_type": "applications.application", "format": "csv"}
    ).content.decode("utf-8-sig")
    for shown in (page, export):
        for value in [*ZHANG_IN_FULL, "13912345678"]:
            assert value not in shown
        assert "138****5678" in shown and "139****5678" in shown
        assert "110***********" + ZHANG_ID[-4:] in shown
        assert "新描述" in shown  # not personal data
    old = [
        r for r in csv.reader(io.StringIO(export)) if r[5] == old_row.object_id and r[3] == "修改"
    ]
    assert json.loads(old[0][7])["phone"] == ["138****5678", "139****5678"]  # the column is JSON


def test_the_chain_still_verifies_after_masking(old_row):
    from gongkai.audit import chain
    from gongkai.audit.services import chain_rows

    assert chain.walk(chain_rows()).intact
