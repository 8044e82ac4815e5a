"""静态发布: write the public portal as files, keep them current, check them, push them.

- ``build()`` writes every page (``pages.all_pages()``), in parallel processes, resumable: an
  interrupted build continues with ``resume=True`` and skips what it already wrote.
- ``refresh()`` re-renders what one change touches (a task queued after each publication,
  withdrawal, correction, catalogue or agency change, and each published 留言 answer).
- ``check()`` compares every file with a fresh render and lists the differences.
- ``push()`` copies what changed to another directory (a mounted share, or the drop directory of
  a 网闸) with a manifest the far side verifies (``verify()``).

A page is written only when the gate lets it out (the view answers 200 to an anonymous visitor);
a page that now answers 404 is removed. Writes are atomic (``writer``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.utils import timezone

from gongkai.portal import selectors
from gongkai.portal.caching import generation

from . import pages as site_pages
from . import writer
from .models import SiteBuild, SitePage
from .pages import Page
from .paths import ASSET_PREFIX, STATE_DIR, NotStatic, url_to_file
from .render import render

logger = logging.getLogger(__name__)

CHUNK = 200
MANIFEST = "MANIFEST.sha256"


class SiteError(RuntimeError):
    pass


def site_root() -> Path:
    if not settings.GONGKAI_STATIC_SITE:
        raise ImproperlyConfigured("未启用静态发布：请设置 GONGKAI_STATIC_SITE（如 var/site）。")
    root = Path(settings.GONGKAI_STATIC_SITE)
    root.mkdir(parents=True, exist_ok=True, mode=0o755)
    return root


def enabled() -> bool:
    return bool(settings.GONGKAI_STATIC_SITE)


@contextmanager
def site_lock(root: Path):
    """One writer at a time (builds, refreshes, pushes; every process on this machine): a task
    that rendered an item before its withdrawal cannot write it back after the withdrawal's own
    task removed it, and a push never reads a half-refreshed site."""
    import fcntl

    state = root / STATE_DIR
    state.mkdir(exist_ok=True)
    with open(state / "lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Outcome:
    url: str
    action: str  # written | unchanged | removed | absent | stale | failed
    file: str = ""
    error: str = ""
    sha256: str = ""
    size: int = 0
    generation: int = 0
    agency_id: int | None = None
    item_id: int | None = None
    kind: str = "platform"


@dataclass
class Summary:
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    changed_files: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.pages += 1
        if outcome.action == "failed":
            self.failed.append((outcome.url, outcome.error))
            return
        if outcome.action == "written":
            self.written += 1
            self.changed_files.append(outcome.file)
        elif outcome.action == "removed":
            self.removed += 1
            self.changed_files.append(outcome.file)
        elif outcome.action == "unchanged":
            self.unchanged += 1
        else:
            self.skipped += 1


# --- one page --------------------------------------------------------------------------------


def _render_to_file(root: Path, page: Page, known: dict[str, tuple[str, int]]) -> Outcome:
    """Render ``page`` and bring its file in line. ``known``: url → (sha256, generation) as
    recorded. Runs in the build's worker processes too: touches files, never the record."""
    try:
        relative = url_to_file(page.url)
    except NotStatic:
        return Outcome(page.url, "failed", "", error="地址不能作为静态文件保存")
    generation_before = generation(page.agency_id or 0)[0]
    recorded = known.get(page.url)
    if recorded and recorded[1] > generation_before:
        return Outcome(page.url, "stale", relative)  # a newer render is already there
    try:
        rendered = render(page.url)
    except Exception as error:  # a page that fails is reported; the rest of the site goes on
        logger.exception("static site: %s failed to render", page.url)
        return Outcome(page.url, "failed", relative, error=f"{type(error).__name__}: {error}")
    base = Outcome(
        page.url,
        "",
        relative,
        generation=generation_before,
        agency_id=page.agency_id,
        item_id=page.item_id,
        kind=page.kind,
    )
    if rendered.status == 200:
        digest = writer.sha256(rendered.body)
        base.sha256, base.size = digest, len(rendered.body)
        if writer.read(root, relative) == rendered.body:
            base.action = "unchanged"
            return base
        try:
            writer.write_atomic(root, relative, rendered.body)
        except (OSError, ValueError) as error:
            return Outcome(page.url, "failed", relative, error=f"写入失败：{error}")
        base.action = "written"
        return base
    if rendered.status in (404, 410):
        base.action = "removed" if writer.remove(root, relative) or recorded else "absent"
        return base
    return Outcome(page.url, "failed", relative, error=f"返回 {rendered.status}")


