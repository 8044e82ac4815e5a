"""Telling the applicant (告知): 受理, 补正, 延期, 收费 and 答复 by e-mail and SMS once the step has
committed; every notice recorded (recipient masked), shown to staff, on the tracking page and in
the progress API; a failing mail server or SMS gateway is recorded and never undoes the step."""

import io
import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import Client
from django.utils import timezone

from gongkai.applications import notices, services
from gongkai.applications.choices import Result, Status
from gongkai.applications.models import Application, Notice
from gongkai.core import sms
from tests.applications.conftest import zhang_san

pytestmark = pytest.mark.django_db

Kind = notices.Kind


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run a step as a request would: its notices go out when its transaction commits."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


@pytest.fixture
def register(told, transport, office):
    def make(**overrides):
        application, code = told(
            services.application_register,
            agency=transport,
            by=office,
            data=zhang_san(**overrides),
            channel="in_person",
            received=date(2026, 11, 2),
        )
        return application, code

    return make


def test_registration_is_told_by_email_and_sms_without_the_query_code(register, settings):
    settings.GONGKAI_BASE_URL = "https://xxgk.example.gov.cn"
    application, code = register()
    email, text = Notice.objects.order_by("channel")
    assert (email.channel, text.channel) == ("email", "sms")
    assert email.recipient == "z*******@example.com" and text.recipient == "138****5678"
    assert email.ok and text.ok and email.sent_at and not email.error
    assert email.kind == text.kind == Kind.REGISTERED

    [message] = mail.outbox
    assert message.to == ["zhangsan@example.com"]
    assert application.number in message.subject and "已受理" in message.subject
    [sent] = sms.outbox
    assert sent.to == "13812345678" and sent.sign == "政府信息公开平台"
    assert sent.text == text.text
    assert f"申请编号{application.number}" in sent.text
    assert "示例县交通运输局已于2026年11月2日受理" in sent.text
    assert "2026年11月30日前答复" in sent.text
    url = f"https://xxgk.example.gov.cn/apply/track/?number={application.number}"
    assert url in sent.text and url in message.body
    for said in (sent.text, message.body, message.subject):
        assert code not in said


def test_every_step_the_applicant_acts_on_or_wants_to_know(
    register, told, office, office_head, secrecy
):
    application, _ = register()
    told(
        services.application_request_supplement,
        application=application,
        by=office,
        on=date(2026, 11, 4),
        until=date(2026, 11, 20),
        what="请写明所需信息的年份和路段名称",
    )
    told(
        services.application_supplement_received,
        application=application,
        by=office,
        on=date(2026, 11, 10),
    )
    told(
        services.application_request_extension,
        application=application,
        by=office,
        on=date(2026, 11, 20),
        days=10,
        reason="需要调取档案",
    )
    told(
        services.application_decide_extension,
        application=application,
        by=office_head,
        on=date(2026, 11, 20),
        approve=True,
    )
    application = services.application_split(  # counted as 11: the 11th is charged
        application=application, by=office, items=11, reason="申请包含11个不同工程的资料"
    )
    told(
        services.application_fee_notice,
        application=application,
        by=office,
        on=date(2026, 11, 23),
        method="by_count",
    )
    told(services.application_fee_paid, application=application, by=office, on=date(2026, 11, 25))
    told(
        services.application_draft_answer,
        application=application,
        by=office,
        result=Result.DISCLOSED,
        text="予以公开。",
        basis_option="provided",
        facts={"how": "随本告知书提供"},
    )
    told(services.application_review_answer, application=application, by=secrecy, approve=True)
    told(
        services.application_review_answer,
        application=application,
        by=office_head,
        approve=True,
    )
    kinds = list(Notice.objects.filter(channel="sms").values_list("kind", flat=True))
    assert kinds == ["registered", "supplement_requested", "extension", "fee_notice", "answered"]
    assert Notice.objects.filter(channel="email").count() == 5
    texts = [m.text for m in sms.outbox]
    assert "需要补正：请写明所需信息的年份和路段名称。请于2026年11月20日前补正" in texts[1]
    assert "视为放弃申请" in texts[1]
    assert "延期答复10个工作日，答复期限延至" in texts[2]
    assert (
        "需缴纳信息处理费100元，请自收到收费通知书之日起20个工作日内" in texts[3]
        and "逾期未缴纳的不再处理" in texts[3]
    )
    assert "已对您的政府信息公开申请" in texts[4] and "作出答复" in texts[4]
    for text in texts:
        assert f"申请编号{application.number}" in text and "/apply/track/?number=" in text


