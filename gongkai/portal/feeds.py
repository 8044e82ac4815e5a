"""RSS per agency and per column — through the gate like every public page."""

from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from gongkai.publishing.sanitize import html_to_text

from . import selectors


class ChineseRss(Rss201rev2Feed):
    def latest_post_date(self):
        """The newest item's date; for a feed with no items, when the agency's public pages last
        changed (not "now": the feed then reads the same until something changes, as the
        static site and conditional requests need)."""
        if self.items:
            return super().latest_post_date()
        changed = self.feed.get("changed_at") or 0
        return datetime.fromtimestamp(changed, tz=UTC)

    def rss_attributes(self):
        return {**super().rss_attributes()}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)


class AgencyFeed(Feed):
    feed_type = ChineseRss
    language = "zh-cn"

    def get_object(self, request, code):
        agency = selectors.public_agency(code)
        if agency is None:
            raise Http404
        return agency

    def feed_extra_kwargs(self, obj):
        from .caching import generation

        agency_id = getattr(obj, "agency_id", None) or obj.pk
        return {"changed_at": generation(agency_id)[1]}

    def title(self, agency):
        return f"{agency.name} 政府信息公开"

    def link(self, agency):
        return reverse("portal:agency", args=[agency.code])

    def description(self, agency):
        return f"{agency.name}最新主动公开的政府信息"

    def items(self, agency):
        return selectors.public_items().filter(agency=agency).order_by("-published_at", "-id")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return html_to_text(item.public_body)[:300]

    def item_link(self, item):
        return reverse("portal:item", args=[item.agency.code, item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False


class ColumnFeed(AgencyFeed):
    def get_object(self, request, code, pk):
        agency = super().get_object(request, code)
        column = selectors.public_column(agency, pk)
        if column is None:
            raise Http404
        return column

    def title(self, column):
        return f"{column.agency.name} {column.name}"

    def link(self, column):
        return reverse("portal:column", args=[column.agency.code, column.pk])

    def description(self, column):
        return f"{column.agency.name}“{column.name}”栏目最新信息"

    def items(self, column):
        return selectors.column_items(column)[:50]