def _record(outcomes: list[Outcome], build: SiteBuild | None) -> None:
    now = timezone.now()
    keep = [o for o in outcomes if o.action in ("written", "unchanged")]
    gone = [o.url for o in outcomes if o.action in ("removed", "absent")]
    if keep:
        SitePage.objects.bulk_create(
            [
                SitePage(
                    url=o.url,
                    kind=o.kind,
                    file=o.file,
                    sha256=o.sha256,
                    size=o.size,
                    agency_id=o.agency_id,
                    item_id=o.item_id,
                    generation=o.generation,
                    build=build,
                    written_at=now,
                )
                for o in keep
            ],
            update_conflicts=True,
            unique_fields=["url"],
            update_fields=[
                "kind",
                "file",
                "sha256",
                "size",
                "agency_id",
                "item_id",
                "generation",
                "build",
                "written_at",
            ],
        )
    if gone:
        SitePage.objects.filter(url__in=gone).delete()


def _known(urls: list[str]) -> dict[str, tuple[str, int]]:
    return {
        url: (digest, number)
        for url, digest, number in SitePage.objects.filter(url__in=urls).values_list(
            "url", "sha256", "generation"
        )
    }


def _process(pages_: list[Page], build_id: int | None = None) -> list[Outcome]:
    root = site_root()
    known = _known([p.url for p in pages_])
    return [_render_to_file(root, page, known) for page in pages_]


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _run(
    chunks: Iterable[list[Page]],
    workers: int,
    each: Callable[[list[Outcome]], None],
    total: int | None = None,
    progress: bool = False,
) -> None:
    """Render chunks here (one worker) or in ``workers`` forked processes; ``each`` records
    every chunk's outcomes here, in order of completion."""
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="页", desc="生成静态页面", mininterval=1)
    try:
        if workers <= 1:
            for chunk in chunks:
                outcomes = _process(chunk)
                each(outcomes)
                if bar:
                    bar.update(len(chunk))
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # Fork every process now, with no database connection open: a child must never
            # inherit (and talk over) the parent's connection. With "fork", the pool starts all
            # its processes at the first submit.
            connections.close_all()
            pool.submit(int).result()
            pending = set()
            for chunk in chunks:
                pending.add(pool.submit(_process, chunk))
                if len(pending) >= workers * 3:
                    pending = _drain(pending, each, bar, wait_for_one=True)
            _drain(pending, each, bar, wait_for_one=False)
    finally:
        if bar:
            bar.close()


def _drain(pending, each, bar, *, wait_for_one: bool):
    from concurrent.futures import FIRST_COMPLETED, wait

    done, rest = wait(pending, return_when=FIRST_COMPLETED if wait_for_one else "ALL_COMPLETED")
    for future in done:
        outcomes = future.result()
        each(outcomes)
        if bar:
            bar.update(len(outcomes))
    return rest


# --- the whole site --------------------------------------------------------------------------


def build(*, workers: int = 1, resume: bool = False, progress: bool = False) -> Summary:
    """Write every public page; remove what is no longer public. With ``resume``, continue the
    last build that did not finish, skipping the pages it already wrote."""
    root = site_root()
    with site_lock(root):
        return _build(root, workers=workers, resume=resume, progress=progress)


def _build(root: Path, *, workers: int, resume: bool, progress: bool) -> Summary:
    _require_static_files()
    _clean_temporary(root)
    sync_assets(root)
    current = (
        SiteBuild.objects.filter(finished_at__isnull=True).order_by("-pk").first()
        if resume
        else None
    )
    if current is None:
        current = SiteBuild.objects.create()
    summary = Summary()

    def todo() -> Iterator[list[Page]]:
        for chunk in _chunks(site_pages.all_pages(), CHUNK):
            done = set(
                SitePage.objects.filter(build=current, url__in=[p.url for p in chunk]).values_list(
                    "url", flat=True
                )
            )
            summary.skipped += len(done)
            rest = [p for p in chunk if p.url not in done]
            if rest:
                yield rest

    def record(outcomes):
        _record(outcomes, current)
        # A page that failed keeps the file it had (and is not taken for gone at the end).
        failed = [o.url for o in outcomes if o.action == "failed"]
        if failed:
            SitePage.objects.filter(url__in=failed).update(build=current)
        for outcome in outcomes:
            summary.add(outcome)

    _run(todo(), workers, record, total=site_pages.count_all(), progress=progress)
    # What this build did not write (nor a refresh during it) is no longer public.
    gone = SitePage.objects.exclude(build=current).filter(written_at__lt=current.started_at)
    for relative in gone.values_list("file", flat=True).iterator():
        writer.remove(root, relative)
        summary.removed += 1
        summary.changed_files.append(relative)
    gone.delete()
    current.finished_at = timezone.now()
    current.pages = summary.pages + summary.skipped
    current.written, current.removed = summary.written, summary.removed
    current.save()
    return summary


