"""The report's tables computed from the system's records, data as at 31 December, with database
aggregates (GROUP BY), never Python loops over rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.applications.models import Appeal, Application
from gongkai.publishing.choices import ColumnKind, Validity
from gongkai.publishing.models import InformationItem

from .formats import (
    APPLICANT_KEYS,
    FORMAT_2021,
    OUTCOME_INDEX,
    TABLE2_ROWS,
    TABLE4_GROUPS,
    Tables,
    format_for_year,
    result_to_row,
    table3_value_rows,
)

MANUAL_ROWS = {"licensing", "penalty", "enforcement", "fees", "other_services", "procurement"}


def _year_end(year: int) -> datetime:
    return datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=timezone.get_current_timezone())


def _year_start(year: int) -> datetime:
    return datetime.combine(date(year, 1, 1), time.min, tzinfo=timezone.get_current_timezone())


def in_force_q(day: date) -> Q:
    """publishing.rules.in_force_on as a filter: 现行有效 on ``day`` by the item's 有效性, 有效期至
    and 废止日期, so a document the office marks 已失效 or 已废止 leaves the count."""
    return (
        (Q(repealed_date__isnull=True) | Q(repealed_date__gt=day))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        & ~Q(validity=Validity.REPEALED, repealed_date__isnull=True)
        & ~Q(validity=Validity.EXPIRED, valid_until__isnull=True)
        # Not yet in force: a document taking effect after ``day`` is not 现行有效 on it.
        & (Q(effective_date__isnull=True) | Q(effective_date__lte=day))
    )


def table2_policy_counts(agency_ids: Iterable[int], year: int, fmt: str) -> dict[str, list[int]]:
    """第二十条第（一）项 from the items and their validity, one aggregate query.

    A document belongs to the year it was made (its 成文日期), whenever it was published: one
    written on 28 December and published on 5 January is 本年制发 in the report on December's year
    (and 现行有效 at that year's end), not lost between two reports. Without a 成文日期, the day
    it was published stands in for it."""
    end, start = _year_end(year), _year_start(year)
    year_end_date, year_start_date = date(year, 12, 31), date(year, 1, 1)
    published = InformationItem.objects.published().filter(
        agency_id__in=list(agency_ids),
        entry__kind__in=[ColumnKind.REGULATION, ColumnKind.NORMATIVE],
    )
    made_this_year = Q(written_date__gte=year_start_date, written_date__lte=year_end_date) | Q(
        written_date__isnull=True, published_at__gte=start, published_at__lt=end
    )
    existed = Q(written_date__lte=year_end_date) | Q(
        written_date__isnull=True, published_at__lt=end
    )
    if fmt == FORMAT_2021:
        aggregates = {
            "made": Count("id", filter=made_this_year),
            "repealed": Count(
                "id",
                filter=existed
                & Q(
                    validity=Validity.REPEALED,
                    repealed_date__gte=year_start_date,
                    repealed_date__lte=year_end_date,
                ),
            ),
            "valid": Count("id", filter=existed & in_force_q(year_end_date)),
        }
    else:
        aggregates = {
            "made": Count("id", filter=made_this_year),
            "published": Count("id", filter=Q(published_at__gte=start, published_at__lt=end)),
            "all": Count("id", filter=Q(published_at__lt=end)),
        }
    rows = {r["entry__kind"]: r for r in published.values("entry__kind").annotate(**aggregates)}
    out = {}
    for kind, key in ((ColumnKind.REGULATION, "regulation"), (ColumnKind.NORMATIVE, "normative")):
        row = rows.get(kind, {})
        out[key] = [row.get(name, 0) for name in aggregates]
    return out


def table3(agency_ids: Iterable[int], year: int, fmt: str) -> dict[str, list[int]]:
    """表三 from the applications in one GROUP BY (applicant type × result) with conditional
    counts: received this year, carried in from last year, answered this year (by result) and
    carried over to next year. Only rows that can count in one of them are read."""
    ids = list(agency_ids)
    start, end = date(year, 1, 1), date(year, 12, 31)
    open_at_start = Q(answered_date__isnull=True) | Q(answered_date__gte=start)
    open_at_end = Q(answered_date__isnull=True) | Q(answered_date__gt=end)
    grouped = (
        Application.objects.filter(
            agency_id__in=ids, received_date__isnull=False, received_date__lte=end
        )
        .filter(open_at_start | Q(received_date__gte=start))
        .values("applicant_type", "result")
        .annotate(
            new=Count("id", filter=Q(received_date__gte=start)),
            carried_in=Count("id", filter=Q(received_date__lt=start) & open_at_start),
            carried_over=Count("id", filter=open_at_end),
            answered=Count(
                "id", filter=Q(answered_date__gte=start, answered_date__lte=end) & ~Q(result="")
            ),
        )
        .order_by()
    )
    table = {row.key: [0] * 7 for row in table3_value_rows(fmt)}
    column = {key: index for index, key in enumerate(APPLICANT_KEYS[:6])}
    for entry in grouped:
        index = column[entry["applicant_type"]]
        for key in ("new", "carried_in", "carried_over"):
            table[key][index] += entry[key]
        if entry["answered"]:
            table[result_to_row(entry["result"], fmt)][index] += entry["answered"]
            table["total"][index] += entry["answered"]
    for values in table.values():
        values[6] = sum(values[:6])
    return table


def table4(agency_ids: Iterable[int], year: int) -> dict[str, list[int]]:
    """表四 (2021 and 2019 formats alike): the cases the agencies were party to during the year —
    filed in the year, plus those filed earlier and still undecided on 1 January — each in its
    outcome column as at 31 December: decided in the year → 维持 / 纠正 / 其他; undecided on
    31 December → 尚未审结; 总计 their sum. A case filed earlier and decided before the year is
    last year's. Appeals about applications, published items and the work in general alike; a
    suit with the 复议机关 as co-defendant is recorded (so counted) at the original agency only.
    One GROUP BY over the agencies' appeals."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    table = {key: [0] * 5 for key, _ in TABLE4_GROUPS}
    undecided_at_start = Q(outcome_date__isnull=True) | Q(outcome_date__gte=start)
    appeals = Appeal.objects.filter(agency_id__in=list(agency_ids), filed_date__lte=end).filter(
        Q(filed_date__gte=start) | undecided_at_start
    )
    grouped = (
        appeals.values("kind")
        .annotate(
            upheld=Count("id", filter=Q(outcome="upheld", outcome_date__lte=end)),
            corrected=Count("id", filter=Q(outcome="corrected", outcome_date__lte=end)),
            other=Count("id", filter=Q(outcome="other", outcome_date__lte=end)),
            total=Count("id"),
        )
        .order_by()
    )
    for entry in grouped:
        row = table[entry["kind"]]
        row[OUTCOME_INDEX["upheld"]] = entry["upheld"]
        row[OUTCOME_INDEX["corrected"]] = entry["corrected"]
        row[OUTCOME_INDEX["other"]] = entry["other"]
        row[OUTCOME_INDEX["pending"]] = (
            entry["total"] - entry["upheld"] - entry["corrected"] - entry["other"]
        )
        row[4] = entry["total"]
    return table


def build_tables(agency_ids: Iterable[int], year: int, manual: dict | None = None) -> Tables:
    """All three tables for the agencies (one agency, or a roll-up) and year."""
    ids = list(agency_ids)
    fmt = format_for_year(year)
    tables = Tables.empty(fmt)
    tables.table2.update(table2_policy_counts(ids, year, fmt))
    for row in TABLE2_ROWS[fmt]:
        if row.key in MANUAL_ROWS:
            given = (manual or {}).get(row.key)
            if given is not None and len(given) == len(row.columns):
                tables.table2[row.key] = list(given)
    tables.table3 = table3(ids, year, fmt)
    tables.table4 = table4(ids, year)
    return tables


def fees_collected(agency_ids: Iterable[int], year: int) -> tuple[int, int]:
    """信息处理费 paid in the year: (applications, yuan) — reported in section 六."""
    from django.db.models import Sum

    from gongkai.applications.models import Fee

    paid = Fee.objects.filter(application__agency_id__in=list(agency_ids), paid_date__year=year)
    totals = paid.aggregate(n=Count("id"), amount=Sum("amount"))
    return totals["n"] or 0, totals["amount"] or 0


def items_published_by_column(agency_ids: Iterable[int], year: int) -> list[tuple[str, int]]:
    """主动公开 this year per top-level column, for the drafted sentences of section 二."""
    end, start = _year_end(year), _year_start(year)
    rows = (
        InformationItem.objects.published()
        .filter(agency_id__in=list(agency_ids), published_at__gte=start, published_at__lt=end)
        .annotate(column=Coalesce("entry__parent__name", "entry__name"))
        .values("column")
        .annotate(n=Count("id"))
        .order_by("-n", "column")
    )
    return [(row["column"], row["n"]) for row in rows]