def test_a_lapsed_supplement_is_told_as_abandoned(register, told, office):
    application, _ = register()
    told(
        services.application_request_supplement,
        application=application,
        by=office,
        on=date(2026, 11, 4),
        until=date(2026, 11, 11),
        what="请写明年份",
    )
    told(services.application_close_lapsed, application=application, today=date(2026, 11, 20))
    last = sms.outbox[-1].text
    assert "因逾期未补正，视为放弃申请" in last
    assert Notice.objects.filter(kind=Kind.ABANDONED, ok=True).count() == 2


def test_online_applications_are_told_when_confirmed_not_when_sent(told, transport, office):
    application, _code, _ = told(
        services.application_submit, agency=transport, data=zhang_san(), submission_key="k1"
    )
    assert not Notice.objects.exists()
    told(services.application_confirm, application=application, by=office)
    assert Notice.objects.filter(kind=Kind.CONFIRMED).count() == 2
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日受理" in sms.outbox[0].text


def test_only_the_contacts_given_are_used(register):
    register(email="", phone="0871-64512345", delivery="post", form_wanted="paper")
    [landline] = Notice.objects.all()
    assert landline.channel == "sms" and not landline.ok
    assert landline.error == "联系电话不是手机号码，未发送短信。"
    assert landline.recipient == "087*****2345"
    assert mail.outbox == [] and sms.outbox == []


def test_a_step_that_fails_tells_nobody(django_capture_on_commit_callbacks, transport, office):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.application_register(
                agency=transport,
                by=office,
                data=zhang_san(),
                channel="in_person",
                received=date(2026, 11, 2),
            )
            raise RuntimeError("the request fails after the step")
    assert callbacks == []
    assert not Application.objects.exists() and not Notice.objects.exists()
    assert mail.outbox == [] and sms.outbox == []


def test_nothing_is_sent_before_the_step_commits(transport, office):
    services.application_register(
        agency=transport,
        by=office,
        data=zhang_san(),
        channel="in_person",
        received=date(2026, 11, 2),
    )
    assert not Notice.objects.exists() and mail.outbox == [] and sms.outbox == []


def test_the_console_backend_writes_the_message_with_the_number_masked(register, settings, capsys):
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.sms.ConsoleBackend"
    settings.GONGKAI_SMS_SIGN = "示例县政务公开"
    application, _ = register()
    out = capsys.readouterr().out
    assert "[短信] 138****5678：【示例县政务公开】" in out
    assert f"申请编号{application.number}" in out and "13812345678" not in out
    assert Notice.objects.get(channel="sms").ok


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(f"无法投递到 {email_messages[0].to[0]}")


def test_a_mail_server_failure_is_recorded_and_the_step_stands(register, settings):
    settings.EMAIL_BACKEND = "tests.applications.test_notices.BrokenMailServer"
    application, _ = register()
    email = Notice.objects.get(channel="email")
    assert not email.ok and email.sent_at
    assert email.error == "邮件未发出：无法投递到 z*******@example.com"
    assert Notice.objects.get(channel="sms").ok
    assert Application.objects.get(pk=application.pk).status == Status.REGISTERED


# --- The provincial SMS gateway, a real HTTP server on 127.0.0.1 --------------------------------