def _require_static_files() -> None:
    from django.contrib.staticfiles.storage import staticfiles_storage

    try:
        staticfiles_storage.url("gongkai/css/portal.css")
    except ValueError:
        raise SiteError("静态资源尚未收集：请先运行 gongkai collectstatic。") from None


def _clean_temporary(root: Path) -> None:
    """Temporary files a crash left behind (never a page: pages are renamed into place)."""
    for directory, _dirs, files in os.walk(root):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(directory, name).unlink(missing_ok=True)


def _asset_sources() -> Iterator[tuple[str, Path]]:
    """(relative path in the site, source file): the portal's collected static files (CSS,
    images) under static/, and the site-root files (favicon.ico)."""
    static_root = Path(settings.STATIC_ROOT)
    portal = static_root / "gongkai"
    if portal.is_dir():
        for directory, _dirs, files in os.walk(portal):
            for name in files:
                source = Path(directory, name)
                yield ASSET_PREFIX + source.relative_to(static_root).as_posix(), source
    site_files = Path(settings.WHITENOISE_ROOT)
    if site_files.is_dir():
        for source in site_files.iterdir():
            if source.is_file():
                yield source.name, source


def sync_assets(root: Path) -> int:
    copied = 0
    for relative, source in _asset_sources():
        data = source.read_bytes()
        if writer.read(root, relative) != data:
            writer.write_atomic(root, relative, data)
            copied += 1
    return copied


# --- after a change --------------------------------------------------------------------------


def refresh(
    agency_id: int | None = None,
    item_ids: Iterable[int] = (),
    *,
    catalogue: bool = False,
    message_ids: Iterable[int] = (),
    home: bool = True,
) -> Summary:
    """Re-render what a change touches: the item pages (and those linking them), the agency's
    home, feeds and every column page (their counts move), the platform's home, the sitemap
    index and the items' sitemap pages that list them; with ``catalogue`` every page of the
    agency. Pages that stopped being public are removed."""
    root = site_root()
    with site_lock(root):
        return _refresh(root, agency_id, item_ids, catalogue, message_ids, home)


def _refresh(root, agency_id, item_ids, catalogue, message_ids, home) -> Summary:
    summary = Summary()
    home = home or catalogue or bool(item_ids)
    item_ids = set(item_ids)
    # A change of the agency or its catalogue (``catalogue``: renamed, closed) moves every
    # address of its items: every page of the items' sitemap then, else only those listing them.
    listed = None if catalogue else item_ids
    wanted: dict[str, Page] = {p.url: p for p in site_pages.platform_pages(listed)} if home else {}
    if home and listed is None:
        # Sitemap pages written before and now past the last one (the highest public id fell:
        # an agency closed): rendered again, they answer 404 and go, with the addresses they
        # listed.
        for url in SitePage.objects.filter(url__startswith="/sitemap-").values_list(
            "url", flat=True
        ):
            wanted.setdefault(url, Page(url))
    agency = selectors.public_agencies().filter(pk=agency_id).first() if agency_id else None
    if agency is not None:
        if home:
            for page in site_pages.agency_pages(agency, items=catalogue):
                wanted[page.url] = page
        ids = item_ids | site_pages.related_items(item_ids)
        for page in site_pages.item_pages(agency, sorted(ids)):
            wanted[page.url] = page
        # A file withdrawn with its item, or made internal, even if never recorded (a build
        # killed between writing and recording): rendered again, it answers 404 and goes.
        for page in site_pages.every_file_of(agency, sorted(item_ids)):
            wanted.setdefault(page.url, page)
        for pk in message_ids:
            page = site_pages.message_page(agency, pk)
            wanted[page.url] = page
    # What was written for these items, or for the agency outside its items, and is no longer
    # among the pages: rendered again (to remove it, or to keep it if it is still public).
    previous = SitePage.objects.none()
    if agency_id and (home or agency is None):
        previous = SitePage.objects.filter(agency_id=agency_id, kind="agency")
        if catalogue or agency is None:
            previous = SitePage.objects.filter(agency_id=agency_id)
    if item_ids:
        previous = previous | SitePage.objects.filter(item_id__in=item_ids)
    leftover = [
        (url, relative)
        for url, relative in previous.values_list("url", "file")
        if url not in wanted
    ]
    for _url, relative in leftover:
        writer.remove(root, relative)
        summary.removed += 1
        summary.changed_files.append(relative)
    SitePage.objects.filter(url__in=[u for u, _ in leftover]).delete()
    for chunk in _chunks(wanted.values(), CHUNK):
        outcomes = _process(chunk)
        for outcome in outcomes:
            # Fail closed: a changed item whose page cannot be rendered now (perhaps withdrawn)
            # must not keep what it showed before.
            if (
                outcome.action == "failed"
                and outcome.file
                and _item_of(outcome.url, wanted) in item_ids
            ):
                writer.remove(root, outcome.file)
                SitePage.objects.filter(url=outcome.url).delete()
        _record(outcomes, None)
        for outcome in outcomes:
            summary.add(outcome)
    return summary


