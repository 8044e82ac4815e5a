"""The 上级督查's roll-up of the subordinates' annual reports: every agency counted or listed.

Each agency's report comes from one of three places, in this order: drafted here (its tables
computed from the system's data), made outside and read by the report checker (a file the
supervisor uploaded, or the report the agency published in its 年报 column), or nowhere. Reports
outside the system are read once, when given (``external_report_read``), never while the roll-up
is downloaded; what was read is stored with its verdict. An agency whose report could not be read,
or has not been read yet, or is in another year's format, is listed with the reason and left out
of the sums, never silently.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.org.models import Agency
from gongkai.publishing.models import InformationItem

from . import checker, fetch, services
from .consistency import check
from .formats import (
    APPLICANT_COLUMNS,
    TABLE2_ROWS,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    Tables,
    format_for_year,
)
from .models import AnnualReport, ExternalReport
from .reader import SUPPORTED_SUFFIXES

SOURCE_SYSTEM = "本系统编制"


@transaction.atomic
def external_report_read(
    *,
    agency: Agency,
    year: int,
    by,
    data: bytes,
    name: str,
    source: str = ExternalReport.Source.UPLOAD,
    item: InformationItem | None = None,
) -> ExternalReport:
    """Read a report made outside the system with the report checker and keep what was read
    (one per agency and year: a new reading replaces the old)."""
    return _keep(
        checker.check_upload(data, name),
        agency=agency,
        year=year,
        by=by,
        name=name,
        source=source,
        item=item,
        data=data,
    )


def external_url_register(*, agency: Agency, year: int, by, url: str) -> ExternalReport:
    """A published report's address the supervisor gives: kept as pending and read in the
    background by a task queued now (``gongkai report fetch`` from cron catches any left over;
    a download may take long: never in a request)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    if not fetch.is_url(url):
        raise ValidationError({"url": "请填写以 http:// 或 https:// 开头的网址。"})
    if len(url) > 500:
        raise ValidationError({"url": "网址过长（不超过500个字符）。"})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"url": "网址格式不正确。"}) from None
    from gongkai.core.tasks import enqueue_on_commit

    from .tasks import fetch_report_addresses

    with transaction.atomic():
        ExternalReport.objects.filter(agency=agency, year=year).delete()
        registered = ExternalReport.objects.create(
            agency=agency,
            year=year,
            source=ExternalReport.Source.URL,
            url=url,
            original_name=url[:200],
            verdict=ExternalReport.PENDING,
            read_by=by,
        )
        # Read by a worker as soon as this commits (the cron job stays as a safety net).
        enqueue_on_commit(fetch_report_addresses)
        return registered


def external_urls_fetch(*, allow_private: bool = False, timeout: float | None = None) -> list:
    """Read every pending address (the cron job). An address on a private, loopback or
    link-local network is refused, not fetched: the server must not be made to probe its own
    network."""
    from gongkai.inspection.probe import is_public_address

    def guard(url: str) -> str:
        return "" if allow_private else _private_host(url, is_public_address)

    done = []
    for pending in ExternalReport.objects.filter(verdict=ExternalReport.PENDING).select_related(
        "agency", "read_by"
    ):
        result = checker.check_url(pending.url, timeout=timeout, guard=guard)
        done.append(
            _keep(
                result,
                agency=pending.agency,
                year=pending.year,
                by=pending.read_by,
                name=pending.url,
                source=ExternalReport.Source.URL,
                url=pending.url,
            )
        )
    return done


def _private_host(url: str, is_public) -> str:
    """Why ``url`` may not be fetched by the server ("" when it may). The host is read the way
    urllib3 reads it (it does the download). The name is resolved again by the download: a name
    whose answer changes in between is not caught (docs/deploy.md: an outgoing proxy or firewall
    is the complete answer)."""
    import socket

    from urllib3.util import parse_url

    try:
        host = parse_url(url).host or ""
    except ValueError:
        return "网址无效"
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return "无法解析该网址的主机名"
    if not addresses or not all(is_public(a) for a in addresses):
        return "该网址指向内网或本机地址，出于安全考虑未读取"
    return ""


