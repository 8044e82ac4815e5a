"""Which public pages the static site holds, and which of them a change touches.

Every page here is a GET that answers the same to every anonymous visitor: nothing that reads the
request's query (search, filters), a form (apply, 留言), the visitor's session or a live figure
(互动交流's lists show this year's counts, which move with every message received: they stay
dynamic). Every query starts from the portal's gate (``gongkai.portal.selectors``) or the
messages' (``Message.objects.published()``): what the gate does not pass is never listed, and a
listed page the gate stops answering 404 and is removed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.urls import reverse

from gongkai.interaction.models import Message
from gongkai.portal import selectors
from gongkai.portal.sitemaps import SITEMAPS, IdRangePaginator
from gongkai.publishing.models import Attachment, CatalogueEntry, InformationItem

COLUMN_PER_PAGE = 20  # gongkai.portal.views.column


@dataclass(frozen=True)
class Page:
    url: str
    agency_id: int | None = None
    item_id: int | None = None
    #: platform | agency (home, feed, column pages) | item (page, QR, files) | message
    kind: str = "platform"


def platform_pages(item_ids: Iterable[int] | None = None) -> Iterator[Page]:
    yield Page(reverse("portal:home"))
    yield Page(reverse("portal:robots"))
    yield from sitemap_pages(item_ids)


def sitemap_pages(item_ids: Iterable[int] | None = None) -> Iterator[Page]:
    """The sitemap index and every page of its sections; after a change to ``item_ids``, of the
    items' section only the pages that list (or listed) them — its pages are ranges of ids
    (portal.sitemaps.IdRangePaginator), so no other page moved."""
    yield Page(reverse("portal:sitemap"))
    for section, cls in SITEMAPS.items():
        url = reverse("portal:sitemap_section", args=[section])
        paginator = cls().paginator
        if item_ids is not None and isinstance(paginator, IdRangePaginator):
            numbers = sorted({paginator.page_of(pk) for pk in item_ids})
        else:
            numbers = range(1, paginator.num_pages + 1)
        for number in numbers:
            yield Page(url if number == 1 else f"{url}?p={number}")


def _column_pages(agency, entry) -> Iterator[Page]:
    base = reverse("portal:column", args=[agency.code, entry.pk])
    yield Page(base, agency.pk, kind="agency")
    count = selectors.column_items(entry).count()
    pages = max(1, math.ceil(count / COLUMN_PER_PAGE))
    for number in range(1, pages + 1):  # "上一页" from page 2 links to ?page=1
        if number == 1 and pages == 1:
            break
        yield Page(f"{base}?page={number}", agency.pk, kind="agency")
    yield Page(
        reverse("portal:column_feed", args=[agency.code, entry.pk]), agency.pk, kind="agency"
    )


def agency_pages(agency, *, items: bool = True) -> Iterator[Page]:
    """An agency's home, feed, columns (every page), and if ``items`` its items and answers."""
    yield Page(reverse("portal:agency", args=[agency.code]), agency.pk, kind="agency")
    yield Page(reverse("portal:agency_feed", args=[agency.code]), agency.pk, kind="agency")
    for entry in CatalogueEntry.objects.filter(agency=agency, is_active=True).order_by("pk"):
        yield from _column_pages(agency, entry)
    if items:
        ids = (
            selectors.public_items()
            .filter(agency=agency)
            .order_by("pk")
            .values_list("pk", flat=True)
            .iterator(chunk_size=2000)
        )
        yield from item_pages(agency, ids)
        for pk in (
            Message.objects.published().filter(agency=agency).order_by("pk").values_list("pk")
        ):
            yield message_page(agency, pk[0])


def item_pages(agency, ids) -> Iterator[Page]:
    """Each public item's page, QR code and public files; ``ids`` are assumed public (a page that
    is not answers 404 and is removed)."""
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == 500:
            yield from _items_batch(agency, batch)
            batch = []
    if batch:
        yield from _items_batch(agency, batch)


def _items_batch(agency, ids: list[int]) -> Iterator[Page]:
    files: dict[int, list[tuple[int, str]]] = {}
    for pk, item_id, name in (
        Attachment.objects.filter(
            item_id__in=ids, internal_only=False, item__in=InformationItem.objects.published()
        )
        .order_by("pk")
        .values_list("pk", "item_id", "original_name")
    ):
        files.setdefault(item_id, []).append((pk, name))
    for pk in ids:
        yield Page(reverse("portal:item", args=[agency.code, pk]), agency.pk, pk, "item")
        yield Page(reverse("portal:item_qr", args=[agency.code, pk]), agency.pk, pk, "item")
        for file_pk, name in files.get(pk, ()):
            yield Page(attachment_url(file_pk, name), agency.pk, pk, "item")


def message_page(agency, pk: int) -> Page:
    """A published 留言 or 建议提案 answer."""
    return Page(
        reverse("interaction_public:detail", args=[agency.code, pk]), agency.pk, kind="message"
    )


def every_file_of(agency, ids: list[int]) -> Iterator[Page]:
    """Every attachment of these items, public or not (to be rendered again: a file that is not
    public answers 404 and is removed from the site)."""
    for pk, item_id, name in (
        Attachment.objects.filter(item_id__in=ids)
        .order_by("pk")
        .values_list("pk", "item_id", "original_name")
    ):
        yield Page(attachment_url(pk, name), agency.pk, item_id, "item")


def attachment_url(pk: int, original_name: str) -> str:
    from gongkai.portal.views import download_name

    return reverse("portal:attachment", args=[pk, download_name(original_name)])


def all_pages() -> Iterator[Page]:
    yield from platform_pages()
    for agency in selectors.public_agencies():
        yield from agency_pages(agency)


def count_all() -> int:
    """About how many pages ``all_pages()`` yields (for a progress bar)."""
    items = selectors.public_items().count()
    files = Attachment.objects.filter(
        internal_only=False, item__in=InformationItem.objects.published()
    ).count()
    columns = CatalogueEntry.objects.filter(is_active=True, agency__is_active=True).count()
    agencies = selectors.public_agencies().count()
    messages = Message.objects.published().count()
    sitemaps = sum(cls().paginator.num_pages for cls in SITEMAPS.values())
    return (
        3
        + sitemaps
        + 2 * agencies
        + 2 * columns
        + 2 * items
        + files
        + messages
        + items // COLUMN_PER_PAGE
    )


def related_items(item_ids) -> set[int]:
    """Items whose page shows one of ``item_ids``: the policy an interpretation explains and the
    interpretations of a policy (their 相关文件 links)."""
    ids = set(item_ids)
    found = set(
        InformationItem.objects.filter(pk__in=ids, interprets__isnull=False).values_list(
            "interprets_id", flat=True
        )
    )
    found |= set(InformationItem.objects.filter(interprets_id__in=ids).values_list("pk", flat=True))
    return found - ids
