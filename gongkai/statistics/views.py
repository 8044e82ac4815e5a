import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.org.selectors import visible_agencies
from gongkai.workbench.context import current_agency

from .sections import all_sections


def _scope_and_year(request):
    """One agency (``?agency=CODE`` among the visible ones, else the current one) or, with
    ``?agency=all``, every agency in view summed (a 上级督查's subordinates)."""
    allowed = visible_agencies(request.user).order_by("sort_order", "code")
    code = request.GET.get("agency")
    if code == "all":
        agency = None
        ids = list(allowed.values_list("pk", flat=True))
        if not ids:
            raise Http404
    else:
        agency = allowed.filter(code=code).first() if code else current_agency(request)
        if agency is None:
            raise Http404
        ids = [agency.pk]
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except (ValueError, OverflowError):
        year = timezone.localdate().year
    this_year = timezone.localdate().year
    year = min(max(year, 2000), this_year + 1)
    return agency, ids, allowed, year


@login_required
def statistics(request):
    agency, ids, allowed, year = _scope_and_year(request)
    sections = all_sections(ids, year)
    name = agency.name if agency else f"全部机关（{len(ids)}个）"
    if request.GET.get("format") == "xlsx":
        return _xlsx(name, agency.code if agency else "all", year, sections)
    this_year = timezone.localdate().year
    return render(
        request,
        "statistics/page.html",
        {
            "agency": agency,
            "agencies": allowed,
            "scope_name": name,
            "year": year,
            "sections": sections,
            "years": range(this_year, this_year - 6, -1),
        },
    )


def _xlsx(name, code, year, sections):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for section in sections:
        sheet = book.create_sheet(section.title[:31])
        sheet.append([f"{name} {section.title}"])
        sheet["A1"].font = Font(bold=True)
        sheet.append(section.headers)
        for row in section.rows:
            sheet.append(row)
        if section.note:
            sheet.append([section.note])
        sheet.column_dimensions["A"].width = 28
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="statistics-{code}-{year}.xlsx"'
    return response
