"""The 条例's yearly duties as the office meets them: the pages, the decisions, the drafts they
end in, the indicators, the workbench and 表二's 现行有效 count — on a real database."""

import re
from datetime import date

import pytest
import time_machine
from django.test import Client

from gongkai.annual_reports.compute import build_tables
from gongkai.applications.models import Application
from gongkai.inspection.base import REGISTRY, Context, Kind
from gongkai.inspection.duties import selectors
from gongkai.inspection.duties.models import FrequentRequestDecision, WithheldReview
from gongkai.publishing import services as publishing
from gongkai.publishing.models import InformationItem, ItemEvent
from gongkai.workbench.registry import tasks_for
from tests.applications.conftest import ZHANG_ID
from tests.conftest import person
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db
Status = InformationItem.Status

ROAD = [
    "申请公开2025年示例县道路运输经营许可情况",
    "请提供示例县2025年道路运输经营许可的相关信息",
    "2025年示例县道路运输经营许可信息",
    "本人要求获取示例县2025年度道路运输经营许可情况",
]
PEOPLE = ["张三", "李四", "王五", "赵六"]


def on(day: str):
    return time_machine.travel(f"{day} 10:00 +0800", tick=False)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(chain_people):
    """公开办小林 of 示例县交通运输局."""
    return chain_people["office"]


def answered(agency, n, description, *, name, result="disclosed", day=date(2026, 5, 20), **kw):
    return Application.objects.create(
        agency=agency,
        number=f"YSQ-2026-{n:04d}",
        code_hash="x",
        channel="in_person",
        applicant_type="natural",
        name=name,
        id_type="resident_id",
        id_number=f"{ZHANG_ID[:-4]}{n:04d}",
        phone="13812345678",
        description=description,
        form_wanted="email",
        delivery="email",
        received_date=day,
        answered_date=day,
        result=result,
        status="answered",
        **kw,
    )


@pytest.fixture
def three_asked(catalogue):
    """Three people asked 交通运输局 for the same information and were given it."""
    return [answered(catalogue, i + 1, ROAD[i], name=PEOPLE[i]) for i in range(3)]


def find(key, agency, day):
    return list(REGISTRY[key].check(Context(agency=agency, today=day)))


# --- 第四十四条 --------------------------------------------------------------------------------


@on("2026-06-30")
def test_the_office_sees_the_suggestion_with_the_applications_and_masked_applicants(
    office, three_asked, catalogue
):
    answered(catalogue, 9, ROAD[3], name="孙七", result="withheld_6")
    page = signed_in(office).get("/staff/inspection/duties/frequent/")
    assert page.status_code == 200
    text = page.text
    assert "2025年示例县道路运输经营许可" in text and "3名申请人" in text
    for application in three_asked:
        assert f'href="/staff/applications/{application.pk}/"' in text
    assert "张*" in text and "李*" in text and "张三" not in text and "李四" not in text
    assert "YSQ-2026-0009" not in text  # withheld: not counted
    detail = signed_in(office).get(f"/staff/inspection/duties/frequent/{three_asked[0].pk}/")
    assert "拟稿主动公开" in detail.text and "不予主动公开" in detail.text
    assert "张三" not in detail.text


@on("2026-06-30")
def test_two_applicants_make_no_suggestion(office, catalogue):
    answered(catalogue, 1, ROAD[0], name="张三")
    answered(catalogue, 2, ROAD[1], name="李四")
    assert selectors.frequent_pending(catalogue, date(2026, 6, 30)) == []
    assert (
        "目前没有需要研究的多人申请信息"
        in signed_in(office).get("/staff/inspection/duties/frequent/").text
    )


