"""建议提案: registered with a 3-month deadline, answered with a document, and the reply published
in the 建议提案办理 column through the agency's own review chain, 保密审查 included."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from gongkai.interaction import selectors, services
from gongkai.interaction.choices import ProposalStatus
from gongkai.interaction.models import ProposalEvent
from gongkai.publishing import services as publishing_services
from gongkai.publishing.choices import ColumnKind
from gongkai.publishing.models import InformationItem
from gongkai.publishing.services import Upload, item_approve
from tests.conftest import person
from tests.publishing.conftest import walk_chain

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(chain_people):
    return chain_people


@pytest.fixture
def register(catalogue, people):
    transport = catalogue

    def make(number=12, kind="deputy", **overrides):
        data = {
            "kind": kind,
            "session": "县十八届人大五次会议" if kind == "deputy" else "县政协十一届五次会议",
            "year": 2026,
            "number": number,
            "title": "关于加快县道X201线改造提升的建议",
            "delegates": "王建华等3名代表",
            "lead_unit": transport.units.get(name="运输股"),
            "received_date": date(2026, 3, 20),
            "assisting_units": [transport.units.get(name="建设股")],
        }
        data.update(overrides)
        return services.proposal_register(agency=transport, by=people["office"], data=data)

    return make


def answer(proposal, people, **overrides):
    kwargs = {
        "answered_date": date(2026, 6, 10),
        "outcome": "B",
        "text": "王建华代表：\n您提出的建议收悉。现答复如下：\n已列入2027年计划。",
        "doc_number": "示县交函〔2026〕31号",
        "upload": Upload("第12号建议答复.pdf", PDF),
    }
    kwargs.update(overrides)
    return services.proposal_answer(proposal=proposal, by=people["drafter"], **kwargs)


def test_a_proposal_is_due_three_months_after_it_was_handed_over(register):
    proposal = register()
    assert proposal.due_date == date(2026, 6, 20)
    assert str(proposal) == "县十八届人大五次会议第12号建议"
    assert proposal.number_label == "第12号"
    assert [u.name for u in proposal.assisting_units.all()] == ["建设股"]
    assert proposal.events.get().kind == ProposalEvent.Kind.REGISTERED


@override_settings(GONGKAI_PROPOSAL_MONTHS=6)
def test_the_three_months_are_configurable(register):
    assert register().due_date == date(2026, 9, 20)


def test_a_given_deadline_wins(register):
    assert register(due_date=date(2026, 5, 31)).due_date == date(2026, 5, 31)


def test_a_number_is_registered_once_per_session_and_kind(register):
    register(number=7)
    register(number=7, kind="member")  # 第7号提案 is another paper
    with pytest.raises(ValidationError, match="已登记"):
        register(number=7)


def test_only_the_office_registers(catalogue, people):
    with pytest.raises(PermissionDenied):
        services.proposal_register(agency=catalogue, by=people["drafter"], data={})


def test_the_answer_is_a_document_with_its_number(register, people):
    proposal = answer(register(), people)
    assert proposal.status == ProposalStatus.ANSWERED
    assert proposal.answer_document_name == "第12号建议答复.pdf"
    assert proposal.answer_document.read() == PDF
    assert proposal.events.last().note.startswith("2026-06-10答复")


def test_a_wrong_document_number_or_file_is_refused(register, people):
    proposal = register()
    with pytest.raises(ValidationError) as error:
        answer(proposal, people, doc_number="示县交函[2026]31号")
    assert "doc_number" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        answer(proposal, people, upload=Upload("a.exe", b"MZ\x90\x00"))
    assert "document" in error.value.message_dict
    with pytest.raises(ValidationError):
        answer(proposal, people, text="", upload=None)


def test_the_reply_is_published_in_the_proposals_column_through_the_chain(
    register, people, catalogue
):
    proposal = answer(register(), people)
    item = services.proposal_publish(proposal=proposal, by=people["drafter"])
    assert item.entry.kind == ColumnKind.PROPOSALS and item.entry.name == "建议提案办理"
    assert item.title == "示例县交通运输局关于县十八届人大五次会议第12号建议的答复"
    assert item.doc_number == "示县交函〔2026〕31号"
    assert item.status == InformationItem.Status.IN_REVIEW
    assert [a.original_name for a in item.attachments.all()] == ["第12号建议答复.pdf"]
    # Not public before the chain ends: after 股室负责人, before 保密审查, nothing is out.
    item = walk_chain(item, people, upto=2)
    assert not InformationItem.objects.published().filter(pk=item.pk).exists()
    assert selectors.proposal_report([catalogue.pk], 2026).rows[0].published == 0
    for who in ["secrecy", "deputy", "principal", "office"]:
        item = item_approve(item=item, by=people[who])
    assert item.is_public and item.index_number.startswith("SX120-1700-")
    steps = list(item.events.values_list("step_name", flat=True))
    assert "保密审查" in steps
    page = Client().get(f"/xxgk/SX120/column/{item.entry.pk}/").content.decode()
    assert item.title in page
    proposal.refresh_from_db()
    assert proposal.item == item


def test_the_reply_cannot_be_sent_twice_nor_before_it_is_answered(register, people):
    proposal = register()
    with pytest.raises(ValidationError, match="请先登记答复"):
        services.proposal_publish(proposal=proposal, by=people["drafter"])
    answer(proposal, people)
    services.proposal_publish(proposal=proposal, by=people["drafter"])
    with pytest.raises(ValidationError, match="已提交公开"):
        services.proposal_publish(proposal=proposal, by=people["drafter"])


def test_only_drafters_send_a_reply_to_be_published(register, people):
    proposal = answer(register(), people)
    with pytest.raises(PermissionDenied):
        services.proposal_publish(proposal=proposal, by=people["deputy"])


def test_without_the_column_the_office_is_told(register, people, catalogue):
    proposal = answer(register(), people)
    catalogue.catalogue.filter(kind=ColumnKind.PROPOSALS).update(is_active=False)
    with pytest.raises(ValidationError, match="建议提案办理"):
        services.proposal_publish(proposal=proposal, by=people["drafter"])


def test_figures_by_kind_as_seed_000_prints_them(register, people, catalogue):
    for number, kind in [(1, "deputy"), (2, "deputy"), (3, "member"), (4, "member")]:
        proposal = answer(register(number=number, kind=kind), people, upload=None)
        if number == 4:
            continue  # answered, not yet published
        item = services.proposal_publish(proposal=proposal, by=people["drafter"])
        for who in ["unit_head", "secrecy", "deputy", "principal", "office"]:
            item = item_approve(item=item, by=people[who])
    register(number=5)  # still being handled
    report = selectors.proposal_report([catalogue.pk], 2026)
    deputies, members = report.rows
    assert (deputies.registered, deputies.answered, deputies.published) == (3, 2, 2)
    assert (members.registered, members.answered, members.published) == (2, 2, 1)
    assert report.sentence == (
        "发布人大代表建议和政协委员提案办理答复共3条，其中：人大代表建议办理答复2条，"
        "政协委员提案办理答复1条"
    )


def test_the_pages(register, people, catalogue):
    proposal = register()
    office = Client()
    office.force_login(people["office"])
    assert (
        "县十八届人大五次会议第12号" in office.get("/staff/interaction/proposals/").content.decode()
    )
    drafter = Client()
    drafter.force_login(people["drafter"])  # 小李 of 运输股, the unit handling it
    response = drafter.post(
        f"/staff/interaction/proposals/{proposal.pk}/answer/",
        {
            "answered_date": "2026-06-10",
            "outcome": "A",
            "doc_number": "示县交函〔2026〕31号",
            "text": "王建华代表：\n已办结。",
        },
    )
    assert response.status_code == 302
    response = drafter.post(f"/staff/interaction/proposals/{proposal.pk}/publish/")
    proposal.refresh_from_db()
    assert response["Location"] == reverse("publishing:item_detail", args=[proposal.item.pk])
    registered = office.post(
        "/staff/interaction/proposals/register/",
        {
            "kind": "member",
            "session": "县政协十一届五次会议",
            "year": 2026,
            "number": 8,
            "title": "关于推进城乡公交一体化的提案",
            "delegates": "李秀芝委员",
            "lead_unit": catalogue.units.get(name="运输股").pk,
            "received_date": "2026-03-25",
        },
    )
    assert registered.status_code == 302


def test_who_sees_proposals(register, people, teacher_officer, catalogue):
    proposal = register()
    builder = person("jianshe", catalogue, "info_officer", "建设股")  # an assisting unit
    road = person("luzheng", catalogue, "info_officer", "路政股")
    for user, status in [(builder, 200), (road, 404), (teacher_officer, 404)]:
        client = Client()
        client.force_login(user)
        assert client.get(f"/staff/interaction/proposals/{proposal.pk}/").status_code == status


def test_what_is_missing_is_said(catalogue, people):
    with pytest.raises(ValidationError) as error:
        services.proposal_register(
            agency=catalogue, by=people["office"], data={"kind": "deputy", "number": 3}
        )
    assert error.value.message_dict["received_date"] == ["请填写交办日期。"]


def test_a_reply_sent_back_by_the_secrecy_review_is_corrected_on_the_proposal_and_resent(
    register, people
):
    """保密审查 returns the reply (a phone number in it): the proposal page offers the answer form
    again, the corrected reply is registered there, and the same item goes back into the chain
    with the corrected text — the proposal's record and the published reply agree."""
    proposal = answer(
        register(), people, text="王建华代表：\n您的建议收悉，联系人电话13812345678。", upload=None
    )
    item = services.proposal_publish(proposal=proposal, by=people["drafter"])
    item = walk_chain(item, people, upto=2)
    item = publishing_services.item_return(item=item, by=people["secrecy"], comment="含个人电话")
    assert item.status == InformationItem.Status.RETURNED
    client = Client()
    client.force_login(people["drafter"])
    url = f"/staff/interaction/proposals/{proposal.pk}/"
    page = client.get(url).text
    assert f'action="{url}answer/"' in page
    done = client.post(
        f"{url}answer/",
        {
            "answered_date": "2026-06-10",
            "outcome": "B",
            "doc_number": "示县交函〔2026〕31号",
            "text": "王建华代表：\n您的建议收悉。现答复如下：已列入2027年计划。",
        },
    )
    assert done.status_code == 302
    assert client.post(f"{url}publish/").status_code == 302
    proposal.refresh_from_db()
    resent = proposal.item
    assert resent.pk == item.pk and resent.status == InformationItem.Status.IN_REVIEW
    assert "13812345678" not in resent.body and "已列入2027年计划" in resent.body
    assert "13812345678" not in proposal.answer_text
    # in review again: no second answer meanwhile
    assert f'action="{url}answer/"' not in client.get(url).text
