"""Attachment types, recognised by their content (never by the name the uploader chose)."""

from __future__ import annotations

import io
import zipfile

ALLOWED = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "jpg", "png", "zip")
LABELS = "PDF、OFD、DOC、DOCX、XLS、XLSX、JPG、PNG、ZIP"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect(head: bytes, data: bytes | None = None) -> str | None:
    """The file's real type from its bytes: one of ALLOWED, or None.

    ``head`` is the first bytes; ``data`` the whole file, needed to look inside ZIP containers
    (DOCX, XLSX and OFD are ZIP files with a known inner layout).
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(OLE2):
        return _ole_kind(data or head)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data) if data is not None else "zip"
    return None


def _ole_kind(data: bytes) -> str:
    # Word and Excel 97–2003 are both OLE2 compound files; their stream names tell them apart.
    if "Workbook".encode("utf-16-le") in data or b"Workbook" in data:
        return "xls"
    return "doc"


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"
