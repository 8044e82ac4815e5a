"""The staff pages and who may use them: the office, the unit, the leaders, a supervisor, another
agency's officer and the three administrators."""

from datetime import date

import pytest
import time_machine
from django.test import Client

from gongkai.interaction import services
from gongkai.interaction.choices import MessageStatus
from gongkai.interaction.models import MessageEvent
from tests.conftest import person

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_register_masks_the_askers_details(registered, office):
    message = registered()
    html = client_for(office).get("/staff/interaction/").content.decode()
    assert message.number in html
    assert "张*" in html and "138****5678" in html
    assert "13812345678" not in html and "张三" not in html


def test_revealing_the_askers_details_is_recorded(registered, office):
    message = registered()
    client = client_for(office)
    html = client.get(f"/staff/interaction/{message.pk}/").content.decode()
    assert "13812345678" not in html
    html = client.get(f"/staff/interaction/{message.pk}/?reveal=1").content.decode()
    assert "13812345678" in html
    assert message.events.filter(kind=MessageEvent.Kind.PERSONAL_DATA_VIEWED, actor=office).exists()


def test_the_office_registers_a_forwarded_message(transport, office):
    response = client_for(office).post(
        "/staff/interaction/register/",
        {
            "channel": "gov110",
            "channel_reference": "ZW110-2026-00871",
            "received": "2026-09-30",
            "kind": "suggestion",
            "title": "建议增设公交站台",
            "content": "建议在人民路口增设公交站台。",
            "asker_name": "李四",
            "asker_phone": "13900001111",
        },
    )
    assert response.status_code == 302
    message = transport.messages.get()
    assert message.get_channel_display() == "政务110"
    assert message.due_date == date(2026, 10, 13)


def test_an_information_officer_cannot_register(transport, xiaoli):
    assert client_for(xiaoli).get("/staff/interaction/register/").status_code == 403


def test_the_whole_flow_through_the_pages(registered, office, xiaoli, laowang):
    message = registered()
    unit = message.agency.units.get(name="运输股")
    office_client = client_for(office)
    assert (
        office_client.post(
            f"/staff/interaction/{message.pk}/action/assign/", {"assign-unit": unit.pk}
        ).status_code
        == 302
    )
    xiaoli_client = client_for(xiaoli)
    assert "拟定答复" in xiaoli_client.get(f"/staff/interaction/{message.pk}/").content.decode()
    xiaoli_client.post(
        f"/staff/interaction/{message.pk}/action/answer/",
        {"answer-text": "张三同志，您好：经调查，驾驶员拒载属实，已依法处罚。"},
    )
    laowang_client = client_for(laowang)
    laowang_client.post(
        f"/staff/interaction/{message.pk}/review/",
        {"decision": "approve", "review-comment": "同意"},
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED
    page = office_client.get(f"/staff/interaction/{message.pk}/publish/").content.decode()
    assert "×××同志" in page  # the scrubbed preview
    assert "留言人姓名" in page  # what was found in the original
    response = office_client.post(
        f"/staff/interaction/{message.pk}/publish/",
        {
            "title": "投诉出租车拒载",
            "content": "网友反映客运站出租车拒载。",
            "answer": "您好：经调查，驾驶员拒载属实，已依法处罚。",
        },
    )
    assert response.status_code == 302
    assert (
        "网友反映客运站出租车拒载"
        in Client().get(f"/xxgk/SX120/hudong/{message.pk}/").content.decode()
    )


def test_publishing_with_personal_data_is_refused_on_the_page(answered, office):
    message = answered()
    response = client_for(office).post(
        f"/staff/interaction/{message.pk}/publish/",
        {"title": "投诉", "content": "张三反映拒载", "answer": "已处理。"},
    )
    assert response.status_code == 400
    assert "仍含有个人信息" in response.content.decode()


def test_a_unit_member_sees_only_their_units_messages(registered, office, xiaoli, transport):
    mine, other = registered(), registered(title="另一条")
    services.message_assign(message=mine, by=office, unit=transport.units.get(name="运输股"))
    services.message_assign(message=other, by=office, unit=transport.units.get(name="建设股"))
    client = client_for(xiaoli)
    assert client.get(f"/staff/interaction/{mine.pk}/").status_code == 200
    assert client.get(f"/staff/interaction/{other.pk}/").status_code == 404
    assert other.number not in client.get("/staff/interaction/").content.decode()


def test_another_agencys_officer_and_the_administrators_see_nothing(
    registered, teacher_officer, sysadmin, auditor
):
    message = registered()
    for user in [teacher_officer, sysadmin, auditor]:
        client = client_for(user)
        assert client.get(f"/staff/interaction/{message.pk}/").status_code == 404
        assert message.number not in client.get("/staff/interaction/").content.decode()


def test_a_supervisor_reads_the_register_and_figures_but_acts_on_nothing(
    registered, supervisor, transport
):
    message = registered()
    client = client_for(supervisor)
    html = client.get("/staff/interaction/?agency=SX120").content.decode()
    assert message.number in html
    detail = client.get(f"/staff/interaction/{message.pk}/").content.decode()
    assert "只读" in detail and "13812345678" not in detail
    assert "查看完整联系方式" not in detail
    client.post(
        f"/staff/interaction/{message.pk}/action/assign/",
        {"assign-unit": transport.units.first().pk},
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.RECEIVED
    assert client.get("/staff/interaction/figures/?agency=SX120").status_code == 200


def test_leaders_may_sign_off(registered, office, deputy):
    message = registered()
    services.message_draft_answer(message=message, by=office, text="您好：已处理。")
    html = client_for(deputy).get(f"/staff/interaction/{message.pk}/").content.decode()
    assert "审核通过" in html


@time_machine.travel("2026-11-23 10:00 +0800")
def test_the_figures_page(registered, answered, office):
    answered()
    answered()
    answered()
    registered()
    services.message_invalidate(message=registered(), by=office, reason="no_content")
    forgotten = registered(received=date(2026, 7, 1), title="被遗忘的留言")
    html = client_for(office).get("/staff/interaction/figures/?year=2026").content.decode()
    assert "共受理有效留言5件，已办结3件，办结率60%" in html
    assert "另有无效留言1件" in html
    assert forgotten.number in html  # more than 3 months unanswered
    assert "单项否决" in html
    quarter = client_for(office).get("/staff/interaction/figures/?year=2026&period=q3").content
    assert "共受理有效留言1件，已办结0件，办结率0%" in quarter.decode()


def test_figures_are_for_those_who_read_the_whole_register(xiaoli, teacher_officer):
    assert client_for(xiaoli).get("/staff/interaction/figures/").status_code == 403
    assert client_for(teacher_officer).get("/staff/interaction/figures/").status_code == 403


def test_pages_need_a_login(registered):
    message = registered()
    for url in [
        "/staff/interaction/",
        f"/staff/interaction/{message.pk}/",
        "/staff/interaction/figures/",
    ]:
        assert Client().get(url).status_code == 302


def test_an_unassigned_unit_person_of_the_agency_cannot_answer(registered, transport):
    message = registered()
    stranger = person("luzheng", transport, "info_officer", "路政股")
    assert client_for(stranger).get(f"/staff/interaction/{message.pk}/").status_code == 404


def test_a_unit_member_is_not_offered_the_pages_they_may_not_open(xiaoli, office):
    html = client_for(xiaoli).get("/staff/interaction/").content.decode()
    assert "/staff/interaction/figures/" not in html
    assert "/staff/interaction/opinions/" not in html
    html = client_for(office).get("/staff/interaction/").content.decode()
    assert "/staff/interaction/figures/" in html and "/staff/interaction/opinions/" in html
