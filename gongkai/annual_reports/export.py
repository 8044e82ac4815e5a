"""The report in the official look: HTML (the portal's body and the standalone page), DOCX (A4,
方正小标宋 / 仿宋, tables with their merged headers) and PDF (WeasyPrint, Noto CJK)."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

from gongkai.core.pdf import write_pdf

from .formats import (
    APPLICANT_COLUMNS,
    FORMAT_2021,
    TABLE2_ROWS,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    Tables,
)
from .models import title_for


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    head: bool = False


def _v(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def table2_grid(tables: Tables) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    current, last_columns = None, None
    for row in TABLE2_ROWS[tables.format]:
        if row.item != current or len(row.columns) != last_columns:
            current = row.item
            rows.append([Cell(row.item, colspan=4, head=True)])
            if len(row.columns) == 1:
                rows.append(
                    [Cell("信息内容", head=True), Cell(row.columns[0], colspan=3, head=True)]
                )
            else:
                rows.append(
                    [Cell("信息内容", head=True)]
                    + [
                        Cell(
                            c,
                            head=True,
                            colspan=4 - len(row.columns) if i == len(row.columns) - 1 else 1,
                        )
                        for i, c in enumerate(row.columns)
                    ]
                )
        last_columns = len(row.columns)
        values = tables.table2.get(row.key) or [None] * len(row.columns)
        if len(row.columns) == 1:
            rows.append([Cell(row.label), Cell(_v(values[0]), colspan=3)])
        else:
            rows.append(
                [Cell(row.label)]
                + [
                    Cell(_v(v), colspan=4 - len(values) if i == len(values) - 1 else 1)
                    for i, v in enumerate(values)
                ]
            )
    return rows


def table3_grid(tables: Tables) -> list[list[Cell]]:
    fmt = tables.format
    grid = [
        [
            Cell(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                colspan=3,
                rowspan=3,
                head=True,
            ),
            Cell("申请人情况", colspan=7, head=True),
        ],
        [
            Cell("自然人", rowspan=2, head=True),
            Cell("法人或其他组织", colspan=5, head=True),
            Cell("总计", rowspan=2, head=True),
        ],
        [Cell(c, head=True) for c in APPLICANT_COLUMNS[1:6]],
    ]
    rows = TABLE3_ROWS[fmt]
    result_rows = [r for r in rows if r.key not in ("new", "carried_in", "results", "carried_over")]
    value_rows_in_results = [r for r in result_rows if not r.header]

    def values(key):
        return [Cell(_v(v)) for v in (tables.table3.get(key) or [None] * 7)]

    grid.append([Cell(rows[0].label, colspan=3), *values("new")])
    grid.append([Cell(rows[1].label, colspan=3), *values("carried_in")])
    first = True
    index = 0
    while index < len(result_rows):
        row = result_rows[index]
        cells = []
        if first:
            cells.append(Cell("三、本年度办理结果", rowspan=len(value_rows_in_results)))
            first = False
        if row.header:
            children = []
            j = index + 1
            while (
                j < len(result_rows)
                and not result_rows[j].header
                and result_rows[j].leaf
                and result_rows[j].label[:1].isdigit()
            ):
                children.append(result_rows[j])
                j += 1
            cells.append(Cell(row.label, rowspan=len(children)))
            cells += [Cell(children[0].label), *values(children[0].key)]
            grid.append(cells)
            for child in children[1:]:
                grid.append([Cell(child.label), *values(child.key)])
            index = j
            continue
        cells += [Cell(row.label, colspan=2), *values(row.key)]
        grid.append(cells)
        index += 1
    grid.append([Cell(rows[-1].label, colspan=3), *values("carried_over")])
    return grid


def table4_grid(tables: Tables) -> list[list[Cell]]:
    t4 = tables.table4
    return [
        [
            Cell("行政复议", colspan=5, rowspan=2, head=True),
            Cell("行政诉讼", colspan=10, head=True),
        ],
        [Cell("未经复议直接起诉", colspan=5, head=True), Cell("复议后起诉", colspan=5, head=True)],
        [Cell(c, head=True) for c in TABLE4_COLUMNS * 3],
        [
            Cell(_v(v))
            for key in ("review", "litigation_direct", "litigation_after_review")
            for v in (t4.get(key) or [None] * 5)
        ],
    ]


def grid_html(grid: list[list[Cell]], caption: str) -> str:
    out = [f'<table class="report-table"><caption>{html.escape(caption)}</caption>']
    for row in grid:
        out.append("<tr>")
        for cell in row:
            tag = "th" if cell.head else "td"
            span = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            out.append(f"<{tag}{span}>{html.escape(cell.text)}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{html.escape(line.strip())}</p>" for line in (text or "").splitlines() if line.strip()
    )


def report_fragment(report, tables: Tables) -> str:
    """Sections 一–六 with the three tables: the body of the published item."""
    parts = [
        "<h2>一、总体情况</h2>",
        _paragraphs(report.overview),
        "<h2>二、主动公开政府信息情况</h2>",
        _paragraphs(report.proactive_text),
        grid_html(table2_grid(tables), "主动公开政府信息情况"),
        "<h2>三、收到和处理政府信息公开申请情况</h2>",
        _paragraphs(report.requests_text),
        grid_html(table3_grid(tables), "收到和处理政府信息公开申请情况"),
        "<h2>四、政府信息公开行政复议、行政诉讼情况</h2>",
        _paragraphs(report.appeals_text),
        grid_html(table4_grid(tables), "政府信息公开行政复议、行政诉讼情况"),
        "<h2>五、存在的主要问题及改进情况</h2>",
        _paragraphs(report.problems),
        "<h2>六、其他需要报告的事项</h2>",
        _paragraphs(report.other_matters),
    ]
    return "".join(parts)


#: One stylesheet for the preview page (linked: the CSP refuses inline styles), the standalone
#: HTML and the PDF (inlined: they have no server to ask).
REPORT_CSS_PATH = (
    Path(__file__).resolve().parent.parent / "static" / "gongkai" / "css" / "report.css"
)
REPORT_CSS = REPORT_CSS_PATH.read_text(encoding="utf-8")


def report_html(report, tables: Tables, *, stylesheet: str | None = None) -> str:
    """A standalone HTML page of the report (also the source of the PDF); with ``stylesheet``
    (a URL) the style is linked rather than inlined, as a page under the CSP needs."""
    title = html.escape(title_for(report.agency, report.year))
    heading = f"{html.escape(report.agency.name)}<br>{report.year}年政府信息公开工作年度报告"
    style = (
        f"<link rel='stylesheet' href='{html.escape(stylesheet)}'>"
        if stylesheet
        else f"<style>{REPORT_CSS}</style>"
    )
    return (
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{title}</title>"
        f"{style}</head><body><h1>{heading}</h1>"
        f"{report_fragment(report, tables)}</body></html>"
    )


def report_pdf(report, tables: Tables) -> bytes | None:
    try:
        from weasyprint import HTML
    except OSError:  # Pango missing on this machine
        return None
    return write_pdf(HTML(string=report_html(report, tables)))


def report_docx(report, tables: Tables) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT  # noqa: F401 (portrait A4 is the default here)
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def font(run, name, size, bold=False):
        run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
        run.element.rPr.rFonts.set(qn("w:eastAsia"), name)

    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(heading.add_run(title_for(report.agency, report.year)), "方正小标宋简体", 22)

    def paragraphs(text):
        for line in (text or "").splitlines():
            if line.strip():
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(32)
                font(p.add_run(line.strip()), "仿宋_GB2312", 16)

    def section_heading(text):
        font(doc.add_paragraph().add_run(text), "黑体", 16)

    def table(grid):
        n_cols = sum(c.colspan for c in grid[0]) if grid else 0
        n_cols = max(n_cols, max(sum(c.colspan for c in row) for row in grid))
        t = doc.add_table(rows=len(grid), cols=n_cols)
        t.style = "Table Grid"
        taken = [[False] * n_cols for _ in grid]
        for r, row in enumerate(grid):
            c = 0
            for cell in row:
                while c < n_cols and taken[r][c]:
                    c += 1
                if c >= n_cols:
                    break
                target = t.cell(r, c)
                end_r, end_c = r + cell.rowspan - 1, c + cell.colspan - 1
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(t.cell(end_r, end_c))
                for rr in range(r, end_r + 1):
                    for cc in range(c, end_c + 1):
                        taken[rr][cc] = True
                target.text = ""
                run = target.paragraphs[0].add_run(cell.text)
                font(run, "仿宋_GB2312", 9, bold=cell.head)
                target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                c = end_c + 1

    section_heading("一、总体情况")
    paragraphs(report.overview)
    section_heading("二、主动公开政府信息情况")
    paragraphs(report.proactive_text)
    table(table2_grid(tables))
    section_heading("三、收到和处理政府信息公开申请情况")
    paragraphs(report.requests_text)
    table(table3_grid(tables))
    section_heading("四、政府信息公开行政复议、行政诉讼情况")
    paragraphs(report.appeals_text)
    table(table4_grid(tables))
    section_heading("五、存在的主要问题及改进情况")
    paragraphs(report.problems)
    section_heading("六、其他需要报告的事项")
    paragraphs(report.other_matters)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["FORMAT_2021", "report_docx", "report_fragment", "report_html", "report_pdf"]
