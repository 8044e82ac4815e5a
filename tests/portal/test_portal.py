"""The public portal: pages, feeds, sitemap, robots, caching — what a visitor and a crawler see."""

import pytest
from django.test import Client

from gongkai.publishing import services
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(publish, catalogue, chain_people, draft_data):
    # 三同步: the policy and its interpretation are drafted together, the interpretation is in
    # review when the policy goes out, and follows it.
    drafter = chain_people["drafter"]
    policy = services.item_create(
        agency=catalogue,
        by=drafter,
        data=draft_data(
            title="示例县农村公路养护管理办法",
            body="第一条 为加强农村公路养护管理，制定本办法。",
            doc_number="示县交〔2026〕5号",
            entry=column(catalogue, "行政规范性文件"),
            validity="valid",
            needs_interpretation=True,
        ),
    )
    reading = services.item_create(
        agency=catalogue,
        by=drafter,
        data=draft_data(
            title="《示例县农村公路养护管理办法》政策解读",
            body="一、制定背景……",
            entry=column(catalogue, "政策解读"),
            interprets=policy,
        ),
    )
    reading = services.item_submit(item=reading, by=drafter)
    policy = walk_chain(services.item_submit(item=policy, by=drafter), chain_people)
    reading = walk_chain(reading, chain_people)
    notice = publish("城乡公交线路调整公告", "自12月1日起，3路公交车调整走向。", "")
    return {"policy": policy, "reading": reading, "notice": notice, "agency": catalogue}


def test_home_lists_agencies_and_newest_items(site, client):
    page = client.get("/")
    assert page.status_code == 200
    assert "示例县交通运输局" in page.text and "城乡公交线路调整公告" in page.text


def test_agency_home_has_the_catalogue_and_fixed_entries(site, client):
    page = client.get("/xxgk/SX120/").text
    for label in [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
        "行政规范性文件",
        "最新信息",
    ]:
        assert label in page
    assert 'href="/xxgk/SX120/hudong/">互动交流</a>' in page


def test_item_page_shows_the_standard_metadata_block(site, client):
    policy = site["policy"]
    page = client.get(f"/xxgk/SX120/item/{policy.pk}/").text
    for text in [
        policy.index_number,
        "示例县交通运输局",
        "示县交〔2026〕5号",
        "有效",
        "此件主动公开",
        "扫一扫在手机上查看当前页面",
        f"/xxgk/SX120/item/{policy.pk}/qr.svg",
    ]:
        assert text in page
    assert "《示例县农村公路养护管理办法》政策解读" in page  # policy → interpretation
    reading = client.get(f"/xxgk/SX120/item/{site['reading'].pk}/").text
    assert "示例县农村公路养护管理办法" in reading  # interpretation → policy


def test_column_page_lists_its_items_and_children(site, client):
    documents = column(site["agency"], "政策文件")
    page = client.get(f"/xxgk/SX120/column/{documents.pk}/").text
    assert "示例县农村公路养护管理办法" in page and "行政规范性文件" in page


def test_search_page_highlights_and_filters(site, client):
    page = client.get("/search/", {"q": "养护"}).text
    assert "<mark>养护</mark>" in page
    assert "找到 2 条结果" in page
    from django.utils import timezone

    from gongkai.search.query import search

    for hit in search("养护").hits:  # each result: its link, agency, column and date
        item = hit.item
        assert f'href="/xxgk/{item.agency.code}/item/{item.pk}/"' in page
        date = timezone.localtime(item.published_at).strftime("%Y-%m-%d")
        assert f"{item.agency.name} · {item.entry.name}" in page and f" · {date}</p>" in page
    exact = client.get("/search/", {"q": "示县交〔2026〕5号"}).text
    assert "文号/索引号精确匹配" in exact and '<li class="exact">' in exact


def test_search_form_offers_every_public_agency_and_keeps_the_chosen_one(site, client):
    from gongkai.org.models import Agency

    agency = site["agency"]
    page = client.get("/search/", {"q": "养护", "agency": agency.code}).text
    assert f'<option value="{agency.code}" selected>{agency.name}</option>' in page
    assert '<option value="">全部机关</option>' in page
    # A new agency is offered at once (the cached choices follow the platform's generation),
    # its name escaped; the choice made before is no longer selected on a plain search.
    Agency.objects.create(code="SX999", name="示例县<新>机关", level=agency.level)
    plain = client.get("/search/", {"q": "养护"}).text
    assert '<option value="SX999">示例县&lt;新&gt;机关</option>' in plain
    assert " selected>" not in plain.split('id="s-agency"')[1].split("</select>")[0]


