"""The demo's 互动交流: every channel in every state, both kinds of 建议提案 with seed 000's
31 + 16 replies published, a few 舆情, and not one piece of personal data on a public page."""

from datetime import date

import pytest
from django.db import transaction
from django.test import Client

from gongkai.demo.county import build_county
from gongkai.demo.interaction import build_interaction
from gongkai.demo.publishing import demo_today
from gongkai.interaction import scrub, selectors
from gongkai.interaction.choices import Channel, MessageStatus, ProposalKind
from gongkai.interaction.models import Message, OpinionEvent, Proposal
from gongkai.org.models import Agency
from gongkai.workdays.services import get_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_county()
        yield build_interaction()
        transaction.set_rollback(True)


def test_every_channel_in_every_state(demo):
    assert demo.startswith("互动交流演示数据已就绪")
    for channel in Channel.values:
        found = Message.objects.filter(channel=channel)
        states = set(found.values_list("status", flat=True))
        assert states >= set(MessageStatus.values), channel
        assert found.filter(is_published=True).exists(), channel
        assert found.filter(wants_private=True).exists(), channel


def test_proposals_of_both_kinds_and_seed_000s_figures(demo):
    transport = Agency.objects.get(code="SX120")
    report = selectors.proposal_report([transport.pk], demo_today(get_calendar()).year)
    assert "共47条" in report.sentence
    assert "人大代表建议办理答复31条" in report.sentence
    assert "政协委员提案办理答复16条" in report.sentence
    assert Proposal.objects.filter(kind=ProposalKind.DEPUTY, status="in_progress").exists()
    assert Proposal.objects.filter(kind=ProposalKind.MEMBER, status="in_progress").exists()
    assert Proposal.objects.filter(item__status="in_review").exists()


def test_a_few_opinion_records(demo):
    assert 3 <= OpinionEvent.objects.count() <= 6
    assert OpinionEvent.objects.filter(reported_upward=True).exists()


def test_the_figures_and_the_single_veto_warning(demo):
    transport = Agency.objects.get(code="SX120")
    year = demo_today(get_calendar()).year
    report = selectors.message_report(
        [transport.pk], date(year, 1, 1), date(year, 12, 31), get_calendar()
    )
    assert report.total.received > 100
    assert 0 < report.total.answered < report.total.received
    assert selectors.too_long_unanswered([transport.pk], demo_today(get_calendar())).count() == 1


def test_no_personal_data_on_any_public_page_of_the_demo(demo):
    client = Client()
    published = Message.objects.published()
    assert published.count() > 50
    for message in published:
        names = [message.asker_name]
        for text in (message.public_title, message.public_content, message.public_answer):
            assert scrub.findings(text, names, ["0000-1234567"]) == [], message.number
    html = "".join(
        client.get(url).content.decode()
        for url in ["/hudong/", "/xxgk/SX120/hudong/", "/hudong/?page=2"]
    )
    for message in published[:30]:
        html += client.get(f"/xxgk/SX120/hudong/{message.pk}/").content.decode()
    for message in Message.objects.all():
        assert message.asker_phone not in html
        assert message.asker_name not in html
        if message.asker_email:
            assert message.asker_email not in html
    for message in Message.objects.filter(wants_private=True):
        assert client.get(f"/xxgk/SX120/hudong/{message.pk}/").status_code == 404


def test_building_twice_changes_nothing(demo):
    before = (Message.objects.count(), Proposal.objects.count(), OpinionEvent.objects.count())
    assert build_interaction().startswith("互动交流演示数据已存在")
    assert (
        Message.objects.count(),
        Proposal.objects.count(),
        OpinionEvent.objects.count(),
    ) == before


def test_statistics_page_shows_the_years_messages_by_channel(demo):
    transport = Agency.objects.get(code="SX120")
    year = demo_today(get_calendar()).year
    expected = selectors.message_report(
        [transport.pk], date(year, 1, 1), date(year, 12, 31), get_calendar()
    ).total
    assert expected.received > 0
    client = Client()
    client.force_login(transport.memberships.filter(role="disclosure_office").first().user)
    page = client.get("/staff/statistics/", {"agency": "SX120", "year": year}).text
    assert f"{year}年网民留言办理（按渠道）" in page
    assert f"本年收到留言{expected.received}件" in page
    assert f"办结{expected.answered}件，办结率{expected.completion_text}" in page
    assert "<td>12345政务服务便民热线</td>" in page.replace("\n", "")
