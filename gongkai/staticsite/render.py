"""Render a public URL exactly as the application answers it, for an anonymous visitor on the
public address (GONGKAI_BASE_URL), afresh (the page cache neither read nor filled)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from gongkai.portal.caching import FRESH


@dataclass(frozen=True)
class Rendered:
    status: int
    content_type: str
    body: bytes


_clients: dict[str, Client] = {}


def _client() -> tuple[Client, bool]:
    """One client per process and address: the full handler and middleware run, as for a request
    from outside; only the transport is skipped. Loading the middleware is the costly part
    (WhiteNoise reads the static files), so it is done once."""
    base = urlsplit(settings.GONGKAI_BASE_URL)
    client = _clients.get(settings.GONGKAI_BASE_URL)
    if client is None:
        client = _clients[settings.GONGKAI_BASE_URL] = Client(
            HTTP_HOST=base.netloc, raise_request_exception=True
        )
    client.cookies.clear()  # an anonymous visitor, every time
    return client, base.scheme == "https"


def render(url: str) -> Rendered:
    client, secure = _client()
    token = FRESH.set(True)
    try:
        response = client.get(url, secure=secure)
        # The test client closes the response itself (consuming a streamed one closes it),
        # without closing the database connection as the end of a real request would.
        body = b"".join(response.streaming_content) if response.streaming else response.content
    finally:
        FRESH.reset(token)
    return Rendered(response.status_code, response.get("Content-Type", ""), body)
