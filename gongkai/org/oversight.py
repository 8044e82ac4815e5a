"""What is overdue in an agency, area by area: what a 上级督查 follows across the tree.

Each app registers a reader ``reader(agency_ids, today) -> Iterable[Overdue]`` for its own work
(applications past their statutory date, items past 第二十六条's 20 working days, 留言 and 建议提案
past their limit, work-plan tasks past their deadline, the annual report past 第四十九条's date).
The supervisor's 工作台 and each agency's dashboard (``/staff/org/<code>/``) ask here; neither
knows the areas. Nothing returned names a person: titles are the work's own (an application's
number, never the applicant).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from .models import Agency

#: The areas in the order the pages show them.
AREAS = ("依申请公开", "信息发布", "互动交流", "工作要点", "年度报告")


@dataclass(frozen=True)
class Overdue:
    agency_id: int
    area: str  # one of AREAS
    title: str
    url: str
    due: date
    note: str = ""


@dataclass(frozen=True)
class Figure:
    area: str  # one of AREAS
    label: str
    value: int | str
    url: str = ""


Reader = Callable[[set[int], date], Iterable[Overdue]]
FigureReader = Callable[[Agency, int], Iterable[Figure]]
#: Whether a person may open an area's page (by its URL name) for an agency.
Access = Callable[[object, Agency], bool]
_readers: list[Reader] = []
_figure_readers: list[FigureReader] = []
_access: dict[str, Access] = {}


def register_access(*url_names: str):
    """Register who may open the pages named ``url_names`` for an agency: a dashboard offers a
    link only to whom it opens for (a page without a rule opens for whoever sees the dashboard)."""

    def decorate(check: Access) -> Access:
        for name in url_names:
            _access[name] = check
        return check

    return decorate


def opener(user, agency: Agency) -> Callable[[str], str]:
    """For one page: ``url`` if it opens for ``user`` (for ``agency``), else "". Each page's
    rule is asked once, however many links lead to it."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    answers: dict[str, bool] = {}

    def offered(url: str) -> str:
        try:
            name = resolve(urlsplit(url).path).view_name if url else ""
        except Resolver404:
            return ""
        if name and name not in answers:
            check = _access.get(name)
            answers[name] = check is None or check(user, agency)
        return url if name and answers[name] else ""

    return offered


def register(reader: Reader) -> Reader:
    _readers.append(reader)
    return reader


def register_figures(reader: FigureReader) -> FigureReader:
    _figure_readers.append(reader)
    return reader


def figures_of(agency: Agency, year: int) -> list[Figure]:
    """The agency's figures for the year, area by area, for its dashboard."""
    order = {area: n for n, area in enumerate(AREAS)}
    found = [f for reader in _figure_readers for f in reader(agency, year)]
    found.sort(key=lambda f: order.get(f.area, len(AREAS)))  # stable: each area's own order
    return found


def overdue_in(agency_ids: Iterable[int], today: date) -> list[Overdue]:
    """Everything overdue in these agencies, oldest due first within each area."""
    ids = set(agency_ids)
    if not ids:
        return []
    found = [o for reader in _readers for o in reader(ids, today)]
    order = {area: n for n, area in enumerate(AREAS)}
    found.sort(key=lambda o: (order.get(o.area, len(AREAS)), o.due, o.title))
    return found


@dataclass
class AgencyOverdue:
    agency: Agency
    items: list[Overdue]


def by_agency(agency_ids: Iterable[int], today: date) -> list[AgencyOverdue]:
    """Overdue work grouped by agency (agencies in the tree's order), those with none left out."""
    found = overdue_in(agency_ids, today)
    agencies = {
        a.pk: a for a in Agency.objects.filter(pk__in={o.agency_id for o in found}, is_active=True)
    }
    found = [o for o in found if o.agency_id in agencies]
    found.sort(key=lambda o: (agencies[o.agency_id].sort_order, agencies[o.agency_id].code))
    return [
        AgencyOverdue(agencies[agency_id], list(items))
        for agency_id, items in groupby(found, key=lambda o: o.agency_id)
    ]


def area_counts(items: Iterable[Overdue]) -> dict[str, int]:
    counts = dict.fromkeys(AREAS, 0)
    for o in items:
        counts[o.area] = counts.get(o.area, 0) + 1
    return counts
