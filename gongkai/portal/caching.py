"""Anonymous portal pages: cached, and answering conditional requests (ETag / Last-Modified).

The cache key and the ETag carry the public generation of the page's scope (an agency, or the
whole platform), so a publication or withdrawal invalidates what it touches at once, in every
worker, without anybody deleting cache entries.
"""

from __future__ import annotations

import contextvars
import hashlib
from datetime import UTC, datetime
from functools import cache as memoise
from functools import wraps

from django.core.cache import cache
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

from . import selectors
from .models import Generation

CACHE_SECONDS = 600

#: Set by the static site's renderer: render afresh, neither reading nor filling the page cache.
FRESH = contextvars.ContextVar("portal_fresh", default=False)

# Placeholders for the one parameter of the scope queries below.
_CODE = "\x00agency-code\x00"
_AGENCY_ID = -7_000_000_000


@memoise
def _scope_sql(vendor: str) -> tuple[tuple[str, tuple], tuple[str, tuple]]:
    """The two queries a cached page makes before it can answer, built with the ORM (the agency
    through ``selectors.public_agencies()``, the portal's definition of a public agency) and
    compiled once per process: compiling them took ten times as long as running them."""
    generations = Generation.objects.filter(agency_id=OuterRef("pk"))
    agency = (
        selectors.public_agencies()
        .filter(code=_CODE)
        .order_by()
        .annotate(
            generation=Subquery(generations.values("number")[:1]),
            changed_at=Subquery(generations.values("changed_at")[:1]),
        )
        .values_list("pk", "generation", "changed_at")[:1]
    )
    platform = Generation.objects.filter(agency_id=_AGENCY_ID).values_list(
        "agency_id", "number", "changed_at"
    )[:1]
    return agency.query.sql_with_params(), platform.query.sql_with_params()


def _fetch(compiled: tuple[str, tuple], placeholder, value):
    sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, [value if p == placeholder else p for p in params])
        return cursor.fetchone()


def _timestamp(value) -> float:
    if not value:
        return 0.0
    if isinstance(value, str):  # SQLite without the ORM's converters
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:  # stored in UTC (USE_TZ)
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def generation(agency_id: int) -> tuple[int, float]:
    """The public generation of an agency (0: the whole platform) and when it last moved."""
    row = _fetch(_scope_sql(connection.vendor)[1], _AGENCY_ID, agency_id)
    if row is None:
        return 0, 0.0
    return row[1], _timestamp(row[2])


def platform_scope(request, **kwargs) -> tuple[int, int, float]:
    return 0, *generation(0)


def agency_scope(request, code, **kwargs) -> tuple[int, int, float]:
    """A public agency's id and generation in one query; 404 for any other code."""
    row = _fetch(_scope_sql(connection.vendor)[0], _CODE, code)
    if row is None:
        raise Http404
    return row[0], row[1] or 0, _timestamp(row[2])


def public_page(scope):
    """Cache a view for anonymous visitors. ``scope(request, **kwargs)`` gives the agency whose
    publications the page shows (0 for platform-wide pages) with its public generation:
    ``(agency_id, number, changed_at timestamp)``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            agency_id, number, changed = scope(request, **kwargs)
            request.public_scope = (agency_id, number)  # for the view: read once a request
            mode = request.COOKIES.get("gk_mode", "")
            digest = hashlib.sha256(
                f"{request.get_full_path()}|{mode}|{agency_id}:{number}".encode()
            ).hexdigest()[:32]
            etag = f'"{digest}"'
            last_modified = int(changed) if changed else None
            if request.headers.get("If-None-Match") == etag:
                return _not_modified(etag, last_modified)
            since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
            if (
                last_modified
                and since
                and "If-None-Match" not in request.headers
                and (since >= last_modified)
            ):
                return _not_modified(etag, last_modified)
            key = f"portal:{digest}"
            fresh = FRESH.get()
            cached = None if fresh else cache.get(key)
            if cached is not None:
                status, content_type, body = cached
                response = HttpResponse(body, status=status, content_type=content_type)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming and not fresh:
                    response.render() if hasattr(response, "render") else None
                    cache.set(key, (200, response["Content-Type"], response.content), CACHE_SECONDS)
            if response.status_code == 200:
                response["ETag"] = etag
                if last_modified:
                    response["Last-Modified"] = http_date(last_modified)
                response["Cache-Control"] = "public, max-age=0, must-revalidate"
                response["Vary"] = "Cookie"
            return response

        return wrapped

    return decorator


def _not_modified(etag, last_modified):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    return response
