"""Handling an application: intake on every channel, each clock event, the answer and its
result leaf, letters, delivery, withdrawal, lapses, masking and the year boundary."""

from datetime import date, timedelta
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.applications import services
from gongkai.applications.choices import Result, Status
from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent
from tests.applications.conftest import ZHANG_ID, zhang_san

pytestmark = pytest.mark.django_db


def test_online_application_waits_for_confirmation_then_runs_from_that_day(transport, office):
    with time_machine.travel(date(2026, 10, 31)):
        application, code, created = services.application_submit(
            agency=transport, data=zhang_san(), submission_key="k1"
        )
    assert created and application.status == Status.AWAITING_CONFIRMATION
    assert application.received_date is None and application.due_date is None
    assert len(code) == 8 and services.code_matches(application, code)
    again, same_code, created = services.application_submit(
        agency=transport, data=zhang_san(), submission_key="k1"
    )
    assert (again.pk, same_code, created) == (application.pk, code, False)
    application = services.application_confirm(
        application=application, by=office, on=date(2026, 11, 2)
    )
    assert application.received_date == date(2026, 11, 2)
    assert application.due_date == date(2026, 11, 30)
    assert application.letters.get().kind == "receipt"


@pytest.mark.parametrize(
    "channel", ["in_person", "registered_mail", "ordinary_mail", "fax", "email", "oral"]
)
def test_staff_register_every_other_channel_with_its_receipt_date(transport, office, channel):
    application, code = services.application_register(
        agency=transport, by=office, data=zhang_san(), channel=channel, received=date(2026, 11, 2)
    )
    assert application.received_date == date(2026, 11, 2)
    assert application.status == Status.REGISTERED and services.code_matches(application, code)
    assert application.number.startswith("SX120-2026-")


def test_invalid_applicant_data_is_refused_field_by_field(transport, office):
    with pytest.raises(ValidationError) as error:
        services.application_register(
            agency=transport,
            by=office,
            channel="in_person",
            received=date(2026, 11, 2),
            data=zhang_san(
                id_number=ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1"),
                phone="",
                delivery="post",
                address="",
            ),
        )
    problems = error.value.message_dict
    assert "校验码错误" in problems["id_number"][0]
    assert problems["phone"] == ["请填写联系电话。"]
    assert "通信地址" in problems["address"][0]


