from gongkai.org.models import ADMIN_ROLES, Role
from gongkai.org.selectors import member_agencies, roles_of

from .context import current_agency


def staff(request):
    """The header's agency switcher and menu, for signed-in staff."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    roles = roles_of(request.user)
    return {
        "staff_agencies": list(member_agencies(request.user)),
        "staff_agency": current_agency(request),
        "staff_is_admin": bool(roles & ADMIN_ROLES) or request.user.is_superuser,
        "staff_is_auditor": Role.AUDIT_ADMIN in roles,
    }
