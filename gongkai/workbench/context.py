"""The agency a person is working in (工作台 can switch between one's agencies)."""

from django.http import Http404

from gongkai.org.models import Agency
from gongkai.org.selectors import member_agencies

SESSION_KEY = "gongkai_agency_id"


def current_agency(request) -> Agency | None:
    agencies = list(member_agencies(request.user))
    chosen = request.session.get(SESSION_KEY)
    for agency in agencies:
        if agency.pk == chosen:
            return agency
    return agencies[0] if agencies else None


def switch_agency(request, agency_id: int) -> Agency | None:
    agency = member_agencies(request.user).filter(pk=agency_id).first()
    if agency is not None:
        request.session[SESSION_KEY] = agency.pk
    return agency


def chosen_agency(request, allowed) -> Agency | None:
    """``?agency=CODE`` among ``allowed``; ``?agency=all`` for all of them; else the agency the
    person is working in, when allowed. A code outside ``allowed`` is a 404: another agency's
    data, not even its existence confirmed."""
    code = request.GET.get("agency", "")
    if code == "all":
        return None
    if code:
        found = allowed.filter(code=code).first()
        if found is None:
            raise Http404
        return found
    current = current_agency(request)
    if current is not None and allowed.filter(pk=current.pk).exists():
        return current
    return None
