"""The 自查报告 an office hands in each quarter: the verdict, the score, each indicator and its
findings with the way to fix them, as DOCX and XLSX."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _title(agency, run) -> str:
    return f"{agency.name}政府网站和政务公开自查报告（{run.day:%Y年%-m月%-d日}）"


def _verdict(run) -> str:
    verdict = "触发单项否决指标，不合格" if run.vetoed else "未触发单项否决指标"
    return f"检查结论：{verdict}；扣分项得分 {run.score} 分（满分100分）。"


def docx(agency, run, sections) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    document.add_heading(_title(agency, run), level=1)
    document.add_paragraph(_verdict(run))
    document.add_paragraph(
        "检查依据：国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》、《中华人民共和国政府信息"
        "公开条例》。检查范围为本平台上本机关发布的信息、栏目、留言和链接。"
    )
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("指标", "类型", "问题数", "结果"), strict=True):
        cell.text = text
    for section in sections:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = (
            section["name"],
            section["kind"],
            str(section["count"]),
        )
        row[3].text = _result(section)
    for number, section in enumerate([s for s in sections if s["findings"]], start=1):
        document.add_heading(f"{_cn_number(number)}、{section['name']}（{section['count']}个）", 2)
        if section["basis"]:
            document.add_paragraph(f"依据：{section['basis']}")
        for index, finding in enumerate(section["findings"], start=1):
            document.add_paragraph(
                f"{index}. {finding.object}：{finding.detail}"
                f"（{finding.first_seen:%Y年%-m月%-d日}首次发现）"
            )
            if finding.fix:
                document.add_paragraph(f"整改措施：{finding.fix}")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(agency, run, sections) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append([_title(agency, run)])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([_verdict(run)])
    summary.append([])
    summary.append(["指标", "类型", "问题数", "结果", "依据"])
    for section in sections:
        summary.append(
            [section["name"], section["kind"], section["count"], _result(section), section["basis"]]
        )
    detail = book.create_sheet("问题清单")
    detail.append(["指标", "对象", "问题", "整改措施", "首次发现", "页面", "扣分"])
    for section in sections:
        for finding in section["findings"]:
            detail.append(
                [
                    section["name"],
                    finding.object,
                    finding.detail,
                    finding.fix,
                    finding.first_seen,
                    finding.url,
                    float(finding.points),
                ]
            )
    for sheet in (summary, detail):
        for column in "ABCDEFG":
            sheet.column_dimensions[column].width = 28
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in detail["E"][1:]:
        cell.number_format = "yyyy-mm-dd"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _result(section) -> str:
    if section["vetoed"]:
        return "单项否决"
    if section["points"]:
        return f"扣{section['points']:g}分"
    return "无问题" if not section["count"] else "—"


def _cn_number(n: int) -> str:
    digits = "一二三四五六七八九十"
    return digits[n - 1] if n <= 10 else str(n)
