"""``gongkai remind`` says what it really sent: sent (accepted by the mail backend), skipped for
want of an e-mail address, or failed (with the reason, and exit status 1)."""

import io
from datetime import date

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from gongkai.publishing import services
from gongkai.workbench.reminders import Outcome, reminders_send
from tests.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(transport, xiaoli, laowang):
    """An item waiting for 老王's review since October, and 小王 of 建设股 with another one."""
    from gongkai.publishing.models import CatalogueEntry

    services.catalogue_apply_template(agency=transport)
    entry = CatalogueEntry.objects.get(agency=transport, name="其他文件")
    person("laochen", transport, "secrecy_reviewer", "办公室", full_name="陈建国")
    person("liufj", transport, "deputy_leader", full_name="刘副局长")
    person("zhoujz", transport, "principal_leader", full_name="周局长")
    person("xiaolin", transport, "disclosure_office", "办公室", full_name="林晓")
    xiaowang = person("xiaowang", transport, "info_officer", "建设股", full_name="小王")
    jianshe = person("laoliu", transport, "unit_head", "建设股", full_name="老刘")
    for drafter in (xiaoli, xiaowang):
        item = services.item_create(
            agency=transport,
            by=drafter,
            data={
                "title": f"{drafter.display_name}拟稿的通知",
                "entry": entry,
                "body": "正文",
                "doc_number": "",
                "formed_date": date(2026, 10, 8),
                "written_date": date(2026, 10, 8),
                "disclosure": "active",
                "withhold_ground": "",
                "withhold_explanation": "",
                "topic": "industry_transport",
            },
        )
        services.item_submit(item=item, by=drafter)
    return {"laowang": laowang, "laoliu": jianshe}


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("remind", "--date", "2026-11-23", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_a_person_without_an_address_is_reported_as_not_sent(overdue, mailoutbox):
    overdue["laowang"].email = "laowang@example.gov.cn"
    overdue["laowang"].save()
    overdue["laoliu"].email = ""
    overdue["laoliu"].save()
    code, out, err = run()
    assert code == 0 and not err
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["laowang@example.gov.cn"]
    assert "laowang: 逾期 1 项，即将到期 0 项 — 已发送" in out
    assert "laoliu: 逾期 1 项，即将到期 0 项 — 未发送：没有电子邮箱" in out
    assert out.splitlines()[-1] == "已发送提醒 1 人，没有电子邮箱未发送 1 人，发送失败 0 人。"


def test_nobody_with_an_address_means_nothing_sent(overdue, mailoutbox):
    for user in overdue.values():
        user.email = ""
        user.save()
    code, out, _ = run()
    assert code == 0 and mailoutbox == []
    assert out.splitlines()[-1] == "已发送提醒 0 人，没有电子邮箱未发送 2 人，发送失败 0 人。"


def test_a_dry_run_sends_nothing_and_says_who_would_get_one(overdue, mailoutbox):
    overdue["laowang"].email = "laowang@example.gov.cn"
    overdue["laowang"].save()
    code, out, _ = run("--dry-run")
    assert code == 0 and mailoutbox == []
    assert "laowang: 逾期 1 项，即将到期 0 项 — 待发送" in out
    assert out.splitlines()[-1] == "待发送提醒 1 人，没有电子邮箱未发送 1 人。"


class RefusingMailServer(BaseEmailBackend):
    """Refuses mail to laoliu, takes the rest (as an SMTP server that rejects one recipient)."""

    sent: list = []

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to == ["laoliu@example.gov.cn"]:
                raise ConnectionError("550 mailbox unavailable")
        self.sent.extend(email_messages)
        return len(email_messages)


class SilentMailServer(BaseEmailBackend):
    """Takes nothing and says so by its count (as fail_silently backends do)."""

    def send_messages(self, email_messages):
        return 0


def test_a_failing_backend_is_reported_and_the_others_still_go_out(overdue, settings):
    settings.EMAIL_BACKEND = "tests.test_remind.RefusingMailServer"
    RefusingMailServer.sent = []
    for user in overdue.values():
        user.email = f"{user.username}@example.gov.cn"
        user.save()
    code, out, err = run()
    assert code == 1
    assert "laoliu: 逾期 1 项，即将到期 0 项 — 发送失败：550 mailbox unavailable" in err
    assert "laowang: 逾期 1 项，即将到期 0 项 — 已发送" in out
    assert [m.to for m in RefusingMailServer.sent] == [["laowang@example.gov.cn"]]
    assert out.splitlines()[-1] == "已发送提醒 1 人，没有电子邮箱未发送 0 人，发送失败 1 人。"


def test_a_message_the_backend_did_not_accept_is_not_counted_as_sent(overdue, settings):
    settings.EMAIL_BACKEND = "tests.test_remind.SilentMailServer"
    overdue["laowang"].email = "laowang@example.gov.cn"
    overdue["laowang"].save()
    reminders = {r.username: r for r in reminders_send(today=date(2026, 11, 23))}
    assert reminders["laowang"].outcome == Outcome.FAILED
    assert reminders["laowang"].error == "邮件服务器未接受"
    assert reminders["laoliu"].outcome == Outcome.NO_ADDRESS
