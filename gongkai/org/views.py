import dataclasses

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import oversight
from .models import ADMIN_ROLES, Membership
from .selectors import is_read_only_in, roles_in, supervised_agency_ids, visible_agencies


@login_required
def agency_list(request):
    """The agencies one may see: one's own and, for a 上级督查, every subordinate agency."""
    agencies = (
        visible_agencies(request.user).select_related("parent").order_by("sort_order", "code")
    )
    return render(request, "org/agency_list.html", {"agencies": agencies})


def does_its_work(user, agency) -> bool:
    """Whether ``user`` handles or supervises ``agency``'s work: a role in it other than the
    three administrators' (三员分立), or supervision over it."""
    if roles_in(user, agency) - ADMIN_ROLES:
        return True
    return agency.pk in supervised_agency_ids(user)


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
    # 三员分立: an administrator's role here is the accounts and the settings, never the work
    # (applications, items, messages): no figures, no links they could not follow.
    admin_only = not does_its_work(request.user, agency)
    offered = oversight.opener(request.user, agency)
    overdue, figures, links = [], [], []
    if not admin_only:
        overdue = [
            dataclasses.replace(o, url=offered(o.url))
            for o in oversight.overdue_in({agency.pk}, today)
        ]
        figures = [
            dataclasses.replace(f, url=offered(f.url))
            for f in oversight.figures_of(agency, today.year)
        ]
        query = f"?agency={agency.code}"
        links = [
            (label, url)
            for label, url in (
                ("统计", reverse("statistics:page") + query),
                ("自查", reverse("inspection:agency", args=[agency.code])),
                ("信息发布", reverse("publishing:item_list") + query),
                ("依申请公开", reverse("applications:list") + query),
                ("互动交流", reverse("interaction:message_list") + query),
                ("工作要点", reverse("workplans:list") + query),
            )
            if offered(url)
        ]
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
            "links": links,
            "today": today,
            "units": agency.units.filter(is_active=True),
            "members": members,
            "read_only": is_read_only_in(request.user, agency),
            "admin_only": admin_only,
        },
    )
