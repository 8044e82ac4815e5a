"""Agencies, units, memberships: staff see only their own agencies; supervisors read below them."""

import pytest
from django.test import Client

from gongkai.org.models import Agency
from gongkai.org.selectors import visible_agencies
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_staff_never_see_another_agencys_data(xiaoli, teacher_officer, transport, education):
    client = signed_in(teacher_officer)
    assert client.get(f"/staff/org/{transport.code}/").status_code == 404
    listing = client.get("/staff/org/").text
    assert "示例县交通运输局" not in listing and "示例县教育局" in listing
    assert "小李" not in client.get(f"/staff/org/{education.code}/").text
    assert list(visible_agencies(teacher_officer)) == [education]
    own = signed_in(xiaoli).get(f"/staff/org/{transport.code}/")
    assert own.status_code == 200 and "小李" in own.text


def test_switching_to_a_foreign_agency_is_refused(xiaoli, education, transport):
    client = signed_in(xiaoli)
    response = client.post("/staff/switch/", {"agency": education.pk}, follow=True)
    assert "无法切换" in response.text
    assert client.session.get("gongkai_agency_id") is None
    assert "示例县交通运输局" in response.text


def test_switching_between_ones_own_agencies(xiaoli, county, transport):
    township = AgencyFactory(name="城关镇人民政府", code="SX201", parent=county, level="township")
    from tests.factories import MembershipFactory

    MembershipFactory(user=xiaoli, agency=township, role="info_officer")
    client = signed_in(xiaoli)
    response = client.post("/staff/switch/", {"agency": township.pk}, follow=True)
    assert "已切换到城关镇人民政府" in response.text
    assert client.session["gongkai_agency_id"] == township.pk


def test_a_supervisor_reads_subordinate_agencies_read_only(supervisor, transport, education):
    client = signed_in(supervisor)
    listing = client.get("/staff/org/").text
    assert "示例县交通运输局" in listing and "示例县教育局" in listing
    detail = client.get(f"/staff/org/{transport.code}/")
    assert detail.status_code == 200 and "督查只读" in detail.text


def test_the_supervisor_sees_nothing_above_or_beside(transport, education):
    from tests.conftest import person

    boss = person("jyducha", education, "supervisor")
    assert list(visible_agencies(boss)) == [education]


def test_admin_is_for_the_three_administrators_only(xiaoli, sysadmin, secadmin):
    assert signed_in(xiaoli).get("/admin/", follow=True).status_code == 403
    assert Client().get("/admin/").status_code == 302
    sys_index = signed_in(sysadmin).get("/admin/").text
    assert "机关" in sys_index and "节假日" in sys_index
    assert "/admin/accounts/user/" not in sys_index  # accounts belong to the 安全管理员
    sec_index = signed_in(secadmin).get("/admin/").text
    assert "/admin/accounts/user/" in sec_index and "/admin/org/membership/" in sec_index


def test_the_security_admin_cannot_change_agencies(secadmin, transport):
    client = signed_in(secadmin)
    assert client.get(f"/admin/org/agency/{transport.pk}/change/").status_code == 200  # view
    response = client.post(f"/admin/org/agency/{transport.pk}/change/", {"name": "改名"})
    assert response.status_code == 403
    assert Agency.objects.get(pk=transport.pk).name == "示例县交通运输局"


def test_an_agency_cannot_be_its_own_ancestor(county, transport):
    county.parent = transport
    with pytest.raises(Exception, match="上级机关不能是本机关或其下级机关"):
        county.full_clean()


def test_admin_forms_answer_in_chinese_and_keep_input(sysadmin, county):
    client = signed_in(sysadmin)
    response = client.post(
        "/admin/org/agency/add/",
        {
            "name": "示例县卫健局",
            "code": "SX-160!",
            "level": "county",
            "kind": "department",
            "sort_order": 10,
            "units-TOTAL_FORMS": "0",
            "units-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "机构代码只能由字母和数字组成" in response.text
    assert 'value="示例县卫健局"' in response.text
