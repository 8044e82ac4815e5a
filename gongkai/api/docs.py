"""The open API's documentation for people: every operation of the OpenAPI schema (its path,
parameters and answers) as a page of the portal, in Chinese; the schema itself stays at
/api/v1/openapi.json for programs."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

PLACES = {"query": "查询参数", "path": "路径参数", "header": "请求头"}
ANSWERS = {
    "200": "成功",
    "201": "已受理",
    "400": "参数不合规（附中文说明）",
    "401": "未认证",
    "403": "无权访问",
    "404": "不存在或未公开",
    "409": "重复提交（同一转交编号已受理）",
    "429": "请求过于频繁",
}
#: What each parameter is, where the schema says nothing: by (name, where it goes).
MEANINGS = {
    ("agency", "query"): "机关代码（如 SX120，见 /api/v1/agencies）",
    ("code", "path"): "机关代码（如 SX120）",
    ("column", "query"): "栏目编号（见机关的公开目录）",
    ("year", "query"): "发布年度",
    ("topic", "query"): "主题分类代码",
    ("page", "query"): "页码",
    ("page_size", "query"): "每页条数",
    ("q", "query"): "检索词：关键词、文号或索引号",
    ("sort", "query"): "排序：relevance（相关度，默认）或 date（发布日期）",
    ("item_id", "path"): "信息编号",
    ("index_number", "path"): "索引号",
    ("number", "path"): "申请编号",
    ("code", "query"): "查询码（提交申请时取得）",
}
TYPES = {"integer": "整数", "string": "文本", "boolean": "是/否", "number": "数值", "array": "列表"}


@dataclass(frozen=True)
class Parameter:
    name: str
    place: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    body: bool
    answers: tuple[tuple[str, str], ...]


def _kind(schema: dict) -> str:
    if "anyOf" in schema:
        kinds = [_kind(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return "、".join(dict.fromkeys(k for k in kinds if k))
    kind = TYPES.get(schema.get("type", ""), schema.get("type", ""))
    if schema.get("format") == "date":
        kind = "日期（YYYY-MM-DD）"
    limits = []
    if "minimum" in schema:
        limits.append(f"≥{schema['minimum']}")
    if "maximum" in schema and schema["maximum"] < 10**9:
        limits.append(f"≤{schema['maximum']}")
    if "maxLength" in schema:
        limits.append(f"至多{schema['maxLength']}字")
    return kind + (f"（{'，'.join(limits)}）" if limits else "")


@functools.cache
def operations() -> tuple[Operation, ...]:
    """The schema's operations in its order (it is the code's: kept for the process)."""
    from .api import api

    schema = api.get_openapi_schema()
    found = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            parameters = tuple(
                Parameter(
                    p["name"],
                    PLACES.get(p.get("in", ""), p.get("in", "")),
                    bool(p.get("required")),
                    _kind(p.get("schema", {})),
                    p.get("description")
                    or p.get("schema", {}).get("description")
                    or MEANINGS.get((p["name"], p.get("in", "")), ""),
                )
                for p in op.get("parameters", [])
            )
            answers = tuple(
                (str(code), ANSWERS.get(str(code), answer.get("description", "")))
                for code, answer in op["responses"].items()
            )
            found.append(
                Operation(
                    method.upper(),
                    path,
                    op.get("summary", ""),
                    op.get("description", ""),
                    parameters,
                    "requestBody" in op,
                    answers,
                )
            )
    return tuple(found)


@require_GET
@cache_control(public=True, max_age=3600)
def docs_page(request):
    from .api import api

    return render(
        request,
        "api/docs.html",
        {"title": api.title, "description": api.description, "operations": operations()},
    )