@transaction.atomic
def _keep(
    result, *, agency, year, by, name, source, item=None, data=None, url=""
) -> ExternalReport:
    from django.core.files.base import ContentFile

    error = result.error or ""
    tables = result.tables
    if tables is not None and result.report_year and result.report_year != year:
        error = f"文件是{result.report_year}年度的报告，不是{year}年度的"
        tables = None
    ExternalReport.objects.filter(agency=agency, year=year).delete()
    report = ExternalReport(
        agency=agency,
        year=year,
        source=source,
        item=item,
        url=url,
        original_name=name[:200],
        verdict=checker.UNREADABLE if error and tables is None else result.verdict,
        format_version=result.format_version or "",
        report_year=result.report_year,
        tables=_tables_json(tables),
        problems=[v.message() for v in result.violations],
        error=error[:300],
        read_at=timezone.now(),
        read_by=by,
    )
    if source == ExternalReport.Source.UPLOAD and data is not None:
        report.file.save(name, ContentFile(data), save=False)
    report.save()
    return report


def column_report_read(*, agency: Agency, year: int, by, item: InformationItem) -> ExternalReport:
    """The report an agency published in its 年报 column: its first public attachment the
    checker can read (DOCX, PDF, HTML, text), else the item's body."""
    for attachment in item.attachments.filter(internal_only=False).order_by("pk"):
        if Path(attachment.original_name).suffix.lower() in SUPPORTED_SUFFIXES:
            with attachment.file.open("rb") as handle:
                data = handle.read()
            return external_report_read(
                agency=agency,
                year=year,
                by=by,
                data=data,
                name=attachment.original_name,
                source=ExternalReport.Source.COLUMN,
                item=item,
            )
    body = f"<html><body><h1>{item.title}</h1>{item.body}</body></html>"
    return external_report_read(
        agency=agency,
        year=year,
        by=by,
        data=body.encode("utf-8"),
        name=f"{item.title}.html",
        source=ExternalReport.Source.COLUMN,
        item=item,
    )


def _tables_json(tables: Tables | None) -> dict:
    if tables is None:
        return {}
    data = asdict(tables)
    return {"format": data["format"], **{k: data[k] for k in ("table2", "table3", "table4")}}


def tables_from_json(data: dict) -> Tables | None:
    if not data:
        return None
    return Tables(
        format=data["format"], table2=data["table2"], table3=data["table3"], table4=data["table4"]
    )


# --- The roll-up ----------------------------------------------------------------------------------


@dataclass
class Row:
    agency: Agency
    source: str
    verdict: str  # checker.VERDICT_NAMES' words, or "无报告"
    problems: list[str] = field(default_factory=list)
    tables: Tables | None = None
    counted: bool = False
    reason: str = ""


def rows_for(agencies: list[Agency], year: int) -> list[Row]:
    """One row per agency, in the order given."""
    fmt = format_for_year(year)
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=agencies, year=year).select_related("item")
    }
    external = {
        r.agency_id: r for r in ExternalReport.objects.filter(agency__in=agencies, year=year)
    }
    published_here = {pk for pk, r in reports.items() if r.published_on is not None}
    in_column = services.reports_published_as_items(
        [a for a in agencies if a.pk not in published_here and a.pk not in external], year
    )
    rows = []
    for agency in agencies:
        # The report drafted here counts once published, or when there is no other: a draft
        # left here does not hide the report the agency published in its column or sent.
        drafted_only = agency.pk in reports and agency.pk not in published_here
        if agency.pk in reports and not (
            drafted_only and (agency.pk in external or agency.pk in in_column)
        ):
            report = reports[agency.pk]
            tables = services.tables_of(report)
            problems = [v.message() for v in check(tables)]
            rows.append(
                Row(
                    agency,
                    f"{SOURCE_SYSTEM}（{report.state}）",
                    checker.VERDICT_NAMES[checker.VIOLATIONS if problems else checker.OK],
                    problems,
                    tables,
                    counted=True,
                )
            )
        elif agency.pk in external:
            read = external[agency.pk]
            tables = tables_from_json(read.tables)
            row = Row(
                agency,
                f"{read.get_source_display()}：{read.original_name}",
                checker.VERDICT_NAMES.get(read.verdict, "待读取"),
                list(read.problems),
                tables,
            )
            if read.verdict == ExternalReport.PENDING:
                row.verdict = "待读取"
                row.reason = "网址已登记，等待后台读取（gongkai report fetch）"
            elif tables is None:
                row.reason = f"无法读取：{read.error or '未找到表格'}"
            elif tables.format != fmt:
                row.reason = "报告采用的表格格式与该年度的格式不同，未计入汇总"
            else:
                row.counted = True
            rows.append(row)
        elif agency.pk in in_column:
            rows.append(
                Row(
                    agency,
                    f"年报栏目发布：{in_column[agency.pk].title}",
                    "尚未读取",
                    reason="已在年报栏目发布，尚未读取：请在年报督查页点击“读取并检查”",
                )
            )
        else:
            rows.append(
                Row(
                    agency,
                    "—",
                    "无报告",
                    reason="未找到报告：本系统中未编制，年报栏目中未发布，也未上传",
                )
            )
    return rows


