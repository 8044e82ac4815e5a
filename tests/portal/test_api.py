"""The open-data API: read-only, public data only, paginated, rate-limited, documented."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(publish):
    return [
        publish(f"第{n}号交通管制通告", "因施工，实行交通管制。", f"示县交〔2026〕{n}号")
        for n in range(1, 4)
    ]


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "政府信息公开开放接口"
    for path in [
        "/api/v1/agencies",
        "/api/v1/items",
        "/api/v1/search",
        "/api/v1/items/{item_id}",
        "/api/v1/items/by-index/{index_number}",
        "/api/v1/agencies/{code}/catalogue",
    ]:
        assert path in doc["paths"]
    # Read-only, except where service platforms forward 依申请公开 applications.
    assert all(
        set(ops) <= {"get"} for path, ops in doc["paths"].items() if path != "/api/v1/applications"
    )


def test_the_portal_footer_leads_to_a_readable_page_of_the_api(client, transport):
    home = client.get("/xxgk/SX120/").text
    assert '<a href="/api/">开放接口</a>' in home
    page = client.get("/api/")
    assert page.status_code == 200 and "public" in page["Cache-Control"]
    text = page.text
    assert '<h1 class="page-title">政府信息公开开放接口</h1>' in text
    for path in ["GET /api/v1/items", "GET /api/v1/search", "POST /api/v1/applications"]:
        assert f"<code>{path}</code>" in text
    assert "检索词：关键词、文号或索引号" in text and "整数（≥1，≤100）" in text
    assert "404 不存在或未公开" in text and "/api/v1/openapi.json" in text
    assert "Not Found" not in text and "Too Many Requests" not in text


def test_agencies_and_catalogue(items, client):
    agencies = client.get("/api/v1/agencies").json()
    assert {"SX120", "SX000"} <= {a["code"] for a in agencies}
    catalogue = client.get("/api/v1/agencies/SX120/catalogue").json()
    others = next(c for c in catalogue if c["name"] == "其他文件")
    assert others["public_count"] == 3
    assert client.get("/api/v1/agencies/NOPE/catalogue").status_code == 404


def test_item_list_is_paginated(items, client):
    page = client.get("/api/v1/items", {"agency": "SX120", "page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2
    second = client.get("/api/v1/items", {"agency": "SX120", "page_size": 2, "page": 2}).json()
    assert len(second["results"]) == 1


def test_the_list_count_is_read_once_per_public_generation_and_moves_with_it(
    items, client, publish, chain_people
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.publishing import services

    def listed(**params):
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/api/v1/items", params).json()
        counted = sum("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
        return page["count"], counted

    assert listed() == (3, 1)
    assert listed() == (3, 0)  # from the shared cache
    assert listed(agency="SX120") == (3, 1)  # each filter its own count
    assert listed(year=1999) == (0, 1)
    fourth = publish("第4号交通管制通告", "解除交通管制。", "示县交〔2026〕4号")
    assert listed() == (4, 1) and listed(agency="SX120") == (4, 1)
    services.item_withdraw(item=fourth, by=chain_people["office"], reason="已失效")
    assert listed() == (3, 1)
    assert listed() == (3, 0)


def test_item_detail_by_id_and_by_index_number(items, client):
    item = items[0]
    by_id = client.get(f"/api/v1/items/{item.pk}").json()
    assert by_id["index_number"] == item.index_number and "交通管制" in by_id["body_text"]
    by_index = client.get(f"/api/v1/items/by-index/{item.index_number}").json()
    assert by_index["id"] == item.pk


def test_search(items, client):
    result = client.get("/api/v1/search", {"q": "示县交〔2026〕2号"}).json()
    assert result["results"][0]["exact"] and result["results"][0]["item"]["doc_number"] == (
        "示县交〔2026〕2号"
    )


def test_writes_are_not_allowed(items, client):
    assert client.post("/api/v1/items", {}).status_code == 405


def test_rate_limited(items, client, settings):
    cache.clear()
    limit = int(settings.GONGKAI_API_RATE.split("/")[0])
    codes = [client.get("/api/v1/agencies").status_code for _ in range(limit + 3)]
    assert codes[:limit] == [200] * limit
    assert codes[-1] == 429
    cache.clear()


def test_search_answers_in_the_same_statements_for_one_hit_or_many(publish, client):
    """A hit carries its column with the parent column (栏目 › 子栏目) and the fields the list
    shows; the page's items come in one query and their parent columns in one more, so the
    statements do not grow with the hits (the gate query loads only what a hit shows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def ask():
        with CaptureQueriesContext(connection) as ctx:
            result = client.get("/api/v1/search", {"q": "交通管制"}).json()
        return result, len(ctx.captured_queries)

    publish("第1号交通管制通告", "因施工，实行交通管制。", "示县交〔2026〕1号")
    ask()  # the first request of a test also sets up what every later one reuses
    one, statements = ask()
    for n in range(2, 7):
        publish(f"第{n}号交通管制通告", "因施工，实行交通管制。", f"示县交〔2026〕{n}号")
    many, more_statements = ask()
    assert one["count"] == 1 and many["count"] == 6
    assert more_statements == statements
    first = many["results"][0]["item"]
    assert first["column"] == "政策文件 › 其他文件"
    assert first["title"] == "第6号交通管制通告" and first["doc_number"] == "示县交〔2026〕6号"
    assert first["agency"] == "SX120" and first["agency_name"] and first["publisher"]
    assert (
        first["published_at"]
        and first["index_number"]
        and first["url"].endswith(f"/{first['id']}/")
    )
    assert "交通管制" in many["results"][0]["snippet_html"]
