"""Open-data API (政府信息公开开放接口) under /api/v1/: read-only, public data only, paginated,
rate-limited. Every item comes through the portal's gate (``published()``)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as InputError
from ninja.throttling import BaseThrottle

from gongkai.applications.api import router as applications_router
from gongkai.core import guard
from gongkai.core.params import MAX_ID
from gongkai.portal import caching, selectors
from gongkai.publishing.sanitize import html_to_text
from gongkai.search.query import PAGE_MAX, QUERY_MAX, YEAR_MAX, YEAR_MIN, Filters, search


class SharedRateThrottle(BaseThrottle):
    """``GONGKAI_API_RATE`` (e.g. ``120/m``) per client address, counted in the shared cache
    (``gongkai.core.guard``): the limit holds whatever the number of workers and nodes, and the
    address is the one the trusted proxies report, never a client's own X-Forwarded-For."""

    PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

    def __init__(self, rate: str):
        number, _, period = rate.partition("/")
        self.limit, self.window = int(number), self.PERIODS[period.strip()[:1]]

    def allow_request(self, request) -> bool:
        return guard.rate_hit(request, "api", self.limit, window=self.window)

    def wait(self) -> float:
        return float(self.window)


api = NinjaAPI(
    title="政府信息公开开放接口",
    version="1",
    description=(
        "仅含已主动公开的政府信息，只读、分页、按来源地址限流；"
        "另有政务服务平台转交政府信息公开申请的接口（POST /api/v1/applications）及其办理进度查询。"
    ),
    urls_namespace="api",
    docs_url=None,
    throttle=[SharedRateThrottle(settings.GONGKAI_API_RATE)],
)

MAX_PAGE_SIZE = 100
#: The list's last page: 100,000 pages of 100 is more than any agency has published.
ITEMS_PAGE_MAX = 100_000

#: pydantic's error types in the words of the API's other messages.
INPUT_MESSAGES = {
    "missing": "缺少此参数",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "greater_than_equal": "应不小于{ge}",
    "less_than_equal": "应不大于{le}",
    "string_type": "应为字符串",
    "string_too_long": "长度不能超过{max_length}个字符",
    "bool_parsing": "应为 true 或 false",
    "json_invalid": "请求体不是有效的 JSON",
    "model_attributes_type": "请求体应为 JSON 对象",
    "dict_type": "请求体应为 JSON 对象",
}


@api.exception_handler(InputError)
def input_error(request, exc):
    """400 with a Chinese message per parameter, instead of pydantic's English (422)."""
    problems = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "body")]
        name = ".".join(location[-1:]) or "请求"
        template = INPUT_MESSAGES.get(error.get("type", ""), "格式不正确")
        try:
            text = template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            text = "格式不正确"
        problems.setdefault(name, []).append(text)
    summary = "；".join(f"{name}{'、'.join(texts)}" for name, texts in problems.items())
    return api.create_response(
        request, {"detail": f"参数不正确：{summary}。", "errors": problems}, status=400
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "未找到。"}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc):
    messages = {429: "请求过于频繁，请稍后再试。", 405: "不支持该请求方法。"}
    detail = messages.get(exc.status_code, str(exc))
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    kind: str
    parent: str | None
    url: str


class ColumnOut(Schema):
    id: int
    name: str
    code: str
    kind: str
    parent_id: int | None
    content: str
    basis: str
    time_limit: str
    public_count: int


class AttachmentOut(Schema):
    name: str
    type: str
    size: int
    url: str


class ItemOut(Schema):
    id: int
    index_number: str
    title: str
    agency: str
    agency_name: str
    publisher: str
    doc_number: str
    written_date: str | None
    published_at: datetime
    column: str
    topic: str
    validity: str | None
    url: str


class ItemDetailOut(ItemOut):
    body_html: str
    body_text: str
    attachments: list[AttachmentOut]
    interpretations: list[int]
    interprets: int | None


class Page(Schema):
    count: int
    page: int
    page_size: int
    results: list[ItemOut]


class SearchHitOut(Schema):
    item: ItemOut
    title_html: str
    snippet_html: str
    exact: bool


class SearchSuggestionOut(Schema):
    id: int
    title: str
    doc_number: str | None
    index_number: str | None
    url: str


class SearchOut(Schema):
    query: str
    count: int
    count_capped: bool
    ordered_by_date: bool
    approximate: bool
    suggestions: list[SearchSuggestionOut]
    page: int
    results: list[SearchHitOut]


class ErrorOut(Schema):
    detail: str


def _agency_out(agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "level": agency.get_level_display(),
        "kind": agency.get_kind_display(),
        "parent": agency.parent.code if agency.parent_id else None,
        "url": reverse("portal:agency", args=[agency.code]),
    }


def _item_out(item) -> dict:
    return {
        "id": item.pk,
        "index_number": item.index_number,
        "title": item.title,
        "agency": item.agency.code,
        "agency_name": item.agency.name,
        "publisher": item.publisher_name or item.agency.name,
        "doc_number": item.doc_number,
        "written_date": item.written_date.isoformat() if item.written_date else None,
        "published_at": item.published_at,
        "column": item.entry.path_name,
        "topic": item.get_topic_display(),
        "validity": item.get_validity_display() if item.validity else None,
        "url": reverse("portal:item", args=[item.agency.code, item.pk]),
    }


def _detail_out(item) -> dict:
    return {
        **_item_out(item),
        "body_html": item.public_body,
        "body_text": html_to_text(item.public_body),
        "attachments": [
            {
                "name": a.original_name,
                "type": a.file_type,
                "size": a.size,
                "url": reverse("portal:attachment", args=[a.pk]),
            }
            for a in selectors.public_attachments(item)
        ],
        "interpretations": list(
            selectors.public_interpretations(item).values_list("pk", flat=True)
        ),
        "interprets": selectors.public_policy_of(item).pk
        if item.interprets_id and selectors.public_policy_of(item)
        else None,
    }


