"""Running the inspection: every indicator over one agency, the findings stored with the day each
was first seen, the verdict and the score (scoring in rules.score)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.org.models import Agency

from . import rules
from .base import REGISTRY, Context, Found, Indicator, Kind, thresholds
from .models import Finding, Run

GROUPS = ("data", "links")


@dataclass(frozen=True)
class Verdict:
    vetoed: bool
    score: float
    #: indicator key → (vetoes, points deducted)
    by_indicator: dict


def _value(setting, ctx: Context) -> float:
    return float(ctx.threshold(setting) if isinstance(setting, str) else setting)


def verdict(found: dict[str, list[Found]], ctx: Context) -> Verdict:
    """The 单项否决 verdict and the 100-point score from each indicator's findings: a 单项否决
    indicator vetoes when its findings reach its threshold (any finding, without one); below it,
    and for 扣分 indicators, each finding deducts the indicator's points up to its cap. Duties
    are tracked, not scored."""
    by_indicator, deductions, vetoed = {}, [], False
    for key, rows in found.items():
        spec = REGISTRY[key]
        count = sum(row.count for row in rows)
        if not count or spec.kind == Kind.DUTY:
            by_indicator[key] = (False, 0.0)
            continue
        if spec.kind == Kind.VETO:
            needed = _value(spec.veto_at, ctx) if spec.veto_at else 1
            if count >= needed:
                vetoed = True
                by_indicator[key] = (True, 0.0)
                continue
        points = _value(spec.points, ctx) * count if spec.points else 0.0
        cap = _value(spec.cap, ctx) if spec.cap else 0.0
        deducted = min(points, cap) if cap else points
        deductions.append((points, cap))
        by_indicator[key] = (False, deducted)
    return Verdict(vetoed, rules.score(deductions), by_indicator)


def indicators_for(groups: Iterable[str] = GROUPS, only: Iterable[str] = ()) -> list[Indicator]:
    groups, only = set(groups), set(only)
    return [
        spec for key, spec in REGISTRY.items() if spec.group in groups and (not only or key in only)
    ]


def inspect_agency(
    agency: Agency,
    *,
    today: date | None = None,
    groups: Iterable[str] = GROUPS,
    only: Iterable[str] = (),
    shared: dict | None = None,
) -> Run:
    """Run the indicators over ``agency`` and keep the run. A finding about the same thing as
    one of the previous run keeps the day it was first seen. ``shared``: one dict passed for
    every agency of a run, where indicators keep what they compute once for the platform."""
    today = today or timezone.localdate()
    ctx = Context(
        agency=agency,
        today=today,
        thresholds=thresholds(),
        shared=shared if shared is not None else {},
    )
    specs = indicators_for(groups, only)
    found = {spec.key: list(spec.check(ctx)) for spec in specs}
    result = verdict(found, ctx)
    seen = _first_seen(agency, {spec.group for spec in specs})
    with transaction.atomic():
        run = Run.objects.create(
            agency=agency,
            day=today,
            vetoed=result.vetoed,
            score=Decimal(str(result.score)),
            groups=sorted({spec.group for spec in specs}),
            summary={
                key: {
                    "count": sum(item.count for item in found[key]),
                    "vetoed": result.by_indicator[key][0],
                    "points": result.by_indicator[key][1],
                }
                for key in found
            },
        )
        rows = []
        for key, items in found.items():
            _vetoes, deducted = result.by_indicator[key]
            each = Decimal(str(round(deducted / len(items), 2))) if items and deducted else 0
            for item in items:
                rows.append(
                    Finding(
                        run=run,
                        agency=agency,
                        indicator=key,
                        key=item.key[:300],
                        object=item.object[:300],
                        detail=item.detail,
                        fix=item.fix,
                        url=item.url[:500],
                        fix_url=item.fix_url[:500],
                        count=item.count,
                        points=each,
                        first_seen=seen.get((key, item.key[:300]), today),
                    )
                )
        Finding.objects.bulk_create(rows, batch_size=1000)
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
    return run


def _first_seen(agency: Agency, groups: set[str]) -> dict[tuple[str, str], date]:
    """(indicator, key) → the day first seen, from the latest finished run of each group."""
    seen = {}
    for group in groups:
        previous = Run.objects.filter(agency=agency, finished_at__isnull=False)
        for run in previous.order_by("-started_at", "-id")[:20]:
            if group not in run.groups:
                continue
            keys = [spec.key for spec in REGISTRY.values() if spec.group == group]
            seen.update(
                {
                    (indicator, key): first
                    for indicator, key, first in run.findings.filter(
                        indicator__in=keys
                    ).values_list("indicator", "key", "first_seen")
                }
            )
            break
    return seen
