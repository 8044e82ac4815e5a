from gongkai.org.admin_site import admin_roles_of
from gongkai.org.models import ADMIN_ROLES, Role
from gongkai.org.selectors import is_audit_admin_only, member_agencies, roles_of

from .context import current_agency

INSPECTION_READERS = frozenset(
    {Role.DISCLOSURE_OFFICE, Role.DEPUTY_LEADER, Role.PRINCIPAL_LEADER, Role.SECRECY_REVIEWER}
)


def staff(request):
    """The header's agency switcher and menu, for signed-in staff."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    roles = roles_of(request.user)
    audit_only = is_audit_admin_only(request.user)
    return {
        "staff_agencies": [] if audit_only else list(member_agencies(request.user)),
        "staff_agency": None if audit_only else current_agency(request),
        "staff_is_admin": bool(roles & (ADMIN_ROLES - {Role.AUDIT_ADMIN}))
        or request.user.is_superuser,
        "staff_is_auditor": Role.AUDIT_ADMIN in roles,
        # The work's own pages (信息发布 … 统计): for those with a role other than the three
        # administrators' (三员分立: theirs are the accounts and the settings).
        "staff_does_work": bool(roles - ADMIN_ROLES) or request.user.is_superuser,
        "staff_runs_system": Role.SYSTEM_ADMIN in roles or request.user.is_superuser,
        # The platform's 公开办 keeps the 检索同义词 in /admin/ (and nothing else there).
        "staff_keeps_synonyms": Role.DISCLOSURE_OFFICE in roles
        and Role.DISCLOSURE_OFFICE in admin_roles_of(request.user),
        # 自查: the agency's office, leaders and 保密审查员, and the 上级督查.
        "staff_inspects": bool(roles & (INSPECTION_READERS | {Role.SUPERVISOR})),
        # The 审计管理员's menu has the audit log alone (三员分立).
        "staff_audit_only": audit_only,
    }
