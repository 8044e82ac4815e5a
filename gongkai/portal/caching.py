"""Anonymous portal pages: cached, and answering conditional requests (ETag / Last-Modified).

The cache key and the ETag carry the public generation of the page's scope (an agency, or the
whole platform), so a publication or withdrawal invalidates what it touches at once, in every
worker, without anybody deleting cache entries.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

from .models import Generation

CACHE_SECONDS = 600


def generation(agency_id: int) -> tuple[int, float]:
    row = Generation.objects.filter(agency_id=agency_id).values_list("number", "changed_at").first()
    if row is None:
        return 0, 0.0
    return row[0], row[1].timestamp()


def public_page(scope):
    """Cache a view for anonymous visitors. ``scope(request, **kwargs)`` gives the agency id
    whose publications the page shows (0 for platform-wide pages)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            agency_id = scope(request, **kwargs)
            number, changed = generation(agency_id)
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
            cached = cache.get(key)
            if cached is not None:
                status, content_type, body = cached
                response = HttpResponse(body, status=status, content_type=content_type)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming:
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
