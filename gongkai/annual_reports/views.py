"""Staff pages of the annual report: compile, check, export, submit; supervise subordinates."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.core.forms import errors_to_form
from gongkai.org.models import Agency, Role
from gongkai.org.selectors import descendant_ids, roles_in, visible_agencies
from gongkai.publishing import selectors as publishing_selectors
from gongkai.workbench.context import current_agency

from . import checker, deadlines, export, rollup, services
from .consistency import check, notes
from .formats import APPLICANT_COLUMNS, TABLE2_ROWS, TABLE4_COLUMNS, TABLE4_GROUPS
from .forms import (
    CheckUploadForm,
    ReportTextForm,
    Table2CorrectionForm,
    Table2Form,
    Table2UploadForm,
)
from .models import AnnualReport, ExternalReport, Table2Correction, Table2Import, title_for


def _report(request, pk) -> AnnualReport:
    return get_object_or_404(
        AnnualReport.objects.filter(agency__in=visible_agencies(request.user)).select_related(
            "agency", "item"
        ),
        pk=pk,
    )


def _can_edit(user, report) -> bool:
    return publishing_selectors.can_draft(user, report.agency)


@login_required
def report_list(request):
    agency = current_agency(request)
    if agency is None:
        raise Http404
    reports = AnnualReport.objects.filter(agency=agency).select_related("item")
    last_year = timezone.localdate().year - 1
    return render(
        request,
        "annual_reports/list.html",
        {
            "agency": agency,
            "reports": reports,
            "years": range(last_year + 1, last_year - 4, -1),
            "can_edit": publishing_selectors.can_draft(request.user, agency),
            "can_supervise": Role.SUPERVISOR in roles_in(request.user, agency),
            "due": deadlines.publication_due(kind=agency.kind, level=agency.level, year=last_year),
            "last_year": last_year,
        },
    )


@login_required
@require_POST
def report_prepare(request):
    agency = current_agency(request)
    if agency is None or not publishing_selectors.can_draft(request.user, agency):
        raise PermissionDenied
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, "请选择年度。")
        return redirect("annual_reports:list")
    if not 2019 <= year <= timezone.localdate().year:
        messages.error(request, "年度报告适用于2019年及以后、已经开始的年度。")
        return redirect("annual_reports:list")
    report = services.report_prepare(agency=agency, year=year, by=request.user)
    return redirect("annual_reports:detail", report.pk)


def _table_rows(tables):
    from .formats import TABLE3_ROWS

    return {
        "table2": [(row, tables.table2.get(row.key) or []) for row in TABLE2_ROWS[tables.format]],
        "table3": [(row, tables.table3.get(row.key)) for row in TABLE3_ROWS[tables.format]],
        "table4": [(label, tables.table4.get(key) or []) for key, label in TABLE4_GROUPS],
    }


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    editable = _can_edit(request.user, report) and (report.item is None or report.item.is_editable)
    text_form = ReportTextForm(request.POST or None, instance=report, prefix="text")
    manual = report.manual_table2 or {}
    table2_form = Table2Form(
        request.POST or None,
        prefix="t2",
        initial={
            k: (manual.get(k) or [None])[0] for k in ("licensing", "penalty", "enforcement", "fees")
        },
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if text_form.is_valid() and table2_form.is_valid():
            data = {**text_form.cleaned_data, "manual_table2": table2_form.manual()}
            try:
                services.report_update(report=report, by=request.user, data=data)
            except ValidationError as error:
                for message in error.messages:
                    text_form.add_error(None, message)
            else:
                messages.success(request, "年度报告已保存。")
                return redirect("annual_reports:detail", report.pk)
    return _detail(request, report, editable, text_form, table2_form)


def _policy_columns(report) -> list[str]:
    row = next(r for r in TABLE2_ROWS[report.format] if r.key == "normative")
    return list(row.columns)


def _detail(request, report, editable, text_form, table2_form, correction_form=None, status=200):
    tables = services.tables_of(report)
    blocking = services.submission_problems(report, tables) if editable else {}
    computed = services.tables_of(report, corrected=False).table2
    latest = {c.pk for c in services.latest_corrections(report).values()}
    corrections = [
        (c, c.pk in latest) for c in report.corrections.select_related("by").order_by("at", "pk")
    ]
    return render(
        request,
        "annual_reports/detail.html",
        {
            "report": report,
            "correction_form": correction_form
            or Table2CorrectionForm(prefix="fix", columns=_policy_columns(report)),
            "corrections": corrections,
            "computed_policy": [
                (label, computed.get(key)) for key, label in Table2Correction.Row.choices
            ],
            "text_form": text_form,
            # What stops 提交审核, shown at each section's field and, for the whole, above.
            "text_fields": [(text_form[name], blocking.get(name, [])) for name in text_form.fields],
            "blocking": blocking,
            "blocking_general": blocking.get("", []),
            "blocking_in_text": any(blocking.get(name) for name in text_form.fields),
            "table2_form": table2_form,
            "upload_form": Table2UploadForm(prefix="upload"),
            "editable": editable,
            "tables": tables,
            "rows": _table_rows(tables),
            "violations": [*check(tables), *notes(tables)],  # its own 表二 must be filled
            "warnings": services.warnings_of(report, tables),
            "columns": APPLICANT_COLUMNS,
            "table4_columns": TABLE4_COLUMNS,
            "due": deadlines.publication_due(
                kind=report.agency.kind, level=report.agency.level, year=report.year
            ),
        },
        status=status,
    )


@login_required
@require_POST
def table2_correct(request, pk):
    """更正表二's 规章/行政规范性文件 figures with the reason; errors keep what was typed."""
    report = _report(request, pk)
    editable = _can_edit(request.user, report) and (report.item is None or report.item.is_editable)
    if not editable:
        raise PermissionDenied
    form = Table2CorrectionForm(request.POST, prefix="fix", columns=_policy_columns(report))
    if form.is_valid():
        try:
            services.table2_correct(
                report=report,
                by=request.user,
                row=form.cleaned_data["row"],
                values=form.values(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "已更正表二，更正理由已记录。")
            return redirect(f"{reverse('annual_reports:detail', args=[report.pk])}#corrections")
    manual = report.manual_table2 or {}
    return _detail(
        request,
        report,
        editable,
        ReportTextForm(instance=report, prefix="text"),
        Table2Form(
            prefix="t2",
            initial={
                k: (manual.get(k) or [None])[0]
                for k in ("licensing", "penalty", "enforcement", "fees")
            },
        ),
        correction_form=form,
        status=400,
    )


@login_required
@require_POST
def report_redraft(request, pk):
    report = _report(request, pk)
    if not _can_edit(request.user, report):
        raise PermissionDenied
    services.report_redraft(report=report)
    messages.success(request, "已按最新数据重新生成第二、三、四、六部分的数据语句。")
    return redirect("annual_reports:detail", report.pk)


@login_required
@require_POST
def report_submit(request, pk):
    report = _report(request, pk)
    try:
        report = services.report_submit(report=report, by=request.user)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            messages.error(request, "尚不能提交审核：请按页面中标出的提示修改。")
        else:
            for message in error.messages:
                messages.error(request, message)
        return redirect("annual_reports:detail", report.pk)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("annual_reports:detail", report.pk)
    messages.success(
        request,
        "已提交审核：年度报告将按信息发布审核流程审核，发布后在“政府信息公开年报”栏目公开。",
    )
    return redirect("publishing:item_detail", report.item_id)


@login_required
def report_export(request, pk, fmt):
    report = _report(request, pk)
    tables = services.tables_of(report)
    stem = title_for(report.agency, report.year)
    if fmt == "html":
        return HttpResponse(
            export.report_html(report, tables, stylesheet=static("gongkai/css/report.css"))
        )
    if fmt == "docx":
        response = HttpResponse(
            export.report_docx(report, tables),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    elif fmt == "pdf":
        pdf = export.report_pdf(report, tables)
        if pdf is None:
            raise Http404
        response = HttpResponse(pdf, content_type="application/pdf")
    else:
        raise Http404
    # A Chinese name: RFC 6266's filename* (a raw one in the header is lost: "download.docx").
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return response


@login_required
@require_POST
def table2_upload(request, pk):
    report = _report(request, pk)
    if not _can_edit(request.user, report):
        raise PermissionDenied
    form = Table2UploadForm(request.POST, request.FILES, prefix="upload")
    if not form.is_valid():
        messages.error(request, "请选择文件。")
        return redirect("annual_reports:detail", report.pk)
    upload = form.cleaned_data["file"]
    try:
        values = parse_table2_file(upload.name, upload.read())
        services.report_update(
            report=report,
            by=request.user,
            data={"manual_table2": {**report.manual_table2, **values}},
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        Table2Import.objects.create(
            report=report, file_name=upload.name[:200], imported_by=request.user, values=values
        )
        messages.success(request, f"已导入表二数据：{'、'.join(LABELS[k] for k in values)}。")
    return redirect("annual_reports:detail", report.pk)


LABELS = {
    "licensing": "行政许可",
    "penalty": "行政处罚",
    "enforcement": "行政强制",
    "fees": "行政事业性收费",
}


def parse_table2_file(name: str, data: bytes) -> dict:
    """Two columns, 项目 and 数值: 行政许可、行政处罚、行政强制、行政事业性收费（万元）."""
    rows: list[list[str]] = []
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception:
            raise ValidationError("无法读取该XLSX文件。") from None
        rows = [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
    elif name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("CSV文件须为UTF-8编码（Excel中“另存为 CSV UTF-8”）。") from None
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise ValidationError("只支持 CSV 或 XLSX 文件。")
    values, problems = {}, []
    for number, row in enumerate(rows, start=1):
        if len(row) < 2 or not row[0].strip() or row[0].strip() in ("项目", "信息内容"):
            continue
        label, raw = row[0].strip(), row[1].strip().replace(",", "")
        key = next((k for k, v in LABELS.items() if label.startswith(v)), None)
        if key is None:
            problems.append(f"第{number}行：未知项目“{label}”。")
            continue
        try:
            value = float(raw) if key == "fees" else int(float(raw))
        except ValueError:
            problems.append(f"第{number}行：“{raw}”不是数字。")
            continue
        if value < 0:
            problems.append(f"第{number}行：数值不能为负数。")
            continue
        values[key] = [value]
    if problems:
        raise ValidationError(problems)
    if not values:
        raise ValidationError("文件中没有可导入的数据。")
    return values


# --- Supervision --------------------------------------------------------------------------


def _supervised(request, agency) -> list[Agency]:
    if Role.SUPERVISOR not in roles_in(request.user, agency):
        raise PermissionDenied
    return list(
        Agency.objects.filter(pk__in=descendant_ids([agency.pk]), is_active=True).order_by(
            "sort_order", "code"
        )
    )


@login_required
def supervision(request):
    agency = current_agency(request)
    if agency is None:
        raise Http404
    subordinates = _supervised(request, agency)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year - 1)
    except (ValueError, OverflowError):
        year = today.year - 1
    year = min(max(year, 2008), today.year)
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=subordinates, year=year).select_related(
            "item"
        )
    }
    unpublished = [s for s in subordinates if not (s.pk in reports and reports[s.pk].published_on)]
    uploaded = services.reports_published_as_items(unpublished, year)
    external = {
        r.agency_id: r for r in ExternalReport.objects.filter(agency__in=subordinates, year=year)
    }
    rows = []
    for sub in subordinates:
        report = reports.get(sub.pk)
        due = deadlines.publication_due(kind=sub.kind, level=sub.level, year=year)
        published = report.published_on if report else None
        state = report.state if report else "未编制"
        item = None if published else uploaded.get(sub.pk)
        if item is not None:
            published = timezone.localtime(item.published_at).date()
            state = "已发布（非本系统编制）"
        read = external.get(sub.pk)
        if (report is None or report.published_on is None) and item is None and read is not None:
            state = f"系统外编制（{read.get_source_display()}）"
        tables = services.tables_of(report) if report and item is None and read is None else None
        problems = [*check(tables), *notes(tables)] if tables else []
        rows.append(
            {
                "agency": sub,
                "report": report,
                "item": item,
                "state": state,
                "due": due,
                "timeliness": deadlines.on_time(published, due, today),
                "published": published,
                "problems": problems,
                "external": read,
            }
        )
    return render(
        request,
        "annual_reports/supervision.html",
        {
            "agency": agency,
            "rows": rows,
            "year": year,
            "collect_by": deadlines.collection_due(level=agency.level, year=year),
            "years": range(today.year - 1, today.year - 6, -1),
            "upload_form": CheckUploadForm(),
        },
    )


def _subordinate(request, code: str) -> tuple[Agency, int]:
    agency = current_agency(request)
    if agency is None:
        raise Http404
    found = next((a for a in _supervised(request, agency) if a.code == code), None)
    if found is None:
        raise Http404
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    if not 2008 <= year <= timezone.localdate().year:
        raise Http404
    return found, year


def _said(request, read) -> None:
    name = checker.VERDICT_NAMES.get(read.verdict, read.verdict)
    detail = (
        f"：{read.error}"
        if read.error
        else (f"，{len(read.problems)}处问题" if read.problems else "")
    )
    message = (
        f"已读取{read.agency.name}{read.year}年度报告（{read.original_name}）：{name}{detail}。"
    )
    (messages.warning if read.error or read.problems else messages.success)(request, message)


@login_required
@require_POST
def external_upload(request, code):
    """A report the supervisor was given (a file from the agency, or saved from its website):
    read by the report checker now, its tables kept for the roll-up."""
    sub, year = _subordinate(request, code)
    form = CheckUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        upload = form.cleaned_data["file"]
        read = rollup.external_report_read(
            agency=sub, year=year, by=request.user, data=upload.read(), name=upload.name
        )
        _said(request, read)
    return redirect(f"{reverse('annual_reports:supervision')}?year={year}")


@login_required
@require_POST
def external_url(request, code):
    """The address of a report the agency published elsewhere: read in the background."""
    sub, year = _subordinate(request, code)
    url = request.POST.get("url", "").strip()
    try:
        rollup.external_url_register(agency=sub, year=year, by=request.user, url=url)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            f"已登记{sub.name}{year}年度报告的网址，系统将在后台下载并检查（通常几分钟内），"
            "结果显示在本页。",
        )
    return redirect(f"{reverse('annual_reports:supervision')}?year={year}")