class Gateway:
    """A stand-in for the provincial SMS gateway: records each request; answers ``status`` after
    ``delay`` seconds."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status, self.delay = 200, 0.0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                gateway.requests.append(
                    {
                        "path": self.path,
                        "authorization": self.headers.get("Authorization"),
                        "content_type": self.headers.get("Content-Type"),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                time.sleep(gateway.delay)
                body = b'{"ok": true}' if gateway.status < 400 else "网关故障".encode()
                try:
                    self.send_response(gateway.status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up waiting
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    running = Gateway()
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.sms.HttpBackend"
    settings.GONGKAI_SMS_URL = running.url
    settings.GONGKAI_SMS_TOKEN = "sms-token-123"
    settings.GONGKAI_SMS_TIMEOUT = 0.5
    settings.GONGKAI_SMS_SIGN = "示例县政务公开"
    yield running
    running.close()


def test_the_gateway_gets_json_with_the_bearer_token(register, gateway):
    application, code = register()
    [request] = gateway.requests
    assert request["path"] == "/sms/send"
    assert request["authorization"] == "Bearer sms-token-123"
    assert request["content_type"].startswith("application/json")
    body = request["body"]
    assert set(body) == {"to", "text", "sign"}
    assert body["to"] == "13812345678" and body["sign"] == "示例县政务公开"
    assert f"申请编号{application.number}" in body["text"] and code not in body["text"]
    assert Notice.objects.get(channel="sms").ok


def test_a_gateway_error_is_recorded_and_the_step_stands(register, gateway):
    gateway.status = 500
    application, _ = register()
    notice = Notice.objects.get(channel="sms")
    assert not notice.ok and notice.sent_at
    assert notice.error == "短信网关返回 HTTP 500：网关故障。"
    assert "sms-token-123" not in notice.error
    assert Notice.objects.get(channel="email").ok  # the e-mail went out all the same
    assert application.events.filter(kind=Kind.REGISTERED).exists()


def test_a_silent_gateway_times_out_and_is_recorded(register, gateway):
    gateway.delay = 3
    register()
    notice = Notice.objects.get(channel="sms")
    assert not notice.ok and notice.error == "短信网关在0.5秒内没有响应。"
    assert (notice.sent_at - notice.created_at).total_seconds() < 2.5  # gave up, did not wait 3 s


def test_an_unreachable_gateway_is_recorded(register, gateway, settings):
    gateway.close()
    register()
    notice = Notice.objects.get(channel="sms")
    assert not notice.ok and notice.error.startswith("无法连接短信网关")


def test_the_http_backend_can_fail_silently(gateway):
    gateway.status = 503
    backend = sms.get_connection(fail_silently=True)
    assert backend.send_messages([sms.SmsMessage("13812345678", "测试")]) == 0
    gateway.status = 200
    assert sms.send_sms("13812345678", "测试", connection=backend) == 1
    with pytest.raises(sms.SmsError, match="未设置短信网关地址"):
        sms.HttpBackend(url="").send_messages([sms.SmsMessage("13812345678", "测试")])


# --- Where the notices are shown -----------------------------------------------------------------


def test_staff_see_each_notice_and_why_one_failed(register, gateway, office):
    gateway.status = 500
    application, _ = register()
    client = Client()
    client.force_login(office)
    page = client.get(f"/staff/applications/{application.pk}/").text
    assert "告知申请人" in page and "138****5678" in page and "z*******@example.com" in page
    assert "已发送" in page and "未能发送" in page and "短信网关返回 HTTP 500" in page


def test_the_applicant_sees_the_notices_on_the_tracking_page_and_in_the_api(register, gateway):
    gateway.status = 500
    application, code = register()
    client = Client()
    found = client.post("/apply/track/", {"number": application.number, "code": code})
    page = client.get(found["Location"]).text
    assert "给您的通知" in page
    assert "以短信通知您（138****5678）：已受理，未能发送。" in page
    assert "以电子邮件通知您（z*******@example.com）：已受理，已发送。" in page
    assert "13812345678" not in page and "网关故障" not in page

    body = client.get(f"/api/v1/applications/{application.number}", {"code": code}).json()
    by_channel = {n["channel"]: n for n in body["notices"]}
    assert by_channel["短信"]["sent"] is False and by_channel["短信"]["outcome"] == "未能发送"
    assert by_channel["电子邮件"]["sent"] is True
    assert by_channel["短信"]["recipient"] == "138****5678"
    assert by_channel["短信"]["about"] == "已受理"
    assert f"申请编号{application.number}" in by_channel["短信"]["text"]
    assert "error" not in by_channel["短信"]


def test_the_demo_tells_nobody(transport, office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), notices.muted():
        services.application_register(
            agency=transport,
            by=office,
            data=zhang_san(),
            channel="in_person",
            received=date(2026, 11, 2),
        )
    assert not Notice.objects.exists() and mail.outbox == [] and sms.outbox == []


def test_the_sms_console_backend_is_the_default(monkeypatch):
    import gongkai.settings as project_settings

    if "GONGKAI_SMS_BACKEND" not in __import__("os").environ:
        assert project_settings.GONGKAI_SMS_BACKEND == "gongkai.core.sms.ConsoleBackend"
    stream = io.StringIO()
    sms.ConsoleBackend(stream=stream).send_messages([sms.SmsMessage("13812345678", "你好", "平台")])
    assert stream.getvalue() == "[短信] 138****5678：【平台】你好\n"
