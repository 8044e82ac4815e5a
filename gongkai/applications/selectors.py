"""Who may see and handle applications. Applicants' data: the agency's handlers only."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.org.models import ADMIN_ROLES, Membership, Role

from .models import Application

HANDLER_ROLES = {Role.DISCLOSURE_OFFICE}


def _roles(user, agency) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def _is_admin(user) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role__in=ADMIN_ROLES).exists()
    )


def can_handle(user, agency) -> bool:
    """The disclosure office (公开办) registers, handles and answers its agency's applications."""
    return not _is_admin(user) and bool(_roles(user, agency) & HANDLER_ROLES)


def is_handling_unit_member(user, application: Application) -> bool:
    if application.unit_id is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, agency=application.agency, unit=application.unit
    ).exists()


def applications_visible_to(user) -> QuerySet[Application]:
    """The handlers' agencies, plus applications assigned to a unit the user belongs to."""
    if not user.is_authenticated or _is_admin(user):
        return Application.objects.none()
    memberships = Membership.objects.filter(user=user)
    handler_agencies = memberships.filter(role__in=HANDLER_ROLES).values_list("agency", flat=True)
    units = memberships.exclude(unit=None).values_list("unit", flat=True)
    from django.db.models import Q

    return Application.objects.filter(Q(agency__in=handler_agencies) | Q(unit__in=units))


def can_see_personal_data(user, application: Application) -> bool:
    return can_handle(user, application.agency)
