"""One person signs at most one step of an item, whatever roles they hold ("层层审查签批",
seed 000); a chain that different people cannot complete is refused where it is configured, and
a draft that nobody else could take through it is refused at submission. Also 更正 through its
view (it once answered 500)."""

from datetime import date
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.org.models import Membership
from gongkai.publishing import selectors, services
from gongkai.publishing.models import InformationItem
from tests.conftest import person
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def director(catalogue):
    """赵主任: 办公室主任, 股室负责人 of 办公室 and a member of the 公开办."""
    user = person("zhaozr", catalogue, "unit_head", "办公室", full_name="赵主任")
    Membership.objects.create(
        user=user,
        agency=catalogue,
        unit=catalogue.units.get(name="办公室"),
        role="disclosure_office",
    )
    return user


@pytest.fixture
def office_item(chain_people, director, draft_data, catalogue):
    """An item drafted in 办公室 by 林晓 (公开办): its first step is 办公室's 股室负责人, and 周敏
    is the third member of the 公开办 (林晓 drafted it, 赵主任 may sign another step)."""
    person("zhoumin", catalogue, "disclosure_office", "办公室", full_name="周敏")
    office = chain_people["office"]
    item = services.item_create(agency=catalogue, by=office, data=draft_data())
    return services.item_submit(item=item, by=office)


def test_the_director_who_approved_as_unit_head_cannot_publish_the_same_item(
    office_item, chain_people, director
):
    item = services.item_approve(item=office_item, by=director, comment="同意")
    for who in ("secrecy", "deputy", "principal"):
        item = services.item_approve(item=item, by=chain_people[who])
    assert item.current_step == 5  # 公开办发布
    refusal = selectors.step_refusal(director, item, selectors.current_step(item))
    assert refusal == "您已签署本信息的“股室负责人审核”环节；同一信息的各环节须由不同人员办理。"
    with pytest.raises(PermissionDenied):
        services.item_approve(item=item, by=director)
    assert item not in selectors.waiting_on(director)
    # Through the view the button is not offered, and a forged POST changes nothing.
    client = signed_in(director)
    page = client.get(f"/staff/publishing/items/{item.pk}/").content.decode()
    assert 'value="approve"' not in page
    assert "您已签署本信息的“股室负责人审核”环节" in page
    client.post(f"/staff/publishing/items/{item.pk}/review/", {"decision": "approve"})
    item.refresh_from_db()
    assert item.status == InformationItem.Status.IN_REVIEW


def test_after_a_return_and_resubmission_a_new_round_begins(office_item, chain_people, director):
    item = services.item_approve(item=office_item, by=director)
    item = services.item_return(item=item, by=chain_people["secrecy"], comment="请删去个人信息")
    item = services.item_submit(item=item, by=chain_people["office"])
    assert selectors.signed_this_round(item) == {}
    services.item_approve(item=item, by=director)  # 股室负责人审核 again: allowed


def test_nobody_signs_two_steps_of_an_annual_report_either(office_item, chain_people, director):
    """The annual report goes through the items' chain: the same rule holds for it."""
    item = walk_chain(office_item, {**chain_people, "unit_head": director}, upto=5)
    with pytest.raises(PermissionDenied):
        services.item_approve(item=item, by=director)
    item = services.item_approve(
        item=item, by=item.agency.memberships.get(user__username="zhoumin").user
    )
    assert item.status == InformationItem.Status.PUBLISHED


def test_submission_is_refused_when_no_one_else_could_sign_a_step(chain_people, catalogue):
    """老王 is 运输股's only 股室负责人: if he drafts, nobody can sign 股室负责人审核."""
    laowang = chain_people["unit_head"]
    Membership.objects.create(
        user=laowang,
        agency=catalogue,
        unit=catalogue.units.get(name="运输股"),
        role="info_officer",
    )
    item = services.item_create(
        agency=catalogue,
        by=laowang,
        data={
            "title": "运输股自拟信息",
            "entry": column(catalogue, "其他文件"),
            "body": "正文",
            "formed_date": date(2026, 11, 2),
            "disclosure": "active",
        },
    )
    with pytest.raises(ValidationError) as refused:
        services.item_submit(item=item, by=laowang)
    assert "“股室负责人审核”" in refused.value.messages[0]
    item.refresh_from_db()
    assert item.status == InformationItem.Status.DRAFT


class _Fields(HTMLParser):
    """The values a browser would post back from the first form with a CSRF token."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.data[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_the_admin_refuses_a_chain_that_different_people_cannot_complete(
    catalogue, chain_people, sysadmin
):
    services.review_chain_ensure(agency=catalogue)
    client = signed_in(sysadmin)
    url = f"/admin/org/agency/{catalogue.pk}/change/"
    parser = _Fields()
    parser.feed(client.get(url).content.decode())
    data = parser.data
    prefix = "review_steps"
    # A second 保密审查 step: 陈建国 is the only 保密审查员.
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-{total}-order"] = "0"
    data[f"{prefix}-{total}-name"] = "复核保密审查"
    data[f"{prefix}-{total}-role"] = "secrecy_reviewer"
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the reason
    page = response.content.decode()
    # 运输股's items: two 保密审查 steps, one 保密审查员. 办公室's (林晓 of the 公开办 drafts
    # there): nobody is 办公室's 股室负责人.
    assert "“运输股”拟稿的信息无法走完审核流程：“保密审查”环节没有可以办理的其他人员" in page
    assert "“办公室”拟稿的信息无法走完审核流程：“股室负责人审核”、“保密审查”环节" in page
    assert catalogue.review_steps.count() == total
    # With a second 保密审查员 and a head of 办公室 the same chain is accepted.
    person("laosun", catalogue, "secrecy_reviewer", "办公室")
    person("zhaozr", catalogue, "unit_head", "办公室")
    response = client.post(url, data)
    assert response.status_code == 302


def test_correcting_a_published_item_through_its_page(chain_people, draft_data, catalogue):
    office = chain_people["office"]
    item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=draft_data())
    item = walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    client = signed_in(office)
    url = f"/staff/publishing/items/{item.pk}/correct/"
    page = client.get(url)
    assert page.status_code == 200
    assert "更正理由" in page.content.decode()
    parser = _Fields()
    parser.feed(page.content.decode())
    data = {**parser.data, "title": "关于做好2026年冬季农村公路养护工作的通知（更正）"}
    data["reason"] = ""
    refused = client.post(url, data)
    assert refused.status_code == 200 and "请填写更正理由" in refused.content.decode()
    data["reason"] = "标题漏写“更正”字样"
    response = client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title.endswith("（更正）")
    assert item.versions.count() == 1
    assert client.get(f"/xxgk/{catalogue.code}/item/{item.pk}/").status_code in (200, 404)
