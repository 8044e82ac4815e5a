"""网上申请 and 申请查询 as 公民张三 uses them: the form, the 申请编号 and 查询码, the tracking page,
the letters and disclosed files behind the code, withdrawal, and the flood limits."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.choices import Status
from gongkai.applications.identity import make_resident_id
from gongkai.applications.models import AnswerFile, Application
from tests.conftest import person

pytestmark = pytest.mark.django_db

ZHANGSAN_ID = make_resident_id("11010519491231002")  # the example of GB 11643-1999: …002X
ZHANGSAN = {
    "applicant_type": "natural",
    "name": "张三",
    "id_type": "resident_id",
    "id_number": ZHANGSAN_ID,
    "phone": "13812345678",
    "email": "zhangsan@example.com",
    "address": "示例县人民路1号",
    "postcode": "100000",
    "description": "2025年示例县农村公路养护资金使用情况",
    "purpose": "了解本村道路养护",
    "form_wanted": "email",
    "delivery": "email",
}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def xiaozhou(transport):
    """公开办小周, who confirms and answers applications."""
    return person("xiaozhou", transport, "disclosure_office", full_name="公开办小周")


@pytest.fixture
def laozhao(transport):
    """公开办负责人老赵, who signs answers off."""
    return person("laozhao", transport, "disclosure_office", full_name="公开办老赵")


def hidden(html: str, name: str) -> str:
    return unescape(re.search(rf'name="{name}" value="([^"]*)"', html).group(1))


def answer_to(html: str) -> str:
    a, op, b = re.search(r"验证问题：(\d+) (加|减) (\d+) 等于几？", html).groups()
    return str(int(a) + int(b) if op == "加" else int(a) - int(b))


def form_fields(client, agency="SX120") -> dict:
    """What the form page hands out: the submission key, the challenge, and its answer."""
    html = client.get(f"/xxgk/{agency}/apply/").text
    return {
        "submission_key": hidden(html, "submission_key"),
        "challenge_token": hidden(html, "challenge_token"),
        "challenge_answer": answer_to(html),
    }


def submit(client, data=None, agency="SX120", **changes):
    fields = {**ZHANGSAN, **form_fields(client, agency), **(data or {}), **changes}
    return client.post(f"/xxgk/{agency}/apply/", fields)


def submitted(client, **changes):
    """Submit, follow to the confirmation page; (application, query code)."""
    response = submit(client, **changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).text
    number = re.search(r'class="apply-code">([^<]+)<', page).group(1)
    code = re.findall(r'class="apply-code">([^<]+)<', page)[1]
    return Application.objects.get(number=number), code


def tracked(client, number, code):
    return client.post("/apply/track/", {"number": number, "code": code})


def result_page(client, number, code) -> tuple[str, str]:
    """The tracking result page's HTML and its address (with the signed token)."""
    response = tracked(client, number, code)
    assert response.status_code == 302
    return client.get(response["Location"]).text, response["Location"]


# --- The form --------------------------------------------------------------------------------


def test_the_agency_home_leads_to_the_online_form(transport, client):
    assert 'href="/xxgk/SX120/apply/"' in client.get("/xxgk/SX120/").text


def test_the_form_page_has_the_guidance_the_three_groups_and_is_never_cached(transport, client):
    response = client.get("/xxgk/SX120/apply/")
    page = response.text
    for text in [
        "第二十七条",
        "第二十九条",
        "申请人信息",
        "所需信息",
        "获取方式",
        "法人或其他组织",
    ]:
        assert text in page
    for label in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "居民身份证"]:
        assert label in page
    assert "csrfmiddlewaretoken" in page and "验证问题：" in page
    assert "no-store" in response["Cache-Control"]
    assert "apply.css" in page


def test_an_unknown_agency_has_no_form(transport, client):
    assert client.get("/xxgk/NOPE/apply/").status_code == 404


def test_submitting_online_gives_a_number_and_a_code_and_awaits_confirmation(transport, client):
    application, code = submitted(client)
    assert application.status == Status.AWAITING_CONFIRMATION
    assert application.channel == "online" and application.received_date is None
    assert application.number.startswith("SX120-")
    assert re.fullmatch(r"\d{8}", code) and services.code_matches(application, code)
    assert code not in application.code_hash  # only its hash is kept
    assert (
        application.id_number == ZHANGSAN_ID and application.description == ZHANGSAN["description"]
    )


