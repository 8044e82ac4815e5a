"""The agency a person is working in (工作台 can switch between one's agencies)."""

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