def test_only_the_office_registers_and_handles(transport, xiaoli, registered):
    with pytest.raises(PermissionDenied):
        services.application_register(
            agency=transport,
            by=xiaoli,
            data=zhang_san(),
            channel="in_person",
            received=date(2026, 11, 2),
        )
    application = registered(date(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        services.application_request_extension(
            application=application, by=xiaoli, on=date(2026, 11, 3), days=5, reason="x"
        )


def test_supplement_within_7_days_once_then_restart(registered, office):
    application = registered(date(2026, 11, 2))
    with pytest.raises(ValidationError, match="7个工作日"):
        services.application_request_supplement(
            application=application,
            by=office,
            on=date(2026, 11, 12),
            until=date(2026, 11, 30),
            what="请写明年份",
        )
    application = services.application_request_supplement(
        application=application,
        by=office,
        on=date(2026, 11, 4),
        until=date(2026, 11, 18),
        what="请写明所需资金安排的年度",
    )
    assert application.status == Status.SUPPLEMENT and application.due_date is None
    assert application.letters.filter(kind="supplement").exists()
    application = services.application_supplement_received(
        application=application, by=office, on=date(2026, 11, 6)
    )
    assert application.due_date == date(2026, 12, 4)  # 20 working days after 11/6
    with pytest.raises(ValidationError, match="只能告知一次"):
        services.application_request_supplement(
            application=application,
            by=office,
            on=date(2026, 11, 9),
            until=date(2026, 11, 20),
            what="再补",
        )


def test_consultation_pauses_and_extension_once(registered, office, office_head):
    application = registered(date(2026, 11, 2))
    consultation = services.application_consult(
        application=application, by=office, on=date(2026, 11, 10), target="示例县某建设公司"
    )
    application.refresh_from_db()
    assert application.status == Status.CONSULTING
    assert application.letters.filter(kind="consultation", for_applicant=False).exists()
    services.application_consult_delivered(
        consultation=consultation, by=office, on=date(2026, 11, 10)
    )
    application = services.application_consult_answered(
        consultation=consultation, by=office, on=date(2026, 11, 13), opinion="agree"
    )
    assert application.status == Status.IN_PROGRESS
    assert application.due_date == date(2026, 12, 3)
    services.application_request_extension(
        application=application, by=office, on=date(2026, 11, 20), days=20, reason="需要检索档案"
    )
    application.refresh_from_db()
    assert application.due_date == date(2026, 12, 3)  # nothing changes before the head agrees
    with pytest.raises(PermissionDenied, match="负责人同意"):
        services.application_decide_extension(
            application=application, by=office, on=date(2026, 11, 23), approve=True
        )
    application = services.application_decide_extension(
        application=application, by=office_head, on=date(2026, 11, 23), approve=True
    )
    application.refresh_from_db()
    assert application.due_date == date(2026, 12, 31)
    letter = application.letters.get(kind="extension")
    assert "经我机关政府信息公开工作机构负责人赵主任同意" in letter.body
    with pytest.raises(ValidationError, match="只能一次"):
        services.application_request_extension(
            application=application, by=office, on=date(2026, 11, 24), days=3, reason="x"
        )


def test_fee_notice_by_count_stops_the_clock_until_paid(registered, office):
    """张三's twelfth application this month, by the agency's own records: 100 元."""
    first = registered(date(2026, 11, 2))
    with pytest.raises(ValidationError, match="免费"):
        services.application_fee_notice(
            application=first, by=office, on=date(2026, 11, 5), method="by_count"
        )
    for _ in range(10):
        registered(date(2026, 11, 2))
    application = registered(date(2026, 11, 2))
    assert services.month_position(application) == (12, 12)
    application = services.application_fee_notice(
        application=application,
        by=office,
        on=date(2026, 11, 5),
        method="by_count",
        delivery="email",
    )
    assert application.fee.amount == 100 and application.due_date is None
    assert application.fee.position_in_month == 12
    assert application.fee.notice_received == date(2026, 11, 5)  # e-mailed: received that day
    with pytest.raises(ValidationError, match="已发出收费通知"):
        services.application_fee_notice(
            application=application, by=office, on=date(2026, 11, 6), method="by_volume", pages=40
        )
    application = services.application_fee_paid(
        application=application, by=office, on=date(2026, 11, 9), receipt="FS001"
    )
    assert application.due_date == date(2026, 12, 2)  # 11/6, 11/9 not counted


def test_answer_is_drafted_reviewed_by_another_and_counted_as_one_leaf(
    registered, office, office_head, secrecy
):
    application = registered(date(2026, 11, 2))
    application = services.application_draft_answer(
        application=application,
        by=office,
        result=Result.PARTIAL,
        text="经审查，部分信息涉及商业秘密，予以删除后公开。",
        facts={
            "withheld_part": "施工企业的报价明细",
            "withheld_ground": "15",
            "how": "随本告知书通过电子邮件提供",
        },
    )
    with pytest.raises(PermissionDenied, match="保密审查员"):
        services.application_review_answer(application=application, by=office, approve=True)
    with pytest.raises(PermissionDenied, match="保密审查员"):
        services.application_review_answer(application=application, by=office_head, approve=True)
    with pytest.raises(ValidationError):
        services.application_review_answer(
            application=application, by=secrecy, approve=False, comment=""
        )
    application = services.application_review_answer(
        application=application, by=secrecy, approve=True
    )
    assert application.status == Status.ANSWER_REVIEW and application.answer_step == 2
    with pytest.raises(PermissionDenied, match="负责人"):
        services.application_review_answer(application=application, by=secrecy, approve=True)
    application = services.application_review_answer(
        application=application, by=office_head, approve=True
    )
    assert application.status == Status.ANSWERED and application.result == "partial"
    letter = application.letters.get(kind="answer")
    assert "第十五条、第三十七条" in letter.body
    assert "行政复议" in letter.body and "行政诉讼" in letter.body
    application = services.application_deliver(
        application=application,
        by=office,
        on=application.answered_date,
        method="电子邮件",
        proof="已发送至申请人邮箱",
    )
    application = services.application_archive(application=application, by=office)
    assert application.status == Status.ARCHIVED


def test_letters_open_as_real_docx_and_pdf(registered):
    from docx import Document

    application = registered(date(2026, 11, 2))
    letter = application.letters.get(kind="receipt")
    document = Document(BytesIO(letter.docx.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "政府信息公开申请受理回执" in text and application.number in text
    assert "张三" in text and "2026年11月30日" in text
    assert letter.pdf.read(5) == b"%PDF-"


def test_unanswered_supplement_lapses_into_other_1(registered, office):
    application = registered(date(2026, 9, 21))
    services.application_request_supplement(
        application=application,
        by=office,
        on=date(2026, 9, 24),
        until=date(2026, 10, 16),
        what="请补充",
    )
    assert services.close_all_lapsed(today=date(2026, 10, 15)) == 0
    assert services.close_all_lapsed(today=date(2026, 10, 19)) == 1
    application.refresh_from_db()
    assert application.result == Result.OTHER_NO_SUPPLEMENT and application.status == "answered"


def test_unpaid_fee_lapses_into_other_2(registered, office):
    application = registered(date(2026, 9, 1))
    services.application_fee_notice(
        application=application, by=office, on=date(2026, 9, 3), method="by_volume", pages=120
    )
    # Posted: until the applicant's receipt is known, the payment period has not begun.
    assert services.close_all_lapsed(today=date(2026, 11, 20)) == 0
    services.application_fee_notice_received(
        application=application, by=office, on=date(2026, 9, 7)
    )
    assert services.close_all_lapsed(today=date(2026, 11, 20)) == 1
    application.refresh_from_db()
    assert application.result == Result.OTHER_UNPAID


def test_applicant_withdrawal_is_other_3(registered):
    application = services.application_withdraw(
        application=registered(date(2026, 11, 2)), reason="已不需要"
    )
    assert application.status == Status.WITHDRAWN and application.result == Result.OTHER


def test_lists_mask_personal_data_and_viewing_it_is_logged(registered, office):
    application = registered(date(2026, 11, 2))
    client = Client()
    client.force_login(office)
    listing = client.get("/staff/applications/").text
    assert "张*" in listing and ZHANG_ID[:3] + "*" * 11 + ZHANG_ID[-4:] in listing
    assert ZHANG_ID not in listing and "13812345678" not in listing
    page = client.get(f"/staff/applications/{application.pk}/").text
    assert ZHANG_ID not in page and "138****5678" in page
    revealed = client.get(f"/staff/applications/{application.pk}/?reveal=1").text
    assert ZHANG_ID in revealed
    assert application.events.filter(kind="viewed", actor=office).exists()
    assert AuditEvent.objects.filter(action="view", object_type="applications.application").exists()


def test_other_staff_never_see_applicants(registered, xiaoli, teacher_officer):
    application = registered(date(2026, 11, 2))
    for user in (xiaoli, teacher_officer):
        client = Client()
        client.force_login(user)
        assert client.get(f"/staff/applications/{application.pk}/").status_code == 404
        assert "张" not in client.get("/staff/applications/").text.split("<main")[1]


def test_the_handling_unit_sees_the_case_but_not_the_applicant(
    registered, office, transport, xiaoli
):
    application = registered(date(2026, 11, 2))
    services.application_assign(
        application=application, by=office, unit=transport.units.get(name="运输股")
    )
    client = Client()
    client.force_login(xiaoli)
    page = client.get(f"/staff/applications/{application.pk}/").text
    assert "2025年示例县农村公路养护资金安排情况" in page
    assert "张*" in page and ZHANG_ID not in page
    assert ZHANG_ID not in client.get(f"/staff/applications/{application.pk}/?reveal=1").text


def test_year_boundary_carries_over_exactly_once(registered, office, sign_off):
    """Received in 2025, answered in 2026: 结转下年度 in 2025 and 上年结转 in 2026, once each."""
    from gongkai.applications.yearly import carried_into, carried_over

    application = registered(date(2025, 12, 24))
    with time_machine.travel(date(2026, 1, 8)):
        application = services.application_draft_answer(
            application=application,
            by=office,
            result=Result.DISCLOSED,
            text="予以公开。",
            basis_option="provided",
            facts={"how": "随本告知书提供"},
        )
        sign_off(application)
    application.refresh_from_db()
    assert application.answered_date == date(2026, 1, 8)
    assert list(carried_over(application.agency, 2025)) == [application]
    assert list(carried_into(application.agency, 2026)) == [application]
    assert list(carried_over(application.agency, 2026)) == []
    assert list(carried_into(application.agency, 2025)) == []


def test_staff_page_actions_keep_input_on_errors(registered, office, office_head):
    application = registered(date(2026, 11, 2))
    client = Client()
    client.force_login(office)
    response = client.post(
        f"/staff/applications/{application.pk}/action/extend/",
        {"extend-on": "2026-11-10", "extend-days": "25", "extend-reason": "检索档案需时"},
    )
    assert response.status_code == 400
    assert "最长不得超过20个工作日" in response.text and "检索档案需时" in response.text
    response = client.post(
        f"/staff/applications/{application.pk}/action/supplement/",
        {
            "supplement-on": "2026-11-20",
            "supplement-until": "2026-12-01",
            "supplement-what": "请写明年度",
        },
    )
    assert response.status_code == 400 and "7个工作日" in response.text
    assert "请写明年度" in response.text
    ok = client.post(
        f"/staff/applications/{application.pk}/action/extend/",
        {"extend-on": "2026-11-10", "extend-days": "10", "extend-reason": "检索"},
        follow=True,
    )
    assert "已申请延期答复" in ok.text
    assert "extension_decision" not in ok.text  # 林晓 is not the head: no approval offered
    head = Client()
    head.force_login(office_head)
    page = head.get(f"/staff/applications/{application.pk}/").text
    assert "待负责人审批的延期申请" in page and "extension_decision" in page
    approved = head.post(
        f"/staff/applications/{application.pk}/action/extension_decision/",
        {"extension_decision-on": "2026-11-11", "extension_decision-approve": "1"},
        follow=True,
    )
    assert "已审批延期答复" in approved.text
    assert Application.objects.get(pk=application.pk).due_date == date(2026, 11, 30) + timedelta(
        days=14
    )


def test_appeals_are_recorded_with_their_outcome(registered, office, sign_off):
    application = registered(date(2026, 11, 2))
    application = services.application_draft_answer(
        application=application, by=office, result=Result.WITHHELD_PROCESS, text="属于过程性信息。"
    )
    sign_off(application)
    client = Client()
    client.force_login(office)
    bad = client.post(
        f"/staff/applications/{application.pk}/appeals/",
        {
            "appeal-kind": "review",
            "appeal-filed_date": "2026-12-01",
            "appeal-body": "示例县人民政府",
            "appeal-outcome": "upheld",
        },
    )
    assert bad.status_code == 400 and "请填写审结日期" in bad.text
    client.post(
        f"/staff/applications/{application.pk}/appeals/",
        {
            "appeal-kind": "review",
            "appeal-filed_date": "2026-12-01",
            "appeal-body": "示例县人民政府",
            "appeal-case_number": "示复〔2026〕3号",
            "appeal-outcome": "pending",
        },
    )
    appeal = application.appeals.get()
    assert appeal.get_kind_display() == "行政复议" and appeal.outcome == "pending"


def test_lapse_command(registered, office, capsys):
    from django.core.management import call_command

    application = registered(date(2026, 9, 21))
    services.application_request_supplement(
        application=application,
        by=office,
        on=date(2026, 9, 24),
        until=date(2026, 10, 16),
        what="请补充",
    )
    call_command("applications", "lapse", "--date", "2026-10-19")
    assert "已办结逾期申请 1 件" in capsys.readouterr().out