def test_search_page_statements_do_not_grow_with_its_hits(publish, client):
    """The results page reads each hit's agency, column, date and text from the gate's one
    query (which loads only what a hit shows): one hit or six, the same statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.portal import caching

    def ask():
        fresh = caching.FRESH.set(True)  # rendered, not answered from the page cache
        try:
            with CaptureQueriesContext(connection) as ctx:
                page = client.get("/search/", {"q": "交通管制"})
        finally:
            caching.FRESH.reset(fresh)
        assert page.status_code == 200
        statements = [c["sql"] for c in ctx.captured_queries]
        # The platform's generation, read once: the page cache's key and the 机关 options.
        assert sum("portal_generation" in s for s in statements) == 1, statements
        return page.text, len(statements)

    first = publish("第1号交通管制通告", "因施工，实行交通管制。", "示县交〔2026〕1号")
    ask()  # the first request of a test also sets up what every later one reuses
    one, statements = ask()
    assert f'<a href="/xxgk/SX120/item/{first.pk}/">第1号<mark>交通管制</mark>通告</a>' in one
    for n in range(2, 7):
        publish(f"第{n}号交通管制通告", "因施工，实行交通管制。", f"示县交〔2026〕{n}号")
    ask()  # publishing moved the portal's generation: the 机关 options are built again, once
    many, more_statements = ask()

    def hits(page):
        return page.split('<ol class="results">')[1].split("</ol>")[0].count("<h2>")

    assert hits(one) == 1 and hits(many) == 6
    assert more_statements == statements
    assert "第6号<mark>交通管制</mark>通告" in many and "示县交〔2026〕6号" in many
    assert "示例县交通运输局" in many and "其他文件" in many


def test_search_form_keeps_the_chosen_year_topic_and_sort(site, client):
    from django.utils import timezone

    from gongkai.publishing.models import Topic

    year = timezone.localdate().year - 1
    topic_value, topic_label = Topic.choices[2]
    page = client.get(
        "/search/", {"q": "养护", "year": year, "topic": topic_value, "sort": "date"}
    ).text

    def select(name):
        return page.split(f'id="s-{name}"')[1].split("</select>")[0]

    assert '<option value="">全部年度</option>' in select("year")
    assert f'<option value="{year}" selected>{year}年</option>' in select("year")
    assert select("year").count(" selected") == 1 and select("year").count("<option") == 9
    assert f'<option value="{topic_value}" selected>{topic_label}</option>' in select("topic")
    assert select("topic").count(" selected") == 1
    assert select("topic").count("<option") == len(Topic.choices) + 1
    assert '<option value="date" selected>按日期</option>' in select("sort")
    assert 'id="s-column"' not in page  # columns are offered once an agency is chosen
    agency = site["agency"]
    column = agency.catalogue.filter(parent=None).order_by("pk").last()
    by_column = client.get(
        "/search/", {"q": "养护", "agency": agency.code, "column": column.pk}
    ).text
    columns = by_column.split('id="s-column"')[1].split("</select>")[0]
    assert '<option value="">全部栏目</option>' in columns
    assert f'<option value="{column.pk}" selected>{column.name}</option>' in columns
    assert columns.count(" selected") == 1
    plain = client.get("/search/", {"q": "养护"}).text
    for name in ("year", "topic"):
        assert " selected" not in plain.split(f'id="s-{name}"')[1].split("</select>")[0]


def test_feeds_sitemap_and_robots(site, client):
    feed = client.get("/xxgk/SX120/rss.xml")
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert "城乡公交线路调整公告" in feed.content.decode()
    normative = column(site["agency"], "行政规范性文件")
    column_feed = client.get(f"/xxgk/SX120/column/{normative.pk}/rss.xml").content.decode()
    assert "示例县农村公路养护管理办法" in column_feed and "城乡公交" not in column_feed
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    for section in ("agencies", "columns", "items"):
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in index
    items = client.get("/sitemap-items.xml").content.decode()
    assert f"/xxgk/SX120/item/{site['notice'].pk}/" in items
    assert "/xxgk/SX120/" in client.get("/sitemap-agencies.xml").content.decode()
    robots = client.get("/robots.txt").text
    assert "Disallow: /staff/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_pages_answer_conditional_requests(site, client):
    url = f"/xxgk/SX120/item/{site['notice'].pk}/"
    first = client.get(url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_publication_and_withdrawal_invalidate_the_cache_at_once(
    site, client, chain_people, publish
):
    home = client.get("/xxgk/SX120/")
    etag = home["ETag"]
    publish("新发布的通告", "内容")
    fresh = client.get("/xxgk/SX120/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and "新发布的通告" in fresh.text
    url = f"/xxgk/SX120/item/{site['notice'].pk}/"
    assert client.get(url).status_code == 200
    services.item_withdraw(item=site["notice"], by=chain_people["office"], reason="撤回")
    assert client.get(url).status_code == 404
    assert "城乡公交线路调整公告" not in client.get("/").text
    assert "城乡公交线路调整公告" not in client.get("/xxgk/SX120/rss.xml").content.decode()


def test_elder_mode_is_remembered_without_javascript(site, client):
    response = client.get("/mode/", {"mode": "elder", "next": "/xxgk/SX120/"})
    assert response.status_code == 302 and response["Location"] == "/xxgk/SX120/"
    page = client.get("/xxgk/SX120/").text
    assert 'class="portal elder"' in page and "标准版" in page
    assert (
        client.get("/mode/", {"mode": "elder", "next": "https://evil.example/"})["Location"] == "/"
    )


def test_unknown_agency_column_or_item_is_404(site, client):
    assert client.get("/xxgk/NOPE/").status_code == 404
    assert client.get("/xxgk/SX120/column/999999/").status_code == 404
    assert client.get("/xxgk/SX120/item/999999/").status_code == 404
    # An item under another agency's address is not found either.
    assert client.get(f"/xxgk/SX000/item/{site['notice'].pk}/").status_code == 404


def test_the_qr_code_is_an_image_of_the_item_page_address(site, client):
    from gongkai.portal.views import qr_svg

    notice = site["notice"]
    page = client.get(f"/xxgk/SX120/item/{notice.pk}/").text
    src = f"/xxgk/SX120/item/{notice.pk}/qr.svg"
    assert f'<img src="{src}"' in page and 'alt="本页二维码"' in page
    response = client.get(src)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response["ETag"] and b"<svg" in response.content
    assert response.content == qr_svg(f"http://testserver/xxgk/SX120/item/{notice.pk}/")
    assert client.get(f"/xxgk/SX000/item/{notice.pk}/qr.svg").status_code == 404


def test_a_deactivated_agency_disappears_from_cached_pages_at_once(site, client):
    from gongkai.org.models import Agency

    url = f"/xxgk/SX120/item/{site['notice'].pk}/"
    first = client.get(url)
    assert first.status_code == 200 and client.get(url).status_code == 200  # now cached
    Agency.objects.filter(code="SX120").update(is_active=False)
    assert client.get(url).status_code == 404
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404
    assert client.get("/xxgk/SX120/").status_code == 404


def test_portal_pages_stay_public_when_signed_in(site, chain_people):
    staff = Client()
    staff.force_login(chain_people["drafter"])
    page = staff.get("/xxgk/SX120/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_search_page_escapes_what_its_hits_show(publish, client):
    publish("<b>粗体</b>养护通知", "正文<script>alert(1)</script>做好养护。")
    page = client.get("/search/", {"q": "养护"}).text
    hits = page.split('<ol class="results">')[1].split("</ol>")[0]
    assert "<b>" not in hits and "<script>" not in hits
    assert "&lt;b&gt;粗体&lt;/b&gt;<mark>养护</mark>通知</a></h2>" in hits
    assert "&lt;script&gt;alert(1)&lt;/script&gt;做好<mark>养护</mark>。" in hits
    assert '<p class="meta">示例县交通运输局 · 其他文件 · ' in hits
