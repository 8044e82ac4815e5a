"""The 自查 pages as each person reaches them."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from gongkai.inspection import services
from gongkai.publishing.models import CatalogueEntry
from gongkai.workbench.registry import _providers
from tests.conftest import person

from .conftest import column, published

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def inspected(catalogue, office):
    """交通运输局 with a 规章 column never used and a late item, inspected on TODAY."""
    CatalogueEntry.objects.filter(agency=catalogue).exclude(name__in=["规章", "其他文件"]).exclude(
        name="政策文件"
    ).update(is_active=False)
    late = published(
        catalogue,
        column(catalogue, "其他文件"),
        TODAY - timedelta(days=2),
        title="关于农村公路养护的通知",
        due_date=TODAY - timedelta(days=5),
    )
    services.inspect_agency(catalogue, today=TODAY - timedelta(days=7), groups=["data"])
    services.inspect_agency(catalogue, today=TODAY, groups=["data"])
    return late


def test_the_office_sees_its_findings_and_where_to_fix_them(inspected, office):
    page = client_for(office).get("/staff/inspection/").text
    assert "自查：示例县交通运输局" in page and "未触发单项否决" in page
    assert "扣分项得分" in page
    assert "政策文件 › 规章" in page and "栏目自开设以来没有发布过信息。" in page
    assert "关于农村公路养护的通知" in page and "公开期限为" in page
    assert f'href="/xxgk/SX120/item/{inspected.pk}/"' in page
    assert f'href="/staff/publishing/items/{inspected.pk}/">去整改' in page
    assert "得分变化" in page and "<svg" in page  # two runs: a history
    assert ">自查</a>" in page  # in the menu


def test_the_report_downloads_as_docx_and_xlsx(inspected, office):
    client = client_for(office)
    response = client.get("/staff/inspection/agency/SX120/report.docx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "示例县交通运输局政府网站和政务公开自查报告（2026年12月3日）" in text
    assert "检查结论：未触发单项否决指标" in text
    assert "关于农村公路养护的通知：公开期限为" in text and "整改措施：" in text
    response = client.get("/staff/inspection/agency/SX120/report.xlsx")
    book = load_workbook(BytesIO(response.content))
    rows = list(book["问题清单"].iter_rows(values_only=True))
    assert rows[0][:3] == ("指标", "对象", "问题")
    assert any(row[1] == "关于农村公路养护的通知" for row in rows[1:])
    assert client.get("/staff/inspection/agency/SX120/report.pdf").status_code == 404


def test_people_without_a_reading_role_are_neither_offered_nor_let_in(inspected, xiaoli):
    client = client_for(xiaoli)
    assert client.get("/staff/inspection/").status_code == 403
    assert client.get("/staff/inspection/agency/SX120/").status_code == 403
    assert client.get("/staff/inspection/agency/SX120/report.docx").status_code == 403
    assert ">自查</a>" not in client.get("/staff/").text


def test_another_agency_cannot_read_it(inspected, education):
    other = person("jiaoyu_office", education, "disclosure_office", "办公室")
    assert client_for(other).get("/staff/inspection/agency/SX120/").status_code == 403
    assert client_for(other).get("/staff/inspection/agency/NOPE/").status_code == 404


def test_the_supervisor_ranks_the_agencies_below_and_reads_them(inspected, county, supervisor):
    services.inspect_agency(county, today=TODAY, groups=["data"])
    client = client_for(supervisor)
    page = client.get("/staff/inspection/ranking/").text
    assert "下级机关自查排名" in page
    assert "示例县人民政府" in page and "示例县交通运输局" in page
    page = client.get("/staff/inspection/agency/SX120/").text
    assert "只读" in page and "去整改" not in page
    assert "政策文件 › 规章" in page
    assert client_for(supervisor).get("/staff/inspection/").status_code == 200


def test_the_ranking_puts_vetoed_agencies_last(catalogue, county, education, supervisor):
    from gongkai.publishing import services as publishing

    publishing.catalogue_apply_template(agency=education)
    CatalogueEntry.objects.filter(agency=education).exclude(name="其他文件").update(is_active=False)
    published(education, column(education, "其他文件"), TODAY)
    education.phone = "0000-1234567"
    education.save()
    services.inspect_agency(catalogue, today=TODAY, groups=["data"])  # nothing published: vetoed
    services.inspect_agency(education, today=TODAY, groups=["data"])
    page = client_for(supervisor).get("/staff/inspection/ranking/").text
    assert page.index("示例县教育局") < page.index("示例县交通运输局")


def test_the_ranking_is_for_the_supervisor_only(inspected, office):
    assert client_for(office).get("/staff/inspection/ranking/").status_code == 403


def test_a_page_before_the_first_run(catalogue, office):
    page = client_for(office).get("/staff/inspection/").text
    assert "尚未自查" in page and "gongkai inspect" in page


def test_findings_wait_on_the_office_in_the_workbench(inspected, office):
    from gongkai.inspection.workbench import inspection_tasks

    assert inspection_tasks in _providers
    tasks = inspection_tasks(office, inspected.agency, TODAY)
    titles = {t.title: t for t in tasks}
    assert "整改自查问题：空白栏目（1个）" in titles
    late = titles["整改自查问题：信息未在法定时限内公开（1个）"]
    assert late.url == "/staff/inspection/#ind-late_items" and late.due > TODAY
    page = client_for(office).get("/staff/").text
    assert "整改自查问题" in page


@pytest.mark.parametrize(
    "path",
    [
        "/staff/inspection/agency/{code}/",
        "/staff/inspection/agency/{code}/report.docx",
        "/staff/inspection/duties/?agency={code}",
        "/staff/inspection/duties/frequent/?agency={code}",
    ],
)
@pytest.mark.parametrize(
    "code", ["NOPE", "SX120%00", "%ED%A0%80", "' OR 1=1 --", "9" * 40, 'SX120"<script>']
)
def test_hostile_codes_get_a_4xx_for_get_and_head(inspected, office, path, code):
    client = client_for(office)
    url = path.format(code=code)
    for method in (client.get, client.head):
        response = method(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)


def test_every_inspection_page_answers_head(inspected, office, supervisor):
    client = client_for(office)
    for url in (
        "/staff/inspection/",
        "/staff/inspection/agency/SX120/",
        "/staff/inspection/duties/",
        "/staff/inspection/duties/frequent/",
        "/staff/inspection/duties/withheld/",
        "/staff/inspection/duties/validity/",
    ):
        assert client.head(url).status_code == 200, url
    assert client_for(supervisor).head("/staff/inspection/ranking/").status_code == 200
