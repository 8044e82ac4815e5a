"""Every step that decides a case on review, to the letter of the 条例: the answer's 保密审查 and
sign-off (第十七条), the head's consent to an extension (第三十三条第二款), the reasons of
第三十五条, third parties (第三十二条), the date of receipt (第三十一条), fees (国办函〔2020〕109号)
and the steps that close a case (送达, 归档) — through the services and the staff pages, with
dates across Spring Festival and National Day 2026."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.choices import Result, Status
from gongkai.applications.models import AnswerStep, Consultation
from gongkai.workdays.services import add_working_days, get_calendar
from tests.applications.conftest import zhang_san
from tests.conftest import person

pytestmark = pytest.mark.django_db

#: The basis of a full disclosure handed over with the letter (第三十六条第（二）项).
PROVIDED = {"basis_option": "provided", "facts": {"how": "随本告知书提供"}}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- 保密审查 and the sign-off (第十七条) ------------------------------------------------------


def test_the_default_answer_chain_is_secrecy_review_then_the_heads_sign_off(
    registered, office, office_head, secrecy
):
    application = registered(date(2026, 11, 2))
    services.application_draft_answer(
        application=application, by=office, result=Result.DISCLOSED, text="予以公开。", **PROVIDED
    )
    chain = list(AnswerStep.objects.filter(agency=application.agency).order_by("order"))
    assert [(s.name, s.role) for s in chain] == [
        ("保密审查", "secrecy_reviewer"),
        ("负责人签发", "office_head"),
    ]


def test_nobody_signs_two_steps_of_one_answer(registered, office, office_head, secrecy):
    """赵主任 is head of the office and a 保密审查员 too: after 保密审查 he cannot also sign off."""
    from gongkai.org.models import Membership

    Membership.objects.create(
        user=office_head,
        agency=office_head.memberships.first().agency,
        unit=office_head.memberships.first().unit,
        role="secrecy_reviewer",
    )
    person(
        "laoqian", office_head.memberships.first().agency, "unit_head", "办公室", full_name="钱主任"
    )
    application = registered(date(2026, 11, 2))
    application = services.application_draft_answer(
        application=application, by=office, result=Result.DISCLOSED, text="予以公开。", **PROVIDED
    )
    application = services.application_review_answer(
        application=application, by=office_head, approve=True
    )
    with pytest.raises(PermissionDenied, match="您已签署本答复的“保密审查”环节"):
        services.application_review_answer(application=application, by=office_head, approve=True)
    # 钱主任, the office's other head, signs it off.
    qian = application.agency.memberships.get(user__username="laoqian").user
    application = services.application_review_answer(application=application, by=qian, approve=True)
    assert application.status == Status.ANSWERED


def test_a_draft_nobody_else_could_sign_is_refused_at_drafting(registered, office_head):
    """The head drafts; nobody else can sign off: refused before it enters the chain."""
    application = registered(date(2026, 11, 2))
    person("laochen", application.agency, "secrecy_reviewer", "办公室")
    with pytest.raises(ValidationError, match="“负责人签发”"):
        services.application_draft_answer(
            application=application,
            by=office_head,
            result=Result.DISCLOSED,
            text="予以公开。",
            **PROVIDED,
        )


def test_only_the_signer_of_the_step_is_offered_the_button(
    registered, office, office_head, secrecy
):
    application = registered(date(2026, 11, 2))
    services.application_draft_answer(
        application=application, by=office, result=Result.DISCLOSED, text="予以公开。", **PROVIDED
    )
    url = f"/staff/applications/{application.pk}/"
    drafter_page = signed_in(office).get(url).text
    assert 'value="approve"' not in drafter_page
    assert "“保密审查”环节须由保密审查员办理" in drafter_page
    assert 'value="approve"' not in signed_in(office_head).get(url).text
    secrecy_page = signed_in(secrecy).get(url).text
    assert 'value="approve"' in secrecy_page and "审核通过" in secrecy_page
    assert "13812345678" not in secrecy_page  # the reviewer sees the case, not the applicant
    # A forged POST by the drafter changes nothing.
    signed_in(office).post(f"{url}review/", {"decision": "approve"})
    application.refresh_from_db()
    assert application.status == Status.ANSWER_REVIEW and application.answer_step == 1
    signed_in(secrecy).post(f"{url}review/", {"decision": "approve"})
    head_page = signed_in(office_head).get(url).text
    assert "签发答复" in head_page
    signed_in(office_head).post(f"{url}review/", {"decision": "approve"})
    application.refresh_from_db()
    assert application.status == Status.ANSWERED


def test_the_admin_refuses_an_answer_chain_without_secrecy_review(transport, sysadmin, office):
    from tests.publishing.test_signing import _Fields

    client = signed_in(sysadmin)
    url = f"/admin/org/agency/{transport.pk}/change/"
    services.answer_chain_ensure(agency=transport)
    parser = _Fields()
    parser.feed(client.get(url).content.decode())
    data = parser.data
    data["answer_steps-0-DELETE"] = "on"  # drop 保密审查
    response = client.post(url, data)
    assert response.status_code == 200
    assert "答复审核流程必须包含保密审查环节" in response.content.decode()
    assert transport.answer_steps.count() == 2


# --- Extensions: the head agrees before the due date (第三十三条第二款) -------------------------


def test_the_head_agrees_to_an_extension_before_the_original_due_date_across_spring_festival(
    registered, office, office_head
):
    """Received Mon 2026-02-02: 20 working days across 春节 (2/14 worked, 2/15–23 off, 2/28
    worked) end on Fri 3/6. The office asks on 3/4; the head agrees on 3/6; the letter is dated
    3/6 and names him."""
    application = registered(date(2026, 2, 2))
    assert application.due_date == date(2026, 3, 6)
    services.application_request_extension(
        application=application, by=office, on=date(2026, 3, 4), days=15, reason="需调取档案"
    )
    application = services.application_decide_extension(
        application=application, by=office_head, on=date(2026, 3, 6), approve=True
    )
    application.refresh_from_db()
    assert application.due_date == add_working_days(date(2026, 3, 6), 15, get_calendar())
    letter = application.letters.get(kind="extension")
    assert "经我机关政府信息公开工作机构负责人赵主任同意" in letter.body


def test_an_extension_agreed_after_the_due_date_is_refused(registered, office, office_head):
    application = registered(date(2026, 2, 2))
    services.application_request_extension(
        application=application, by=office, on=date(2026, 3, 5), days=5, reason="需调取档案"
    )
    with pytest.raises(ValidationError, match="届满前"):
        services.application_decide_extension(
            application=application, by=office_head, on=date(2026, 3, 9), approve=True
        )
    assert not application.letters.filter(kind="extension").exists()


def test_the_head_may_refuse_an_extension_with_a_reason(registered, office, office_head):
    application = registered(date(2026, 11, 2))
    services.application_request_extension(
        application=application, by=office, on=date(2026, 11, 10), days=5, reason="需调取档案"
    )
    with pytest.raises(ValidationError):
        services.application_decide_extension(
            application=application, by=office_head, on=date(2026, 11, 11), approve=False
        )
    services.application_decide_extension(
        application=application,
        by=office_head,
        on=date(2026, 11, 11),
        approve=False,
        comment="期限内可以答复",
    )
    application.refresh_from_db()
    assert application.due_date == date(2026, 11, 30)
    assert services.extension_pending(application) is None


# --- 第三十五条 ------------------------------------------------------------------------------


def test_later_deadline_only_after_reasons_were_asked_and_found_reasonable(
    registered, office, office_head
):
    application = registered(date(2026, 11, 2))
    with pytest.raises(ValidationError, match="先要求申请人说明理由"):
        services.application_later_deadline(
            application=application, by=office, on=date(2026, 11, 5), until=date(2027, 1, 29),
            reason="数量大",
        )  # fmt: skip
    services.application_ask_reasons(
        application=application,
        by=office,
        on=date(2026, 11, 4),
        what="本月已提出申请43件，涉及全县近十年全部道路工程档案",
        until=date(2026, 11, 16),
    )
    asked = application.letters.get(kind="reasons")
    assert "第三十五条" in asked.body
    services.application_reasons_received(
        application=application, by=office, on=date(2026, 11, 12), reasonable=True,
        note="申请人称系开展课题研究，理由合理",
    )  # fmt: skip
    application = services.application_later_deadline(
        application=application,
        by=office,
        on=date(2026, 11, 13),
        until=date(2027, 1, 15),
        reason="涉及档案数量大，需逐件检索",
    )
    assert application.due_date == date(2027, 1, 15)
    later = application.letters.get(kind="later_deadline")
    assert "第三十五条" in later.body and "2027年1月15日" in later.body


def test_unreasonable_reasons_lead_to_not_processed_and_nothing_else_does(
    registered, office, sign_off
):
    application = registered(date(2026, 11, 2))
    with pytest.raises(ValidationError, match="第三十五条"):
        services.application_draft_answer(
            application=application, by=office, result=Result.NOT_PROCESSED_MASS, text="不予处理。"
        )
    services.application_ask_reasons(
        application=application, by=office, on=date(2026, 11, 4), what="数量明显超过合理范围",
        until=date(2026, 11, 16),
    )  # fmt: skip
    services.application_reasons_received(
        application=application, by=office, on=date(2026, 11, 13), reasonable=False,
        note="申请人未说明用途，仅称“想看”",
    )  # fmt: skip
    application = services.application_draft_answer(
        application=application, by=office, result=Result.NOT_PROCESSED_MASS, text="不予处理。"
    )
    application = sign_off(application)
    assert application.status == Status.ANSWERED
    assert "第三十五条" in application.letters.get(kind="answer").body


# --- Third parties (第三十二条) ----------------------------------------------------------------


def test_consultation_time_counts_from_the_third_partys_receipt_across_national_day(
    registered, office
):
    """Received Mon 9/14; sent Mon 9/28 by post, received by the company Wed 9/30. Their 15
    working days from 9/30 skip 国庆 (10/1–8 off, 10/10 worked): they end on Tue 10/27."""
    application = registered(date(2026, 9, 14))
    consultation = services.application_consult(
        application=application, by=office, on=date(2026, 9, 28), target="示例县某建设公司"
    )
    services.application_consult_delivered(
        consultation=consultation, by=office, on=date(2026, 9, 30)
    )
    limit = add_working_days(date(2026, 9, 30), 15, get_calendar())
    assert limit == date(2026, 10, 27)
    with pytest.raises(ValidationError, match="2026-10-27"):
        services.application_consult_answered(
            consultation=consultation, by=office, on=date(2026, 10, 26), opinion="none"
        )
    application = services.application_consult_answered(
        consultation=consultation, by=office, on=date(2026, 10, 28), opinion="none"
    )
    consultation.refresh_from_db()
    assert consultation.answered_on == limit  # silence is recorded as of the limit
    # Not counted: the working days after 9/28 up to 10/27.
    from gongkai.workdays.rules import working_days_between

    paused = working_days_between(date(2026, 9, 28), limit, get_calendar())
    plain = add_working_days(date(2026, 9, 14), 20, get_calendar())
    assert application.due_date == add_working_days(plain, paused, get_calendar())


def test_two_consultations_at_once(registered, office):
    application = registered(date(2026, 11, 2))
    company = services.application_consult(
        application=application, by=office, on=date(2026, 11, 10), target="示例县某建设公司"
    )
    bureau = services.application_consult(
        application=application,
        by=office,
        on=date(2026, 11, 11),
        target="示例县财政局",
        third_party=False,
    )
    for consultation, received in ((company, date(2026, 11, 10)), (bureau, date(2026, 11, 11))):
        services.application_consult_delivered(consultation=consultation, by=office, on=received)
    services.application_consult_answered(
        consultation=company, by=office, on=date(2026, 11, 13), opinion="agree"
    )
    application.refresh_from_db()
    assert application.status == Status.CONSULTING  # the bureau has not answered
    application = services.application_consult_answered(
        consultation=bureau, by=office, on=date(2026, 11, 18), opinion="agree"
    )
    assert application.status == Status.IN_PROGRESS
    # 11/11 … 11/18 left out once: 6 working days.
    assert application.due_date == add_working_days(date(2026, 11, 30), 6, get_calendar())
    assert not application.letters.filter(kind="consultation", body__contains="财政局").exists()


def test_disclosing_over_an_objection_needs_a_written_notice_to_the_third_party_first(
    registered, office, secrecy, office_head
):
    application = registered(date(2026, 11, 2))
    consultation = services.application_consult(
        application=application, by=office, on=date(2026, 11, 3), target="示例县某建设公司"
    )
    services.application_consult_delivered(
        consultation=consultation, by=office, on=date(2026, 11, 3)
    )
    with pytest.raises(ValidationError, match="理由"):
        services.application_consult_answered(
            consultation=consultation, by=office, on=date(2026, 11, 6), opinion="object"
        )
    services.application_consult_answered(
        consultation=consultation, by=office, on=date(2026, 11, 6), opinion="object",
        reasons="涉及本公司报价，属商业秘密",
    )  # fmt: skip
    application = services.application_draft_answer(
        application=application, by=office, result=Result.DISCLOSED, text="予以公开。", **PROVIDED
    )
    application = services.application_review_answer(
        application=application, by=secrecy, approve=True
    )
    with pytest.raises(ValidationError, match="书面告知第三方"):
        services.application_review_answer(application=application, by=office_head, approve=True)
    services.application_disclosure_notice(
        consultation=consultation,
        by=office,
        on=date(2026, 11, 9),
        reasons="该工程使用财政资金，工程款支付情况关系公共利益，不公开可能对公共利益造成重大影响",
    )
    notice = application.letters.get(kind="third_party_decision")
    assert not notice.for_applicant and "示例县某建设公司" in notice.body
    application = services.application_review_answer(
        application=application, by=office_head, approve=True
    )
    assert application.status == Status.ANSWERED


def test_withholding_after_an_objection_needs_no_notice(registered, office, sign_off):
    application = registered(date(2026, 11, 2))
    consultation = services.application_consult(
        application=application, by=office, on=date(2026, 11, 3), target="示例县某建设公司"
    )
    services.application_consult_delivered(
        consultation=consultation, by=office, on=date(2026, 11, 4)
    )
    services.application_consult_answered(
        consultation=consultation, by=office, on=date(2026, 11, 6), opinion="object",
        reasons="商业秘密",
    )  # fmt: skip
    application = services.application_draft_answer(
        application=application, by=office, result=Result.WITHHELD_THIRD_PARTY, text="不予公开。"
    )
    assert sign_off(application).status == Status.ANSWERED
    assert not Consultation.objects.exclude(notice_on=None).exists()


# --- The date of receipt (第三十一条) ---------------------------------------------------------


def test_registered_mail_is_received_the_day_the_office_signs_for_it(transport, office):
    application, _ = services.application_register(
        agency=transport, by=office, data=zhang_san(), channel="registered_mail",
        facts={"signed_for": date(2026, 9, 30)},
    )  # fmt: skip
    assert application.received_date == date(2026, 9, 30)
    assert application.receipt_facts == {"signed_for": "2026-09-30"}
    assert "签收之日" in application.events.get(kind="registered").note


def test_an_ordinary_letter_must_be_confirmed_the_day_it_arrives(transport, office):
    with pytest.raises(ValidationError) as refused:
        services.application_register(
            agency=transport, by=office, data=zhang_san(), channel="ordinary_mail",
            facts={"arrived": date(2026, 9, 30), "confirmed": date(2026, 10, 8)},
        )  # fmt: skip
    assert "收到申请的当日与申请人确认" in refused.value.message_dict["confirmed"][0]
    application, _ = services.application_register(
        agency=transport, by=office, data=zhang_san(), channel="ordinary_mail",
        facts={"arrived": date(2026, 9, 30), "confirmed": date(2026, 9, 30)},
    )  # fmt: skip
    assert application.received_date == date(2026, 9, 30)


def test_a_fax_is_received_the_day_both_sides_confirm(transport, office):
    with pytest.raises(ValidationError, match="不能早于到达日期"):
        services.application_register(
            agency=transport, by=office, data=zhang_san(), channel="fax",
            facts={"arrived": date(2026, 9, 30), "confirmed": date(2026, 9, 29)},
        )  # fmt: skip
    application, _ = services.application_register(
        agency=transport, by=office, data=zhang_san(), channel="fax",
        facts={"arrived": date(2026, 9, 30), "confirmed": date(2026, 10, 8)},
    )  # fmt: skip
    assert application.received_date == date(2026, 10, 8)


def test_the_registration_form_shows_the_rule_and_keeps_what_was_typed(transport, office):
    client = signed_in(office)
    page = client.get("/staff/applications/register/").text
    assert "以行政机关签收之日为收到申请之日" in page
    assert "应当于收到申请的当日与申请人确认" in page
    data = {**zhang_san(), "channel": "ordinary_mail", "arrived": "2026-09-30"}
    data["confirmed"] = "2026-10-08"
    refused = client.post("/staff/applications/register/", data)
    assert refused.status_code == 200
    assert (
        "收到申请的当日与申请人确认" in refused.text and "2025年示例县农村公路养护" in refused.text
    )


# --- Fees (国办函〔2020〕109号) ----------------------------------------------------------------


def test_a_fee_notice_after_the_answers_due_date_is_refused(registered, office):
    application = registered(date(2026, 11, 2))
    with pytest.raises(ValidationError, match="答复期限（2026-11-30）内发出"):
        services.application_fee_notice(
            application=application, by=office, on=date(2026, 12, 1), method="by_volume",
            pages=120,
        )  # fmt: skip


def test_the_months_position_comes_from_the_agencys_records_and_splits_count(registered, office):
    """张三's 3rd application in November is split into 9 件 (一事一申请): it takes positions
    3–11, so the 11th is charged 100 元."""
    registered(date(2026, 10, 30))  # October: another month
    registered(date(2026, 11, 2))
    registered(date(2026, 11, 3), id_number=zhang_san()["id_number"].lower())
    application = registered(date(2026, 11, 4))
    assert services.month_position(application) == (3, 3)
    application = services.application_split(
        application=application, by=office, items=9, reason="申请包含9个不同工程的资料"
    )
    assert services.month_position(application) == (3, 11)
    application = services.application_fee_notice(
        application=application, by=office, on=date(2026, 11, 5), method="by_count"
    )
    assert application.fee.amount == 100
    assert "第3—11件" in application.fee.explanation


@override_settings(GONGKAI_FEE_PAYMENT_DAYS=15)
def test_the_fee_notice_states_amount_standard_and_the_configured_period(registered, office):
    application = registered(date(2026, 11, 2))
    application = services.application_fee_notice(
        application=application, by=office, on=date(2026, 11, 5), method="by_volume", pages=120
    )
    letter = application.letters.get(kind="fee")
    assert "1100元" in letter.body
    assert "15个工作日" in letter.body and "自收到本通知之日起" in letter.body
    assert "国办函〔2020〕109号" in letter.body


def test_a_posted_fee_notice_is_paid_within_the_period_from_its_receipt(registered, office):
    application = registered(date(2026, 9, 14))
    services.application_fee_notice(
        application=application, by=office, on=date(2026, 9, 25), method="by_volume", pages=120
    )
    services.application_fee_notice_received(
        application=application, by=office, on=date(2026, 9, 29)
    )
    application.refresh_from_db()
    assert application.fee.pay_by == add_working_days(date(2026, 9, 29), 20, get_calendar())
    with time_machine.travel(application.fee.pay_by):
        assert services.close_all_lapsed() == 0


# --- Closing: 送达 and 归档 are offered, to the office ------------------------------------------


def test_after_sign_off_the_office_delivers_and_archives_through_the_page(
    registered, office, sign_off, xiaoli, transport
):
    application = registered(date(2026, 11, 2))
    application = services.application_draft_answer(
        application=application, by=office, result=Result.DISCLOSED, text="予以公开。", **PROVIDED
    )
    sign_off(application)
    client = signed_in(office)
    url = f"/staff/applications/{application.pk}/"
    page = client.get(url).text
    assert "action/deliver/" in page and "action/archive/" not in page
    application.refresh_from_db()
    answered = application.answered_date
    for day, problem in (
        (answered - timedelta(days=1), f"送达日期不能早于答复日期（{answered:%Y-%m-%d}）。"),
        (timezone.localdate() + timedelta(days=1), "送达日期不能晚于今天。"),
    ):
        refused = client.post(
            f"{url}action/deliver/",
            {"deliver-on": day.isoformat(), "deliver-method": "EMS邮寄", "deliver-proof": "EA123"},
        )
        assert refused.status_code == 400, refused.status_code
        assert problem in refused.text
        assert 'value="EMS邮寄"' in refused.text and 'value="EA123"' in refused.text
        application.refresh_from_db()
        assert application.status == Status.ANSWERED and application.delivered_date is None
    client.post(
        f"{url}action/deliver/",
        {
            "deliver-on": answered.isoformat(),
            "deliver-method": "电子邮件",
            "deliver-proof": "已发送",
        },
    )
    application.refresh_from_db()
    assert application.status == Status.DELIVERED and application.delivered_date == answered
    page = client.get(url).text
    assert "action/archive/" in page and "action/deliver/" not in page
    client.post(f"{url}action/archive/", {})
    application.refresh_from_db()
    assert application.status == Status.ARCHIVED
    assert "action/" not in client.get(url).text.split('id="review"')[0].split("<aside>")[-1]


def test_the_workbench_shows_each_person_what_waits_on_them(
    registered, office, office_head, secrecy
):
    application = registered(date(2026, 11, 2))
    services.application_request_extension(
        application=application, by=office, on=date(2026, 11, 10), days=5, reason="需调取档案"
    )
    head_page = signed_in(office_head).get("/staff/").text
    assert f"审批延期答复：申请 {application.number}" in head_page
    assert "审批延期答复" not in signed_in(office).get("/staff/").text
    services.application_decide_extension(
        application=application, by=office_head, on=date(2026, 11, 11), approve=True
    )
    services.application_draft_answer(
        application=application, by=office, result=Result.DISCLOSED, text="予以公开。", **PROVIDED
    )
    assert f"保密审查：申请 {application.number} 的答复" in signed_in(secrecy).get("/staff/").text
    assert "保密审查：申请" not in signed_in(office_head).get("/staff/").text


def test_an_answer_that_promises_attachments_warns_until_a_file_is_uploaded(
    registered, office, secrecy, sign_off
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.inspection.conftest import docx_bytes

    application = registered(date(2026, 11, 2))
    application = services.application_draft_answer(
        application=application,
        by=office,
        result=Result.DISCLOSED,
        text="予以公开。",
        basis_option="provided",
        facts={"how": "随本告知书通过电子邮件提供（见附件）"},
    )
    url = f"/staff/applications/{application.pk}/"
    warning = "答复写明随告知书提供（见附件），但“公开的文件”中还没有文件"
    assert warning in signed_in(secrecy).get(url).text
    assert "请在签发前上传公开的文件" in signed_in(office).get(url).text
    upload = SimpleUploadedFile(
        "养护资金安排.docx",
        docx_bytes(["2025年农村公路养护资金安排表"]),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    done = signed_in(office).post(f"{url}files/", {"file-file": upload})
    assert done.status_code == 302 and done["Location"] == url
    page = signed_in(secrecy).get(url).text
    assert warning not in page and "养护资金安排.docx" in page
    sign_off(application)
    application.refresh_from_db()
    assert application.status == Status.ANSWERED
    assert "请在签发前上传" not in signed_in(office).get(url).text