@on("2026-06-30")
def test_drafting_ends_in_a_real_draft_item_citing_the_applications(office, three_asked, catalogue):
    client = signed_in(office)
    url = f"/staff/inspection/duties/frequent/{three_asked[1].pk}/"
    page = client.get(url)
    assert 'value="2025年示例县道路运输经营许可"' in page.text
    entry = column(catalogue, "行政许可")
    assert f'<option value="{entry.pk}" selected>' in page.text  # the column it fits
    ids = ",".join(str(a.pk) for a in three_asked)
    response = client.post(
        url,
        {
            "decision": "draft",
            "applications": ids,
            "title": "2025年示例县道路运输经营许可情况",
            "entry": entry.pk,
        },
    )
    item = InformationItem.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/staff/publishing/items/{item.pk}/"
    )
    assert item.status == Status.DRAFT and item.disclosure == "active"
    assert item.entry == entry and item.drafter == office and item.agency == catalogue
    assert item.title == "2025年示例县道路运输经营许可情况"
    assert item.formed_date == date(2026, 6, 30) and item.due_date is not None
    created = item.events.get(action=ItemEvent.Action.CREATED)
    assert "条例第四十四条" in created.comment
    assert "YSQ-2026-0001、YSQ-2026-0002、YSQ-2026-0003" in created.comment
    decision = FrequentRequestDecision.objects.get()
    assert decision.outcome == "drafted" and decision.item == item
    assert set(decision.applications.all()) == set(three_asked)
    assert decision.decided_by == office
    # Decided: it does not come back, and its page is gone.
    assert selectors.frequent_pending(catalogue, date(2026, 6, 30)) == []
    assert client.get(url).status_code == 404
    listing = client.get("/staff/inspection/duties/frequent/").text
    assert "处理记录" in listing and f'href="/staff/publishing/items/{item.pk}/"' in listing
    # The draft's page shows why it was made.
    assert "条例第四十四条" in client.get(f"/staff/publishing/items/{item.pk}/").text


@on("2026-06-30")
def test_declining_needs_a_reason_and_loses_nothing_typed(office, three_asked, catalogue):
    client = signed_in(office)
    url = f"/staff/inspection/duties/frequent/{three_asked[0].pk}/"
    ids = ",".join(str(a.pk) for a in three_asked)
    response = client.post(url, {"decision": "decline", "applications": ids, "reason": "  "})
    assert response.status_code == 400
    assert "请填写不予主动公开的理由" in response.text
    assert not FrequentRequestDecision.objects.exists()
    bad_title = client.post(
        url, {"decision": "draft", "applications": ids, "title": "保留的标题", "entry": "999999"}
    )
    assert bad_title.status_code == 400 and "请选择本机关的目录栏目" in bad_title.text
    assert 'value="保留的标题"' in bad_title.text
    response = client.post(
        url,
        {
            "decision": "decline",
            "applications": ids,
            "reason": "所需信息仅涉及申请人自身，不具有普遍性",
        },
    )
    assert response.status_code == 302
    decision = FrequentRequestDecision.objects.get()
    assert decision.outcome == "declined" and decision.item is None
    assert decision.reason == "所需信息仅涉及申请人自身，不具有普遍性"
    assert not InformationItem.objects.exists()
    assert selectors.frequent_pending(catalogue, date(2026, 6, 30)) == []
    # A new applicant brings the group back, with the earlier decision beside it.
    answered(catalogue, 4, ROAD[3], name="赵六", day=date(2026, 6, 29))
    [pending] = selectors.frequent_pending(catalogue, date(2026, 6, 30))
    assert pending.new_ids == {Application.objects.get(number="YSQ-2026-0004").pk}
    assert pending.earlier == [decision]
    assert "曾经处理，有新申请" in client.get("/staff/inspection/duties/frequent/").text


@on("2026-06-30")
def test_a_group_that_changed_meanwhile_is_not_decided_blindly(office, three_asked, catalogue):
    client = signed_in(office)
    old = ",".join(str(a.pk) for a in three_asked)
    answered(catalogue, 4, ROAD[3], name="赵六", day=date(2026, 6, 29))
    response = client.post(
        f"/staff/inspection/duties/frequent/{three_asked[0].pk}/",
        {"decision": "decline", "applications": old, "reason": "不具有普遍性"},
    )
    assert response.status_code == 400 and "该组申请已有变化" in response.text
    assert "不具有普遍性" in response.text
    assert not FrequentRequestDecision.objects.exists()