def test_the_confirmation_page_shows_the_code_only_to_the_browser_that_submitted(transport, client):
    application, code = submitted(client)
    other = Client().get("/xxgk/SX120/apply/done/").text
    assert code not in other and application.number not in other
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert code not in client.get("/xxgk/SX120/apply/done/").text  # only right after


def test_a_double_submit_creates_one_application(transport, client):
    fields = {**ZHANGSAN, **form_fields(client)}
    first = client.post("/xxgk/SX120/apply/", fields)
    second = client.post("/xxgk/SX120/apply/", fields)
    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1
    page = client.get(second["Location"]).text
    assert Application.objects.get().number in page


def test_every_missing_field_gets_its_chinese_error(transport, client):
    empty = {name: "" for name in ZHANGSAN}
    response = submit(client, empty)
    assert response.status_code == 400
    page = response.text
    for message in [
        "请填写申请人类型。",
        "请填写姓名或名称。",
        "请填写证件类型。",
        "请填写证件号码。",
        "请填写联系电话。",
        "请填写所需信息的描述。",
        "请填写获取信息的形式。",
        "请填写获取信息的方式。",
    ]:
        assert message in page, message
    assert "已填写的内容均已保留" in page
    assert not Application.objects.exists()


def test_invalid_values_get_their_errors_and_everything_typed_is_kept(transport, client):
    wrong_id = ZHANGSAN_ID[:17] + "1"
    response = submit(
        client,
        id_number=wrong_id,
        email="zhangsan-at-example",
        postcode="12345",
        description="示例县2025年<农村公路>养护资金",
    )
    assert response.status_code == 400
    page = response.text
    assert "身份证号码校验码错误（最后一位应为X）" in page
    assert "电子邮箱格式不正确。" in page and "邮政编码应为6位数字。" in page
    assert f'value="{wrong_id}"' in page
    assert 'value="zhangsan-at-example"' in page and 'value="12345"' in page
    assert "示例县2025年&lt;农村公路&gt;养护资金" in page  # typed text kept, escaped
    assert 'value="13812345678"' in page and "了解本村道路养护" in page
    assert re.search(r'value="natural"[^>]*checked', page)
    assert 'aria-invalid="true"' in page


def test_a_wrong_resident_id_check_digit_is_refused(transport, client):
    response = submit(client, id_number="110105194912310021")
    assert response.status_code == 400
    assert "身份证号码校验码错误（最后一位应为X）" in response.text


def test_a_wrong_credit_code_check_character_is_refused(transport, client):
    organisation = {
        "applicant_type": "commercial",
        "name": "示例县顺达运输有限公司",
        "contact_person": "李四",
        "id_type": "credit_code",
    }
    response = submit(client, organisation, id_number="91350100M000100Y44")
    assert response.status_code == 400
    assert "统一社会信用代码校验码错误（最后一位应为3）" in response.text
    application, _ = submitted(client, **organisation, id_number="91350100M000100Y43")
    assert application.applicant_type == "commercial"


def test_an_organisation_needs_a_contact_person_and_a_credit_code(transport, client):
    response = submit(client, applicant_type="research", name="示例县交通研究所")
    page = response.text
    assert "法人或其他组织请填写联系人。" in page
    assert "法人或其他组织请填写统一社会信用代码。" in page


def test_a_wrong_challenge_answer_is_refused_and_nothing_typed_is_lost(transport, client):
    fields = {**ZHANGSAN, **form_fields(client)}
    fields["challenge_answer"] = str(int(fields["challenge_answer"]) + 1)
    response = client.post("/xxgk/SX120/apply/", fields)
    assert response.status_code == 400
    page = response.text
    assert "验证问题回答不正确，请回答新的问题。" in page
    assert ZHANGSAN["description"] in page and f'value="{ZHANGSAN_ID}"' in page
    assert hidden(page, "submission_key") == fields["submission_key"]
    assert hidden(page, "challenge_token") != fields["challenge_token"]  # a new question
    assert not Application.objects.exists()
    # Answering the new question submits the same form.
    again = {**fields, "challenge_token": hidden(page, "challenge_token")}
    again["challenge_answer"] = answer_to(page)
    assert client.post("/xxgk/SX120/apply/", again).status_code == 302


