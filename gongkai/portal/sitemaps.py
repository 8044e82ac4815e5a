from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.publishing.models import CatalogueEntry

from . import selectors


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return selectors.public_items().order_by("pk")

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