@on("2026-06-30")
def test_only_the_agencys_office_may_act(
    office, three_asked, chain_people, catalogue, supervisor, education, teacher_officer, sysadmin
):
    url = f"/staff/inspection/duties/frequent/{three_asked[0].pk}/"
    ids = ",".join(str(a.pk) for a in three_asked)
    post = {"decision": "decline", "applications": ids, "reason": "不具有普遍性"}
    # The 信息员 of the same agency: not theirs to see or do.
    drafter = signed_in(chain_people["drafter"])
    assert drafter.get("/staff/inspection/duties/frequent/").status_code == 403
    assert drafter.post(url, post).status_code == 403
    # The 上级督查 reads, masked, and is offered no button.
    boss = signed_in(supervisor)
    page = boss.get(url + "?agency=SX120")
    assert page.status_code == 200
    assert 'value="draft"' not in page.text and 'value="decline"' not in page.text
    assert "张三" not in page.text
    assert boss.post(url + "?agency=SX120", post).status_code == 403
    # Another agency's people, and the administrators, do not reach it at all.
    other_office = person("jyoffice", education, "disclosure_office", "办公室")
    for user in (teacher_officer, other_office):
        client = signed_in(user)
        assert client.get(url + "?agency=SX120").status_code == 404
        assert client.post(url + "?agency=SX120", post).status_code == 404
    assert signed_in(other_office).get(url).status_code == 404  # not a group of theirs
    assert signed_in(teacher_officer).get(url).status_code == 403  # nor their page
    assert signed_in(sysadmin).get(url + "?agency=SX120").status_code == 404
    assert not FrequentRequestDecision.objects.exists()
    # The office is offered both buttons.
    page = signed_in(office).get(url)
    assert 'value="draft"' in page.text and 'value="decline"' in page.text


@on("2026-06-30")
def test_the_frequent_request_indicator_links_to_the_page(three_asked, catalogue, office):
    assert REGISTRY["frequent_requests"].kind == Kind.DUTY
    [found] = find("frequent_requests", catalogue, date(2026, 6, 30))
    assert found.key == f"applications:{three_asked[0].pk}"
    assert found.fix_url == f"/staff/inspection/duties/frequent/{three_asked[0].pk}/?agency=SX120"
    assert "YSQ-2026-0001" in found.detail and found.count == 1  # one problem (a group), under 问题
    assert signed_in(office).get(found.fix_url).status_code == 200


# --- 第十八条 ----------------------------------------------------------------------------------


def withheld(chain_people, draft_data, **extra):
    data = draft_data(
        title="示例县交通运输局2025年内部审计工作方案",
        doc_number="",
        disclosure="withheld",
        withhold_ground="internal_affairs",
        withhold_explanation="属于内部管理信息（第十六条第一款）",
        **extra,
    )
    drafter = chain_people["drafter"]
    item = publishing.item_create(agency=drafter.memberships.first().agency, by=drafter, data=data)
    return walk_chain(publishing.item_submit(item=item, by=drafter), chain_people)


@pytest.fixture
def decided_2025(chain_people, draft_data):
    """Decided 不予公开 on 10 March 2025."""
    with on("2025-03-10"):
        item = withheld(chain_people, draft_data)
    assert item.status == Status.RECORDED
    return item


def test_a_withheld_item_is_due_for_review_on_the_day_twelve_months_on(
    decided_2025, catalogue, office
):
    [row] = selectors.withheld_rows(catalogue, date(2026, 3, 9))
    assert row.due == date(2026, 3, 10) and not row.is_due
    assert find("withheld_review_due", catalogue, date(2026, 3, 9)) == []
    [row] = selectors.withheld_rows(catalogue, date(2026, 3, 10))
    assert row.is_due
    [found] = find("withheld_review_due", catalogue, date(2026, 3, 10))
    assert found.key == f"item:{decided_2025.pk}" and found.url == ""
    assert found.fix_url == f"/staff/inspection/duties/withheld/{decided_2025.pk}/"
    assert "2026-03-10" in found.detail and "决定不予公开（2025-03-10）" in found.detail
    with on("2026-03-09"):
        client = signed_in(office)
        assert "没有到期需要评估审查的信息" in client.get("/staff/inspection/duties/withheld/").text
        assert decided_2025.title in client.get("/staff/inspection/duties/withheld/?view=all").text
    with on("2026-03-10"):
        page = signed_in(office).get("/staff/inspection/duties/withheld/")
        assert decided_2025.title in page.text and "已到期" in page.text


