"""The annual report as a document: drafted from the data, warned about, exported, reviewed
through the items' chain and published in the 政府信息公开年报 column; supervised from above."""

from datetime import date
from io import BytesIO

import pytest
from django.test import Client

from gongkai.annual_reports import services
from gongkai.annual_reports.models import AnnualReport
from gongkai.publishing.models import InformationItem
from tests.conftest import person
from tests.publishing.conftest import walk_chain
from tests.reports.downloads import rollup_download

pytestmark = pytest.mark.django_db


def test_the_figures_sentences_are_drafted_from_the_data(report):
    assert "新收政府信息公开申请2件" in report.requests_text
    assert "予以公开1件" in report.requests_text and "结转下年度继续办理1件" in report.requests_text
    assert "未发生因政府信息公开被申请行政复议" in report.appeals_text
    assert "未收取政府信息公开信息处理费" in report.other_matters


def test_warnings_for_long_overview_and_numbers_that_contradict_the_tables(report):
    report.overview = "本机关" * 400
    report.requests_text = "全年共收到政府信息公开申请5件，予以公开1件。"
    messages = [w.message for w in services.warnings_of(report)]
    assert any("超过1000字" in m for m in messages)
    assert any("收到政府信息公开申请5件" in m and "为2件" in m for m in messages)
    assert not any("予以公开1件" in m for m in messages)


def test_exports_in_every_format(report):
    from docx import Document

    from gongkai.annual_reports import export

    tables = services.tables_of(report)
    html = export.report_html(report, tables)
    assert "示例县交通运输局2025年政府信息公开工作年度报告" in html
    assert 'rowspan="3"' in html and "（七）总计" in html
    document = Document(BytesIO(export.report_docx(report, tables)))
    assert len(document.tables) == 3
    header = document.tables[1].rows[0].cells
    assert header[0].text.startswith("（本列数据的勾稽关系为") and header[0]._tc is header[2]._tc
    assert export.report_pdf(report, tables)[:5] == b"%PDF-"


def test_review_and_publication_through_the_chain(report, chain_people):
    report = services.report_submit(report=report, by=chain_people["drafter"])
    assert report.state == "审核中"
    item = walk_chain(report.item, chain_people)
    assert item.status == InformationItem.Status.PUBLISHED
    report.refresh_from_db()
    assert report.state == "已发布" and report.published_on is not None
    assert item.entry.kind == "annual_report"
    assert {a.file_type for a in item.attachments.all()} == {"docx", "pdf"}
    assert {a.original_name for a in item.attachments.all()} == {
        "示例县交通运输局2025年政府信息公开工作年度报告.docx",
        "示例县交通运输局2025年政府信息公开工作年度报告.pdf",
    }
    page = Client().get(f"/xxgk/SX120/item/{item.pk}/").text
    assert "（七）总计" in page and "年度报告" in page
    column = Client().get(f"/xxgk/SX120/column/{item.entry_id}/").text
    assert "2025年政府信息公开工作年度报告" in column


def test_a_report_with_blank_cells_cannot_be_submitted(report, chain_people):
    from django.core.exceptions import ValidationError

    report.manual_table2 = {}
    report.save()
    with pytest.raises(ValidationError, match=r"必填项为空.*本机关没有的事项请填0"):
        services.report_submit(report=report, by=chain_people["drafter"])


def test_staff_page_saves_keeps_input_and_imports_table2(report, chain_people):
    client = Client()
    client.force_login(chain_people["drafter"])
    page = client.post(
        f"/staff/reports/{report.pk}/",
        {
            "t2-licensing": "-5",
            "t2-penalty": "abc",
            "t2-enforcement": "3",
            "t2-fees": "12.6",
            "text-overview": "我的总体情况文字",
            "text-proactive_text": "x",
            "text-requests_text": "y",
            "text-appeals_text": "z",
            "text-problems": "问题",
            "text-other_matters": "无",
        },
    )
    assert page.status_code == 200
    assert (
        "不能为负数" in page.text and "请填写整数" in page.text and "我的总体情况文字" in page.text
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("t2.csv", "项目,数值\n行政许可,12\n行政审批,3\n".encode())
    response = client.post(f"/staff/reports/{report.pk}/table2/", {"upload-file": bad}, follow=True)
    assert "未知项目“行政审批”" in response.text
    good = SimpleUploadedFile(
        "t2.csv", '项目,数值\n行政许可,"1,300"\n行政事业性收费（万元）,8.5\n'.encode()
    )
    client.post(f"/staff/reports/{report.pk}/table2/", {"upload-file": good})
    report.refresh_from_db()
    assert report.manual_table2["licensing"] == [1300] and report.manual_table2["fees"] == [8.5]


def test_supervisor_sees_every_subordinate_and_rolls_up(
    report, county, chain_people, education, django_capture_on_commit_callbacks
):
    supervisor = person("ducha", county, "supervisor")
    client = Client()
    client.force_login(supervisor)
    page = client.get("/staff/reports/supervision/", {"year": 2025}).text
    assert "示例县交通运输局" in page and "示例县教育局" in page and "未编制" in page
    assert "2026-01-31" in page
    content = rollup_download(client, 2025, django_capture_on_commit_callbacks)
    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(content)).active
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows["一、本年新收政府信息公开申请数量"][-1] == 2
    outsider = Client()
    outsider.force_login(chain_people["drafter"])
    assert outsider.get("/staff/reports/supervision/").status_code == 403


