from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import oversight
from .models import Membership
from .selectors import is_read_only_in, visible_agencies


@login_required
def agency_list(request):
    """The agencies one may see: one's own and, for a 上级督查, every subordinate agency."""
    agencies = (
        visible_agencies(request.user).select_related("parent").order_by("sort_order", "code")
    )
    return render(request, "org/agency_list.html", {"agencies": agencies})


@login_required
def agency_detail(request, code: str):
    """The agency's dashboard: its overdue work in every area, its figures for the year, links
    into each area filtered to it; then its units and people."""
    agency = visible_agencies(request.user).filter(code=code).first()
    if agency is None:
        raise Http404  # another agency's data: not even its existence is confirmed
    members = (
        Membership.objects.filter(agency=agency)
        .select_related("user", "unit")
        .order_by("unit__sort_order", "role")
    )
    today = timezone.localdate()
    overdue = oversight.overdue_in({agency.pk}, today)
    figures = oversight.figures_of(agency, today.year)
    areas = [
        (
            area,
            [o for o in overdue if o.area == area],
            [f for f in figures if f.area == area],
        )
        for area in oversight.AREAS
    ]
    return render(
        request,
        "org/agency_detail.html",
        {
            "agency": agency,
            "areas": areas,
            "overdue_count": len(overdue),
            "today": today,
            "units": agency.units.filter(is_active=True),
            "members": members,
            "read_only": is_read_only_in(request.user, agency),
        },
    )