def test_still_withheld_is_recorded_with_reasons_and_the_next_review_runs_from_it(
    decided_2025, catalogue, office
):
    url = f"/staff/inspection/duties/withheld/{decided_2025.pk}/"
    with on("2026-04-01"):
        client = signed_in(office)
        response = client.post(url, {"outcome": "still_withheld", "reason": ""})
        assert response.status_code == 400 and "请填写评估审查的理由" in response.text
        assert re.search(r'value="still_withheld"[^>]*checked', response.text)  # kept
        response = client.post(
            url, {"outcome": "still_withheld", "reason": "仍属内部管理信息，情势未变"}
        )
        assert response.status_code == 302
    review = WithheldReview.objects.get()
    assert review.outcome == "still_withheld" and review.reviewed_by == office
    assert review.reason == "仍属内部管理信息，情势未变" and review.draft is None
    [row] = selectors.withheld_rows(catalogue, date(2027, 3, 31))
    assert row.due == date(2027, 4, 1) and not row.is_due
    assert selectors.withheld_rows(catalogue, date(2027, 4, 1))[0].is_due
    decided_2025.refresh_from_db()
    assert decided_2025.disclosure == "withheld" and decided_2025.status == Status.RECORDED
    with on("2026-04-01"):
        page = client.get(url).text
    assert "仍不予公开" in page and "仍属内部管理信息，情势未变" in page and "2027-04-01" in page


def test_now_disclosable_drafts_a_publishable_version_and_starts_the_review_chain(
    decided_2025, catalogue, chain_people, office
):
    # The office drafts; 办公室 has its head, and a second 公开办 member publishes.
    head = person("laozhao", catalogue, "unit_head", "办公室", full_name="赵主任")
    other = person("xiaozhou", catalogue, "disclosure_office", "办公室", full_name="周敏")
    with on("2026-04-01"):
        response = signed_in(office).post(
            f"/staff/inspection/duties/withheld/{decided_2025.pk}/",
            {"outcome": "disclosable", "reason": "审计工作已结束，方案可以公开"},
        )
    review = WithheldReview.objects.get()
    version = review.draft
    assert response["Location"] == f"/staff/publishing/items/{version.pk}/"
    assert version.pk != decided_2025.pk and version.title == decided_2025.title
    assert version.disclosure == "active" and version.withhold_ground == ""
    assert version.status == Status.IN_REVIEW and version.current_step == 1
    assert version.formed_date == date(2026, 4, 1)
    assert "条例第十八条" in version.events.get(action="created").comment
    decided_2025.refresh_from_db()
    assert decided_2025.status == Status.RECORDED  # the record stays as it was
    [row] = selectors.withheld_rows(catalogue, date(2027, 5, 1))
    assert row.due is None and not row.is_due  # no more reviews: the version carries on
    people = {**chain_people, "unit_head": head, "office": other}
    assert walk_chain(version, people).status == Status.PUBLISHED


def test_now_disclosable_keeps_the_draft_and_says_why_when_it_cannot_be_submitted(
    decided_2025, catalogue, office
):
    with on("2026-04-01"):
        response = signed_in(office).post(
            f"/staff/inspection/duties/withheld/{decided_2025.pk}/",
            {"outcome": "disclosable", "reason": "审计工作已结束"},
            follow=True,
        )
    version = WithheldReview.objects.get().draft
    assert version.status == Status.DRAFT and version.drafter == office
    assert "尚不能提交审核" in response.text


