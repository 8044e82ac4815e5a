"""互动交流 on the portal as 公民张三 and any visitor see it: the form with its flood protections,
the published questions and answers, and never a private message or a piece of personal data."""

import re
from html import unescape

import pytest
import time_machine
from django.test import Client, override_settings

from gongkai.interaction import services
from gongkai.interaction.models import Message

pytestmark = pytest.mark.django_db

PERSONAL = ["张三", "13812345678", "138****5678", "zhangsan@example.com", "云E·T1234", "张*"]


def hidden(html: str, name: str) -> str:
    return unescape(re.search(rf'name="{name}" value="([^"]*)"', html).group(1))


def solve(html: str) -> str:
    a, op, b = re.search(r"验证问题：(\d+) (加|减) (\d+) 等于几", html).groups()
    return str(int(a) + int(b) if op == "加" else int(a) - int(b))


def form_data(html: str, **overrides) -> dict:
    data = {
        "kind": "consultation",
        "title": "白沙镇到城关的班车几点发车",
        "content": "我是张三，请问白沙镇到城关的班车几点发车？电话13812345678。",
        "asker_name": "张三",
        "asker_phone": "138 1234 5678",
        "asker_email": "zhangsan@example.com",
        "submission_key": hidden(html, "submission_key"),
        "challenge_token": hidden(html, "challenge_token"),
        "challenge_answer": solve(html),
        "homepage": "",
    }
    data.update(overrides)
    return data


def publish(message, office):
    message.refresh_from_db()
    return services.message_publish(
        message=message,
        by=office,
        title=message.public_title,
        content=message.public_content,
        answer=message.public_answer,
    )


# --- The form ------------------------------------------------------------------------------


def test_zhang_san_leaves_a_message_and_gets_its_number(transport):
    client = Client()
    page = client.get("/xxgk/SX120/hudong/write/")
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    html = page.content.decode()
    assert "5个工作日内答复" in html
    response = client.post("/xxgk/SX120/hudong/write/", form_data(html))
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.channel == "website"
    assert message.asker_phone == "13812345678"
    assert message.events.get().kind == "submitted"
    done = client.get(response["Location"])
    assert message.number in done.content.decode()
    assert "max-age=0" in done["Cache-Control"]


def test_a_double_submit_gives_one_message(transport):
    client = Client()
    html = client.get("/xxgk/SX120/hudong/write/").content.decode()
    data = form_data(html)
    client.post("/xxgk/SX120/hudong/write/", data)
    second = client.post("/xxgk/SX120/hudong/write/", data)
    assert second.status_code == 302
    assert Message.objects.count() == 1


def test_a_wrong_answer_keeps_what_was_typed_and_asks_a_new_question(transport):
    client = Client()
    html = client.get("/xxgk/SX120/hudong/write/").content.decode()
    wrong = str((int(solve(html)) + 1) % 20)
    response = client.post("/xxgk/SX120/hudong/write/", form_data(html, challenge_answer=wrong))
    assert response.status_code == 400
    body = response.content.decode()
    assert "验证问题回答不正确" in body
    assert "白沙镇到城关的班车几点发车" in body
    assert not Message.objects.exists()


def test_the_honeypot_catches_robots(transport):
    client = Client()
    html = client.get("/xxgk/SX120/hudong/write/").content.decode()
    response = client.post("/xxgk/SX120/hudong/write/", form_data(html, homepage="http://x"))
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_a_bad_phone_number_is_refused(transport):
    client = Client()
    html = client.get("/xxgk/SX120/hudong/write/").content.decode()
    response = client.post("/xxgk/SX120/hudong/write/", form_data(html, asker_phone="12345"))
    assert response.status_code == 400
    assert "联系电话格式不正确" in response.content.decode()


@override_settings(GONGKAI_MESSAGE_RATE=2)
def test_floods_are_refused_per_address(transport):
    client = Client()
    for n in range(2):
        html = client.get("/xxgk/SX120/hudong/write/").content.decode()
        assert client.post("/xxgk/SX120/hudong/write/", form_data(html)).status_code == 302, n
    html = client.get("/xxgk/SX120/hudong/write/").content.decode()
    response = client.post("/xxgk/SX120/hudong/write/", form_data(html))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Message.objects.count() == 2


