from django.http import Http404
from django.shortcuts import redirect

from gongkai.org.selectors import is_audit_admin_only

#: Where staff pages live: everything under them is closed to the 审计管理员 but the audit log.
STAFF_PREFIXES = ("/staff/", "/admin/")


class AuditAdminConfinementMiddleware:
    """The 审计管理员 sees the audit log and nothing else (三员分立, 等保2.0).

    One gate for every staff URL, present and future: for a person whose only role is 审计管理员,
    the workbench leads to the audit log and every other page under /staff/ and /admin/ answers
    404, as other people's data does elsewhere. Their own password change and logout (/accounts/)
    stay open, as does the public portal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(STAFF_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not is_audit_admin_only(user):
            return None
        match = request.resolver_match
        if match.namespace == "audit":
            return None
        if match.view_name == "workbench:home":
            return redirect("audit:log")
        raise Http404  # like another agency's data: no hint that the page exists
