"""第二十一条's extra columns in the template for 市/县/乡镇 governments; 公开主体 and 载体 shown
on the staff catalogue and the portal's column page."""

import pytest
from django.test import Client

from gongkai.publishing import services
from gongkai.publishing.catalogue_template import template_for
from gongkai.publishing.models import CatalogueEntry
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def names(agency):
    return set(CatalogueEntry.objects.filter(agency=agency).values_list("name", flat=True))


def test_county_and_township_governments_get_article_21_columns(county):
    services.catalogue_apply_template(agency=county)
    assert {"重点领域信息", "市政建设", "土地征收", "治安管理", "社会救助"} <= names(county)
    extra = CatalogueEntry.objects.get(agency=county, name="土地征收")
    assert "第二十一条" in extra.basis and extra.parent.name == "重点领域信息"
    town = AgencyFactory(name="北山镇人民政府", code="SX901", level="township", kind="government")
    services.catalogue_apply_template(agency=town)
    assert {"贯彻落实农业农村政策", "宅基地使用情况审核", "筹资筹劳"} <= names(town)
    assert "市政建设" not in names(town)
    assert services.catalogue_apply_template(agency=town) == 0  # idempotent


def test_departments_and_provinces_keep_the_article_20_template(transport):
    services.catalogue_apply_template(agency=transport)
    assert "重点领域信息" not in names(transport) and "行政许可" in names(transport)
    assert template_for("province", "government") == template_for("county", "department")


def test_subject_and_carrier_are_shown(transport, xiaoli):
    services.catalogue_apply_template(agency=transport)
    client = Client()
    client.force_login(xiaoli)
    staff = client.get("/staff/publishing/catalogue/").text
    assert "公开主体" in staff and "公开载体" in staff and "政府网站政府信息公开专栏" in staff
    column = CatalogueEntry.objects.get(agency=transport, name="行政许可")
    page = Client().get(f"/xxgk/{transport.code}/column/{column.pk}/").text
    assert "公开主体" in page and transport.name in page
    assert "公开载体" in page and "政府网站政府信息公开专栏" in page


def test_the_index_numbers_year_follows_the_platform_setting(
    chain_people, draft_data, catalogue, settings
):
    from datetime import date

    from tests.publishing.conftest import column, walk_chain

    def publish(title):
        data = draft_data(
            title=title,
            entry=column(catalogue, "其他文件"),
            doc_number="",
            formed_date=date(2025, 12, 29),
            written_date=date(2025, 12, 29),
        )
        item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=data)
        return walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)

    from django.utils import timezone

    this_year = timezone.localdate().year
    assert f"-{this_year}-" in publish("按发布年度编号").index_number  # published this year
    settings.GONGKAI_INDEX_YEAR = "formed"
    formed = publish("按生成年度编号")
    assert "-2025-" in formed.index_number  # formed on 29 December 2025
