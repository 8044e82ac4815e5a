"""Where each public URL lives in the static site (pure functions; deploy/nginx/static-site.conf
maps requests to the same files).

- ``/a/b/``            → ``a/b/index.html``; ``/a/b/?page=N`` → ``a/b/index.page-N.html``
- ``/sitemap-items.xml?p=N`` → ``sitemap-items.xml.p-N``; any other URL without ``/`` at the end → itself
- nothing else with a query string: those stay dynamic (nginx hands them to the application).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

PAGE_QUERY = re.compile(r"^(page|p)=([1-9][0-9]{0,6})$")
#: Directories of the site that are ours to manage (pages); ``static/`` holds copied assets.
ASSET_PREFIX = "static/"
STATE_DIR = ".gongkai"


class NotStatic(ValueError):
    """The URL has no file of its own (a query string other than one page number)."""


def url_to_file(url: str) -> str:
    """The file, relative to the site's root, that holds the response to ``url``."""
    path, _, query = url.partition("?")
    if not path.startswith("/") or "\x00" in path:
        raise NotStatic(url)
    path = unquote(path)
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or p.startswith(".") for p in parts):
        raise NotStatic(url)
    suffix = ""
    if query:
        found = PAGE_QUERY.match(query)
        if not found:
            raise NotStatic(url)
        key, number = found.groups()
        suffix = f".{key}-{number}"
    if path.endswith("/"):
        return "/".join([*parts, f"index{suffix}.html"])
    return "/".join(parts) + suffix
