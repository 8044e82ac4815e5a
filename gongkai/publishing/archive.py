"""报送档案馆、图书馆 (seed 004 一(二)2): an agency's published items of a period, as one ZIP.

One PDF per item, its public attachments and a manifest. Only what ``published()`` lets through
goes in, and only its public text: a 删减后公开 item is archived as the public read it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.core.pdf import write_pdf
from gongkai.org.models import Agency

from .models import Attachment, InformationItem
from .sanitize import clean_html

MANIFEST_HEADERS = [
    "序号",
    "索引号",
    "标题",
    "文号",
    "发布机构",
    "成文日期",
    "发布日期",
    "目录",
    "主题分类",
    "公开属性",
    "PDF文件",
    "附件文件",
]
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class ArchiveError(Exception):
    """The package cannot be made complete (a stored file is missing or altered)."""


def archive_items(*, agency: Agency, date_from: date, date_to: date):
    """Published items of ``agency`` whose 发布日期 (local date) lies in [date_from, date_to]."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)
    return (
        InformationItem.objects.published()
        .filter(agency=agency, published_at__gte=start, published_at__lt=end)
        .select_related("agency", "entry", "entry__parent")
        .order_by("published_at", "index_number")
    )


def public_attachments(item: InformationItem) -> list[Attachment]:
    """The attachments the public may have: never an internal-only (unredacted) original."""
    return list(item.attachments.filter(internal_only=False).order_by("uploaded_at", "id"))


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _metadata(item: InformationItem) -> list[tuple[str, str]]:
    rows = [
        ("索引号", item.index_number or ""),
        ("发布机构", item.publisher_name or item.agency.name),
        ("文号", item.doc_number),
        ("成文日期", _date(item.written_date)),
        ("发布日期", _date(timezone.localdate(item.published_at))),
        ("主题分类", item.get_topic_display()),
        ("目录", item.entry.path_name),
    ]
    if item.validity:
        rows.append(("有效性", item.get_validity_display()))
    if item.valid_until:
        rows.append(("有效期至", _date(item.valid_until)))
    return rows


def archive_item_html(item: InformationItem) -> str:
    """The HTML an item's archive PDF is printed from: its public text (``public_body``), never
    the original of a 删减后公开 item."""
    metadata = _metadata(item)
    return render_to_string(
        "publishing/archive_item.html",
        {
            "item": item,
            # two label–value pairs a row, as on the portal's item page
            "metadata": [metadata[i : i + 2] for i in range(0, len(metadata), 2)],
            "public_body": mark_safe(clean_html(item.public_body)),  # noqa: S308 - sanitised
            "attachments": public_attachments(item),
            "site_name": settings.GONGKAI_SITE_NAME,
            "printed_on": timezone.localdate(),
        },
    )


def _no_fetch(url, *args, **kwargs):
    """The PDF needs nothing from outside: fonts are local, and pasted links are not fetched."""
    raise ValueError(f"archive PDFs fetch no resources ({url})")


def archive_item_pdf(item: InformationItem) -> bytes:
    with _quiet("weasyprint.progress"):  # seven INFO lines per PDF would bury the summary
        from weasyprint import HTML  # needs the system's Pango; imported only when printing

        return write_pdf(HTML(string=archive_item_html(item), url_fetcher=_no_fetch))


@contextmanager
def _quiet(logger_name: str):
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _safe_name(name: str, fallback: str) -> str:
    """A file name that stays where it is put in the ZIP, whatever the uploader called it."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = _UNSAFE.sub("_", name).strip(" .")
    return name or fallback


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.lower())
    return candidate


def _attachment_bytes(attachment: Attachment) -> bytes:
    try:
        with attachment.file.open("rb") as f:
            data = f.read()
    except (FileNotFoundError, OSError):
        raise ArchiveError(
            f"附件“{attachment.original_name}”（{attachment.item.title}）的文件缺失，无法打包。"
        ) from None
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise ArchiveError(
            f"附件“{attachment.original_name}”（{attachment.item.title}）的文件内容与上传时不一致，"
            "无法打包。"
        )
    return data


def archive_build(
    *,
    agency: Agency,
    date_from: date,
    date_to: date,
    out_path: Path,
    progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
) -> int:
    """Write the ZIP for [date_from, date_to] to ``out_path``; return how many items it holds.

    The ZIP is assembled next to ``out_path`` and moved into place at the end, so a failure
    never leaves a half-written package behind.
    """
    out_path = Path(out_path)
    items = list(archive_items(agency=agency, date_from=date_from, date_to=date_to))
    manifest = io.StringIO()
    writer = csv.writer(manifest)
    writer.writerow(MANIFEST_HEADERS)
    fd, tmp_name = tempfile.mkstemp(suffix=".zip.part", dir=out_path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            folders: set[str] = set()
            for number, item in enumerate(progress(items, len(items)), start=1):
                folder = _unique(_safe_name(item.index_number, f"item-{item.pk}"), folders)
                pdf_path = f"items/{folder}/{folder}.pdf"
                zf.writestr(pdf_path, archive_item_pdf(item))
                names: set[str] = set()
                attachment_paths = []
                for attachment in public_attachments(item):
                    name = _unique(
                        _safe_name(attachment.original_name, f"附件{attachment.pk}"), names
                    )
                    path = f"items/{folder}/attachments/{name}"
                    zf.writestr(path, _attachment_bytes(attachment))
                    attachment_paths.append(path)
                writer.writerow(
                    [
                        number,
                        item.index_number,
                        item.title,
                        item.doc_number,
                        item.publisher_name or item.agency.name,
                        _date(item.written_date),
                        _date(timezone.localdate(item.published_at)),
                        item.entry.path_name,
                        item.get_topic_display(),
                        item.get_disclosure_display(),
                        pdf_path,
                        "；".join(attachment_paths),
                    ]
                )
            # Excel opens a UTF-8 CSV correctly only with a BOM.
            zf.writestr("manifest.csv", "\ufeff" + manifest.getvalue())
        os.replace(tmp_name, out_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return len(items)
