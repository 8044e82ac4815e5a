"""Reading a published annual report into table grids and prose.

A report is read as it was published: plain text with ``|``- (or tab-) separated table rows,
an HTML page, a DOCX file or a PDF with a text layer. What comes out is a :class:`Document`: every
table as a grid (rows of cell strings, merged cells repeated into each grid position they cover,
an empty cell as ``""``) and the prose outside the tables. Nothing is interpreted here; finding
表二/表三/表四 in the grids is :mod:`.parse`'s work.

Anything that cannot be read (a corrupt file, a PDF without a text layer, an unknown file type)
raises :class:`Unreadable` with a reason in Chinese.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

Grid = list[list[str]]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".docx", ".pdf"}


class Unreadable(Exception):
    """The file cannot be read as a report; ``reason`` says why (Chinese, for the user)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Document:
    kind: str  # "text" | "html" | "docx" | "pdf"
    tables: list[Grid] = field(default_factory=list)
    prose: str = ""


def read_path(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable("文件不存在") from None
    except IsADirectoryError:
        raise Unreadable("这是一个文件夹，不是文件") from None
    except OSError as exc:
        raise Unreadable(f"无法打开文件（{exc.strerror or exc}）") from None
    return read_bytes(data, path.name)


def read_bytes(data: bytes, filename: str = "") -> Document:
    """Read an uploaded or stored file; the type comes from the name's suffix, or from the content
    when the suffix says nothing."""
    if not data:
        raise Unreadable("文件为空")
    kind = _kind(data, Path(filename).suffix.lower())
    if kind == "pdf":
        return _read_pdf(data)
    if kind == "docx":
        return _read_docx(data)
    if kind == "html":
        return _read_html(data)
    if kind == "text":
        return _read_text(data)
    raise Unreadable(
        f"不支持的文件类型{Path(filename).suffix or ''}（支持 .txt .html .htm .docx .pdf）"
    )


def _kind(data: bytes, suffix: str) -> str | None:
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".doc":
        return None  # the old binary Word format: not read
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    if re.match(rb"(?i)(<!doctype\s+html|<html|<\?xml[^>]*>\s*<html|<table)", head):
        return "html"
    if suffix in {"", ".csv", ".tsv"} and b"\x00" not in data[:4096]:
        return "text"
    return None


# --- text ------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise Unreadable("不是文本文件")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise Unreadable("无法识别文本编码（不是 UTF-8 或 GB18030）") from None


_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def split_row(line: str) -> list[str] | None:
    """A table row of a text report: cells between ``|`` (or tabs); ``None`` for prose."""
    if "|" in line:
        raw = line.rstrip("\r\n")
        if _MARKDOWN_RULE.match(raw):
            return []
        cells = raw.split("|")
        if raw.lstrip().startswith("|"):
            cells = cells[1:]
        if raw.rstrip().endswith("|") and cells and not cells[-1].strip():
            cells = cells[:-1]
        return [cell.strip() for cell in cells]
    if "\t" in line.strip("\r\n\t ") or line.count("\t") >= 2:
        return [cell.strip() for cell in line.rstrip("\r\n").split("\t")]
    return None


def _read_text(data: bytes) -> Document:
    text = decode_text(data)
    tables: list[Grid] = []
    prose: list[str] = []
    current: Grid = []
    for line in text.splitlines():
        cells = split_row(line)
        if cells is None:
            if current:
                tables.append(current)
                current = []
            if line.strip():
                prose.append(line.strip())
        elif cells:
            current.append(cells)
    if current:
        tables.append(current)
    if not tables:
        spaced, rest = spaced_rows(text.splitlines())
        if spaced:
            return Document("text", [spaced], "\n".join(rest))
    return Document("text", tables, "\n".join(prose))


def spaced_rows(lines: list[str]) -> tuple[Grid, list[str]]:
    """Fallback for tables laid out with spaces: a line of three or more pieces separated by two
    or more spaces is a row. Blank cells cannot be told apart here (they leave no trace)."""
    rows: Grid = []
    rest: list[str] = []
    for line in lines:
        pieces = [p for p in re.split(r"\s{2,}|\u3000+", line.strip()) if p]
        if (len(pieces) >= 3 and any(re.search(r"\d", p) for p in pieces[1:])) or (
            len(pieces) == 2 and _NUMERIC_WORD.match(pieces[1])
        ):
            rows.append(pieces)
        elif line.strip():
            rest.append(line.strip())
    return rows, rest


# --- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "title",
    "table",
    "blockquote",
    "pre",
    "dd",
    "dt",
}


