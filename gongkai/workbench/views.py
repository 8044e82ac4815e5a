from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.org import oversight
from gongkai.org.models import Membership
from gongkai.org.selectors import supervised_agency_ids
from gongkai.workdays.services import get_calendar

from .context import current_agency, switch_agency
from .registry import sort_tasks, tasks_for

#: Overdue items listed per subordinate agency; the rest are on its dashboard.
LISTED = 10


@login_required
def home(request):
    today = timezone.localdate()
    agency = current_agency(request)
    buckets = sort_tasks(tasks_for(request.user, agency, today), today, get_calendar())
    supervised = supervised_agency_ids(request.user)
    # A 上级督查 follows the subordinates' overdue work here, agency by agency.
    subordinates = [
        (group.agency, group.items[:LISTED], len(group.items) - LISTED)
        for group in oversight.by_agency(supervised, today)
    ]
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("agency", "unit")
        .order_by("agency__sort_order", "agency__code")
    )
    return render(
        request,
        "workbench/home.html",
        {
            "agency": agency,
            "buckets": buckets,
            "memberships": [m for m in memberships if agency is None or m.agency_id == agency.pk],
            "supervised_count": len(supervised),
            "subordinates": subordinates,
            "today": today,
        },
    )


@login_required
@require_POST
def switch(request):
    try:
        agency_id = int(request.POST.get("agency", ""))
    except ValueError:
        agency_id = 0
    agency = switch_agency(request, agency_id)
    if agency is None:
        messages.error(request, "无法切换到该机关：您不在该机关任职。")
    else:
        messages.success(request, f"已切换到{agency.name}。")
    return redirect("workbench:home")
