"""落实情况报告 draft (DOCX, python-docx), laid out like seed 000 (县交通运输局2019年政务公开工作要点
落实情况报告): an opening paragraph, "一、工作要点落实情况" with the plan's parts and each task's
progress as reported by its units, then "二、主要做法" and "三、存在的问题及下步工作计划" for
the office to write."""

from __future__ import annotations

import io
from datetime import date

from . import selectors
from .models import PlanTask, WorkPlan

NO_REPORT = "【尚未报送落实情况，请牵头单位补充。】"
TO_WRITE = "【请公开办补充。】"

BODY_FONT, HEADING_FONT, SUBHEADING_FONT, TITLE_FONT = (
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "方正小标宋简体",
)


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (numbering of headings in official documents)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def sections(plan: WorkPlan) -> list[tuple[PlanTask | None, list[PlanTask]]]:
    """(top-level part, its tasks) in document order; tasks outside any part come alone."""
    nodes = list(plan.nodes.order_by("position"))
    by_id = {n.pk: n for n in nodes}
    grouped: list[tuple[PlanTask | None, list[PlanTask]]] = []
    index: dict[int | None, int] = {}
    for node in nodes:
        if not node.is_task:
            continue
        root = node
        while root.parent_id is not None:
            root = by_id[root.parent_id]
        key = None if root.pk == node.pk else root.pk
        if key not in index:
            index[key] = len(grouped)
            grouped.append((None if key is None else root, []))
        grouped[index[key]][1].append(node)
    return grouped


def progress_paragraphs(task: PlanTask) -> list[str]:
    """Each unit's latest report, lead units first, one paragraph per line written."""
    paragraphs: list[str] = []
    for report in selectors.latest_reports(task):
        paragraphs += [line.strip() for line in report.text.splitlines() if line.strip()]
    return paragraphs


def report_docx(plan: WorkPlan, today: date) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def styled(paragraph, size, font, bold=False):
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = font
            run.font.color.rgb = RGBColor(0, 0, 0)
            run.element.rPr.rFonts.set(qn("w:eastAsia"), font)
        return paragraph

    def heading(text, level):
        # Word's heading styles, so the draft has a navigation pane; official fonts on top.
        paragraph = document.add_heading(text, level=level)
        paragraph.paragraph_format.first_line_indent = Pt(32)
        return styled(paragraph, 16, HEADING_FONT if level == 1 else SUBHEADING_FONT)

    def body(text, lead=""):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        if lead:
            paragraph.add_run(lead)
        paragraph.add_run(text)
        styled(paragraph, 16, BODY_FONT)
        if lead:
            paragraph.runs[0].font.bold = True
        return paragraph

    agency = plan.agency
    title = document.add_paragraph(f"{agency.name}{plan.year}年政务公开工作要点落实情况报告")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled(title, 22, TITLE_FONT)
    body(
        f"{plan.year}年，{agency.name}按照《{plan.title}》要求，紧密结合本机关工作实际，"
        "逐项分解任务、明确责任单位，扎实推进政务公开各项工作。现将"
        f"{agency.name}{plan.year}年政务公开工作要点落实情况报告如下："
    )

    heading("一、工作要点落实情况", 1)
    grouped = sections(plan)
    numbered_parts = any(part is not None for part, _ in grouped)
    part_number = 0
    for part, tasks in grouped:
        if part is not None:
            part_number += 1
            heading(f"（{cn_number(part_number)}）{part.title}", 2)
        for index, task in enumerate(tasks, start=1):
            number = (
                f"{index}." if numbered_parts and part is not None else f"（{cn_number(index)}）"
            )
            paragraphs = progress_paragraphs(task) or [NO_REPORT]
            body(paragraphs[0], lead=f"{number}{task.title}。")
            for text in paragraphs[1:]:
                body(text)

    heading("二、主要做法", 1)
    body(TO_WRITE)
    heading("三、存在的问题及下步工作计划", 1)
    heading("（一）存在的问题", 2)
    body(TO_WRITE)
    heading("（二）下步工作计划", 2)
    body(TO_WRITE)

    for line in (agency.name, cn_date(today)):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        styled(paragraph, 16, BODY_FONT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
