"""Reads about who may see what. Every staff view that shows agency data asks here first."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import ADMIN_ROLES, CONTENT_APPROVER_ROLES, Agency, Membership, Role


def descendant_ids(agency_ids: Iterable[int]) -> set[int]:
    """All agencies below the given ones (not including them), one query per tree level."""
    found: set[int] = set()
    frontier = set(agency_ids)
    while frontier:
        children = (
            set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= children
        frontier = children
    return found


def member_agencies(user) -> QuerySet[Agency]:
    """Agencies where ``user`` holds a role that works with the agency's data.

    A 审计管理员 membership only says where the auditor sits: it opens none of the agency's data
    (三员分立: the 审计管理员 reads the audit log and nothing else).
    """
    if not user.is_authenticated:
        return Agency.objects.none()
    working = (
        Membership.objects.filter(user=user).exclude(role=Role.AUDIT_ADMIN).values("agency_id")
    )
    return Agency.objects.filter(pk__in=working, is_active=True)


def supervised_agency_ids(user) -> set[int]:
    """Agencies a 上级督查 may read (read-only): every agency below those where they supervise."""
    if not user.is_authenticated:
        return set()
    roots = Membership.objects.filter(user=user, role=Role.SUPERVISOR).values_list(
        "agency_id", flat=True
    )
    return descendant_ids(roots)


def visible_agencies(user) -> QuerySet[Agency]:
    """Agencies whose internal data ``user`` may see: their own, plus those they supervise."""
    if not user.is_authenticated:
        return Agency.objects.none()
    own = set(member_agencies(user).values_list("pk", flat=True))
    return Agency.objects.filter(pk__in=own | supervised_agency_ids(user), is_active=True)


def roles_in(user, agency: Agency) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("role", flat=True))


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_audit_admin_only(user) -> bool:
    """Whether every role of ``user`` is 审计管理员: such a person sees the audit log (and their own
    password change) and nothing else, neither the staff pages nor the admin (三员分立)."""
    if not (user.is_authenticated and user.is_active) or user.is_superuser:
        return False
    roles = roles_of(user)
    return bool(roles) and roles <= {Role.AUDIT_ADMIN}


def can_read_audit_log(user) -> bool:
    """Only the 审计管理员 reads the audit log (三员分立); not even the 系统管理员."""
    return user.is_authenticated and user.is_active and has_role(user, Role.AUDIT_ADMIN)


def can_manage_account(actor, account) -> bool:
    """Whether ``actor`` may change ``account`` (its password, name, roles) in /admin/.

    三员分立: the 安全管理员 manages accounts, but not those of the other administrators (系统管理员,
    审计管理员) nor the bootstrap superuser; whoever can set their password can be them. Their
    passwords are reset from the server shell (``gongkai changepassword``, docs/deploy.md).
    """
    if actor.is_superuser or actor.pk == account.pk:
        return True
    if account.is_superuser:
        return False
    return not (roles_of(account) & ADMIN_ROLES) - roles_of(actor)


def can_approve_content(user, agency: Agency) -> bool:
    """Whether ``user`` holds a review or publishing role in ``agency``.

    The three administrators never approve content, whatever else was configured.
    """
    roles = roles_in(user, agency)
    if roles_of(user) & ADMIN_ROLES:
        return False
    return bool(roles & CONTENT_APPROVER_ROLES)


def is_read_only_in(user, agency: Agency) -> bool:
    """A supervisor looking at a subordinate agency may read but not act."""
    return not roles_in(user, agency) and agency.pk in supervised_agency_ids(user)
