"""The newest published items — the portal's home page (site-wide) and an agency's page, the
feeds and the API's list — are read by walking an index in date order, never by sorting every
published item: at 100k items the home page's query took 280 ms on SQLite with a sort of all of
them, 0.1 ms along the index. Asked of the planner on each database, over a table that holds
several agencies' items and has its statistics (an empty table lets PostgreSQL's planner pick
either index at the same cost, so the agency's own index must win on the numbers)."""

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.org.models import Agency
from gongkai.portal import selectors
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueEntry, InformationItem

pytestmark = pytest.mark.django_db

AGENCIES = 12
ITEMS_EACH = 150


def _plan(queryset) -> str:
    if connection.vendor == "sqlite":
        return queryset.explain()
    # PostgreSQL weighs costs: told not to sort (and not to scan the whole table), it still
    # sorts when no index gives the order.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_sort = off; SET enable_seqscan = off")
        try:
            return queryset.explain()
        finally:
            cursor.execute("RESET enable_sort; RESET enable_seqscan")


def _latest():
    return selectors.public_items().order_by("-published_at", "-id")


@pytest.fixture
def agencies():
    now = timezone.now()
    made = []
    items = []
    for n in range(AGENCIES):
        agency = Agency.objects.create(
            name=f"测试局{n}", code=f"cs{n:02d}", level="county", kind="department"
        )
        services.catalogue_apply_template(agency=agency)
        entry = CatalogueEntry.objects.filter(agency=agency).first()
        items += [
            InformationItem(
                agency=agency,
                entry=entry,
                title=f"第{k}号公告",
                body="正文",
                disclosure="active",
                status="published",
                decided_at=now,
                published_at=now - timezone.timedelta(minutes=k * AGENCIES + n),
                index_number=f"CS{n:02d}-2026-{k:05d}",
                topic="general",
            )
            for k in range(ITEMS_EACH)
        ]
        made.append(agency)
    InformationItem.objects.bulk_create(items)
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE"
            if connection.vendor == "sqlite"
            else f"ANALYZE {InformationItem._meta.db_table}"
        )
    return made


@pytest.mark.parametrize("scope", ["site", "agency"])
def test_the_newest_items_are_walked_along_an_index_not_sorted(scope, agencies):
    found = _latest() if scope == "site" else _latest().filter(agency=agencies[3])
    plan = _plan(found[:12])
    index = "item_latest" if scope == "site" else "item_agency_latest"
    assert index in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan, plan
    else:
        assert "Sort" not in plan, plan
    # and the walk gives the newest first
    got = list(found[:12])
    expected = sorted(
        (
            i
            for i in InformationItem.objects.filter(
                **({} if scope == "site" else {"agency": agencies[3]})
            )
        ),
        key=lambda i: (i.published_at, i.id),
        reverse=True,
    )[:12]
    assert [i.pk for i in got] == [i.pk for i in expected]