def test_only_the_office_reviews(decided_2025, chain_people, supervisor, teacher_officer):
    url = f"/staff/inspection/duties/withheld/{decided_2025.pk}/"
    data = {"outcome": "still_withheld", "reason": "情势未变"}
    assert signed_in(chain_people["drafter"]).get(url).status_code == 403
    assert signed_in(chain_people["principal"]).post(url, data).status_code == 403
    boss = signed_in(supervisor)
    page = boss.get(url)
    assert page.status_code == 200 and "记录评估审查结论" not in page.text
    assert boss.post(url, data).status_code == 403
    assert signed_in(teacher_officer).get(url).status_code == 404
    assert not WithheldReview.objects.exists()
    office_page = signed_in(chain_people["office"]).get(url)
    assert "记录评估审查结论" in office_page.text


# --- 规范性文件的有效性 -------------------------------------------------------------------------


def normative(chain_people, draft_data, catalogue, **extra):
    drafter = chain_people["drafter"]
    data = draft_data(entry=column(catalogue, "行政规范性文件"), validity="valid", **extra)
    item = publishing.item_create(agency=catalogue, by=drafter, data=data)
    return walk_chain(publishing.item_submit(item=item, by=drafter), chain_people)


@pytest.fixture
def until_june(chain_people, draft_data, catalogue):
    """A 行政规范性文件 valid until 30 June 2026."""
    with on("2026-01-20"):
        return normative(
            chain_people,
            draft_data,
            catalogue,
            title="示例县农村公路养护管理暂行办法",
            doc_number="示县交〔2026〕2号",
            written_date=date(2026, 1, 5),
            valid_until=date(2026, 6, 30),
        )


def test_the_daily_command_marks_a_document_expired_the_day_after_its_last_valid_day(
    until_june, catalogue
):
    from io import StringIO

    from django.core.management import call_command

    def run():
        out = StringIO()
        call_command("items", "expire", stdout=out)
        return out.getvalue()

    with on("2026-06-30"):
        assert "共 0 件" in run()
    until_june.refresh_from_db()
    assert until_june.validity == "valid"
    assert build_tables([catalogue.pk], 2026).table2["normative"][2] == 0  # by date already
    with on("2026-07-01"):
        out = run()
        assert "《示例县农村公路养护管理暂行办法》有效期至2026-06-30，已标为已失效" in out
        assert "共 1 件" in out
        assert selectors.validity_rows(catalogue, date(2026, 7, 1)) == []
        assert "共 0 件" in run()  # idempotent
    until_june.refresh_from_db()
    assert until_june.validity == "expired"
    event = ItemEvent.objects.filter(item=until_june, action="validity").get()
    assert event.actor is None
    assert event.comment == (
        "有效（有效期至2026-06-30） → 已失效（有效期至2026-06-30）："
        "有效期届满，自2026-07-01起失效（系统自动更新）"
    )
    page = Client().get(f"/xxgk/SX120/item/{until_june.pk}/").text
    assert "已失效" in page


def test_validity_is_flagged_the_day_after_the_last_valid_day(until_june, catalogue, office):
    assert until_june.status == Status.PUBLISHED and until_june.valid_until == date(2026, 6, 30)
    assert selectors.validity_rows(catalogue, date(2026, 6, 30)) == []
    assert find("validity_expired", catalogue, date(2026, 6, 30)) == []
    [row] = selectors.validity_rows(catalogue, date(2026, 7, 1))
    assert row.flag.since == date(2026, 7, 1) and row.due == date(2026, 7, 29)
    [found] = find("validity_expired", catalogue, date(2026, 7, 1))
    indicator = REGISTRY["validity_expired"]
    assert indicator.kind == Kind.DEDUCT and indicator.points == 1 and indicator.cap == 10
    assert found.key == f"item:{until_june.pk}"
    assert found.url == f"/xxgk/SX120/item/{until_june.pk}/"
    assert found.fix_url == f"/staff/inspection/duties/validity/{until_june.pk}/"
    assert "有效期至2026-06-30，已届满" in found.detail
    with on("2026-06-30"):
        page = signed_in(office).get("/staff/inspection/duties/validity/")
        assert "没有需要更新有效性的文件" in page.text
    with on("2026-07-01"):
        assert until_june.title in signed_in(office).get("/staff/inspection/duties/validity/").text


