import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.org.selectors import visible_agencies
from gongkai.workbench.context import current_agency

from .sections import all_sections


def _agency_and_year(request):
    code = request.GET.get("agency")
    agency = (
        visible_agencies(request.user).filter(code=code).first()
        if code
        else current_agency(request)
    )
    if agency is None:
        raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return agency, year


@login_required
def statistics(request):
    agency, year = _agency_and_year(request)
    sections = all_sections(agency, year)
    if request.GET.get("format") == "xlsx":
        return _xlsx(agency, year, sections)
    this_year = timezone.localdate().year
    return render(
        request,
        "statistics/page.html",
        {
            "agency": agency,
            "year": year,
            "sections": sections,
            "years": range(this_year, this_year - 6, -1),
        },
    )


def _xlsx(agency, year, sections):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for section in sections:
        sheet = book.create_sheet(section.title[:31])
        sheet.append([f"{agency.name} {section.title}"])
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
    response["Content-Disposition"] = f'attachment; filename="statistics-{agency.code}-{year}.xlsx"'
    return response
