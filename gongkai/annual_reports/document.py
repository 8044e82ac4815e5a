"""The report as a document: drafted sentences from the figures, and warnings for the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .formats import Tables

OVERVIEW_LIMIT = 1000  # 总体情况: 篇幅原则上不超过一千字 (2021 format)


def _n(value) -> int:
    return int(value or 0)


def draft_proactive(by_column: list[tuple[str, int]], tables: Tables, year: int) -> str:
    total = sum(n for _, n in by_column)
    if not total:
        return f"{year}年度，本机关未通过政府信息公开专栏主动公开政府信息。"
    parts = "、".join(f"{name}{n}条" for name, n in by_column)
    normative = tables.table2.get("normative") or [0, 0, 0]
    return (
        f"{year}年度，本机关在政府信息公开专栏主动公开政府信息{total}条，其中{parts}。"
        f"本年制发行政规范性文件{_n(normative[0])}件，废止{_n(normative[1])}件，"
        f"现行有效{_n(normative[2])}件。"
    )


def draft_requests(tables: Tables, year: int) -> str:
    t = tables.table3
    withheld = sum(_n(t[k][6]) for k in t if k.startswith("withheld_"))
    unable = sum(_n(t[k][6]) for k in t if k.startswith("unable_"))
    not_processed = sum(_n(t[k][6]) for k in t if k.startswith("not_processed_"))
    other = sum(_n(t[k][6]) for k in t if k == "other" or k.startswith("other_"))
    return (
        f"{year}年度，本机关新收政府信息公开申请{_n(t['new'][6])}件，上年结转{_n(t['carried_in'][6])}件；"
        f"本年度办结{_n(t['total'][6])}件，其中予以公开{_n(t['disclosed'][6])}件，"
        f"部分公开{_n(t['partial'][6])}件，不予公开{withheld}件，无法提供{unable}件，"
        f"不予处理{not_processed}件，其他处理{other}件；结转下年度继续办理{_n(t['carried_over'][6])}件。"
    )


def draft_appeals(tables: Tables, year: int) -> str:
    t4 = tables.table4
    review = _n(t4["review"][4])
    litigation = _n(t4["litigation_direct"][4]) + _n(t4["litigation_after_review"][4])
    if not review and not litigation:
        return f"{year}年度，本机关未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。"
    return (
        f"{year}年度，本机关因政府信息公开被申请行政复议{review}件，"
        f"其中结果维持{_n(t4['review'][0])}件、结果纠正{_n(t4['review'][1])}件、"
        f"其他结果{_n(t4['review'][2])}件、尚未审结{_n(t4['review'][3])}件；"
        f"被提起行政诉讼{litigation}件。"
    )


def draft_other(fee_count: int, fee_amount: int, year: int) -> str:
    if not fee_count:
        return f"{year}年度，本机关未收取政府信息公开信息处理费。"
    return (
        f"{year}年度，本机关依据《政府信息公开信息处理费管理办法》收取信息处理费"
        f"{fee_amount}元（{fee_count}件申请）。"
    )


@dataclass(frozen=True)
class TextWarning:
    section: str
    message: str


# Phrases in the prose that name a table quantity: (pattern, how to read the tables, label).
PHRASES = [
    (
        r"(?:新收|收到|受理)[^。；，,]{0,12}?申请[^。；，,\d]{0,6}(\d+)\s*件",
        lambda t: t.table3["new"][6],
        "新收申请",
    ),
    (r"予以公开\s*(\d+)\s*件", lambda t: t.table3["disclosed"][6], "予以公开"),
    (r"部分公开\s*(\d+)\s*件", lambda t: t.table3["partial"][6], "部分公开"),
    (
        r"不予公开\s*(\d+)\s*件",
        lambda t: sum(_n(t.table3[k][6]) for k in t.table3 if k.startswith("withheld_")),
        "不予公开",
    ),
    (r"上年结转\s*(\d+)\s*件", lambda t: t.table3["carried_in"][6], "上年结转"),
    (r"结转下年度(?:继续办理)?\s*(\d+)\s*件", lambda t: t.table3["carried_over"][6], "结转下年度"),
    (r"行政复议\s*(\d+)\s*件", lambda t: t.table4["review"][4], "行政复议"),
]


def text_warnings(sections: dict[str, str], tables: Tables) -> list[TextWarning]:
    """总体情况 over 1,000 characters, and numbers in the text that contradict the tables."""
    warnings = []
    overview = re.sub(r"\s", "", sections.get("一、总体情况", ""))
    if len(overview) > OVERVIEW_LIMIT:
        warnings.append(TextWarning("一、总体情况", f"总体情况{len(overview)}字，超过1000字。"))
    for section, text in sections.items():
        for pattern, reader, label in PHRASES:
            for match in re.finditer(pattern, text or ""):
                said, actual = int(match.group(1)), reader(tables)
                if actual is not None and said != actual:
                    warnings.append(
                        TextWarning(
                            section,
                            f"文中“{match.group(0)}”与表格不一致：表格中{label}为{actual}件。",
                        )
                    )
    return warnings
