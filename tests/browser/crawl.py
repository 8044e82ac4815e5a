"""Walk a site as a person would (following its links from a start page) and run axe-core on
every HTML page: used by the accessibility test over every staff and public page."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe

#: Links that download a file or change something by GET are not pages to look at.
SKIP = re.compile(
    r"(/attachment|/attachments/|/export/|/download|/letters?/|\.(docx|pdf|xlsx|csv|zip|xml|png|ico|txt|json)$"
    r"|/rss|/qr|/logout|/accounts/password|/admin/|/api/|/static/|/media/|/i18n/)",
    re.IGNORECASE,
)
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_key(url: str) -> str:
    """One visit per path: the same page with other filters (?agency=, ?year=) is the same
    template; numeric ids collapse too, so each kind of page is seen a few times, not all."""
    path = urlsplit(url).path
    return re.sub(r"/\d+(?=/|$)", "/N", path)


def crawl(page, start: str, *, within: str, limit: int, per_key: int = 2) -> dict[str, list]:
    """{url: [serious or critical violations]} for up to ``limit`` pages whose path starts
    with ``within``, reached by links from ``start``."""
    base = f"{urlsplit(start).scheme}://{urlsplit(start).netloc}"
    queue, seen, keys, found = deque([start]), {start}, {}, {}
    axe = Axe()
    while queue and len(found) < limit:
        url = queue.popleft()
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        assert response.status < 500, f"{url}: HTTP {response.status}"
        results = axe.run(page, options={"runOnly": RULES})
        found[url] = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target = urldefrag(urljoin(url, href))[0]
            path = urlsplit(target).path
            if not target.startswith(base) or not path.startswith(within) or SKIP.search(path):
                continue
            key = page_key(target)
            if target in seen or keys.get(key, 0) >= per_key:
                continue
            seen.add(target)
            keys[key] = keys.get(key, 0) + 1
            queue.append(target)
    return found
