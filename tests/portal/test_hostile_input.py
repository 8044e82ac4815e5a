"""Hostile input never reaches a 500, on either database: every public URL and API route, driven
with a corpus of the strings that once did (NUL, lone surrogates, huge and negative integers,
search syntax of both engines) and with hypothesis' arbitrary text; and every GET page answers
HEAD. Bad input gets a 4xx with a Chinese message (JSON under /api/)."""

import json
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.interaction import services as interaction_services
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueEntry
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db

#: What broke the platform before, and the syntax of both search engines.
CORPUS = [
    "\x00",
    "a\x00b",
    "%00",
    "\ud800",
    "\udfff交通",
    "αβ交通",
    "0",
    "-1",
    "9999",
    "10000",
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 5000,
    "1e10",
    "NaN",
    "()",
    '"',
    "'",
    "\\",
    "交通 AND",
    "NOT 公开",
    "NEAR(公路 养护)",
    "公开*",
    "a & b | !c <-> d",
    "{title body} : 公开",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "示交[2025]201号",
    "😀",
    "",
    " ",
    "公开" * 300,
]
PARAMS = ["q", "page", "column", "year", "agency", "topic", "sort", "number", "code", "t", "mode"]
PARAMS += ["next", "page_size", "kind", "fmt"]


@pytest.fixture
def world(chain_people, draft_data, catalogue):
    data = draft_data(title="城乡公交线路调整公告", doc_number="示县交〔2026〕15号")
    item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=data)
    services.attachment_add(
        item=item,
        by=chain_people["drafter"],
        upload=services.Upload("附件.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    )
    item = walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    message, _ = interaction_services.message_submit(
        agency=catalogue,
        data={
            "kind": "consultation",
            "title": "公交咨询",
            "content": "3路何时恢复？",
            "asker_name": "张三",
            "asker_phone": "13912345678",
        },
        submission_key="fuzz-key-0123456789abcdef",
    )
    return {
        "code": catalogue.code,
        "pk": item.pk,
        "item_id": item.pk,
        "index_number": item.index_number,
        "column": column(catalogue, "其他文件").pk,
        "attachment": item.attachments.first().pk,
        "message": message.pk,
    }


def public_routes() -> list[str]:
    """Every route outside the staff area, as a pattern string (Django's and django-ninja's)."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    skip = ("staff/", "admin/", "accounts/")
    return sorted({r for r in walk(get_resolver().url_patterns) if not r.startswith(skip)})


def fill(route: str, world: dict, hostile: str | None = None) -> str:
    """A path for the route: real objects' keys, or ``hostile`` in every parameter."""

    def value(match):
        name = match.group(2)
        if hostile is not None:
            return quote(hostile.encode("utf-8", "surrogatepass"), safe="")
        if name in ("code",):
            return world["code"]
        if name == "fmt":
            return "pdf"
        if name == "index_number":
            return world["index_number"]
        if name == "number":
            return "SX120-2026-0001"
        if "column" in route and name == "pk" and "item" not in route:
            return str(world["column"])
        if route.startswith("files/"):
            return str(world["attachment"])
        if "hudong" in route:
            return str(world["message"])
        return str(world.get(name, world["pk"]))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def client() -> Client:
    return Client(raise_request_exception=False)


def assert_no_5xx(responses):
    broken = [(path, status) for path, status in responses if status >= 500]
    assert not broken, broken


def test_every_public_route_answers_get_and_head_without_error(world):
    c = client()
    responses = []
    for route in public_routes():
        path = fill(route, world)
        get = c.get(path)
        head = c.head(path)
        responses += [(f"GET {path}", get.status_code), (f"HEAD {path}", head.status_code)]
        if get.status_code == 200:
            assert head.status_code == 200, path
            body = b"".join(head.streaming_content) if head.streaming else head.content
            assert body == b"", path
    assert_no_5xx(responses)
    # The pages people and monitors check most are there for HEAD.
    for path in ["/", "/search/?q=公交", "/robots.txt", "/hudong/", "/api/v1/items", "/healthz"]:
        assert c.head(path).status_code == 200, path


def test_the_corpus_in_every_path_and_parameter_gets_4xx_not_5xx(world):
    c = client()
    responses = []
    for route in public_routes():
        for text in CORPUS:
            if "<" in route:
                path = fill(route, world, hostile=text)
                responses.append((path, c.get(path).status_code))
            path = fill(route, world)
            encoded = quote(text.encode("utf-8", "surrogatepass"), safe="")
            query = "&".join(f"{p}={encoded}" for p in PARAMS)
            responses.append((f"{path}?{query}", c.get(f"{path}?{query}").status_code))
    assert_no_5xx(responses)


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=%00",
        "/xxgk/%00/",
        "/api/v1/items?agency=%00",
        "/api/v1/search?q=a%00",
        "/apply/track/?number=%00",
    ],
)
def test_nul_anywhere_is_a_400_with_a_chinese_message(world, path):
    response = client().get(path)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert "无效字符" in response.json()["detail"]
    else:
        assert "无效字符" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=公交&page=99999999999999999999",
        "/search/?q=公交&column=99999999999999999999",
        "/search/?q=公交&year=99999999999999999999",
        "/search/?q=公交&year=abc",
    ],
)
def test_out_of_range_numbers_on_the_search_page_are_a_400_that_says_which(world, path):
    response = client().get(path)
    assert response.status_code == 400
    assert "应为" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "year=0",
        "year=-1",
        "year=9999",
        "year=10000",
        "page=99999999999999999999",
        "column=99999999999999999999",
        "page_size=0",
        "page=abc",
    ],
)
def test_out_of_range_numbers_in_the_api_are_a_400_in_chinese_json(world, query):
    response = client().get(f"/api/v1/items?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("参数不正确")
    if not query.startswith("page_size"):
        search = client().get(f"/api/v1/search?q=公交&{query}")
        assert search.status_code == 400


def test_a_lone_surrogate_or_nul_in_a_json_body_is_a_400(world):
    c = client()
    for raw in ['{"agency": "SX120", "name": "\\ud800"}', '{"agency": "SX120\\u0000"}']:
        response = c.post("/api/v1/applications", raw, content_type="application/json")
        assert response.status_code == 400, raw
        assert "无效字符" in response.json()["detail"]
    submission = {"agency": "SX120", "submission_key": "abc\u0000def"}
    response = c.post(
        "/api/v1/applications", json.dumps(submission), content_type="application/json"
    )
    assert response.status_code == 400


def test_a_nul_in_a_form_post_is_a_400_and_stores_nothing(world):
    c = client()
    before = CatalogueEntry.objects.count()
    response = c.post(f"/xxgk/{world['code']}/hudong/write/", {"title": "a\x00b", "content": "x"})
    assert response.status_code == 400
    assert CatalogueEntry.objects.count() == before


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=60), route=st.sampled_from(public_routes()))
def test_arbitrary_text_in_any_parameter_never_5xx(world, text, route):
    c = client()
    path = fill(route, world)
    encoded = quote(text.encode("utf-8", "surrogatepass"), safe="")
    for p in PARAMS:
        assert c.get(f"{path}?{p}={encoded}").status_code < 500, (path, p, text)
    if "<" in route:
        assert c.get(fill(route, world, hostile=text)).status_code < 500, (route, text)
    body = json.dumps({"agency": world["code"], "name": text, "submission_key": text})
    response = c.post("/api/v1/applications", body, content_type="application/json")
    assert response.status_code < 500, text
