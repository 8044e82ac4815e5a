"""DOCX and PDF versions of the HTML test reports, made at test time.

DOCX: python-docx, each HTML table rebuilt with its rowspan/colspan cells merged as Word merges
them. PDF: WeasyPrint renders the page (ruled tables, as published), and once more with the rules
taken away (a table drawn without lines, read from the words' positions).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .reportdata import REPORTS

HTML_REPORTS = sorted(
    path
    for folder in ("ok", "violations")
    for path in (REPORTS / folder).iterdir()
    if path.suffix in {".html", ".htm"}
)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    match = re.search(rb"charset=([A-Za-z0-9_-]+)", data[:2048])
    return data.decode(match.group(1).decode() if match else "utf-8")


def html_to_docx(source: Path, target: Path) -> None:
    import docx
    import lxml.html
    from lxml import etree

    root = lxml.html.document_fromstring(_decode(source))
    etree.strip_elements(root, etree.Comment, "script", "style", "head", with_tail=False)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    document = docx.Document()
    leaf_tables = [t for t in root.iter("table") if not t.xpath(".//table")]
    for element in root.iter():
        if element in leaf_tables:
            _add_table(document, element)
        elif element.tag in {"h1", "p"} and not any(
            ancestor in leaf_tables for ancestor in element.iterancestors()
        ):
            text = element.text_content().strip()
            if element.tag == "h1":
                document.add_heading(text, level=1)
            elif text:
                document.add_paragraph(text)
    document.save(str(target))


def _add_table(document, table) -> None:
    placed, occupied = [], set()
    rows = table.xpath("./tr | ./tbody/tr")
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.xpath("./td | ./th"):
            while (r, c) in occupied:
                c += 1
            rowspan, colspan = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            occupied |= {(r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan)}
            placed.append((r, c, rowspan, colspan, td.text_content().strip()))
            c += colspan
    width = max(c for _, c in occupied) + 1
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = "Table Grid"
    for r, c, rowspan, colspan, text in placed:
        cell = grid.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(grid.cell(r + rowspan - 1, c + colspan - 1))
        cell.text = text


def html_to_pdf(source: Path, target: Path, ruled: bool = True) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    text = _decode(source)
    if not ruled:
        text = text.replace("border:1px solid #000", "border:none").replace(
            'border="1"', 'border="0"'
        )
    weasyprint.HTML(string=text, base_url=str(source.parent)).write_pdf(str(target))


@pytest.fixture(scope="session")
def docx_reports(tmp_path_factory) -> list[tuple[Path, str, str]]:
    """[(docx path, report name, expected verdict folder)]"""
    out = tmp_path_factory.mktemp("docx")
    made = []
    for source in HTML_REPORTS:
        target = out / source.parent.name / f"{source.stem}.docx"
        target.parent.mkdir(exist_ok=True)
        html_to_docx(source, target)
        made.append((target, source.stem, source.parent.name))
    return made


def pdf_available() -> bool:
    try:
        import pdfplumber  # noqa: F401
        import weasyprint  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="session")
def pdf_reports(tmp_path_factory) -> list[tuple[Path, str, str]]:
    """[(pdf path, report name, expected verdict folder)], or [] without pdfplumber/WeasyPrint."""
    if not pdf_available():
        return []
    out = tmp_path_factory.mktemp("pdf")
    made = []
    for source in HTML_REPORTS:
        target = out / source.parent.name / f"{source.stem}.pdf"
        target.parent.mkdir(exist_ok=True)
        html_to_pdf(source, target)
        made.append((target, source.stem, source.parent.name))
    return made


@pytest.fixture(scope="session")
def all_reports(tmp_path_factory, docx_reports, pdf_reports) -> Path:
    """A folder like a supervisor's: every committed report plus the DOCX and PDF versions,
    in ok/, violations/ and unreadable/."""
    out = tmp_path_factory.mktemp("batch")
    shutil.copytree(REPORTS, out, dirs_exist_ok=True)
    for path, _, folder in [*docx_reports, *pdf_reports]:
        shutil.copy(path, out / folder / path.name)
    return out
