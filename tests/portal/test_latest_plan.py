"""The newest published items — the portal's home page (site-wide) and an agency's page, the
feeds and the API's list — are read by walking an index in date order, never by sorting every
published item: at 100k items the home page's query took 280 ms on SQLite with a sort of all of
them, 0.1 ms along the index. Asked of the planner on each database."""

import pytest
from django.db import connection

from gongkai.org.models import Agency
from gongkai.portal import selectors

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    if connection.vendor == "sqlite":
        return queryset.explain()
    # PostgreSQL's planner weighs costs, and an empty table is cheapest to sort: told not to
    # sort (and not to scan the table), it still sorts when no index gives the order.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_sort = off; SET enable_seqscan = off")
        try:
            return queryset.explain()
        finally:
            cursor.execute("RESET enable_sort; RESET enable_seqscan")


def _latest():
    return selectors.public_items().order_by("-published_at", "-id")


@pytest.mark.parametrize("scope", ["site", "agency"])
def test_the_newest_items_are_walked_along_an_index_not_sorted(scope):
    agency = Agency.objects.create(name="测试局", code="cs", level="county", kind="department")
    found = _latest() if scope == "site" else _latest().filter(agency=agency)
    plan = _plan(found[:12])
    index = "item_latest" if scope == "site" else "item_agency_latest"
    assert index in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan, plan
    else:
        assert "Sort" not in plan, plan