def test_the_office_updates_the_validity_and_an_item_event_is_recorded(
    until_june, catalogue, office
):
    url = f"/staff/inspection/duties/validity/{until_june.pk}/"
    with on("2026-07-02"):
        client = signed_in(office)
        page = client.get(url)
        assert "仍标注为“有效”，但有效期至2026-06-30，已届满" in page.text
        bad = client.post(url, {"validity": "expired", "valid_until": "", "reason": "有效期届满"})
        assert bad.status_code == 400
        assert "已失效的文件必须填写有效期至" in bad.text and "有效期届满" in bad.text
        wrong_date = client.post(
            url, {"validity": "expired", "valid_until": "2026-13-01", "reason": "有效期届满"}
        )
        assert "有效期至格式不正确" in wrong_date.text
        response = client.post(
            url, {"validity": "expired", "valid_until": "2026-06-30", "reason": "有效期届满"}
        )
        assert response["Location"] == f"/staff/publishing/items/{until_june.pk}/"
    until_june.refresh_from_db()
    assert until_june.validity == "expired" and until_june.valid_until == date(2026, 6, 30)
    event = until_june.events.get(action=ItemEvent.Action.VALIDITY)
    assert event.actor == office
    assert event.comment == "有效（有效期至2026-06-30） → 已失效（有效期至2026-06-30）：有效期届满"
    assert selectors.validity_rows(catalogue, date(2026, 7, 2)) == []
    assert find("validity_expired", catalogue, date(2026, 7, 2)) == []
    portal = Client().get(f"/xxgk/SX120/item/{until_june.pk}/")
    assert "已失效（有效期至2026-06-30）" in portal.text


def test_only_the_office_updates_validity(until_june, chain_people, supervisor, teacher_officer):
    url = f"/staff/inspection/duties/validity/{until_june.pk}/"
    data = {"validity": "expired", "valid_until": "2026-06-30", "reason": "到期"}
    with on("2026-07-02"):
        assert signed_in(chain_people["drafter"]).post(url, data).status_code == 403
        page = signed_in(supervisor).get(url)
        assert page.status_code == 200 and "由本机关公开办更新" in page.text
        assert 'name="validity"' not in page.text
        assert signed_in(supervisor).post(url, data).status_code == 403
        assert signed_in(teacher_officer).get(url).status_code == 404
        detail = signed_in(chain_people["drafter"]).get(f"/staff/publishing/items/{until_june.pk}/")
        assert "/staff/inspection/duties/validity/" not in detail.text
        office_detail = signed_in(chain_people["office"]).get(
            f"/staff/publishing/items/{until_june.pk}/"
        )
        assert f"/staff/inspection/duties/validity/{until_june.pk}/" in office_detail.text
    until_june.refresh_from_db()
    assert until_june.validity == "valid"


def test_a_replaced_document_leaves_the_table_2_count_when_the_office_updates_it(
    chain_people, draft_data, catalogue, office
):
    with on("2026-03-02"):
        old = normative(
            chain_people, draft_data, catalogue, title="旧办法", written_date=date(2026, 3, 1)
        )
    with on("2026-09-01"):
        new = normative(
            chain_people, draft_data, catalogue, title="新办法", written_date=date(2026, 8, 20)
        )
    with on("2026-09-02"):
        # The new one names the old one it replaces: on the old one, set by the office.
        InformationItem.objects.filter(pk=old.pk).update(replaced_by=new)
    assert build_tables([catalogue.pk], 2026).table2["normative"] == [2, 0, 2]
    [row] = selectors.validity_rows(catalogue, date(2026, 9, 2))
    assert row.item == old and "已由《新办法》替代（2026-09-01发布）" in row.flag.reason
    with on("2026-09-03"):
        response = signed_in(office).post(
            f"/staff/inspection/duties/validity/{old.pk}/",
            {
                "validity": "repealed",
                "repealed_date": "2026-09-01",
                "replaced_by": new.pk,
                "reason": "《新办法》第二十条：原办法同时废止",
            },
        )
    assert response.status_code == 302
    assert build_tables([catalogue.pk], 2026).table2["normative"] == [2, 1, 1]