def test_a_challenge_expires_after_half_an_hour(transport, client):
    fields = {**ZHANGSAN, **form_fields(client)}
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.post("/xxgk/SX120/apply/", fields)
    assert response.status_code == 400
    assert "验证问题已过期，请回答新的问题。" in response.text


def test_the_honeypot_refuses(transport, client):
    response = submit(client, homepage="http://spam.example")
    assert response.status_code == 400
    assert "提交未成功" in response.text
    assert not Application.objects.exists()


def test_the_rate_limit_answers_429_and_keeps_the_typed_data(transport, client, settings):
    settings.GONGKAI_APPLICATION_RATE = 3
    for _ in range(3):
        assert submit(client).status_code == 302
    response = submit(client, description="第四份申请：城区停车收费标准")
    assert response.status_code == 429
    assert "提交过于频繁" in response.text and "第四份申请：城区停车收费标准" in response.text
    assert Application.objects.count() == 3
    # Another address is not affected.
    assert submit(Client(REMOTE_ADDR="10.0.0.9")).status_code == 302


# --- Tracking --------------------------------------------------------------------------------


@time_machine.travel("2026-11-20 10:00 +0800", tick=True)
def test_the_tracking_page_shows_progress_with_the_right_code(transport, client, xiaozhou):
    from gongkai.workdays.services import seed_from_package

    seed_from_package()
    application, code = submitted(client)
    services.application_confirm(application=application, by=xiaozhou)
    page, address = result_page(client, application.number, code)
    assert code not in address  # links carry a signed token, never the code
    application.refresh_from_db()
    for text in [
        application.number,
        "已受理",
        "提交申请",
        "确认收到申请",
        f"{application.due_date:%Y年}{application.due_date.month}月{application.due_date.day}日",
        "政府信息公开申请受理回执",
        ZHANGSAN["description"],
        "张*",
    ]:
        assert text in page, text


def test_a_wrong_number_and_a_wrong_code_get_the_same_generic_error(transport, client):
    application, code = submitted(client)
    wrong_code = tracked(client, application.number, "00000000" if code != "00000000" else "1")
    wrong_number = tracked(client, "SX120-2026-9999", code)
    assert wrong_code.status_code == wrong_number.status_code == 400
    for response in (wrong_code, wrong_number):
        assert "申请编号或查询码不正确。" in response.text
        assert "查询码不正确。" not in response.text.replace("申请编号或查询码不正确。", "")


def test_guessing_codes_is_limited(transport, client):
    application, code = submitted(client)
    for _ in range(20):
        assert tracked(client, application.number, "12345678").status_code in (400, 302)
    response = tracked(client, application.number, code)
    assert response.status_code == 429 and "查询次数过多" in response.text


def test_a_stale_or_forged_tracking_link_asks_for_the_code_again(transport, client):
    application, code = submitted(client)
    _, address = result_page(client, application.number, code)
    forged = client.get(f"/apply/track/{application.number}/?t=forged")
    assert forged.status_code == 302 and forged["Location"].startswith("/apply/track/?number=")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client.get(address).status_code == 302


def test_the_tracking_page_never_shows_the_id_number_phone_or_staff_names(
    transport, client, xiaozhou
):
    application, code = submitted(client)
    services.application_confirm(application=application, by=xiaozhou)
    services.personal_data_viewed(application=application, by=xiaozhou)
    page, _ = result_page(client, application.number, code)
    for secret in [ZHANGSAN_ID, "13812345678", "zhangsan@example.com", "张三", "小周", "xiaozhou"]:
        assert secret not in page, secret
    assert "查看申请人信息" not in page  # internal steps are not shown
    assert "noindex" in client.get(tracked(client, application.number, code)["Location"]).get(
        "X-Robots-Tag", ""
    )


def _letter_links(page):
    return [unescape(u) for u in re.findall(r'href="(/apply/track/[^"]+/letters/[^"]+)"', page)]


