"""The sitemaps: /sitemap.xml is an index of one sitemap per section (sitemap-items.xml,
sitemap-columns.xml, sitemap-agencies.xml), each in pages of at most ``limit`` addresses
(?p=2, …), so that every public item is listed however many there are."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from gongkai.publishing.models import CatalogueEntry, InformationItem

from . import selectors


@dataclass
class _Page:
    object_list: object


class IdRangePaginator:
    """Pages of consecutive ids: page N holds the public items whose id is in
    ((N − 1)·limit, N·limit]. A page keeps its addresses when other items are published or
    withdrawn (an OFFSET would shift every later page), it is read through the primary key
    (no OFFSET over a million rows), and a static site re-renders only the pages a change
    touched. A page of ids none of which is public is an empty, valid sitemap."""

    def __init__(self, items, limit: int):
        self.items, self.limit = items, limit

    @cached_property
    def num_pages(self) -> int:
        top = self.items.order_by().aggregate(top=Max("pk"))["top"] or 0
        return max(1, math.ceil(top / self.limit))

    def page_of(self, pk: int) -> int:
        return max(1, math.ceil(pk / self.limit))

    def page(self, number) -> _Page:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("页码须为整数") from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("没有这一页")
        low = (number - 1) * self.limit
        return _Page(self.items.filter(pk__gt=low, pk__lte=low + self.limit).order_by("pk"))


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        # The gate itself, with only what an address needs.
        return (
            InformationItem.objects.published()
            .select_related("agency")
            .only("pk", "updated_at", "agency__code")
        )

    @cached_property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def get_latest_lastmod(self):
        # The index gives none for this section (each address in it has its own): the latest
        # of every public item would be a scan of them all on every request.
        return None

    def location(self, item):
        return reverse("portal:item", args=[item.agency.code, item.pk])

    def lastmod(self, item):
        return item.updated_at


class AgencySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return list(selectors.public_agencies())

    def location(self, agency):
        return reverse("portal:agency", args=[agency.code])


class ColumnSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            CatalogueEntry.objects.filter(is_active=True, agency__is_active=True)
            .select_related("agency")
            .order_by("pk")
        )

    def location(self, column):
        return reverse("portal:column", args=[column.agency.code, column.pk])


SITEMAPS = {"agencies": AgencySitemap, "columns": ColumnSitemap, "items": ItemSitemap}