def _item_of(url: str, wanted: dict[str, Page]) -> int | None:
    page = wanted.get(url)
    return page.item_id if page else None


# --- checks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    kind: str  # missing | different | extra | unknown
    url: str
    file: str

    @property
    def label(self) -> str:
        return {
            "missing": "缺少文件",
            "different": "内容与动态页面不同",
            "extra": "已不公开或已不存在，文件仍在",
            "unknown": "站点目录中有未登记的文件",
        }[self.kind]


def check(*, progress: bool = False) -> list[Difference]:
    """Every public page against its file, every file against the public pages."""
    root = site_root()
    differences: list[Difference] = []
    expected: set[str] = set()
    pages_ = site_pages.all_pages()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=site_pages.count_all(), unit="页", desc="核对静态页面", mininterval=1)
    for page in pages_:
        expected.add(page.url)
        relative = url_to_file(page.url)
        rendered = render(page.url)
        on_disk = writer.read(root, relative)
        if bar:
            bar.update(1)
        if rendered.status != 200:
            if on_disk is not None:
                differences.append(Difference("extra", page.url, relative))
            continue
        if on_disk is None:
            differences.append(Difference("missing", page.url, relative))
        elif on_disk != rendered.body:
            differences.append(Difference("different", page.url, relative))
    if bar:
        bar.close()
    files = {relative for relative, _ in _asset_sources()}
    for url, relative in SitePage.objects.values_list("url", "file").iterator():
        if url not in expected:
            if writer.read(root, relative) is not None:
                differences.append(Difference("extra", url, relative))
        else:
            files.add(relative)
    for relative, source in _asset_sources():
        if writer.read(root, relative) != source.read_bytes():
            differences.append(Difference("different", "/" + relative, relative))
    for relative in writer.walk(root):
        if relative not in files and relative != MANIFEST:
            differences.append(Difference("unknown", "", relative))
    return differences


# --- push ------------------------------------------------------------------------------------


def manifest() -> dict[str, str]:
    """file → sha256 of everything the site holds (pages as recorded, assets as they are)."""
    found = {
        relative: digest
        for relative, digest in SitePage.objects.values_list("file", "sha256").iterator()
    }
    for relative, source in _asset_sources():
        found[relative] = writer.sha256(source.read_bytes())
    return found


def _manifest_text(entries: dict[str, str]) -> bytes:
    # sha256sum's format: the far side checks with `sha256sum -c MANIFEST.sha256`.
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(entries.items())).encode()


def _parse_manifest(data: bytes | None) -> dict[str, str]:
    found = {}
    for line in (data or b"").decode("utf-8", "replace").splitlines():
        digest, sep, name = line.partition("  ")
        if sep and len(digest) == 64:
            found[name] = digest
    return found


@dataclass
class PushSummary:
    copied: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


REMOTE = re.compile(r"^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+:(/[^\x00]*)$")


def is_remote(destination: str) -> bool:
    """``[user@]host:/path``: pushed with rsync over SSH (an absolute path is required)."""
    return bool(REMOTE.match(str(destination))) and not Path(str(destination)).exists()


def push(destination: str | Path) -> PushSummary:
    """Bring ``destination`` to the site's state: a directory (a mounted share, or a 网闸's drop
    directory), or ``[user@]host:/path`` (rsync over SSH). Copy new and changed files, delete
    removed ones, then write the manifest.

    What was pushed last time is remembered on this side (``.gongkai/`` in the site), so the
    far side need not answer (a one-way 网闸); a file missing there is copied again."""
    root = site_root()
    if not SiteBuild.objects.filter(finished_at__isnull=False).exists():
        # A site never built whole would empty the target (deletions propagate).
        raise SiteError("静态站点尚未完整生成过：请先运行 gongkai site build。")
    with site_lock(root):
        if is_remote(str(destination)):
            return _push_rsync(root, str(destination))
        return _push_directory(root, Path(destination))


