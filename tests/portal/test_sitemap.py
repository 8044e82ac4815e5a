"""The sitemap lists every public item however many there are: /sitemap.xml is an index of the
sections' sitemaps, and the items' sitemap comes in pages of consecutive ids (a page keeps its
addresses when other items are published or withdrawn). Before, one sitemap of all sections was
paged together and its page 2 answered 404 whenever a section had one page: past the first
5,000 items (the oldest) no item was listed at all."""

import re

import pytest

from gongkai.portal import sitemaps
from gongkai.publishing import services

pytestmark = pytest.mark.django_db


def _locs(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return re.findall(r"<loc>http://testserver(.*?)</loc>", response.content.decode())


def test_every_public_item_is_listed_once_in_pages_of_id_ranges(
    client, publish, catalogue, chain_people, draft_data, monkeypatch
):
    monkeypatch.setattr(sitemaps.ItemSitemap, "limit", 2)
    items = [publish(f"第{n}号通告", "正文") for n in range(5)]
    draft = services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(title="内部草稿")
    )
    index = _locs(client.get("/sitemap.xml"))
    top = max(item.pk for item in items)
    pages = (top + 1) // 2
    expected = ["/sitemap-items.xml"] + [f"/sitemap-items.xml?p={n}" for n in range(2, pages + 1)]
    assert [loc for loc in index if loc.startswith("/sitemap-items")] == expected
    listed = []
    for page in expected:
        found = _locs(client.get(page.replace("&amp;", "&")))
        low = (int(page.partition("p=")[2] or 1) - 1) * 2
        for loc in found:
            pk = int(loc.rstrip("/").rsplit("/", 1)[1])
            assert low < pk <= low + 2  # the page's range of ids
        listed += found
    assert sorted(listed) == sorted(f"/xxgk/{catalogue.code}/item/{i.pk}/" for i in items)
    assert not any(f"/item/{draft.pk}/" in loc for loc in listed)

    # A withdrawal takes the item off its page; the other pages keep their addresses.
    before = {page: client.get(page).content for page in expected}
    gone = items[1]
    services.item_withdraw(item=gone, by=chain_people["office"], reason="已失效")
    changed = [page for page in expected if client.get(page).content != before[page]]
    assert len(changed) == 1
    assert f"/item/{gone.pk}/" not in client.get(changed[0]).content.decode()


@pytest.mark.parametrize("p", ["0", "-1", "x", "99999999999999999999999", "1e3", "\x00"])
def test_a_page_that_does_not_exist_is_a_4xx(client, publish, p):
    publish("通告", "正文")
    assert client.get("/sitemap-items.xml", {"p": p}).status_code in (400, 404)
    assert client.get("/sitemap-nothing.xml").status_code == 404
