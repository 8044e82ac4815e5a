"""Parameters from the outside world, checked at the edge.

Every request passes ``request_problem`` (in ``InputGuardMiddleware``) before any code reads it:
no NUL character and no unpaired surrogate anywhere in the path, the query, the cookies or the
body (PostgreSQL refuses NUL in text, and a lone surrogate cannot be encoded as UTF-8). Numeric
parameters are read with ``int_param``: a bounded integer, or ``BadRequest`` with a Chinese
message that the 400 page (or the API's JSON) shows.
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import BadRequest

#: NUL, and UTF-16 surrogates (in a Python str they can only be unpaired halves).
_HOSTILE = re.compile("[\x00\ud800-\udfff]")
BAD_CHARACTERS = "请求中含有无效字符（空字符或不成对的代理字符），请检查后重新提交。"
BAD_JSON = "请求体不是有效的 JSON。"

#: The largest value a database integer column holds: no identifier is larger.
MAX_ID = 2**63 - 1


def hostile(text: str) -> bool:
    return bool(_HOSTILE.search(text))


def _walk(value) -> bool:
    """Whether a parsed JSON value holds a hostile string anywhere (keys included)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if hostile(current):
                return True
        elif isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False


def request_problem(request) -> str | None:
    """Why the request cannot be taken as it is, or None."""
    if hostile(request.path_info):
        return BAD_CHARACTERS
    for key, values in request.GET.lists():
        if hostile(key) or any(hostile(v) for v in values):
            return BAD_CHARACTERS
    for key, value in request.COOKIES.items():
        if hostile(key) or hostile(value):
            return BAD_CHARACTERS
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, values in request.POST.lists():
                if hostile(key) or any(hostile(v) for v in values):
                    return BAD_CHARACTERS
            for upload in request.FILES.values():
                if hostile(upload.name or ""):
                    return BAD_CHARACTERS
        elif content_type == "application/json" or content_type.endswith("+json"):
            try:
                parsed = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError):
                return BAD_JSON
            if _walk(parsed):
                return BAD_CHARACTERS
    return None


def int_param(
    params, name: str, *, label: str, low: int, high: int, default: int | None = None
) -> int | None:
    """``params[name]`` as an integer between ``low`` and ``high``; ``default`` when absent or
    empty; ``BadRequest`` (400, with the message) for anything else."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[+-]?\d{1,19}", raw):
        raise BadRequest(f"“{label}”应为{low}至{high}之间的整数。")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"“{label}”应为{low}至{high}之间的整数。")
    return value
