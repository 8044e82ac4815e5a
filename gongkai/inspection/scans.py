"""Personal data in what the public sees of an item, or will see once it is published: the title,
the public body (a 删减后公开 item's redacted text, never its original) and the attachments not kept
internal. Used by the ``personal_data`` indicator over published items and by the 保密审查 step
before publication, so both judge the same thing the same way.

An attachment's scan is kept by its content (:class:`AttachmentScan`, SHA-256 and size): a rerun,
or the same file attached twice, never reopens it. Only masked values are kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction

from .content import AttachmentScan
from .detect import VERSION, Hit, may_hold_numbers, scan_lines, text_lines
from .extract import READABLE, NoText, Unreadable, file_lines, html_lines

logger = logging.getLogger(__name__)
Outcome = AttachmentScan.Outcome


@dataclass(frozen=True)
class FileScan:
    outcome: str
    reason: str = ""
    hits: tuple[Hit, ...] = ()  # placed inside the file ("工作表“名单”第2行")


@dataclass(frozen=True)
class PersonalData:
    """What the scan of one item found: ``hits`` (masked) and the attachments it could not check
    (``unchecked``: a scan without text, a broken file, a type it does not read)."""

    hits: list[Hit] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # of unchecked, the files that fail to open


def text_hits(title: str, public_body: str, *, today: date) -> list[Hit]:
    """The hits in an item's title and (HTML) public body."""
    if not (may_hold_numbers(title) or may_hold_numbers(public_body)):
        return []
    return scan_lines([*text_lines(title, "标题"), *html_lines(public_body)], today=today)


def attachment_place(name: str) -> str:
    return f"附件“{name}”"


def _scan_bytes(data: bytes, file_type: str, today: date) -> FileScan:
    try:
        lines = file_lines(data, file_type)
    except NoText as exc:
        return FileScan(Outcome.NO_TEXT, str(exc))
    except Unreadable as exc:
        return FileScan(Outcome.UNREADABLE, str(exc))
    if lines is None:
        return FileScan(Outcome.SKIPPED)
    return FileScan(Outcome.READ, hits=tuple(scan_lines(lines, today=today)))


def _from_row(row: AttachmentScan) -> FileScan:
    return FileScan(row.outcome, row.reason, tuple(Hit(**hit) for hit in row.hits))


def cached_scans(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], FileScan]:
    """The kept scans of these files ((sha256, size) pairs) by the current detectors."""
    keys = set(keys)
    found = {}
    hashes = {sha for sha, _ in keys}
    for row in AttachmentScan.objects.filter(sha256__in=hashes, version=VERSION):
        if (row.sha256, row.size) in keys:
            found[(row.sha256, row.size)] = _from_row(row)
    return found


def scan_file(
    *, sha256: str, size: int, file_type: str, read: Callable[[], bytes], today: date
) -> FileScan:
    """The scan of one file: kept, or done now (``read`` gives its bytes) and kept."""
    if file_type not in READABLE:
        return FileScan(Outcome.SKIPPED)
    kept = cached_scans([(sha256, size)]).get((sha256, size))
    if kept is not None:
        return kept
    try:
        data = read()
    except OSError as exc:  # the stored file is missing: not a property of the content, not kept
        logger.info(  # the finding says it; `gongkai files check` lists lost files
            "attachment %s… unreadable: %s", sha256[:12], exc.__class__.__name__
        )
        return FileScan(Outcome.UNREADABLE, "存储的文件不存在或无法打开")
    scan = _scan_bytes(data, file_type, today)
    values = {
        "version": VERSION,
        "outcome": scan.outcome,
        "reason": scan.reason[:200],
        "hits": [hit.as_dict() for hit in scan.hits],
    }
    try:
        with transaction.atomic():  # a savepoint: another run may have kept it meanwhile
            AttachmentScan.objects.update_or_create(sha256=sha256, size=size, defaults=values)
    except IntegrityError:
        pass
    return scan


def attachment_scan(attachment, *, today: date) -> FileScan:
    """The scan of a ``publishing.Attachment``."""

    def read() -> bytes:
        with attachment.file.open("rb") as handle:
            return handle.read()

    return scan_file(
        sha256=attachment.sha256,
        size=attachment.size,
        file_type=attachment.file_type,
        read=read,
        today=today,
    )


def reason_text(scan: FileScan) -> str:
    """Why a file could not be read, for staff: a reason kept by an older version may end with
    the parser's class name (（PdfminerException）), which is dropped."""
    return re.sub(r"（[A-Za-z_.]+）", "", scan.reason)


def unchecked_text(name: str, scan: FileScan) -> str:
    if scan.outcome == Outcome.SKIPPED:
        return f"{attachment_place(name)}：该格式不能自动检查，请人工核查"
    if scan.outcome == Outcome.NO_TEXT:
        return f"{attachment_place(name)}：{scan.reason}，请人工核查"
    return (
        f"{attachment_place(name)}：附件无法读取（{reason_text(scan)}），公众下载后很可能同样无法打开，"
        "请核实或更换"
    )


def item_personal_data(item, *, today: date) -> PersonalData:
    """The personal data in what the public sees of ``item`` once it is published."""
    result = PersonalData(hits=text_hits(item.title, item.public_body, today=today))
    for attachment in item.attachments.filter(internal_only=False).order_by("uploaded_at", "id"):
        scan = attachment_scan(attachment, today=today)
        place = attachment_place(attachment.original_name)
        result.hits.extend(hit.located(place) for hit in scan.hits)
        if scan.outcome != Outcome.READ:
            result.unchecked.append(unchecked_text(attachment.original_name, scan))
            if scan.outcome == Outcome.UNREADABLE:
                result.broken.append(attachment.original_name)
    return result