def test_an_unknown_or_inactive_agency_has_no_form(transport):
    assert Client().get("/xxgk/NOPE/hudong/write/").status_code == 404
    transport.is_active = False
    transport.save()
    assert Client().get("/xxgk/SX120/hudong/write/").status_code == 404


# --- The published questions and answers ------------------------------------------------------


def test_a_published_answer_appears_on_the_agency_page_the_platform_page_and_its_own(
    answered, office
):
    message = publish(answered(), office)
    client = Client()
    for url in ["/xxgk/SX120/hudong/", "/hudong/", "/hudong/?kind=complaint"]:
        assert message.public_title in client.get(url).content.decode(), url
    detail = client.get(f"/xxgk/SX120/hudong/{message.pk}/").content.decode()
    assert message.public_title in detail
    assert "已依法处罚" in detail
    assert "（电话号码已隐去）" in detail
    assert "?kind=consultation" in client.get("/hudong/").content.decode()
    assert message.public_title not in client.get("/hudong/?kind=consultation").content.decode()


def test_no_personal_data_reaches_any_public_page(answered, office):
    message = publish(answered(), office)
    client = Client()
    pages = [
        "/hudong/",
        "/xxgk/SX120/hudong/",
        f"/xxgk/SX120/hudong/{message.pk}/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for value in PERSONAL:
            assert value not in html, (url, value)


def test_private_unanswered_unpublished_and_invalid_messages_are_nowhere(
    answered, registered, office
):
    private = answered(wants_private=True, title="不公开的留言标题")
    waiting = registered(title="尚未答复的留言标题")
    withdrawn = publish(answered(title="撤回公开的留言标题"), office)
    services.message_unpublish(message=withdrawn, by=office, reason="更正")
    not_published = answered(title="未公开的留言标题")
    invalid = services.message_invalidate(
        message=registered(title="无效的留言标题"), by=office, reason="no_content"
    )
    client = Client()
    for message in [private, waiting, withdrawn, not_published, invalid]:
        assert client.get(f"/xxgk/SX120/hudong/{message.pk}/").status_code == 404
        for url in ["/hudong/", "/xxgk/SX120/hudong/"]:
            assert message.title not in client.get(url).content.decode()


def test_a_message_is_found_only_under_its_own_agency(answered, office, education):
    message = publish(answered(), office)
    assert Client().get(f"/xxgk/SX130/hudong/{message.pk}/").status_code == 404


@time_machine.travel("2026-11-23 10:00 +0800")
def test_the_agency_page_shows_this_years_figures(answered, registered, office):
    publish(answered(), office)
    registered()
    html = Client().get("/xxgk/SX120/hudong/").content.decode()
    assert "办结率<strong>50%</strong>" in html


def test_a_solved_challenge_cannot_be_replayed_by_another_client(transport):
    """One answer once: replayed with a new submission key from another client, or on another
    agency's form, or on the application form, it is refused and nothing more is stored."""
    html = Client().get("/xxgk/SX120/hudong/write/").content.decode()
    data = form_data(html)
    assert Client().post("/xxgk/SX120/hudong/write/", data).status_code == 302
    replay = {**data, "submission_key": "replayed-key-0123456789abcdef"}
    refused = Client().post("/xxgk/SX120/hudong/write/", replay)
    assert refused.status_code == 400
    assert "验证问题已使用过" in refused.content.decode()
    assert Message.objects.count() == 1


def test_a_challenge_is_good_only_on_the_form_it_was_asked_on(transport, education):
    html = Client().get("/xxgk/SX120/hudong/write/").content.decode()
    data = form_data(html)
    refused = Client().post("/xxgk/SX130/hudong/write/", data)
    assert refused.status_code == 400
    assert "请回答验证问题" in refused.content.decode()
    apply = Client().post(
        "/xxgk/SX120/apply/",
        {
            "challenge_token": data["challenge_token"],
            "challenge_answer": data["challenge_answer"],
        },
    )
    assert apply.status_code == 400
    assert Message.objects.count() == 0