def test_deadlines_by_kind_and_level():
    from gongkai.annual_reports.deadlines import collection_due, on_time, publication_due

    assert publication_due(kind="department", level="county", year=2025) == date(2026, 1, 31)
    assert publication_due(kind="government", level="township", year=2025) == date(2026, 1, 31)
    assert publication_due(kind="government", level="county", year=2025) == date(2026, 3, 31)
    assert collection_due(level="county", year=2025) == date(2026, 2, 20)
    assert collection_due(level="city", year=2025) == date(2026, 3, 10)
    assert on_time(date(2026, 2, 1), date(2026, 1, 31), date(2026, 3, 1)) == "逾期发布"
    assert on_time(None, date(2026, 1, 31), date(2026, 2, 1)) == "逾期未发布"


def test_one_report_per_agency_and_year(report, chain_people):
    again = services.report_prepare(agency=report.agency, year=2025, by=chain_people["drafter"])
    assert again.pk == report.pk and AnnualReport.objects.count() == 1


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_reports_built_here_pass_the_checker_in_every_format(report, tmp_path, fmt, capsys):
    from django.core.management import call_command

    from gongkai.annual_reports.checker import check_file

    out = tmp_path / f"report.{fmt}"
    call_command(
        "report", "build", "--agency", "SX120", "--year", "2025", "--format", fmt, "-o", str(out)
    )
    assert "已生成" in capsys.readouterr().out
    result = check_file(out)
    assert (result.verdict, result.format_version, result.report_year) == ("ok", "2021", 2025)


def test_checker_upload_page(report, chain_people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.annual_reports import export

    client = Client()
    client.force_login(chain_people["drafter"])
    report.manual_table2 = {}
    html = export.report_html(report, services.tables_of(report)).encode()
    page = client.post("/staff/reports/check/", {"file": SimpleUploadedFile("r.html", html)})
    # 表二's blanks in a report checked here are notes, not violations; no English rule name.
    assert "表格一致" in page.text and "表二空白" in page.text and "blank" not in page.text


def test_a_report_published_as_an_ordinary_item_counts_only_while_public(
    chain_people, draft_data, county
):
    """An agency that uploads its report (drafted elsewhere) into the 年报 column is not shown as
    unpublished; once withdrawn, it is."""
    from gongkai.publishing import services as publishing

    agency = chain_people["drafter"].memberships.first().agency
    item = publishing.item_create(
        agency=agency,
        by=chain_people["drafter"],
        data=draft_data(
            title="示例县交通运输局2025年政府信息公开工作年度报告",
            entry=services.annual_report_column(agency),
            doc_number="",
        ),
    )
    publishing.item_submit(item=item, by=chain_people["drafter"])
    item = walk_chain(item, chain_people)
    assert services.reports_published_as_items([agency], 2025) == {agency.pk: item}
    assert services.reports_published_as_items([agency], 2024) == {}
    supervisor = person("ducha", county, "supervisor")
    client = Client()
    client.force_login(supervisor)
    page = client.get("/staff/reports/supervision/", {"year": 2025}).text
    assert "已发布（非本系统编制）" in page and f"/xxgk/SX120/item/{item.pk}/" in page
    publishing.item_withdraw(item=item, by=chain_people["office"], reason="内容有误")
    assert services.reports_published_as_items([agency], 2025) == {}
    page = client.get("/staff/reports/supervision/", {"year": 2025}).text
    assert "非本系统编制" not in page


def test_a_submitted_report_keeps_its_figures_while_the_data_moves_on(report, chain_people):
    """A 规范性文件 written in 2025 and published in 2026 changes a recount of 2025's 现行有效; the
    report published with 7 still says 7 — on its staff page, in its downloads and in the
    supervisor's 汇总表 — because that is what its text and files say. Sent back for changes,
    it is counted afresh."""
    from docx import Document

    from gongkai.annual_reports import compute
    from tests.inspection.conftest import published
    from tests.publishing.conftest import column

    report = services.report_submit(report=report, by=chain_people["drafter"])
    walk_chain(report.item, chain_people)
    report.refresh_from_db()
    as_published = services.tables_of(report).table2["normative"]
    assert report.submitted_tables["table2"]["normative"] == as_published
    published(
        report.agency,
        column(report.agency, "行政规范性文件"),
        date(2026, 1, 5),
        title="关于规范农村公路养护的通知",
        written_date=date(2025, 12, 20),
        validity="valid",
    )
    recount = compute.build_tables([report.agency_id], 2025, report.manual_table2)
    assert recount.table2["normative"] != as_published  # the data moved on
    assert services.tables_of(report).table2["normative"] == as_published
    client = Client()
    client.force_login(chain_people["drafter"])
    response = client.get(f"/staff/reports/{report.pk}/export/docx/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''"
        + "%E7%A4%BA%E4%BE%8B%E5%8E%BF%E4%BA%A4%E9%80%9A%E8%BF%90%E8%BE%93%E5%B1%80"
        + "2025%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80"
        + "%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx"
    )
    cells = [
        c.text for t in Document(BytesIO(response.content)).tables for r in t.rows for c in r.cells
    ]
    assert str(as_published[-1]) in cells
    for fmt in ("pdf", "html"):
        assert client.get(f"/staff/reports/{report.pk}/export/{fmt}/").status_code == 200


def test_the_staff_page_heads_each_group_of_table2_with_its_columns(report, chain_people):
    client = Client()
    client.force_login(chain_people["drafter"])
    page = client.get(f"/staff/reports/{report.pk}/").text
    table2 = page.split("表二 主动公开政府信息情况", 1)[1].split("</table>", 1)[0]
    heads = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"]
    assert all(f'<th scope="col">{h}</th>' in table2 or f">{h}</th>" in table2 for h in heads)
    assert table2.index("现行有效件数") < table2.index("行政规范性文件")
    assert (
        table2.index("行政规范性文件") < table2.index("本年处理决定数量") < table2.index("行政许可")
    )
