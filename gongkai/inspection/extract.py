"""The text of what the public reads, as lines for the detectors: an item's HTML body and its
DOCX (python-docx, tables too), XLSX (openpyxl, every sheet, read-only) and PDF (pdfplumber, as
``annual_reports.reader`` reads them) attachments. Pure functions over bytes; no Django.

A file that cannot be read raises :class:`Unreadable` (with the reason, in Chinese); a PDF without
a text layer (a scan) raises :class:`NoText`. Other types (DOC, XLS, OFD, images, ZIP) are not
read: :func:`file_lines` says so by returning None.
"""

from __future__ import annotations

import html
import io
import logging
import re
from collections.abc import Iterator

from .detect import Line

logger = logging.getLogger(__name__)

READABLE = frozenset({"docx", "xlsx", "pdf"})


class Unreadable(Exception):
    """The file is broken or not what its type says; ``str(error)`` is the reason in Chinese."""


class NoText(Unreadable):
    """A PDF without a text layer (a scanned document): nothing to read, nothing broken."""


# --- HTML --------------------------------------------------------------------------------------

_TABLE = re.compile(r"(<table\b.*?</table\s*>)", re.I | re.S)
_ROW_END = re.compile(r"</tr\s*>", re.I)
_CELL_END = re.compile(r"</t[dh]\s*>", re.I)
_BREAK = re.compile(r"<(?:br|/p|/li|/h\d|/div|/tr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def _strip(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


_BLOCK = re.compile(r"<(?:br|/p|/li|/h\d|/div|/tr|/t[dh])\b[^>]*>", re.I)


def html_text(markup: str) -> str:
    """The visible text of (sanitised) HTML, a line per paragraph and per table cell."""
    return html.unescape(_TAG.sub("", _BLOCK.sub("\n", markup or "")))


def html_lines(markup: str, group: str = "正文") -> list[Line]:
    """The visible text of (sanitised) HTML: each table row with its cells, prose line by line."""
    lines: list[Line] = []
    tables = 0
    for part in _TABLE.split(markup or ""):
        if _TABLE.fullmatch(part):
            tables += 1
            rows = [row for row in _ROW_END.split(part) if row.strip()]
            for number, row in enumerate(rows, start=1):
                cells = [_strip(cell).strip() for cell in _CELL_END.split(row)]
                if len(cells) > 1 and not cells[-1]:
                    cells.pop()  # what follows the last </td>
                cells = tuple(cells)
                if any(cells):
                    lines.append(Line(f"{group}表{tables}", cells, number))
        else:
            text = _strip(_BREAK.sub("\n", part))
            lines.extend(Line(group, (line,)) for line in text.splitlines() if line.strip())
    return lines


# --- Files -------------------------------------------------------------------------------------


def file_lines(data: bytes, file_type: str) -> list[Line] | None:
    """The lines of an attachment of ``file_type`` (as ``publishing.filetypes`` detected it), or
    None for a type that is not read. Raises :class:`Unreadable`."""
    reader = {"docx": _docx_lines, "xlsx": _xlsx_lines, "pdf": _pdf_lines}.get(file_type)
    if reader is None:
        return None
    try:
        return list(reader(data))
    except Unreadable:
        raise
    except Exception as exc:  # zip, XML and PDF parsers raise many kinds on a broken file
        logger.info("unreadable %s: %r", file_type, exc)  # the parser's own words, for staff
        raise Unreadable("文件已损坏，或内容与其扩展名所示格式不符") from None


def _docx_lines(data: bytes) -> Iterator[Line]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    tables = 0

    def table_lines(table: Table) -> Iterator[Line]:
        nonlocal tables
        tables += 1
        group = f"表{tables}"
        nested = []
        for number, row in enumerate(table.rows, start=1):
            cells = []
            for cell in row.cells:
                cells.append(cell.text.strip())
                nested.extend(cell.tables)
            yield Line(group, tuple(cells), number)
        for inner in nested:
            yield from table_lines(inner)

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            yield from (Line("正文", (line,)) for line in text.splitlines() if line.strip())
        elif tag == "tbl":
            yield from table_lines(Table(child, document))
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                if paragraph.text.strip():
                    yield Line("页眉页脚", (paragraph.text,))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_lines(data: bytes) -> Iterator[Line]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            group = f"工作表“{sheet.title}”"
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = tuple(_cell_text(value) for value in row)
                if any(cells):
                    yield Line(group, cells, number)
    finally:
        workbook.close()


def _pdf_lines(data: bytes) -> Iterator[Line]:
    import pdfplumber

    chars = 0
    lines: list[Line] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if not pdf.pages:
            raise Unreadable("PDF 没有页面")
        for number, page in enumerate(pdf.pages, start=1):
            chars += len(page.chars)
            text = page.extract_text() or ""
            lines.extend(
                Line(f"第{number}页", (line,)) for line in text.splitlines() if line.strip()
            )
            page.close()
    if not chars:
        raise NoText("PDF 没有文本层（可能是扫描件），无法自动检查")
    return iter(lines)
