"""Nothing non-public reaches the public: items in every non-public state carry unique markers in
title, body and attachment; a crawler follows every public route and finds none of them."""

import json
import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client

from gongkai.publishing import services
from gongkai.publishing.models import InformationItem
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/staff/", "/admin/", "/accounts/", "/static/")


def pdf_with(marker: str) -> bytes:
    return f"%PDF-1.4\n% {marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


@pytest.fixture
def world(chain_people, draft_data, catalogue):
    drafter, office = chain_people["drafter"], chain_people["office"]
    secrets = {}

    def make(state, **extra):
        marker = f"leakmark{state}"
        data = draft_data(title=f"标题{marker}", body=f"正文{marker}", **extra)
        item = services.item_create(agency=catalogue, by=drafter, data=data)
        services.attachment_add(
            item=item, by=drafter, upload=services.Upload(f"附件{marker}.pdf", pdf_with(marker))
        )
        secrets[state] = (marker, item)
        return item

    make("draft")
    for step in range(1, 6):
        item = make(f"step{step}")
        item = services.item_submit(item=item, by=drafter)
        walk_chain(item, chain_people, upto=step)
    returned = services.item_submit(item=make("returned"), by=drafter)
    services.item_return(item=returned, by=chain_people["unit_head"], comment="退回")
    for state, disclosure, ground in [
        ("onrequest", "on_request", "process_info"),
        ("withheld", "withheld", "state_secret"),
    ]:
        item = make(
            state, disclosure=disclosure, withhold_ground=ground, withhold_explanation="理由"
        )
        walk_chain(services.item_submit(item=item, by=drafter), chain_people)
    withdrawn = walk_chain(services.item_submit(item=make("withdrawn"), by=drafter), chain_people)
    services.item_withdraw(item=withdrawn, by=office, reason="撤回")

    # 删减后公开: published, but its original body and original file are secret.
    marker = "leakmarkoriginal"
    redacted = services.item_create(
        agency=catalogue,
        by=drafter,
        data=draft_data(
            title="删减后公开的通知",
            body=f"原文{marker}",
            disclosure="redacted",
            withhold_ground="third_party",
            withhold_explanation="含个人信息",
            redacted_body="删减后的正文",
        ),
    )
    services.attachment_add(
        item=redacted,
        by=drafter,
        internal_only=True,
        upload=services.Upload(f"原件{marker}.pdf", pdf_with(marker)),
    )
    services.attachment_add(
        item=redacted, by=drafter, upload=services.Upload("删减件.pdf", pdf_with("publiccopy"))
    )
    redacted = walk_chain(services.item_submit(item=redacted, by=drafter), chain_people)
    secrets["original"] = (marker, redacted)

    public = walk_chain(
        services.item_submit(
            item=services.item_create(
                agency=catalogue,
                by=drafter,
                data=draft_data(
                    title="公开的养护通知",
                    body="公开正文",
                    entry=column(catalogue, "行政规范性文件"),
                    validity="valid",
                ),
            ),
            by=drafter,
        ),
        chain_people,
    )
    assert redacted.status == public.status == InformationItem.Status.PUBLISHED
    return secrets, public, redacted


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def visible_results(url: str, data: bytes) -> bytes:
    """What a page shows about items. A search page echoes its query (the marker we searched
    for) in the search box and title, so for search pages only the result list is checked."""
    if url.startswith("/search/"):
        match = re.search(rb'<ol class="results">(.*?)</ol>', data, re.S)
        return match.group(1) if match else b""
    if url.startswith("/api/v1/search"):
        return json.dumps(json.loads(data)["results"], ensure_ascii=False).encode()
    return data


def crawl(client, seeds):
    """Every same-site URL reachable from the seeds, with each response's bytes."""
    seen, queue, pages = set(), deque(seeds), {}
    while queue and len(seen) < 3000:
        url = queue.popleft()
        path = urlparse(url).path
        if url in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        response = client.get(url)
        data = body_of(response)
        pages[url] = (response.status_code, data)
        if response.status_code != 200:
            continue
        text = data.decode("utf-8", "ignore")
        for link in re.findall(r'(?:href|src)="([^"#]+)', text) + re.findall(
            r"<(?:loc|link)>([^<]+)</(?:loc|link)>", text
        ):
            target = urljoin(url, link.replace("&amp;", "&"))
            parsed = urlparse(target)
            if parsed.netloc in ("", "testserver"):
                queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return pages


def test_no_marker_reaches_any_public_route(world):
    secrets, public, redacted = world
    client = Client()
    seeds = [
        "/",
        "/sitemap.xml",
        "/robots.txt",
        "/xxgk/SX120/rss.xml",
        "/api/v1/agencies",
        "/api/v1/agencies/SX120/catalogue",
        "/api/v1/openapi.json",
    ]
    seeds += [f"/api/v1/items?page={n}&page_size=100" for n in (1, 2)]
    for marker, _ in secrets.values():
        seeds += [
            f"/search/?q={marker}",
            f"/api/v1/search?q={marker}",
            f"/search/?q=标题{marker}&sort=date",
        ]
    pages = crawl(client, seeds)
    # The crawl really covered the public site: the public items, a file and the API were seen.
    urls = set(pages)
    assert f"/xxgk/SX120/item/{public.pk}/" in urls
    assert f"/xxgk/SX120/item/{redacted.pk}/" in urls
    assert any(u.startswith("/files/") for u in urls)
    assert any("/column/" in u and u.endswith("rss.xml") for u in urls)
    for url, (status, data) in pages.items():
        lowered = visible_results(url, data).lower()
        for state, (marker, _) in secrets.items():
            assert marker.encode() not in lowered, f"{state} marker leaked at {url}"
    assert b"publiccopy" in b"".join(d for _, d in pages.values())  # the public file was fetched


def test_guessed_urls_answer_404(world):
    secrets, _, _ = world
    client = Client()
    for state, (_, item) in secrets.items():
        files = list(item.attachments.all())
        if state == "original":
            files = [a for a in files if a.internal_only]
        else:
            assert client.get(f"/xxgk/SX120/item/{item.pk}/").status_code == 404, state
            assert client.get(f"/xxgk/SX120/item/{item.pk}/qr.svg").status_code == 404, state
            assert client.get(f"/api/v1/items/{item.pk}").status_code == 404, state
            if item.index_number:
                assert client.get(f"/api/v1/items/by-index/{item.index_number}").status_code == 404
        for attachment in files:
            assert client.get(f"/files/{attachment.pk}/").status_code == 404, state
