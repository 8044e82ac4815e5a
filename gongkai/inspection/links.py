"""The link check (链接检查): every link in public content, internal and external, checked by cron.

``collect_links(agency)`` reads the links of the agency's public items (through the gate,
``published()``: never a draft's or a withdrawn item's) into :class:`LinkUse` rows;
``check_due_links()`` checks the links whose day has come. Links to this site are answered from
the URLconf and the same gates the public pages use, without a request to ourselves; the others
go out over HTTP (probe.py), paced per host. Run from ``gongkai inspect``, never in a page view.

The portal has no hand-written pages of its own: the items' bodies (and their attachments) are
the only public content that carries links someone typed.
"""

from __future__ import annotations

import logging
import queue
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from gongkai.org.models import Agency
from gongkai.publishing.models import Attachment, InformationItem

from .link_models import Link, LinkUse, url_hash
from .probe import HostPacer, Outcome, Prober

logger = logging.getLogger(__name__)

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#")
#: Paths of the staff side: a public page that links there sends the public to a login form.
STAFF_ROUTES = ("staff/", "admin/")


# --- Reading links out of HTML -------------------------------------------------------------------


class _LinkParser(HTMLParser):
    """``href`` of links (with their text) and ``src`` of embedded things (with their alt)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[list[str]] = []
        self._anchor: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.found.append([attrs["href"], attrs.get("title") or ""])
            self._anchor, self._text = len(self.found) - 1, []
        if attrs.get("src"):
            self.found.append([attrs["src"], attrs.get("alt") or attrs.get("title") or ""])

    def handle_data(self, data):
        if self._anchor is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor is not None:
            text = " ".join("".join(self._text).split())
            if text:
                self.found[self._anchor][1] = text
            self._anchor = None


def extract_links(markup: str) -> list[tuple[str, str]]:
    """(address as written, its text) for every href and src in ``markup``, in order."""
    parser = _LinkParser()
    parser.feed(markup or "")
    parser.close()
    return [(href.strip(), text[:200]) for href, text in parser.found]


def normalize(href: str, base: str) -> str | None:
    """The absolute http(s) address ``href`` stands for on the page at ``base``, in one spelling
    (lower-case scheme and host, no default port, no fragment); None for what is not a web link
    (mailto:, tel:, #top)."""
    href = href.strip()
    if not href or href.lower().startswith(SKIPPED_SCHEMES):
        return None
    try:
        absolute = urljoin(base, href)
        parts = urlsplit(absolute)
    except ValueError:  # "http://[::1" and the like: no address at all
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return None
    try:
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return absolute.split("#", 1)[0]  # checked as it is, and found malformed
    if ":" in host:
        host = f"[{host}]"
    if port and port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def _netloc(url: str) -> str:
    normal = normalize(url, url) or ""
    return urlsplit(normal).netloc


def own_netlocs() -> set[str]:
    """This site's host names (GONGKAI_BASE_URL's and GONGKAI_LINKCHECK_OWN_HOSTS)."""
    names = {_netloc(settings.GONGKAI_BASE_URL)}
    for host in settings.GONGKAI_LINKCHECK_OWN_HOSTS:
        names.add(_netloc(f"http://{host.strip().lower()}/"))
    return names - {""}


def is_internal(url: str, own: set[str] | None = None) -> bool:
    return urlsplit(url).netloc in (own if own is not None else own_netlocs())


# --- Collecting: which links the public content carries -----------------------------------------


def _public_links(agency: Agency) -> dict[tuple[str, str], tuple[int, str]]:
    """{(link, page): (item id, text)} for the agency's public items and their public files."""
    base = settings.GONGKAI_BASE_URL.rstrip("/")
    found: dict[tuple[str, str], tuple[int, str]] = {}
    items = (
        InformationItem.objects.published()
        .filter(agency=agency)
        .only("id", "agency_id", "disclosure", "body", "redacted_body")
        .order_by("pk")
    )
    files: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for item_id, pk, name in Attachment.objects.filter(
        item__in=items, internal_only=False
    ).values_list("item_id", "pk", "original_name"):
        files[item_id].append((pk, name))
    for item in items.iterator(chunk_size=500):
        page = reverse("portal:item", args=[agency.code, item.pk])
        for href, text in extract_links(item.public_body):
            url = normalize(href, base + page)
            if url is not None:
                found.setdefault((url, page), (item.pk, text))
        for pk, name in files[item.pk]:
            url = normalize(reverse("portal:attachment", args=[pk]), base + page)
            found.setdefault((url, page), (item.pk, name[:200]))
    return found


@transaction.atomic
def collect_links(agency: Agency, *, today: date | None = None) -> int:
    """Bring the agency's LinkUse rows in line with its public content: new links are added
    (and due at once), links no longer there drop out. Returns how many uses there are."""
    today = today or timezone.localdate()
    found = _public_links(agency)
    own = own_netlocs()
    urls = {url for url, _page in found}
    links = _links_for(urls, today=today, own=own)
    wanted = {(links[url], page): value for (url, page), value in found.items()}
    existing = {(u.link_id, u.page): u for u in LinkUse.objects.filter(agency=agency)}
    gone = [u.pk for key, u in existing.items() if key not in wanted]
    LinkUse.objects.filter(pk__in=gone).delete()
    changed = []
    for key, (item_id, text) in wanted.items():
        use = existing.get(key)
        if use is not None and (use.text != text or use.item_id != item_id):
            use.text, use.item_id = text, item_id
            changed.append(use)
    LinkUse.objects.bulk_update(changed, ["text", "item"])
    LinkUse.objects.bulk_create(
        [
            LinkUse(
                link_id=link_id,
                page=page,
                agency=agency,
                item_id=item_id,
                text=text,
                first_seen_on=today,
            )
            for (link_id, page), (item_id, text) in wanted.items()
            if (link_id, page) not in existing
        ]
    )
    return len(wanted)


def _links_for(urls: set[str], *, today: date, own: set[str]) -> dict[str, int]:
    """{url: Link id}, creating the links not seen before."""
    by_hash = {url_hash(url): url for url in urls}
    ids = _link_ids(list(by_hash))
    new = [
        Link(
            url=url,
            url_hash=digest,
            host=(urlsplit(url).hostname or "")[:255],
            internal=is_internal(url, own),
            first_seen_on=today,
        )
        for digest, url in by_hash.items()
        if digest not in ids
    ]
    if new:
        Link.objects.bulk_create(new, ignore_conflicts=True)
        ids.update(_link_ids([link.url_hash for link in new]))
    return {url: ids[digest] for digest, url in by_hash.items()}


def _link_ids(hashes: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        ids.update(Link.objects.filter(url_hash__in=chunk).values_list("url_hash", "pk"))
    return ids


# --- Internal links: the URLconf and the gates, no HTTP ----------------------------------------

WITHDRAWN = Outcome(False, problem="withdrawn", error="站内链接指向已撤回的信息")


def _broken(problem: str, error: str) -> Outcome:
    return Outcome(False, problem=problem, error=error)


def check_internal(url: str) -> Outcome:
    """Would the public get this page of ours? Answered by resolving the path and asking the
    gate the page itself asks; an item that was withdrawn or a file that is missing is broken."""
    path = unquote(urlsplit(url).path) or "/"
    mounted = urlsplit(settings.GONGKAI_BASE_URL).path.rstrip("/")  # a site under /gongkai/
    if mounted and path.startswith(mounted + "/"):
        path = path[len(mounted) :]
    match = _resolve(path)
    if match is None:
        if _static_exists(path):
            return Outcome(True)
        return _broken("not_public", "站内链接指向的页面不存在")
    if match.route.startswith(STAFF_ROUTES):
        return _broken("staff_only", "站内链接指向工作人员办公页面，公众无法访问")
    name, kwargs = match.view_name, match.kwargs
    if name in ("portal:item", "portal:item_qr"):
        return _item_outcome(kwargs["code"], kwargs["pk"])
    if name == "portal:attachment":
        return _attachment_outcome(kwargs["pk"])
    if name in ("portal:column", "portal:column_feed"):
        return _column_outcome(kwargs["code"], kwargs["pk"])
    if name == "interaction_public:detail":
        return _message_outcome(kwargs["code"], kwargs["pk"])
    if "code" in kwargs and not Agency.objects.filter(code=kwargs["code"], is_active=True).exists():
        return _broken("not_public", "站内链接指向的机关不存在或已停用")
    return Outcome(True)


def _resolve(path: str):
    for candidate in (path, path if path.endswith("/") else path + "/"):  # APPEND_SLASH
        try:
            return resolve(candidate)
        except Resolver404:
            continue
    return None


def _static_exists(path: str) -> bool:
    prefix = settings.STATIC_URL
    if not prefix or not path.startswith(prefix):
        return False
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    name = path[len(prefix) :]
    try:
        return bool(finders.find(name)) or staticfiles_storage.exists(name)
    except Exception:  # a malformed or suspicious name (..): not ours to serve
        return False


def _item_outcome(code: str, pk: int) -> Outcome:
    if InformationItem.objects.published().filter(agency__code=code, pk=pk).exists():
        return Outcome(True)
    item = InformationItem.objects.filter(agency__code=code, pk=pk).only("status").first()
    if item is not None and item.status == InformationItem.Status.WITHDRAWN:
        return WITHDRAWN
    return _broken("not_public", "站内链接指向的信息不存在或未公开")


def _attachment_outcome(pk: int) -> Outcome:
    # The portal's download gate: a public file of an item that passes published().
    attachment = Attachment.objects.filter(pk=pk, internal_only=False).first()
    if attachment is None:
        return _broken("not_public", "站内链接指向的附件不存在")
    if not InformationItem.objects.published().filter(pk=attachment.item_id).exists():
        status = InformationItem.objects.filter(pk=attachment.item_id).values_list(
            "status", flat=True
        )
        if status.first() == InformationItem.Status.WITHDRAWN:
            return _broken("withdrawn", "站内链接指向已撤回信息的附件")
        return _broken("not_public", "站内链接指向未公开信息的附件")
    if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
        return _broken("missing_file", "附件文件已丢失，无法下载")
    return Outcome(True)


def _column_outcome(code: str, pk: int) -> Outcome:
    from gongkai.publishing.models import CatalogueEntry

    if CatalogueEntry.objects.filter(
        agency__code=code, agency__is_active=True, pk=pk, is_active=True
    ).exists():
        return Outcome(True)
    return _broken("not_public", "站内链接指向的栏目不存在或已停用")


def _message_outcome(code: str, pk: int) -> Outcome:
    from gongkai.interaction.models import Message

    if Message.objects.published().filter(agency__code=code, pk=pk).exists():
        return Outcome(True)
    return _broken("not_public", "站内链接指向的留言不存在或未公开")


# --- External links and the run ----------------------------------------------------------------


def user_agent() -> str:
    """GONGKAI_LINKCHECK_USER_AGENT, or one naming the platform and where to reach it. Header
    values are Latin-1: anything else (a Chinese site name) is percent-encoded."""
    text = settings.GONGKAI_LINKCHECK_USER_AGENT or (
        f"Gongkai-LinkCheck/1.0 (+{settings.GONGKAI_BASE_URL}; {settings.GONGKAI_SITE_NAME})"
    )
    return quote(text, safe="".join(chr(c) for c in range(32, 127)))


def prober() -> Prober:
    return Prober(
        user_agent=user_agent(),
        timeout=settings.GONGKAI_LINKCHECK_TIMEOUT,
        max_redirects=settings.GONGKAI_LINKCHECK_MAX_REDIRECTS,
        allow_private=settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE,
        pacer=HostPacer(settings.GONGKAI_LINKCHECK_HOST_INTERVAL),
    )


@dataclass
class LinkCheckStats:
    checked: int = 0
    internal: int = 0
    external: int = 0
    ok: int = 0
    broken: int = 0
    newly_broken: int = 0  # broken today and not before
    fixed: int = 0  # broken before, working today

    def __str__(self):
        return (
            f"检查链接{self.checked}个（站内{self.internal}、站外{self.external}）："
            f"正常{self.ok}，失效{self.broken}（新发现{self.newly_broken}），已修复{self.fixed}"
        )


def check_due_links(
    agencies: Iterable[Agency] | None = None,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    *,
    collect: bool = True,
) -> LinkCheckStats:
    """Check the links of ``agencies`` (all, if None) whose day has come; first bring their
    link lists up to date (``collect``). ``progress(done, total)`` is called after each link."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    everyone = agencies is None
    agencies = list(Agency.objects.all() if everyone else agencies)
    if collect:
        for agency in agencies:
            collect_links(agency, today=today)
    if everyone:
        Link.objects.filter(uses__isnull=True).delete()  # no public page carries them any more
    due = list(
        Link.objects.filter(pk__in=LinkUse.objects.filter(agency__in=agencies).values("link"))
        .due(today)
        .order_by("pk")
    )
    stats = LinkCheckStats()
    total, own = len(due), own_netlocs()

    def keep(link: Link, outcome: Outcome) -> None:
        was_broken, had_broken_day = link.ok is False, link.first_broken_on is not None
        if link.internal != is_internal(link.url, own):  # GONGKAI_BASE_URL changed
            link.internal = not link.internal
            link.save(update_fields=["internal"])
        ok_days = settings.GONGKAI_LINKCHECK_OK_DAYS
        link.record(at=now, today=today, ok_days=ok_days, **asdict(outcome))
        stats.checked += 1
        stats.internal += link.internal
        stats.external += not link.internal
        stats.ok += outcome.ok
        stats.broken += not outcome.ok
        stats.newly_broken += not outcome.ok and not had_broken_day
        stats.fixed += outcome.ok and was_broken
        if progress is not None:
            progress(stats.checked, total)

    external = []
    for link in due:
        if is_internal(link.url, own):
            keep(link, check_internal(link.url))
        else:
            external.append(link)
    for link, outcome in _check_external(external):
        keep(link, outcome)
    return stats


def _check_external(links: list[Link]):
    """(link, outcome) as the checks finish: one worker per host at a time, a few hosts at once;
    the database is written by the caller's thread only."""
    if not links:
        return
    asker = prober()
    by_host: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_host[urlsplit(link.url).hostname or ""].append(link)
    results: queue.Queue = queue.Queue()

    def work(host_links: list[Link]) -> None:
        for link in host_links:
            try:
                outcome = asker.check(link.url)
            except Exception:
                logger.exception("link check failed: %s", link.url)
                outcome = Outcome(False, problem="protocol", error="检查时出错")
            results.put((link, outcome))

    workers = max(1, settings.GONGKAI_LINKCHECK_WORKERS)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="linkcheck") as pool:
        futures = [pool.submit(work, host_links) for host_links in by_host.values()]
        for _ in range(len(links)):
            while True:
                try:
                    yield results.get(timeout=1)
                    break
                except queue.Empty:
                    if all(f.done() for f in futures) and results.empty():
                        return