def test_an_expired_document_is_in_force_until_its_last_day(until_june, catalogue, office):
    assert build_tables([catalogue.pk], 2025).table2["normative"] == [0, 0, 0]  # not yet public
    with on("2026-07-02"):
        publishing.item_validity_update(
            item=until_june,
            by=office,
            validity="expired",
            valid_until=date(2026, 6, 30),
            reason="有效期届满",
        )
    assert build_tables([catalogue.pk], 2026).table2["normative"] == [1, 0, 0]


def test_the_item_form_edits_the_end_of_validity(chain_people, catalogue):
    client = signed_in(chain_people["drafter"])
    data = {
        "title": "示例县道路运输行业信用管理办法",
        "entry": column(catalogue, "行政规范性文件").pk,
        "doc_number": "示县交〔2026〕5号",
        "formed_date": "2026-11-02",
        "written_date": "2026-11-02",
        "topic": "industry_transport",
        "disclosure": "active",
        "validity": "valid",
        "valid_until": "2028-11-01",
        "body": "第一条 为规范……",
    }
    form = client.get("/staff/publishing/items/new/")
    assert 'name="valid_until"' in form.text and "有效期至" in form.text
    response = client.post("/staff/publishing/items/new/", data)
    item = InformationItem.objects.get()
    assert response.status_code == 302 and item.valid_until == date(2028, 11, 1)
    assert "有效期至2028-11-01" in client.get(f"/staff/publishing/items/{item.pk}/").text
    early = client.post(
        f"/staff/publishing/items/{item.pk}/edit/", {**data, "valid_until": "2026-01-01"}
    )
    assert "有效期至不能早于成文日期" in early.text
    other = {**data, "entry": column(catalogue, "其他文件").pk, "validity": ""}
    response = client.post("/staff/publishing/items/new/", other)
    assert "只有规章和行政规范性文件标注有效性、施行日期和有效期" in response.text


def test_a_normative_document_states_when_it_takes_effect_and_for_how_long(chain_people, catalogue):
    from gongkai.publishing import services as publishing_services

    drafter = chain_people["drafter"]
    client = signed_in(drafter)
    data = {
        "title": "示例县道路运输行业信用管理办法",
        "entry": column(catalogue, "行政规范性文件").pk,
        "doc_number": "示县交〔2026〕5号",
        "formed_date": "2026-11-02",
        "written_date": "2026-11-02",
        "topic": "industry_transport",
        "disclosure": "active",
        "validity": "valid",
        "body": "第一条 为规范……",
    }
    form = client.get("/staff/publishing/items/new/").text
    assert 'name="effective_date"' in form and 'name="long_term"' in form
    both = client.post(
        "/staff/publishing/items/new/", {**data, "valid_until": "2028-11-01", "long_term": "on"}
    )
    assert "不能同时勾选长期有效" in both.text and 'value="示县交〔2026〕5号"' in both.text
    before = client.post(
        "/staff/publishing/items/new/",
        {**data, "effective_date": "2026-12-01", "valid_until": "2026-11-20"},
    )
    assert "有效期至（2026-11-20）不能早于施行日期（2026-12-01）" in before.text
    assert client.post("/staff/publishing/items/new/", data).status_code == 302
    item = InformationItem.objects.get()
    with pytest.raises(publishing_services.ValidationError) as refused:
        publishing_services.item_submit(item=item, by=drafter)
    assert "行政规范性文件须标明施行日期" in str(refused.value)
    assert "请填写有效期至，或勾选长期有效" in str(refused.value)
    page = client.get(f"/staff/publishing/items/{item.pk}/").text
    assert "行政规范性文件须标明施行日期" in page  # shown before the click
    client.post(
        f"/staff/publishing/items/{item.pk}/edit/",
        {**data, "effective_date": "2026-12-01", "long_term": "on"},
    )
    item = walk_chain(publishing_services.item_submit(item=item, by=drafter), chain_people)
    public = Client().get(f"/xxgk/SX120/item/{item.pk}/").text
    assert "施行日期" in public and "2026-12-01" in public and "有效（长期有效）" in public