def summed(rows: list[Row], year: int) -> Tables:
    """The counted reports' tables added cell by cell; a blank cell adds nothing."""
    total = Tables.zeros(format_for_year(year))
    for row in rows:
        if not row.counted or row.tables is None:
            continue
        for name in ("table2", "table3", "table4"):
            into, source = getattr(total, name), getattr(row.tables, name)
            for key, values in into.items():
                given = list(source.get(key) or [])[: len(values)]
                given += [None] * (len(values) - len(given))
                into[key] = [(a or 0) + (b or 0) for a, b in zip(values, given, strict=True)]
    return total


def _write_tables(sheet, tables: Tables) -> None:
    sheet.append(["二、主动公开政府信息情况"])
    for row in TABLE2_ROWS[tables.format]:
        sheet.append([row.item, row.label, *[f"{c}" for c in row.columns]])
        sheet.append(["", "", *(tables.table2.get(row.key) or [])])
    sheet.append([])
    sheet.append(["三、收到和处理政府信息公开申请情况", "", *APPLICANT_COLUMNS])
    for row in TABLE3_ROWS[tables.format]:
        sheet.append([row.label, "", *(tables.table3.get(row.key) or [])])
    sheet.append([])
    sheet.append(["四、政府信息公开行政复议、行政诉讼情况", "", *TABLE4_COLUMNS])
    for key, label in TABLE4_GROUPS:
        sheet.append([label, "", *(tables.table4.get(key) or [])])


def _sheet_name(agency: Agency, taken: set[str]) -> str:
    base = (agency.short_name or agency.name)[:28]
    for char in "[]:*?/\\":
        base = base.replace(char, "")
    name, n = base, 2
    while name in taken or name == "汇总":
        name, n = f"{base[:26]}({n})", n + 1
    taken.add(name)
    return name


def workbook(supervisor: Agency, year: int, rows: list[Row]) -> bytes:
    """汇总 (every agency's source and verdict, then the summed tables), and a sheet per agency
    (its verdict, the problems found, its tables or why there are none)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    counted = [r for r in rows if r.counted]
    sheet.append([f"{supervisor.name}及所属机关{year}年度政府信息公开工作年度报告汇总"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            f"共{len(rows)}个机关，{len(counted)}个计入汇总，{len(rows) - len(counted)}个未计入（见下表说明）"
        ]
    )
    sheet.append([])
    sheet.append(["机关", "报告来源", "检查结论", "问题数", "计入汇总", "说明"])
    for row in rows:
        sheet.append(
            [
                row.agency.name,
                row.source,
                row.verdict,
                len(row.problems),
                "是" if row.counted else "否",
                row.reason,
            ]
        )
    sheet.append([])
    sheet.append([f"以下为{len(counted)}个机关报告表格的合计"])
    _write_tables(sheet, summed(rows, year))
    sheet.column_dimensions["A"].width = 60
    taken: set[str] = set()
    for row in rows:
        page = book.create_sheet(_sheet_name(row.agency, taken))
        page.append([f"{row.agency.name}{year}年度政府信息公开工作年度报告"])
        page["A1"].font = Font(bold=True)
        page.append(["报告来源", row.source])
        page.append(["检查结论", row.verdict])
        page.append(["计入汇总", "是" if row.counted else f"否：{row.reason}"])
        for problem in row.problems:
            page.append(["问题", problem])
        page.append([])
        if row.tables is not None:
            _write_tables(page, row.tables)
        page.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