def _decode_html(data: bytes) -> str:
    head = data[:4096]
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", head, re.I)
    if match and not data.startswith(b"\xef\xbb\xbf"):
        charset = match.group(1).decode("ascii").lower()
        if charset in {"gb2312", "gbk", "gb_2312-80", "x-gbk"}:
            charset = "gb18030"
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode_text(data)


def _cell_text(element) -> str:
    return "".join(element.itertext()).strip()


def html_grid(table) -> Grid:
    """An lxml ``<table>`` as a grid: ``rowspan``/``colspan`` cells repeated into every position
    they cover."""
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    occupied: dict[tuple[int, int], str] = {}
    widths: dict[int, int] = {}
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.xpath("./td | ./th"):
            while (r, c) in occupied:
                c += 1
            colspan = _span(td.get("colspan"), 50)
            rowspan = _span(td.get("rowspan"), 200)
            text = _cell_text(td)
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied[(r + dr, c + dc)] = text
                    widths[r + dr] = max(widths.get(r + dr, 0), c + dc + 1)
            c += colspan
    return [
        [occupied.get((r, c), "") for c in range(widths.get(r, 0))]
        for r in range(len(rows))
        if widths.get(r, 0)
    ]


def _span(value: str | None, limit: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), limit)


def _read_html(data: bytes) -> Document:
    import lxml.html
    from lxml import etree

    text = _decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise Unreadable("网页没有内容")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise Unreadable(f"无法解析网页（{exc}）") from None
    etree.strip_elements(root, etree.Comment, "script", "style", "noscript", with_tail=False)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    tables: list[Grid] = []
    for table in list(root.iter("table")):
        if table.xpath(".//table"):
            continue  # a layout table: its own text is prose
        grid = html_grid(table)
        if grid:
            tables.append(grid)
        parent = table.getparent()
        if parent is not None:
            table.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = [line.strip() for line in root.text_content().splitlines()]
    return Document("html", tables, "\n".join(line for line in lines if line))


# --- DOCX ------------------------------------------------------------------------------------


def _read_docx(data: bytes) -> Document:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        logger.info("not a DOCX: %r", exc)
        raise Unreadable("不是有效的 DOCX 文件（文件已损坏，或不是 Word 的 .docx 格式）") from None
    except Exception as exc:  # lxml errors on broken XML inside the package
        logger.info("unreadable DOCX: %r", exc)
        raise Unreadable("无法读取 DOCX 文件（文件内容已损坏）") from None
    tables: list[Grid] = []
    prose: list[str] = []

    def take(table) -> None:
        nested = [inner for row in table.rows for cell in row.cells for inner in cell.tables]
        if nested:
            for row in table.rows:
                for cell in row.cells:
                    prose.extend(p.text for p in cell.paragraphs if p.text.strip())
            for inner in nested:
                take(inner)
            return
        grid: Grid = []
        for row in table.rows:
            before = getattr(row, "grid_cols_before", 0) or 0
            grid.append([""] * before + [cell.text.strip() for cell in row.cells])
        tables.append(grid)

    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                prose.append(text)
        elif tag == "tbl":
            take(Table(child, document))
    return Document("docx", tables, "\n".join(prose))


# --- PDF -------------------------------------------------------------------------------------


