"""Writes of the annual report: prepare a draft from the figures, edit it, send it through the
items' review chain into the agency's 政府信息公开年报 column."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.publishing import placeholders
from gongkai.publishing import selectors as publishing_selectors
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import ColumnKind
from gongkai.publishing.models import CatalogueEntry, InformationItem

from . import compute, document, export
from .formats import TABLE2_ROWS, Tables
from .models import AnnualReport, Table2Correction, title_for

SECTIONS = [
    ("overview", "一、总体情况"),
    ("proactive_text", "二、主动公开政府信息情况"),
    ("requests_text", "三、收到和处理政府信息公开申请情况"),
    ("appeals_text", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
]


def tables_of(report: AnnualReport, *, corrected: bool = True, as_submitted: bool = True):
    """The report's tables from the system's data, with the office's 表二 corrections (the
    latest per row) unless ``corrected`` is False. Once submitted, and for as long as it is in
    review or published, the tables it was submitted with: what its text and files say (unless
    ``as_submitted`` is False: a recount, as the checks before it goes out need)."""
    frozen = as_submitted and corrected and report.submitted_tables
    if frozen and report.item_id and not report.item.is_editable:
        return Tables(**report.submitted_tables)
    tables = compute.build_tables([report.agency_id], report.year, report.manual_table2)
    if corrected and report.pk:
        for row, correction in latest_corrections(report).items():
            if len(correction.values) == len(tables.table2.get(row) or []):
                tables.table2[row] = list(correction.values)
    return tables


def latest_corrections(report: AnnualReport) -> dict[str, Table2Correction]:
    return {c.row: c for c in report.corrections.order_by("at", "pk")}


@transaction.atomic
def table2_correct(
    *, report: AnnualReport, by, row: str, values: list[int], reason: str
) -> Table2Correction:
    """Correct a 规章/行政规范性文件 figure of 表二 with the reason (documents made, repealed or in
    force outside the system). Recorded with who, when and the computed figure; a correction
    back to the computed figure is a correction too."""
    if not publishing_selectors.can_draft(by, report.agency):
        raise PermissionDenied("只有本机关的信息员或公开办可以更正表二。")
    if report.item_id and not report.item.is_editable:
        raise ValidationError("年度报告已提交审核或已发布，不能更正表二。")
    if row not in Table2Correction.Row.values:
        raise ValidationError({"row": "请选择规章或行政规范性文件。"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写更正理由（如：有文件在本系统外制发）。"})
    computed = tables_of(report, corrected=False).table2[row]
    current = tables_of(report).table2[row]
    if len(values) != len(computed) or any(v is None or v < 0 for v in values):
        raise ValidationError({"row": "请填写每一列的数值（不小于0的整数）。"})
    if list(values) == list(current):
        raise ValidationError({"row": "与当前数值相同，无需更正。"})
    return Table2Correction.objects.create(
        report=report, row=row, values=list(values), computed=computed, reason=reason.strip(), by=by
    )


def sections_of(report: AnnualReport) -> dict[str, str]:
    return {label: getattr(report, field) for field, label in SECTIONS}


def warnings_of(report: AnnualReport, tables=None) -> list[document.TextWarning]:
    return document.text_warnings(sections_of(report), tables or tables_of(report))


@transaction.atomic
def report_prepare(*, agency, year: int, by=None) -> AnnualReport:
    """The year's report, created with the figures' sentences drafted the first time."""
    report, created = AnnualReport.objects.get_or_create(
        agency=agency, year=year, defaults={"created_by": by}
    )
    if created:
        report_redraft(report=report)
    return report


def report_redraft(*, report: AnnualReport) -> AnnualReport:
    """(Re)write the figures' sentences in sections 二, 三, 四 and 六 from the current data."""
    tables = tables_of(report)
    ids = [report.agency_id]
    report.proactive_text = document.draft_proactive(
        compute.items_published_by_column(ids, report.year), tables, report.year
    )
    report.requests_text = document.draft_requests(tables, report.year)
    report.appeals_text = document.draft_appeals(tables, report.year)
    count, amount = compute.fees_collected(ids, report.year)
    fee_sentence = document.draft_other(count, amount, report.year)
    if fee_sentence not in report.other_matters:
        report.other_matters = (fee_sentence + "\n" + report.other_matters).strip()
    if not report.overview:
        report.overview = (
            f"{report.year}年，{report.agency.name}深入贯彻落实《中华人民共和国政府信息公开条例》，"
            "坚持以公开为常态、不公开为例外，……（请补充总体情况，原则上不超过1000字）"
        )
    report.save()
    return report


def _require_office(by, report: AnnualReport) -> None:
    if not publishing_selectors.can_draft(by, report.agency):
        raise PermissionDenied("只有本机关的公开办或信息员可以编制年度报告。")


@transaction.atomic
def report_update(*, report: AnnualReport, by, data: dict) -> AnnualReport:
    _require_office(by, report)
    if report.item_id and not report.item.is_editable:
        raise ValidationError("年度报告正在审核或已发布，不能修改。")
    for field, _ in SECTIONS:
        if field in data:
            setattr(report, field, data[field] or "")
    if "manual_table2" in data:
        report.manual_table2 = clean_manual(report.format, data["manual_table2"])
    report.save()
    return report