# --- Workbench and the overview -------------------------------------------------------------


@on("2026-07-01")
def test_the_office_sees_its_duties_as_tasks_with_due_dates(
    chain_people, draft_data, catalogue, office, until_june, decided_2025
):
    for i in range(3):
        answered(catalogue, i + 1, ROAD[i], name=PEOPLE[i])
    tasks = {t.title: t for t in tasks_for(office, catalogue, date(2026, 7, 1))}
    suggestion = tasks["研究是否主动公开：2025年示例县道路运输经营许可"]
    assert suggestion.kind == "条例职责" and suggestion.due == date(2026, 6, 17)
    review = tasks[f"评估审查不予公开信息：{decided_2025.title}"]
    assert review.due == date(2026, 3, 10) and review.url.endswith(f"/withheld/{decided_2025.pk}/")
    validity = tasks[f"更新有效性：{until_june.title}"]
    assert validity.due == date(2026, 7, 29) and "有效期至2026-06-30" in validity.note
    home = signed_in(office).get("/staff/").text
    assert "研究是否主动公开" in home and "更新有效性" in home and "评估审查不予公开信息" in home
    drafter_tasks = tasks_for(chain_people["drafter"], catalogue, date(2026, 7, 1))
    assert not [t for t in drafter_tasks if t.kind == "条例职责"]
    overview = signed_in(office).get("/staff/inspection/duties/")
    assert overview.status_code == 200
    assert (
        "1组待研究" in overview.text
        and "1条已到期" in overview.text
        and "1件待更新" in overview.text
    )


@on("2026-07-01")
def test_a_review_shows_on_the_workbench_a_month_before_it_is_due(
    chain_people, draft_data, catalogue, office
):
    with on("2025-08-15"):
        item = withheld(chain_people, draft_data)
    titles = [t.title for t in tasks_for(office, catalogue, date(2026, 7, 15))]
    assert f"评估审查不予公开信息：{item.title}" not in titles
    titles = [t.title for t in tasks_for(office, catalogue, date(2026, 7, 16))]
    assert f"评估审查不予公开信息：{item.title}" in titles


def test_the_pages_are_offered_where_the_office_works(chain_people, catalogue, office):
    items = signed_in(office).get("/staff/publishing/items/").text
    assert "/staff/inspection/duties/withheld/?agency=SX120" in items
    assert "/staff/inspection/duties/validity/?agency=SX120" in items
    assert (
        "/staff/inspection/duties/frequent/?agency=SX120"
        in signed_in(office).get("/staff/applications/").text
    )
    drafter_items = signed_in(chain_people["drafter"]).get("/staff/publishing/items/").text
    assert "/staff/inspection/duties/" not in drafter_items


def test_a_long_term_document_gets_an_end_date_when_it_expires(chain_people, draft_data, catalogue):
    with on("2026-01-20"):
        item = normative(chain_people, draft_data, catalogue, written_date=date(2026, 1, 5))
    assert item.long_term and item.valid_until is None
    with on("2026-07-02"):
        item = publishing.item_validity_update(
            item=item,
            by=chain_people["office"],
            validity="expired",
            valid_until=date(2026, 6, 30),
            reason="县政府决定该办法有效期至2026年6月30日",
        )
    item.refresh_from_db()
    assert item.validity == "expired" and not item.long_term
    assert item.valid_until == date(2026, 6, 30)


@on("2026-06-30")
def test_one_group_of_the_same_information_is_one_finding_counted_once(
    office, three_asked, catalogue
):
    """The 自查 page's count is the groups waiting ("1组待研究" on the duties page), not the three
    applications inside the one group."""
    [finding] = find("frequent_requests", catalogue, date(2026, 6, 30))
    assert finding.count == 1
    assert all(a.number in finding.detail for a in three_asked)
    assert "1组待研究" in signed_in(office).get("/staff/inspection/duties/").text
