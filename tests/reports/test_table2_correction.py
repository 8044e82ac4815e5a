"""The office corrects 表二's 规章/行政规范性文件 figures with a recorded reason when documents were
made outside the system; the report, its exports and the roll-up use the corrected figure."""

import pytest
from django.test import Client

from gongkai.annual_reports import export, services
from gongkai.annual_reports.models import Table2Correction

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post(client, report, **data):
    fields = {"fix-row": "normative", "fix-c0": "", "fix-c1": "", "fix-c2": "", "fix-reason": ""}
    fields.update({f"fix-{k}": v for k, v in data.items()})
    return client.post(f"/staff/reports/{report.pk}/table2/correct/", fields)


def test_a_correction_needs_every_figure_and_a_reason_and_keeps_what_was_typed(
    report, chain_people
):
    client = signed_in(chain_people["drafter"])
    page = client.get(f"/staff/reports/{report.pk}/").text
    assert "表二更正（规章、行政规范性文件）" in page and "本年制发件数" in page
    missing = post(client, report, c0="3", c1="0", c2="-1")
    assert missing.status_code == 400
    assert "请填写更正理由。" in missing.text and "不能为负数。" in missing.text
    assert 'value="3"' in missing.text  # nothing typed is lost
    same = post(client, report, c0="0", c1="0", c2="0", reason="核对")
    assert same.status_code == 400 and "与当前数值相同，无需更正。" in same.text
    assert not Table2Correction.objects.exists()


def test_the_corrected_figure_is_used_everywhere_with_its_reason(report, chain_people):
    from io import BytesIO

    from docx import Document

    drafter = chain_people["drafter"]
    assert services.tables_of(report).table2["normative"] == [0, 0, 0]
    response = post(
        signed_in(drafter),
        report,
        c0="2",
        c1="0",
        c2="5",
        reason="2件规范性文件由县政府办公室代为印发，未在本系统发布",
    )
    assert response.status_code == 302
    correction = Table2Correction.objects.get()
    assert correction.computed == [0, 0, 0] and correction.values == [2, 0, 5]
    assert correction.by == drafter
    tables = services.tables_of(report)
    assert tables.table2["normative"] == [2, 0, 5]
    assert services.tables_of(report, corrected=False).table2["normative"] == [0, 0, 0]
    page = signed_in(drafter).get(f"/staff/reports/{report.pk}/").text
    assert "2件规范性文件由县政府办公室代为印发" in page and "2 / 0 / 5" in page
    document = Document(BytesIO(export.report_docx(report, tables)))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "5" in cells and "2" in cells
    # A second correction replaces the first; both stay on record.
    services.table2_correct(
        report=report, by=drafter, row="normative", values=[2, 1, 4], reason="复核"
    )
    assert services.tables_of(report).table2["normative"] == [2, 1, 4]
    page = signed_in(drafter).get(f"/staff/reports/{report.pk}/").text
    assert "已被后一次更正取代" in page


def test_only_its_drafters_correct_and_not_after_submission(report, chain_people, teacher_officer):
    assert (
        post(signed_in(teacher_officer), report, c0="1", c1="0", c2="1", reason="x").status_code
        == 404
    )
    reviewer = chain_people["secrecy"]
    assert post(signed_in(reviewer), report, c0="1", c1="0", c2="1", reason="x").status_code == 403
    with pytest.raises(services.PermissionDenied):
        services.table2_correct(
            report=report, by=reviewer, row="normative", values=[1, 0, 1], reason="x"
        )
    assert not Table2Correction.objects.exists()
    services.report_submit(report=report, by=chain_people["drafter"])
    with pytest.raises(services.ValidationError) as refused:
        services.table2_correct(
            report=report, by=chain_people["drafter"], row="normative", values=[1, 0, 1], reason="x"
        )
    assert "已提交审核或已发布" in str(refused.value)
    page = signed_in(chain_people["drafter"]).get(f"/staff/reports/{report.pk}/").text
    assert "更正并记录理由" not in page