def clean_manual(fmt: str, values: dict) -> dict:
    """表二's manual cells: numbers ≥ 0 (万元 may have decimals); empty stays blank."""
    cleaned = {}
    for row in TABLE2_ROWS[fmt]:
        if row.key not in compute.MANUAL_ROWS or row.key not in values:
            continue
        cells = []
        for column, value in zip(row.columns, values[row.key], strict=False):
            if value in (None, ""):
                cells.append(None)
                continue
            try:
                number = float(value) if "万元" in column or "金额" in column else int(value)
            except (TypeError, ValueError):
                raise ValidationError(f"表二“{row.label}”的“{column}”应为数字。") from None
            if number < 0 and "增/减" not in column:
                raise ValidationError(f"表二“{row.label}”的“{column}”不能为负数。")
            cells.append(number)
        cleaned[row.key] = cells
    return cleaned


def reports_published_as_items(agencies, year: int) -> dict[int, InformationItem]:
    """Reports that agencies published in their 政府信息公开年报 column without drafting them
    here (an uploaded file, another system's report): the earliest public item per agency whose
    title names the year and 年度报告. Only public items, through the gate."""
    found: dict[int, InformationItem] = {}
    items = (
        InformationItem.objects.published()
        .filter(
            agency__in=agencies,
            entry__kind=ColumnKind.ANNUAL_REPORT,
            title__contains=f"{year}年",
        )
        .filter(title__contains="年度报告")
        .order_by("published_at", "id")
    )
    for item in items:
        found.setdefault(item.agency_id, item)
    return found


def annual_report_column(agency) -> CatalogueEntry:
    column = CatalogueEntry.objects.filter(
        agency=agency, kind=ColumnKind.ANNUAL_REPORT, is_active=True
    ).first()
    if column is None:
        publishing.catalogue_apply_template(agency=agency)
        column = CatalogueEntry.objects.get(agency=agency, kind=ColumnKind.ANNUAL_REPORT)
    return column


@transaction.atomic
def year_ended(year: int, today: date) -> bool:
    """条例第五十条: the report is on the year just ended; it cannot go out before that year is
    over (the earliest day is 1 January of the next)."""
    return today.year > year


def submission_problems(report: AnnualReport, tables=None, today=None) -> dict[str, list[str]]:
    """What stops the report going out, by field ("" for the report as a whole): the year not
    ended, a drafting prompt left in a section, numbers in the prose that contradict the
    tables, 总体情况 over 1,000 characters, a rule A–D that fails."""
    from .consistency import check, notes

    tables = tables or tables_of(report, as_submitted=False)  # the data as it stands now
    today = today or timezone.localdate()
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    if not year_ended(report.year, today):
        add(
            "",
            f"{report.year}年度尚未结束，年度报告须在{report.year + 1}年1月1日以后提交和发布"
            "（条例第五十条：报告上一年度的政府信息公开工作）。",
        )
    for field, _label in SECTIONS:
        prompts = placeholders.find(getattr(report, field))
        if prompts:
            add(field, placeholders.message(prompts))
    fields = {label: field for field, label in SECTIONS}
    for warning in warnings_of(report, tables):
        add(fields.get(warning.section, ""), warning.message)
    for violation in check(tables):
        add("", violation.message())
    for note in notes(tables):  # the report's own 表二: a 0 where the agency has none
        add("", note.message() + "本机关没有的事项请填0。")
    return problems


@transaction.atomic
def report_submit(*, report: AnnualReport, by) -> AnnualReport:
    """Send the report into the review chain as an item of the 政府信息公开年报 column; when the
    chain's last step publishes it, it is on the portal with its DOCX and PDF. Refused while
    anything in ``submission_problems`` holds."""
    _require_office(by, report)
    tables = tables_of(report)
    problems = submission_problems(report, tables)
    if problems:
        raise ValidationError(problems)
    body = export.report_fragment(report, tables)
    data = {
        "title": title_for(report.agency, report.year),
        "entry": annual_report_column(report.agency),
        "body": body,
        "formed_date": timezone.localdate(),
        "written_date": timezone.localdate(),
        "topic": "general",
        "disclosure": "active",
        "withhold_ground": "",
        "withhold_explanation": "",
        "keywords": "政府信息公开 年度报告",
    }
    if report.item_id is None:
        item = publishing.item_create(agency=report.agency, by=by, data=data)
        report.item = item
        report.save(update_fields=["item", "updated_at"])
    else:
        item = report.item
        if not item.is_editable:
            raise ValidationError("年度报告已在审核中或已发布。")
        item = publishing.item_update(item=item, by=by, data=data)
        for attachment in item.attachments.all():
            publishing.attachment_remove(attachment=attachment, by=by)
    stem = title_for(report.agency, report.year)  # the file is named as the document is
    publishing.attachment_add(
        item=item,
        by=by,
        upload=publishing.Upload(f"{stem}.docx", export.report_docx(report, tables)),
    )
    pdf = export.report_pdf(report, tables)
    if pdf:
        publishing.attachment_add(item=item, by=by, upload=publishing.Upload(f"{stem}.pdf", pdf))
    publishing.item_submit(item=item, by=by)
    report.submitted_tables = dataclasses.asdict(tables)
    report.save(update_fields=["submitted_tables", "updated_at"])
    report.refresh_from_db()
    return report