def _read_pdf(data: bytes) -> Document:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        raise Unreadable("未安装 pdfplumber，无法读取 PDF") from None
    tables: list[Grid] = []
    prose: list[str] = []
    fallback_tables: list[Grid] = []
    fallback_prose: list[str] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise Unreadable("PDF 没有页面")
            for page in pdf.pages:
                chars += len(page.chars)
                if not page.chars:
                    continue
                found = page.find_tables()
                outside = page
                for table in found:
                    grid = _pdf_grid(table.extract())
                    if grid:
                        tables.append(grid)
                    try:
                        outside = outside.outside_bbox(table.bbox)
                    except ValueError:
                        pass
                text = outside.extract_text() or ""
                prose.extend(line.strip() for line in text.splitlines() if line.strip())
                if not tables:
                    rows, rest = _pdf_word_rows(page)
                    if rows:
                        fallback_tables.append(rows)
                    fallback_prose.extend(rest)
    except Unreadable:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a corrupt file
        logger.info("unreadable PDF: %r", exc)
        raise Unreadable("无法解析 PDF（文件已损坏或已加密）") from None
    if not chars:
        raise Unreadable("PDF 没有文本层（可能是扫描件），无法读取")
    if not tables and fallback_tables:
        return Document("pdf", fallback_tables, "\n".join(fallback_prose))
    return Document("pdf", tables, "\n".join(prose))


_NUMERIC_WORD = re.compile(
    r"^(?:[+\-−]?[0-9０-９][0-9０-９,，.．]*(?:件|万元|元|个|项|条)?|[—\-/／―－]+)$"
)


def _pdf_word_rows(page) -> tuple[Grid, list[str]]:
    """Fallback for a table drawn without lines: rebuild rows from the words' positions.

    A line ending in numbers is a table row; the text lines around it that stand left of its
    numbers (a label wrapped over several lines, a group label such as “（三）不予公开”) are
    attached to the nearest such row, and grouped into cells by the columns they stand in.
    Blank cells leave no trace here and cannot be told apart."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2)
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= (word["bottom"] - word["top"]) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    value_lines: list[dict] = []
    text_lines: list[list[dict]] = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        split = len(line)
        while split and _NUMERIC_WORD.match(line[split - 1]["text"]):
            split -= 1
        numbers, labels = line[split:], line[:split]
        if numbers and (len(numbers) >= 2 or labels):
            value_lines.append({"numbers": numbers, "fragments": list(labels), "line": line})
        else:
            text_lines.append(line)
    if not value_lines:
        return [], [" ".join(w["text"] for w in line) for line in lines]

    def middle(items: list[dict]) -> float:
        return (min(w["top"] for w in items) + max(w["bottom"] for w in items)) / 2

    height = sorted(w["bottom"] - w["top"] for w in words)[len(words) // 2]
    rest: list[str] = []
    for line in text_lines:
        x1 = max(w["x1"] for w in line)
        candidates = [
            (abs(middle(line) - middle(value["line"])), index)
            for index, value in enumerate(value_lines)
            if x1 <= value["numbers"][0]["x0"] + 1
            and abs(middle(line) - middle(value["line"])) <= 4 * height
        ]
        if candidates:
            value_lines[min(candidates)[1]]["fragments"].extend(line)
        else:
            rest.append(" ".join(w["text"] for w in line))
    rows: Grid = []
    for value in value_lines:
        columns: list[list[dict]] = []
        for word in sorted(value["fragments"], key=lambda w: w["x0"]):
            for column in columns:
                if word["x0"] < max(w["x1"] for w in column) and word["x1"] > min(
                    w["x0"] for w in column
                ):
                    column.append(word)
                    break
            else:
                columns.append([word])
        cells = [
            "".join(w["text"] for w in sorted(column, key=lambda w: (w["top"], w["x0"])))
            for column in columns
        ]
        rows.append(cells + [w["text"] for w in value["numbers"]])
    return rows, rest


def _pdf_grid(rows: list[list[str | None]]) -> Grid:
    """pdfplumber gives ``None`` for a grid position covered by a merged cell: repeat the text of
    the cell to its left (as HTML's colspan does), or leave it empty at the row's start."""
    grid: Grid = []
    for row in rows:
        cells: list[str] = []
        for value in row:
            if value is None:
                cells.append(cells[-1] if cells else "")
            else:
                cells.append(value.strip())
        if any(cells):
            grid.append(cells)
    return grid
