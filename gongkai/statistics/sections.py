"""The statistics page's sections, each a chart and a table of the same figures, for one agency
(or a 上级督查's agencies together, summed) and year. Every figure is a database aggregate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.publishing.models import InformationItem

from .charts import bar_chart, column_chart


@dataclass
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = ""
    note: str = ""


def _year_bounds(year: int):
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=tz),
        datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=tz),
    )


def items_by_column(agency_ids: list[int], year: int) -> Section:
    start, end = _year_bounds(year)
    rows = list(
        InformationItem.objects.published()
        .filter(agency_id__in=agency_ids, published_at__gte=start, published_at__lt=end)
        .annotate(column=Coalesce("entry__parent__name", "entry__name"))
        .values("column")
        .annotate(n=Count("id"))
        .order_by("-n", "column")
    )
    labels, values = [r["column"] for r in rows], [r["n"] for r in rows]
    return Section(
        "items_by_column",
        f"{year}年主动公开信息（按栏目）",
        ["栏目", "条数"],
        [[label, value] for label, value in zip(labels, values, strict=True)],
        bar_chart(f"{year}年主动公开信息（按栏目）", labels, values, unit="条") if rows else "",
    )


def items_by_month(agency_ids: list[int], year: int) -> Section:
    start, end = _year_bounds(year)
    counts = dict(
        InformationItem.objects.published()
        .filter(agency_id__in=agency_ids, published_at__gte=start, published_at__lt=end)
        .annotate(month=ExtractMonth("published_at", tzinfo=timezone.get_current_timezone()))
        .values_list("month")
        .annotate(n=Count("id"))
    )
    labels = [f"{m}月" for m in range(1, 13)]
    values = [counts.get(m, 0) for m in range(1, 13)]
    return Section(
        "items_by_month",
        f"{year}年主动公开信息（按月份）",
        ["月份", "条数"],
        [[label, value] for label, value in zip(labels, values, strict=True)],
        column_chart(f"{year}年主动公开信息（按月份）", labels, values),
    )


RESULT_GROUPS = [
    ("予以公开", ("disclosed",)),
    ("部分公开", ("partial",)),
    ("不予公开", tuple(f"withheld_{n}" for n in range(1, 9))),
    ("无法提供", ("unable_1", "unable_2", "unable_3")),
    ("不予处理", tuple(f"not_processed_{n}" for n in range(1, 6))),
    ("其他处理", ("other_1", "other_2", "other_3")),
]


def applications_by_result(agency_ids: list[int], year: int) -> Section:
    counts = dict(
        Application.objects.filter(agency_id__in=agency_ids, answered_date__year=year)
        .exclude(result="")
        .values_list("result")
        .annotate(n=Count("id"))
    )
    received = Application.objects.filter(
        agency_id__in=agency_ids, received_date__year=year
    ).count()
    labels = [label for label, _ in RESULT_GROUPS]
    values = [sum(counts.get(key, 0) for key in keys) for _, keys in RESULT_GROUPS]
    return Section(
        "applications",
        f"{year}年依申请公开办理结果",
        ["办理结果", "件数"],
        [[label, value] for label, value in zip(labels, values, strict=True)],
        bar_chart(f"{year}年依申请公开办理结果", labels, values, unit="件"),
        note=f"本年新收申请{received}件，办结{sum(values)}件。",
    )


SECTIONS = [items_by_column, items_by_month, applications_by_result]


def register(section_function):
    """Other apps (interaction, work plans) add their sections here."""
    SECTIONS.append(section_function)
    return section_function


def all_sections(agency_ids: list[int], year: int) -> list[Section]:
    return [make(agency_ids, year) for make in SECTIONS]