def test_letters_download_only_with_the_right_code(transport, client, xiaozhou):
    application, code = submitted(client)
    services.application_confirm(application=application, by=xiaozhou)
    page, _ = result_page(client, application.number, code)
    links = _letter_links(page)
    assert links, page
    docx = next(link for link in links if "/docx/" in link)
    download = client.get(docx)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content)[:2] == b"PK"
    path = docx.split("?")[0]
    assert client.get(path).status_code == 404  # no token
    assert client.get(path + "?t=forged").status_code == 404
    # A link issued for another application does not open this one's letters.
    other, other_code = submitted(client, description="另一份申请")
    _, other_address = result_page(client, other.number, other_code)
    other_token = other_address.split("t=")[1]
    assert client.get(f"{path}?t={other_token}").status_code == 404
    # Resetting the code revokes the links handed out before.
    services.application_reset_code(application=application, by=xiaozhou)
    assert client.get(docx).status_code == 404


def test_disclosed_files_reach_the_applicant_only_after_the_answer(
    transport, client, xiaozhou, sign_off
):
    application, code = submitted(client)
    services.application_confirm(application=application, by=xiaozhou)
    answer_file = AnswerFile(
        application=application, original_name="养护资金明细.pdf", file_type="pdf", size=9
    )
    answer_file.file.save("x.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    page, address = result_page(client, application.number, code)
    token = address.split("t=")[1]
    file_path = f"/apply/track/{application.number}/files/{answer_file.pk}/"
    assert "养护资金明细.pdf" not in page
    assert client.get(f"{file_path}?t={token}").status_code == 404  # not signed off yet
    application = services.application_draft_answer(
        application=application,
        by=xiaozhou,
        result="disclosed",
        text="现将相关信息提供给您。",
        basis_option="provided",
        facts={"how": "请在申请查询页面下载"},
    )
    sign_off(application)
    page, address = result_page(client, application.number, code)
    assert "养护资金明细.pdf" in page and "予以公开" in page and "（一）" not in page
    assert "政府信息公开申请答复告知书" in page
    token = address.split("t=")[1]
    download = client.get(f"{file_path}?t={token}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n"
    assert client.get(file_path).status_code == 404
    assert "/withdraw/" not in page  # closed: nothing to withdraw


def test_the_applicant_withdraws_on_the_tracking_page(transport, client):
    application, code = submitted(client)
    page, _ = result_page(client, application.number, code)
    token = hidden(page, "t")
    url = f"/apply/track/{application.number}/withdraw/"
    refused = client.post(url, {"t": token, "code": "99999999", "reason": ""})
    assert refused.status_code == 400 and "查询码不正确。" in refused.text
    application.refresh_from_db()
    assert application.status == Status.AWAITING_CONFIRMATION
    done = client.post(url, {"t": token, "code": code, "reason": "已从其他渠道获得"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN and application.result == "other_3"
    page = client.get(done["Location"]).text
    assert "您已撤回本申请" in page and "申请人已撤回" in page and "申请人撤回申请" in page
    assert "/withdraw/" not in page


def test_withdrawing_needs_a_fresh_link(transport, client):
    application, code = submitted(client)
    response = client.post(
        f"/apply/track/{application.number}/withdraw/", {"t": "forged", "code": code}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.AWAITING_CONFIRMATION


@time_machine.travel("2040-12-20 10:00 +0800", tick=True)
def test_the_tracking_page_says_when_next_years_holidays_are_missing(transport, client, xiaozhou):
    """No due date is guessed when the working-day calendar does not cover the period."""
    application, code = submitted(client)
    services.application_confirm(application=application, by=xiaozhou)
    page, _ = result_page(client, application.number, code)
    application.refresh_from_db()
    assert application.due_date is None
    assert "已受理" in page
    words = "收到申请之日起第20个工作日，具体日期按国务院办公厅公布的2040年部分节假日安排计算"
    assert words in page
    assert "尚未录入" not in page  # the staff's words, not the applicant's
    receipt = application.letters.get(kind="receipt")
    assert f"（答复期限：{words}）" in receipt.body and "暂停计时" not in receipt.body


def test_the_number_may_be_typed_full_width_lower_case_or_with_spaces(transport, client):
    application, code = submitted(client)
    full_width = "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in application.number.lower()
    )
    for typed in (
        full_width,
        f" {application.number.lower()} ",
        application.number.replace("-", " - "),
    ):
        page, _ = result_page(client, typed, code)
        assert application.number in page
