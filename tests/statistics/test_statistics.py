"""The statistics page: charts drawn on the server, a table beside each, exportable as XLSX."""

from datetime import date
from io import BytesIO

import pytest
from django.test import Client

from gongkai.applications.choices import Result
from tests.reports.test_tables import make_application

pytestmark = pytest.mark.django_db


def test_statistics_page_has_an_svg_chart_and_a_table_for_each_section(transport, xiaoli):
    make_application(
        transport,
        1,
        kind="natural",
        received=date(2026, 3, 3),
        answered=date(2026, 3, 20),
        result=Result.DISCLOSED,
    )
    make_application(
        transport,
        2,
        kind="natural",
        received=date(2026, 4, 3),
        answered=date(2026, 4, 20),
        result=Result.WITHHELD_PROCESS,
    )
    client = Client()
    client.force_login(xiaoli)
    page = client.get("/staff/statistics/", {"year": 2026}).text
    assert page.count("<svg") >= 2 and 'role="img"' in page
    assert "依申请公开办理结果" in page and "本年新收申请2件，办结2件" in page
    assert "<td>不予公开</td><td>1</td>" in page.replace("\n", "")
    xlsx = client.get("/staff/statistics/", {"year": 2026, "format": "xlsx"})
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(xlsx.content))
    assert "2026年依申请公开办理结果" in book.sheetnames


def test_other_agencies_statistics_are_not_visible(transport, education, teacher_officer):
    client = Client()
    client.force_login(teacher_officer)
    assert client.get("/staff/statistics/", {"agency": "SX120"}).status_code == 404
