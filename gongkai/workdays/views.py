import calendar as pycalendar

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from . import rules
from .forms import DeadlineForm
from .services import get_calendar


@login_required
def calculator(request):
    """期限计算器: the n-th working day after a date, with every skipped day explained."""
    cal = get_calendar()
    form = DeadlineForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        start, n = form.cleaned_data["start"], form.cleaned_data["days"]
        try:
            due, steps = rules.add_working_days_steps(start, n, cal)
            result = {"due": due, "lines": rules.explain(steps), "start": start, "n": n}
        except rules.CalendarNotCovered as exc:
            form.add_error(None, f"{exc}，无法计算该期限。请系统管理员在“工作日历”中录入。")
    return render(request, "workdays/calculator.html", {"form": form, "result": result})


@login_required
def year_view(request, year: int | None = None):
    """A year's calendar with holidays (休) and make-up working days (班)."""
    cal = get_calendar()
    year = year or timezone.localdate().year
    covered = year in cal.covered_years
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar().monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                rule = cal.days.get(day)
                cells.append(
                    {
                        "day": day,
                        "rest": (rule is not None and not rule.is_workday)
                        or (rule is None and day.weekday() >= 5),
                        "holiday": rule.name if rule and not rule.is_workday else "",
                        "makeup": rule.name if rule and rule.is_workday else "",
                    }
                )
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    holidays = sorted((d, r) for d, r in cal.days.items() if d.year == year)
    return render(
        request,
        "workdays/year.html",
        {
            "year": year,
            "covered": covered,
            "months": months,
            "holidays": holidays,
            "years": sorted(cal.covered_years | {timezone.localdate().year + 1}, reverse=True)[:10],
            "today": timezone.localdate(),
        },
    )
