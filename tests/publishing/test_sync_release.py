"""三同步 (同步组织、同步审签、同步部署): a policy marked as needing an interpretation does not go out
alone, an interpretation never goes out before its policy, and the two link both ways."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from gongkai.publishing import rules, services
from gongkai.workdays.services import add_working_days, get_calendar
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db


# --- the rules, pure ---------------------------------------------------------------------------


def test_a_policy_without_the_flag_is_never_held():
    assert (
        rules.synchronised_release_problem(needs_interpretation=False, interpretation_statuses=[])
        == ""
    )


@pytest.mark.parametrize(
    "statuses, words",
    [
        ([], "尚无关联的政策解读"),
        (["withdrawn"], "尚无关联的政策解读"),
        (["draft"], "尚未提交审核"),
        (["returned", "withdrawn"], "尚未提交审核"),
        (["in_review"], ""),
        (["draft", "in_review"], ""),
        (["published"], ""),
    ],
)
def test_a_flagged_policy_waits_for_an_interpretation_in_review(statuses, words):
    problem = rules.synchronised_release_problem(
        needs_interpretation=True, interpretation_statuses=statuses
    )
    if words:
        assert words in problem and "三同步" in problem and "同步审签" in problem
    else:
        assert problem == ""


@pytest.mark.parametrize("status", ["draft", "in_review", "returned", "withdrawn", "recorded"])
def test_an_interpretation_waits_for_its_policy(status):
    problem = rules.interpretation_order_problem(policy_title="某办法", policy_status=status)
    assert "《某办法》尚未发布" in problem and "三同步" in problem


def test_an_interpretation_follows_a_published_policy_or_none():
    assert (
        rules.interpretation_order_problem(policy_title="某办法", policy_status="published") == ""
    )
    assert rules.interpretation_order_problem(policy_title="", policy_status=None) == ""


# --- through the services and the pages -----------------------------------------------------


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pair(catalogue, chain_people, draft_data):
    """A 规范性文件 flagged for interpretation, in review up to its last step, and a drafted
    interpretation of it."""
    drafter = chain_people["drafter"]
    policy = services.item_create(
        agency=catalogue,
        by=drafter,
        data=draft_data(
            title="示例县农村客运站点运营管理办法",
            body="第一条 为规范农村客运站点运营管理，制定本办法。",
            doc_number="示县交〔2026〕21号",
            entry=column(catalogue, "行政规范性文件"),
            validity="valid",
            needs_interpretation=True,
        ),
    )
    reading = services.item_create(
        agency=catalogue,
        by=drafter,
        data=draft_data(
            title="《示例县农村客运站点运营管理办法》政策解读",
            body="一、制定背景：为解决农村客运站点“重建设、轻管理”问题，起草了本办法。",
            doc_number="",
            entry=column(catalogue, "政策解读"),
            interprets=policy,
        ),
    )
    policy = services.item_submit(item=policy, by=drafter)
    policy = walk_chain(policy, chain_people, upto=5)  # waiting at 公开办, the last step
    return policy, reading


def test_a_flagged_policy_cannot_be_published_alone(pair, chain_people):
    policy, reading = pair
    office = chain_people["office"]
    with pytest.raises(ValidationError) as refused:
        services.item_approve(item=policy, by=office)
    assert "尚未提交审核" in str(refused.value)
    policy.refresh_from_db()
    assert policy.status == "in_review" and policy.index_number is None

    reading.delete()
    with pytest.raises(ValidationError) as refused:
        services.item_approve(item=policy, by=office)
    assert "尚无关联的政策解读" in str(refused.value)


def test_the_last_reviewer_sees_why_and_is_not_offered_the_button(pair, chain_people):
    policy, reading = pair
    client = signed_in(chain_people["office"])
    page = client.get(f"/staff/publishing/items/{policy.pk}/").text
    assert "暂不能发布" in page and "其解读尚未提交审核" in page
    assert 'value="approve" class="btn btn-primary" disabled' in page
    # Sent anyway (an old tab): refused with the reason, nothing published.
    response = client.post(
        f"/staff/publishing/items/{policy.pk}/review/", {"decision": "approve", "comment": ""}
    )
    assert response.status_code == 400 and "三同步" in response.text
    policy.refresh_from_db()
    assert policy.status == "in_review"
    # Earlier reviewers are not told: the rule applies where the item is published.
    services.item_submit(item=reading, by=chain_people["drafter"])
    page = client.get(f"/staff/publishing/items/{policy.pk}/").text
    assert "暂不能发布" not in page and 'value="approve" class="btn btn-primary">' in page


def test_policy_and_interpretation_go_out_in_order_and_link_both_ways(pair, chain_people):
    policy, reading = pair
    drafter, office = chain_people["drafter"], chain_people["office"]
    reading = services.item_submit(item=reading, by=drafter)
    reading = walk_chain(reading, chain_people, upto=5)
    # The interpretation is ready first: it waits for its policy.
    page = signed_in(office).get(f"/staff/publishing/items/{reading.pk}/").text
    assert "《示例县农村客运站点运营管理办法》尚未发布" in page
    with pytest.raises(ValidationError):
        services.item_approve(item=reading, by=office)

    response = signed_in(office).post(
        f"/staff/publishing/items/{policy.pk}/review/",
        {"decision": "approve", "comment": "同意发布"},
        follow=True,
    )
    assert "已发布，索引号" in response.text
    policy.refresh_from_db()
    assert policy.status == "published"

    # Until the interpretation is out, its drafter's 工作台 shows it due within the limit.
    published_on = timezone.localtime(policy.published_at).date()
    due = add_working_days(published_on, 3, get_calendar())
    bench = signed_in(drafter).get("/staff/").text
    assert f"为《{policy.title}》发布政策解读" in bench and due.strftime("%Y-%m-%d") in bench

    reading = services.item_approve(item=reading, by=office)
    assert reading.status == "published"
    assert f"为《{policy.title}》发布政策解读" not in signed_in(drafter).get("/staff/").text

    public = Client()
    policy_page = public.get(f"/xxgk/{policy.agency.code}/item/{policy.pk}/").text
    assert "政策解读：" in policy_page and reading.title in policy_page
    assert f"/xxgk/{policy.agency.code}/item/{reading.pk}/" in policy_page
    reading_page = public.get(f"/xxgk/{policy.agency.code}/item/{reading.pk}/").text
    assert (
        "政策文件：" in reading_page
        and policy.title in reading_page
        and f"/xxgk/{policy.agency.code}/item/{policy.pk}/" in reading_page
    )


def test_an_unflagged_policy_goes_out_without_one(catalogue, chain_people, draft_data):
    item = services.item_create(
        agency=catalogue,
        by=chain_people["drafter"],
        data=draft_data(entry=column(catalogue, "行政规范性文件"), validity="valid"),
    )
    item = walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    assert item.status == "published"