def _push_directory(root: Path, destination: Path) -> PushSummary:
    target = destination.resolve()
    if target == root.resolve() or root.resolve() in target.parents:
        raise SiteError("推送目标不能是静态站点目录本身或其子目录。")
    target.mkdir(parents=True, exist_ok=True, mode=0o755)
    state_name = writer.sha256(str(target).encode())[:16]
    state_file = f"{STATE_DIR}/pushed-{state_name}.sha256"
    previous = _parse_manifest(writer.read(root, state_file))
    if not previous:
        previous = _parse_manifest(writer.read(target, MANIFEST))
    current = manifest()
    summary = PushSummary()
    # Deletions first: what left the public leaves the copy even if a copy below fails.
    for relative in sorted(set(previous) - set(current)):
        if writer.remove(target, relative):
            summary.deleted.append(relative)
    pushed = {}
    for relative, digest in sorted(current.items()):
        if previous.get(relative) == digest and writer.target(target, relative).is_file():
            summary.unchanged += 1
            pushed[relative] = digest
            continue
        data = writer.read(root, relative)
        if data is None or writer.sha256(data) != digest:
            # Not as recorded (a build or check will repair it): left out of this push and out
            # of the manifest, so the next push tries it again; an older copy there goes.
            logger.warning("push: %s differs from its record; skipped", relative)
            if writer.remove(target, relative):
                summary.deleted.append(relative)
            continue
        writer.write_atomic(target, relative, data)
        summary.copied.append(relative)
        pushed[relative] = digest
    text = _manifest_text(pushed)
    writer.write_atomic(target, MANIFEST, text)
    (root / STATE_DIR).mkdir(exist_ok=True)
    writer.write_atomic(root, state_file, text)
    return summary


def _push_rsync(root: Path, destination: str) -> PushSummary:
    """rsync compares each file by its checksum (only changes move), writes each through a
    temporary file and a rename, deletes what the site no longer has, then the manifest goes
    last. The SSH command is ``GONGKAI_SITE_PUSH_SSH`` (key, port, known hosts)."""
    import shlex
    import subprocess
    import tempfile

    if shutil.which("rsync") is None:
        raise SiteError("推送到远程服务器需要 rsync：请安装（apt-get install rsync）。")
    ssh = settings.GONGKAI_SITE_PUSH_SSH
    base = ["rsync", "--recursive", "--links", "--times", "--checksum", "-e", ssh]
    excluded = ["--exclude", f"/{STATE_DIR}", "--exclude", ".*.tmp", "--exclude", f"/{MANIFEST}"]
    target = destination.rstrip("/") + "/"
    done = subprocess.run(
        [*base, "--delete", "--itemize-changes", *excluded, f"{root}/", target],
        capture_output=True,
        text=True,
        timeout=6 * 3600,
    )
    if done.returncode != 0:
        raise SiteError(f"rsync 推送失败（{done.returncode}）：{done.stderr.strip()[-500:]}")
    summary = PushSummary()
    for line in done.stdout.splitlines():
        if line.startswith("*deleting"):
            summary.deleted.append(line.split(None, 1)[1])
        elif line[:2] in (">f", "<f"):
            summary.copied.append(line.split(" ", 1)[1])
    current = manifest()
    summary.unchanged = len(current) - len([f for f in summary.copied if f in current])
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / MANIFEST
        listing.write_bytes(_manifest_text(current))
        sent = subprocess.run(
            [*base, str(listing), target + MANIFEST], capture_output=True, text=True, timeout=600
        )
    if sent.returncode != 0:
        raise SiteError(f"rsync 推送清单失败：{sent.stderr.strip()[-500:]}")
    logger.info("pushed to %s with rsync (%s)", destination, shlex.quote(ssh))
    return summary


def verify(directory: str | Path) -> list[Difference]:
    """The far side's check: every file in its ``MANIFEST.sha256`` present with that hash, and no
    file the manifest does not list."""
    target = Path(directory)
    listed = _parse_manifest(writer.read(target, MANIFEST))
    if not listed:
        return [Difference("missing", "", MANIFEST)]
    differences = []
    for relative, digest in sorted(listed.items()):
        data = writer.read(target, relative)
        if data is None:
            differences.append(Difference("missing", "", relative))
        elif writer.sha256(data) != digest:
            differences.append(Difference("different", "", relative))
    for relative in writer.walk(target):
        if relative not in listed and relative != MANIFEST:
            differences.append(Difference("unknown", "", relative))
    return differences


def remove_site() -> None:
    """Forget the static site (tests, or turning it off): files and record."""
    root = site_root()
    shutil.rmtree(root, ignore_errors=True)
    SitePage.objects.all().delete()
    SiteBuild.objects.all().delete()
