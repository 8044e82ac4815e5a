"""依申请公开 over JSON, as a provincial 政务服务平台 forwards applications and follows them up."""

import json
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.test import Client

from gongkai.applications import services
from gongkai.applications.models import Application
from tests.applications.test_public import ZHANGSAN, ZHANGSAN_ID, submit
from tests.conftest import person

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def xiaozhou(transport):
    return person("xiaozhou", transport, "disclosure_office", full_name="公开办小周")


def forwarded(**changes) -> dict:
    return {
        "agency": "SX120",
        "submission_key": "SD-2026-000123",
        "channel_reference": "鲁政服〔2026〕123",
        **ZHANGSAN,
        **changes,
    }


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_the_openapi_document_lists_both_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/applications"]
    assert "get" in paths["/api/v1/applications/{number}"]


def test_a_forwarded_application_gets_a_number_and_a_code(transport):
    # Server to server: no CSRF cookie, no token, and none needed.
    response = post(Client(enforce_csrf_checks=True), forwarded(phone=13812345678))
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= {"number", "code", "status"} and body["status"] == "awaiting"
    application = Application.objects.get(number=body["number"])
    assert application.channel == "platform"
    assert application.channel_reference == "鲁政服〔2026〕123"
    assert services.code_matches(application, body["code"])


def test_a_retried_submission_gives_the_same_application(transport, client):
    first = post(client, forwarded())
    again = post(client, forwarded())
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert Application.objects.count() == 1


def test_a_submission_key_cannot_fetch_someone_elses_code(transport, client):
    post(client, forwarded())
    other = post(client, forwarded(name="李四", description="另一份申请"))
    assert other.status_code == 409
    assert "code" not in other.json()
    assert Application.objects.count() == 1


def test_invalid_input_gets_400_with_the_same_messages_as_the_form(transport, client):
    bad = {
        "id_number": ZHANGSAN_ID[:17] + "1",
        "email": "zhangsan-at-example",
        "postcode": "12345",
        "phone": "",
        "delivery": "carrier-pigeon",
    }
    response = post(client, forwarded(**bad))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"id_number", "email", "postcode", "phone", "delivery"}
    assert errors["id_number"] == ["身份证号码校验码错误（最后一位应为X）"]
    page = submit(client, bad).text
    for messages in errors.values():
        for message in messages:
            assert message in page, message
    assert not Application.objects.exists()


def test_missing_fields_get_the_forms_messages(transport, client):
    response = post(client, {"agency": "SX120", "submission_key": "SD-2026-000124"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["name"] == ["请填写姓名或名称。"]
    assert errors["description"] == ["请填写所需信息的描述。"]


def test_a_wrong_credit_code_check_character_is_refused(transport, client):
    organisation = forwarded(
        applicant_type="legal_services",
        name="示例律师事务所",
        contact_person="王律师",
        id_type="credit_code",
        id_number="91350100M000100Y44",
    )
    errors = post(client, organisation).json()["errors"]
    assert errors == {"id_number": ["统一社会信用代码校验码错误（最后一位应为3）"]}


def test_an_unknown_agency_is_404(transport, client):
    assert post(client, forwarded(agency="NOPE")).status_code == 404
    missing = post(client, forwarded(agency=""))
    assert missing.status_code == 400 and missing.json()["errors"] == {
        "agency": ["请填写受理机关代码。"]
    }


def test_submissions_are_rate_limited_per_address(transport, client, settings):
    settings.GONGKAI_APPLICATION_RATE = 2
    codes = [
        post(client, forwarded(submission_key=f"SD-2026-{n:06d}")).status_code for n in range(3)
    ]
    assert codes == [201, 201, 429]
    assert Application.objects.count() == 2


def test_progress_with_the_right_code(transport, client, xiaozhou):
    created = post(client, forwarded()).json()
    application = Application.objects.get(number=created["number"])
    services.application_confirm(application=application, by=xiaozhou)
    response = client.get(f"{URL}/{created['number']}", {"code": created["code"]})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "registered" and body["status_label"] == "已受理"
    assert body["received_date"] and body["applicant"] == "张*"
    assert [e["event"] for e in body["timeline"]] == ["提交申请", "确认收到申请"]
    letter = body["letters"][0]
    assert letter["title"] == "政府信息公开申请受理回执"
    download = client.get(unescape(letter["docx_url"]))
    assert download.status_code == 200
    text = response.content.decode()
    for secret in [ZHANGSAN_ID, "13812345678", "zhangsan@example.com", "小周", "xiaozhou"]:
        assert secret not in text, secret
    assert created["code"] not in letter["docx_url"]


def test_a_wrong_number_or_code_is_the_same_404(transport, client):
    created = post(client, forwarded()).json()
    wrong_code = client.get(f"{URL}/{created['number']}", {"code": "00000000"})
    wrong_number = client.get(f"{URL}/SX120-2026-9999", {"code": created["code"]})
    no_code = client.get(f"{URL}/{created['number']}")
    assert wrong_code.status_code == wrong_number.status_code == no_code.status_code == 404
    assert wrong_code.json() == wrong_number.json() == {"detail": "申请编号或查询码不正确。"}


def test_guessing_codes_through_the_api_is_limited(transport, client):
    created = post(client, forwarded()).json()
    for _ in range(20):
        client.get(f"{URL}/{created['number']}", {"code": "12345678"})
    response = client.get(f"{URL}/{created['number']}", {"code": created["code"]})
    assert response.status_code == 429


def test_an_online_submission_is_trackable_through_the_api(transport, client):
    response = submit(client)
    page = client.get(response["Location"]).text
    number, code = re.findall(r'class="apply-code">([^<]+)<', page)
    body = client.get(f"{URL}/{number}", {"code": code}).json()
    assert body["number"] == number and body["status"] == "awaiting"
