"""Who sees which agency's 自查, and the latest results."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from gongkai.org.models import Agency, Role
from gongkai.org.selectors import descendant_ids, roles_in, supervised_agency_ids
from gongkai.workbench.context_processors import INSPECTION_READERS

from .base import REGISTRY
from .models import Finding, Run

#: Who reads an agency's own 自查: its office, its leaders and its 保密审查员.
READERS = INSPECTION_READERS


def can_view(user, agency: Agency) -> bool:
    """The agency's own readers, and (read-only) the 上级督查 above it."""
    if not user.is_authenticated:
        return False
    roles = roles_in(user, agency)
    return bool(roles & (READERS | {Role.SUPERVISOR})) or agency.pk in supervised_agency_ids(user)


def can_fix(user, agency: Agency) -> bool:
    return Role.DISCLOSURE_OFFICE in roles_in(user, agency)


def supervised(user, agency: Agency) -> list[Agency]:
    """The agencies below ``agency`` for its 上级督查 (the agency itself included)."""
    if Role.SUPERVISOR not in roles_in(user, agency):
        return []
    return list(
        Agency.objects.filter(pk__in=descendant_ids([agency.pk]) | {agency.pk}, is_active=True)
    )


def latest_run(agency: Agency) -> Run | None:
    """The latest finished run that covered the data indicators."""
    for run in Run.objects.filter(agency=agency, finished_at__isnull=False).order_by(
        "-started_at", "-id"
    )[:10]:
        if "data" in run.groups:
            return run
    return None


def latest_runs(agencies) -> dict[int, Run]:
    newest = (
        Run.objects.filter(agency=OuterRef("pk"), finished_at__isnull=False)
        .order_by("-started_at", "-id")
        .values("pk")[:1]
    )
    ids = Agency.objects.filter(pk__in=[a.pk for a in agencies]).annotate(run=Subquery(newest))
    runs = Run.objects.in_bulk([row.run for row in ids if row.run])
    return {run.agency_id: run for run in runs.values()}


def current_findings(agency: Agency) -> list[Finding]:
    """The findings of the latest run, plus the latest link findings when that run left them out."""
    run = latest_run(agency)
    if run is None:
        return []
    findings = list(run.findings.all())
    if "links" not in run.groups:
        for other in Run.objects.filter(agency=agency, finished_at__isnull=False).order_by(
            "-started_at", "-id"
        )[:10]:
            if "links" in other.groups:
                keys = [k for k, spec in REGISTRY.items() if spec.group == "links"]
                findings += list(other.findings.filter(indicator__in=keys))
                break
    return findings


def history(agency: Agency, limit: int = 24) -> list[Run]:
    runs = Run.objects.filter(agency=agency, finished_at__isnull=False).order_by(
        "-started_at", "-id"
    )[: limit * 3]
    data = [run for run in runs if "data" in run.groups][:limit]
    return list(reversed(data))