@api.get("/agencies", response=list[AgencyOut], summary="机关列表")
def agencies(request):
    return [_agency_out(a) for a in selectors.public_agencies().select_related("parent")]


@api.get(
    "/agencies/{code}/catalogue",
    response={200: list[ColumnOut], 404: ErrorOut},
    summary="机关的政府信息公开目录",
)
def catalogue(request, code: str):
    agency = selectors.public_agency(code)
    if agency is None:
        return Status(404, {"detail": "未找到该机关。"})
    out = []
    for column, children in selectors.catalogue_tree(agency):
        for entry in [column, *children]:
            out.append(
                {
                    "id": entry.pk,
                    "name": entry.name,
                    "code": entry.code,
                    "kind": entry.kind,
                    "parent_id": entry.parent_id,
                    "content": entry.content,
                    "basis": entry.basis,
                    "time_limit": entry.limit_text,
                    "public_count": entry.public_count,
                }
            )
    return Status(200, out)


class ItemFilters(Schema):
    agency: str | None = Field(None, max_length=40)
    column: int | None = Field(None, ge=1, le=MAX_ID)
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
    topic: str | None = Field(None, max_length=40)
    page: int = Field(1, ge=1, le=ITEMS_PAGE_MAX)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _items_count(found, filters: ItemFilters) -> int:
    """How many public items the list's filters select: counted once per public generation of
    the platform (portal.caching: it moves with every publication, withdrawal, correction and
    agency change, in every worker) and kept in the shared cache. Counting them reads every
    public item (100k: ~0.2 s on SQLite); the page itself is read along an index."""
    number, _ = caching.generation(0)
    scope = (number, filters.agency, filters.column, filters.year, filters.topic)
    key = "api:items-count:" + hashlib.sha256(repr(scope).encode()).hexdigest()[:32]
    count = cache.get(key)
    if count is None:
        count = found.count()
        cache.set(key, count, caching.CACHE_SECONDS)
    return count


@api.get("/items", response=Page, summary="已公开信息列表（按发布时间倒序）")
def items(request, filters: Query[ItemFilters]):
    found = selectors.public_items().order_by("-published_at", "-id")
    if filters.agency:
        found = found.filter(agency__code=filters.agency)
    if filters.column:
        from django.db.models import Q

        found = found.filter(Q(entry_id=filters.column) | Q(entry__parent_id=filters.column))
    if filters.year:
        start = datetime(filters.year, 1, 1).astimezone()
        found = found.filter(
            published_at__gte=start, published_at__lt=datetime(filters.year + 1, 1, 1).astimezone()
        )
    if filters.topic:
        found = found.filter(topic=filters.topic)
    size, page = filters.page_size, filters.page
    count = _items_count(found, filters)
    results = [_item_out(i) for i in found[(page - 1) * size : page * size]]
    return {"count": count, "page": page, "page_size": size, "results": results}


@api.get(
    "/items/{int:item_id}",
    response={200: ItemDetailOut, 404: ErrorOut},
    summary="按编号查看已公开信息",
)
def item_detail(request, item_id: int):
    found = selectors.public_items().filter(pk=item_id).first()
    if found is None:
        return Status(404, {"detail": "未找到该信息，或该信息未公开。"})
    return Status(200, _detail_out(found))


@api.get(
    "/items/by-index/{index_number}",
    response={200: ItemDetailOut, 404: ErrorOut},
    summary="按索引号查看已公开信息",
)
def item_by_index(request, index_number: str):
    found = selectors.public_items().filter(index_number=index_number).first()
    if found is None:
        return Status(404, {"detail": "未找到该索引号对应的公开信息。"})
    return Status(200, _detail_out(found))


class SearchParams(Schema):
    q: str = Field(..., max_length=1000)
    agency: str | None = Field(None, max_length=40)
    column: int | None = Field(None, ge=1, le=MAX_ID)
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
    topic: str | None = Field(None, max_length=40)
    sort: str = Field("relevance", max_length=20)
    page: int = Field(1, ge=1, le=PAGE_MAX)


@api.get("/search", response=SearchOut, summary="全文检索")
def search_items(request, params: Query[SearchParams]):
    q, agency = params.q, params.agency
    agency_obj = selectors.public_agency(agency) if agency else None
    if agency and agency_obj is None:
        raise Http404
    results = search(
        q[:QUERY_MAX],
        Filters(
            agency_id=agency_obj.pk if agency_obj else None,
            root_entry_id=params.column,
            year=params.year,
            topic=params.topic,
        ),
        sort="date" if params.sort == "date" else "relevance",
        page=params.page,
    )
    # A hit's column is shown with its parent (栏目 › 子栏目): one query for the page's parents,
    # not one per hit.
    prefetch_related_objects([h.item for h in results.hits], "entry__parent")
    return {
        "query": q,
        "count": results.total,
        "count_capped": results.total_capped,
        "ordered_by_date": results.by_date,
        "approximate": results.approximate,
        "suggestions": [
            {
                "id": s.pk,
                "title": s.title,
                "doc_number": s.doc_number or None,
                "index_number": s.index_number or None,
                "url": reverse("portal:item", args=[s.agency.code, s.pk]),
            }
            for s in results.suggestions
        ],
        "page": results.page,
        "results": [
            {
                "item": _item_out(h.item),
                "title_html": h.title_html,
                "snippet_html": h.snippet_html,
                "exact": h.exact,
            }
            for h in results.hits
        ],
    }


api.add_router("/applications", applications_router)