@login_required
@require_POST
def external_read(request, code):
    """Read the report an agency published in its 年报 column (made outside the system)."""
    sub, year = _subordinate(request, code)
    item = services.reports_published_as_items([sub], year).get(sub.pk)
    if item is None:
        messages.error(request, f"{sub.name}的年报栏目中没有{year}年度报告。")
    else:
        _said(request, rollup.column_report_read(agency=sub, year=year, by=request.user, item=item))
    return redirect(f"{reverse('annual_reports:supervision')}?year={year}")


@login_required
@require_POST
def rollup_xlsx(request):
    """The roll-up XLSX, built in the background (every agency's tables: too long for a request
    at a province's size); the supervisor waits on the export's page and downloads it there."""
    from gongkai.core import exports

    agency = current_agency(request)
    if agency is None:
        raise Http404
    _supervised(request, agency)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    if not 2008 <= year <= timezone.localdate().year:
        raise Http404
    export = exports.request(
        kind="annual_reports.rollup",
        title=f"{agency.name}{year}年度政府信息公开工作年度报告汇总表",
        params={"agency": agency.pk, "year": year},
        by=request.user,
    )
    return redirect("exports:detail", export.pk)


@login_required
def check_upload(request):
    """The checker for published reports, as a staff page (upload one file)."""
    from .checker import check_upload

    form = CheckUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = check_upload(upload.read(), upload.name)
    return render(request, "annual_reports/check.html", {"form": form, "result": result})
