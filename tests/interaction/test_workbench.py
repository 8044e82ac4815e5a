"""What 互动交流 puts on the workbench, for each person whose turn it is."""

from datetime import date

import pytest

from gongkai.interaction import services
from gongkai.workbench.registry import tasks_for

pytestmark = pytest.mark.django_db


def mine(user, today=date(2026, 11, 23)):
    return [t for t in tasks_for(user, None, today) if t.kind in ("互动交流", "建议提案")]


def test_the_office_assigns_the_unit_answers_the_head_signs_off(
    registered, office, xiaoli, laowang, transport
):
    message = registered(received=date(2026, 11, 20))
    [task] = mine(office)
    assert task.note == "待交办" and task.due == message.due_date
    assert mine(xiaoli) == []
    services.message_assign(message=message, by=office, unit=transport.units.get(name="运输股"))
    assert mine(office) == []
    [task] = mine(xiaoli)
    assert task.note == "待运输股答复"
    services.message_draft_answer(message=message, by=xiaoli, text="已处理。")
    assert mine(xiaoli) == []
    [task] = mine(laowang)
    assert task.note == "答复待审核"
    services.message_review(message=message, by=laowang, approve=True)
    assert mine(laowang) == mine(office) == []


def test_an_overdue_message_returns_to_the_office_and_three_months_is_flagged(
    registered, office, transport
):
    message = registered(received=date(2026, 7, 1))
    services.message_assign(message=message, by=office, unit=transport.units.get(name="建设股"))
    [task] = mine(office)
    assert "已超期，请督促建设股答复" in task.note
    assert "超过3个月未答复" in task.note


def test_proposals_wait_on_their_unit_then_on_publication(catalogue, chain_people):
    people = chain_people
    proposal = services.proposal_register(
        agency=catalogue,
        by=people["office"],
        data={
            "kind": "member",
            "session": "县政协十一届五次会议",
            "year": 2026,
            "number": 3,
            "title": "关于推进城乡公交一体化的提案",
            "delegates": "李秀芝委员",
            "lead_unit": catalogue.units.get(name="运输股"),
            "received_date": date(2026, 9, 1),
        },
    )
    [task] = mine(people["drafter"])
    assert task.due == date(2026, 12, 1)
    services.proposal_answer(
        proposal=proposal,
        by=people["drafter"],
        answered_date=date(2026, 11, 20),
        outcome="A",
        text="李秀芝委员：已办结。",
    )
    assert mine(people["drafter"]) == []
    [task] = mine(people["office"])
    assert task.title.startswith("公开") and task.due is None
