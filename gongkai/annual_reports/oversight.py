"""The annual report in a supervisor's view of overdue work (条例第四十九条)."""

from datetime import date

from django.urls import reverse

from gongkai.org import oversight
from gongkai.org.models import Agency

from .deadlines import publication_due
from .models import AnnualReport, title_for
from .services import reports_published_as_items


@oversight.register_access("annual_reports:supervision")
def opens_supervision(user, agency) -> bool:
    """The 上级督查's page of subordinates' reports (views.supervision)."""
    from gongkai.org.models import Role
    from gongkai.org.selectors import roles_in, supervised_agency_ids

    return agency.pk in supervised_agency_ids(user) or Role.SUPERVISOR in roles_in(user, agency)


@oversight.register
def overdue_reports(agency_ids: set[int], today: date):
    """Last year's report not published by its date (1月31日; 县级以上人民政府 3月31日)."""
    year = today.year - 1
    published = {
        r.agency_id
        for r in AnnualReport.objects.filter(agency_id__in=agency_ids, year=year).select_related(
            "item"
        )
        if r.published_on is not None
    }
    agencies = list(Agency.objects.filter(pk__in=agency_ids, is_active=True))
    # A report made outside the system and published in the 年报 column counts as published.
    published |= set(reports_published_as_items(agencies, year))
    for agency in agencies:
        due = publication_due(kind=agency.kind, level=agency.level, year=year)
        if today > due and agency.pk not in published:
            yield oversight.Overdue(
                agency.pk,
                "年度报告",
                f"{title_for(agency, year)}未发布",
                reverse("annual_reports:supervision") + f"?year={year}",
                due,
                "条例第四十九条：按时公布上一年度报告",
            )


@oversight.register_figures
def report_figures(agency, year: int):
    last = year - 1
    report = AnnualReport.objects.filter(agency=agency, year=last).select_related("item").first()
    if report is not None:
        state = report.state
    elif reports_published_as_items([agency], last):
        state = "已发布（系统外编制）"
    else:
        state = "未编制"
    yield oversight.Figure(
        "年度报告",
        f"{last}年度报告",
        state,
        reverse("annual_reports:supervision") + f"?year={last}",
    )
