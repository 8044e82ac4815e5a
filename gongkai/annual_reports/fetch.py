"""Fetching a published report for the checker: ``gongkai report check URL``.

The page (or file) at the address is downloaded with a timeout and a size limit, following
redirects; its type comes from the Content-Type (else the address). A portal page often carries
the report only as an attachment: when the page itself holds no 表三, the first linked DOCX/PDF
whose name or link text says 年度报告 (or 年报) is checked instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import urllib3

TIMEOUT = 20.0
MAX_BYTES = 30 * 1024 * 1024
USER_AGENT = "Gongkai-ReportChecker/1.0 (annual report consistency check)"

_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}
_REPORT_WORDS = re.compile(r"年度报告|年报")


class FetchError(Exception):
    """Why the address could not be downloaded (Chinese, for the user)."""


def is_url(text: str) -> bool:
    return str(text).startswith(("http://", "https://"))


REDIRECTS = 5


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    guard: Callable[[str], str] | None = None,
) -> tuple[bytes, str]:
    """(content, a file name whose suffix says its type).

    ``guard(url)`` returns why an address may not be fetched ("" when it may): it is asked for
    the address and for every redirect before it is followed (redirects are then followed here,
    not by urllib3)."""
    http = urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        retries=urllib3.Retry(
            total=2,
            redirect=0 if guard else REDIRECTS,
            raise_on_redirect=guard is None,
            raise_on_status=False,
        ),
        headers={"User-Agent": USER_AGENT, "Accept-Language": "zh-CN,zh;q=0.9"},
    )
    try:
        response = _get(http, url, guard)
    except urllib3.exceptions.MaxRetryError as exc:
        reason = exc.reason
        # (NewConnectionError is a kind of ConnectTimeoutError in urllib3 2: ask it first.)
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            raise FetchError("无法连接到该地址") from exc
        if isinstance(reason, urllib3.exceptions.TimeoutError):
            raise FetchError(f"下载超时（超过{timeout:g}秒）") from exc
        if isinstance(reason, urllib3.exceptions.ResponseError):
            raise FetchError("重定向次数过多") from exc
        raise FetchError("无法连接到该地址") from exc
    except urllib3.exceptions.TimeoutError as exc:
        raise FetchError(f"下载超时（超过{timeout:g}秒）") from exc
    except (urllib3.exceptions.HTTPError, ValueError) as exc:
        raise FetchError("地址无效或无法访问") from exc
    try:
        if response.status >= 400:
            raise FetchError(f"服务器返回 HTTP {response.status}")
        data = response.read(max_bytes + 1, decode_content=True)
        if len(data) > max_bytes:
            raise FetchError(f"文件超过{max_bytes // 1024 // 1024}MB")
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError("下载中断或超时") from exc
    finally:
        response.release_conn()
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    final = response.geturl() or url
    name = PurePosixPath(urlsplit(final).path).name or "index"
    suffix = _TYPES.get(content_type) or PurePosixPath(name).suffix.lower() or ".html"
    if not name.lower().endswith(suffix):
        name += suffix
    return data, name


def _get(http, url: str, guard):
    if guard is None:
        return http.request("GET", url, preload_content=False)
    for _ in range(REDIRECTS + 1):
        refused = guard(url)
        if refused:
            raise FetchError(refused)
        response = http.request("GET", url, preload_content=False, redirect=False)
        location = response.headers.get("Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        response.release_conn()
        url = urljoin(url, location)
    raise FetchError("重定向次数过多")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def report_attachment(page: bytes, base: str) -> str | None:
    """The address of the report attached to a page: a DOCX or PDF link naming it."""
    parser = _Links()
    for encoding in ("utf-8", "gb18030"):
        try:
            parser.feed(page.decode(encoding))
            break
        except UnicodeDecodeError:
            parser = _Links()
    candidates = [
        urljoin(base, href)
        for href, text in parser.links
        if PurePosixPath(urlsplit(href).path).suffix.lower() in (".docx", ".pdf")
    ]
    named = [
        urljoin(base, href)
        for href, text in parser.links
        if urljoin(base, href) in candidates and _REPORT_WORDS.search(text + " " + href)
    ]
    return (named or candidates or [None])[0]
