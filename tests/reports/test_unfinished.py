"""Nothing unfinished goes out (issue 14 §3): an annual report holding a drafting prompt, prose
that contradicts its tables, a failing rule, or a year not yet ended cannot be submitted or
published — through the page or any service call; an item with a template prompt cannot be
submitted. Staff see why at the field."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.annual_reports import services
from gongkai.publishing import placeholders
from gongkai.publishing import services as publishing
from gongkai.publishing.models import InformationItem
from tests.publishing.conftest import column, walk_chain
from tests.reports.test_tables import make_application

pytestmark = pytest.mark.django_db

PROMPT = "……（请补充总体情况，原则上不超过1000字）"


def problems_of(error: ValidationError) -> dict:
    return error.value.message_dict


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("坚持以公开为常态，" + PROMPT, ["（请补充总体情况，原则上不超过1000字）"]),
        ("【此处填写文号】", ["【此处填写文号】"]),
        ("依据示交〔2025〕XXX号文件", ["XXX"]),
        ("待补充", ["待补充"]),
        ("（二）请各单位于3月前填写报表。", []),  # an instruction in a real notice
        ("申请人张××于3月提出申请，电话139****5678。", []),  # masked personal data
        ("王某某（联系电话139XXXX5678）", []),
        ("请补充提交以下材料：身份证复印件。", []),  # a 补正 request quoted in a notice
        ("Windows XP 系统停止服务", []),
    ],
)
def test_what_counts_as_a_drafting_prompt(text, found):
    assert placeholders.find(text) == found


def test_a_drafted_prompt_blocks_submission_at_its_field(report, chain_people):
    report.overview = "2025年，本局坚持以公开为常态、不公开为例外，" + PROMPT
    report.save()
    with pytest.raises(ValidationError) as error:
        services.report_submit(report=report, by=chain_people["drafter"])
    assert "请补充总体情况" in problems_of(error)["overview"][0]
    report.refresh_from_db()
    assert report.item is None


def test_prose_that_contradicts_the_tables_blocks_submission(report, chain_people):
    report.requests_text = "全年共收到政府信息公开申请5件。"
    report.save()
    with pytest.raises(ValidationError) as error:
        services.report_submit(report=report, by=chain_people["drafter"])
    assert "表格中" in problems_of(error)["requests_text"][0]


def test_a_report_cannot_go_out_before_its_year_ends(chain_people, catalogue):
    current = services.report_prepare(agency=catalogue, year=2026, by=chain_people["drafter"])
    current.overview = "本局依法做好政府信息公开工作。"
    current.manual_table2 = {"licensing": [1], "penalty": [0], "enforcement": [0], "fees": [0]}
    current.save()
    with time_machine.travel("2026-12-31T23:00:00+08:00", tick=False):
        with pytest.raises(ValidationError) as error:
            services.report_submit(report=current, by=chain_people["drafter"])
        assert "2026年度尚未结束" in problems_of(error)[""][0]
        assert "2027年1月1日" in problems_of(error)[""][0]
    with time_machine.travel("2027-01-01T09:00:00+08:00", tick=False):
        assert services.submission_problems(current) == {}


def test_publication_rechecks_the_report_when_its_figures_moved(report, chain_people, catalogue):
    report = services.report_submit(report=report, by=chain_people["drafter"])
    # Between submission and the last signature a 2025 request is entered: the prose's
    # "新收政府信息公开申请2件" no longer agrees with the tables.
    make_application(catalogue, 3, kind="natural", received=date(2025, 6, 2))
    with pytest.raises(ValidationError, match="年度报告暂不能发布"):
        walk_chain(report.item, chain_people)
    item = InformationItem.objects.get(pk=report.item_id)
    assert item.status != InformationItem.Status.PUBLISHED and item.index_number is None


def test_the_staff_page_shows_why_at_the_field_and_offers_no_submit(report, chain_people):
    report.overview = "本局坚持以公开为常态，" + PROMPT
    report.save()
    client = Client()
    client.force_login(chain_people["drafter"])
    page = client.get(f"/staff/reports/{report.pk}/").text
    overview_at = page.index('name="text-overview"')
    problem_at = page.index("还有未完成的占位提示")
    proactive_at = page.index('name="text-proactive_text"')
    assert overview_at < problem_at < proactive_at  # under the 总体情况 field
    assert "提交审核前须处理" in page and "disabled" in page
    refused = client.post(f"/staff/reports/{report.pk}/submit/", follow=True)
    assert "尚不能提交审核" in refused.text
    report.refresh_from_db()
    assert report.item is None


def test_an_item_with_a_template_prompt_cannot_be_submitted(chain_people, draft_data, catalogue):
    drafter = chain_people["drafter"]
    data = draft_data(
        title="关于调整XXX路公交线路的通知",
        body="各有关单位：\n【此处填写通知正文】",
        entry=column(catalogue, "其他文件"),
    )
    item = publishing.item_create(agency=catalogue, by=drafter, data=data)  # a draft may hold it
    with pytest.raises(ValidationError) as error:
        publishing.item_submit(item=item, by=drafter)
    assert "XXX" in problems_of(error)["title"][0]
    assert "【此处填写通知正文】" in problems_of(error)["body"][0]
    client = Client()
    client.force_login(drafter)
    response = client.post(f"/staff/publishing/items/{item.pk}/submit/")
    assert response.status_code == 302 and response["Location"].endswith("?check=submit")
    page = client.get(response["Location"]).text
    assert "尚不能提交审核" in page and "【此处填写通知正文】" in page
    # The title's problem in the title's field group, between its label and its input.
    assert page.index('for="id_title"') < page.index("XXX”") < page.index('name="title"')
    item.refresh_from_db()
    assert item.status == InformationItem.Status.DRAFT


def test_the_preview_links_its_stylesheet_and_published_tables_are_ruled(report, chain_people):
    """Under the CSP (style-src 'self') an inline <style> is dropped: the preview links one."""
    client = Client()
    client.force_login(chain_people["drafter"])
    preview = client.get(f"/staff/reports/{report.pk}/export/html/").text
    assert "<style>" not in preview and "gongkai/css/report.css" in preview
    from django.contrib.staticfiles import finders

    assert finders.find("gongkai/css/report.css")
    portal_css = open(finders.find("gongkai/css/portal.css"), encoding="utf-8").read()
    assert ".doc-body th, .doc-body td { border: 1px solid #000;" in portal_css
