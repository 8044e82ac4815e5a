"""自查 pages: an agency's findings and score (/staff/inspection/), any agency the person may read
(/staff/inspection/<code>/), the 上级督查's ranking of the agencies below, and the 自查报告."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from gongkai.org.models import Agency
from gongkai.statistics.charts import column_chart
from gongkai.workbench.context import current_agency

from . import export, selectors
from .base import REGISTRY, Kind

KIND_LABELS = {Kind.VETO: "单项否决", Kind.DEDUCT: "扣分", Kind.DUTY: "法定职责"}


def _agency(request, code: str | None) -> Agency:
    agency = current_agency(request) if code is None else Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404
    if not selectors.can_view(request.user, agency):
        raise PermissionDenied
    return agency


def sections(run, findings) -> list[dict]:
    """The run's indicators in the registry's order, each with its findings and result."""
    by_key: dict[str, list] = {}
    for finding in findings:
        by_key.setdefault(finding.indicator, []).append(finding)
    rows = []
    for key, spec in REGISTRY.items():
        found = by_key.get(key, [])
        summary = (run.summary or {}).get(key) if run else None
        if summary is None and not found:
            continue  # not covered by this run
        count = sum(f.count for f in found)
        vetoed = bool(summary and summary.get("vetoed"))
        points = summary.get("points", 0) if summary else 0
        rows.append(
            {
                "key": key,
                "name": spec.name,
                "kind": KIND_LABELS[spec.kind],
                "veto_kind": spec.kind == Kind.VETO,
                "basis": spec.basis,
                "findings": found,
                "count": count,
                "vetoed": vetoed,
                "points": points,
            }
        )
    rows.sort(key=lambda r: (not r["vetoed"], r["count"] == 0))
    return rows


@login_required
def overview(request, code: str | None = None):
    agency = _agency(request, code)
    run = selectors.latest_run(agency)
    findings = selectors.current_findings(agency)
    runs = selectors.history(agency)
    chart = (
        column_chart(
            "自查得分变化", [r.day.strftime("%m-%d") for r in runs], [float(r.score) for r in runs]
        )
        if len(runs) > 1
        else ""
    )
    return render(
        request,
        "inspection/overview.html",
        {
            "agency": agency,
            "run": run,
            "sections": sections(run, findings),
            "history": runs,
            "chart": chart,
            "can_fix": selectors.can_fix(request.user, agency),
            "duties_url": _duties_url(request.user, agency),
            "supervises": bool(selectors.supervised(request.user, agency))
            if code is None
            else False,
        },
    )


def _duties_url(user, agency) -> str:
    """The 条例's yearly duties of ``agency``, for those who may read them."""
    from django.urls import reverse

    from .duties import selectors as duties

    if not duties.may_view(user, agency):
        return ""
    return f"{reverse('inspection:duties')}?agency={agency.code}"


@login_required
def ranking(request):
    agency = current_agency(request)
    if agency is None:
        raise Http404
    agencies = selectors.supervised(request.user, agency)
    if not agencies:
        raise PermissionDenied
    runs = selectors.latest_runs(agencies)
    rows = [{"agency": a, "run": runs.get(a.pk)} for a in agencies]
    rows.sort(
        key=lambda r: (
            r["run"] is None,
            bool(r["run"] and r["run"].vetoed),
            -(float(r["run"].score) if r["run"] else 0),
            r["agency"].sort_order,
            r["agency"].code,
        )
    )
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank if row["run"] else None
        row["findings"] = row["run"].findings.count() if row["run"] else 0
    return render(request, "inspection/ranking.html", {"agency": agency, "rows": rows})


@login_required
def report(request, code: str, fmt: str):
    agency = _agency(request, code)
    run = selectors.latest_run(agency)
    if run is None:
        return redirect("inspection:agency", code=agency.code)
    sections_ = sections(run, selectors.current_findings(agency))
    if fmt == "docx":
        content, kind = export.docx(agency, run, sections_), export.DOCX
    elif fmt == "xlsx":
        content, kind = export.xlsx(agency, run, sections_), export.XLSX
    else:
        raise Http404
    response = HttpResponse(content, content_type=kind)
    name = f"{agency.code}-自查报告-{run.day:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
