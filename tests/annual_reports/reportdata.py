"""The test reports: their numbers, and how they are written out as published files.

The files under ``reports/`` were written by this module (``.venv/bin/python -m
tests.annual_reports.reportdata`` writes them again); the tests read the files and compare what
the checker finds with the numbers here. Each writer imitates a way real sites publish: plain text
like seed 002 (half-width brackets, "件" after numbers, labels split over cells, a mislabelled
heading, 表四 as one 15-cell row), Markdown-style pipes, tab-separated text, and HTML pages in the
format's own layout (rowspan/colspan headers, inline styles, ``&nbsp;``, a layout table around
everything, a GBK page). DOCX and PDF versions are made from the HTML pages at test time.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.annual_reports.formats import (
    APPLICANT_COLUMNS,
    FORMAT_2019,
    FORMAT_2021,
    TABLE2_ROWS,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    Tables,
)

REPORTS = Path(__file__).parent / "reports"


@dataclass
class Report:
    name: str  # file name without suffix
    folder: str  # ok / violations: the verdict expected
    fmt: str
    year: int | None
    agency: str
    t2: dict
    t3: dict
    t4: dict
    prose: list[str] = field(default_factory=list)  # 一、总体情况 paragraphs
    writers: tuple[str, ...] = ("seed",)

    def tables(self) -> Tables:
        tables = Tables.empty(self.fmt)
        for target, source in (
            (tables.table2, self.t2),
            (tables.table3, self.t3),
            (tables.table4, self.t4),
        ):
            for key in target:
                if key in source:
                    target[key] = list(source[key])
                else:
                    target[key] = [0] * len(target[key])
        return tables

    def title(self) -> str:
        if self.year is None:
            return f"{self.agency}政府信息公开工作年度报告"
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"


Z7 = [0] * 7

# A consistent 2021-format report. Per column: 一 + 二 − 四 = 三(七) = sum of the leaves.
T3_OK = {
    "new": [10, 2, 0, 1, 0, 1, 14],
    "carried_in": [1, 0, 0, 0, 0, 0, 1],
    "disclosed": [5, 1, 0, 0, 0, 0, 6],
    "partial": [1, 0, 0, 0, 0, 0, 1],
    "withheld_4": [1, 0, 0, 0, 0, 0, 1],
    "unable_1": [2, 0, 0, 1, 0, 0, 3],
    "not_processed_2": [1, 0, 0, 0, 0, 0, 1],
    "other_1": [0, 1, 0, 0, 0, 1, 2],
    "total": [10, 2, 0, 1, 0, 1, 14],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
}
T2_2021 = {
    "regulation": [0, 0, 3],
    "normative": [5, 2, 48],
    "licensing": [1234],
    "penalty": [56],
    "enforcement": [3],
    "fees": [12.5],
}
T4_OK = {
    "review": [1, 0, 0, 0, 1],
    "litigation_direct": [0, 0, 1, 1, 2],
    "litigation_after_review": [0, 0, 0, 0, 0],
}
PROSE_OK = [
    "本年度共收到政府信息公开申请14件，上年结转1件。其中予以公开6件，部分公开1件，"
    "不予公开1件，无法提供3件，不予处理1件，结转下年度继续办理1件。",
    "全年因政府信息公开被申请行政复议1件，提起行政诉讼2件。",
]

# The same report with mistakes: 三(一) 总计 7 (C, and B on 总计); 四 总计 2 (C, and A on 总计);
# 表四 行政复议 总计 2 (D).
T3_BAD = dict(T3_OK, disclosed=[5, 1, 0, 0, 0, 0, 7], carried_over=[1, 0, 0, 0, 0, 0, 2])
T4_BAD = dict(T4_OK, review=[1, 0, 0, 0, 2])

# 2019 format: one （六）其他处理 row; 表二 with 上一年项目数量/本年增/减 and 政府集中采购.
T3_2019 = {
    "new": [4, 1, 0, 0, 0, 0, 5],
    "carried_in": [0, 0, 0, 0, 0, 0, 0],
    "disclosed": [3, 0, 0, 0, 0, 0, 3],
    "unable_1": [1, 0, 0, 0, 0, 0, 1],
    "other": [0, 1, 0, 0, 0, 0, 1],
    "total": [4, 1, 0, 0, 0, 0, 5],
    "carried_over": [0, 0, 0, 0, 0, 0, 0],
}
T2_2019 = {
    "regulation": [0, 0, 0],
    "normative": [3, 3, 21],
    "licensing": [112, -4, 860],
    "other_services": [20, 2, 133],
    "penalty": [15, 0, 42],
    "enforcement": [4, 1, 6],
    "fees": [2, -1],
    "procurement": [9, 356.8],
}
T4_2019 = {
    "review": [0, 0, 0, 0, 0],
    "litigation_direct": [0, 0, 0, 0, 0],
    "litigation_after_review": [0, 0, 0, 0, 0],
}
# 2019 with the 总计 column of 三(七) and the 商业企业 cell of （六）其他处理 disagreeing.
T3_2019_BAD = dict(T3_2019, other=[0, 0, 0, 0, 0, 0, 1])

# Blank cells: 二 科研机构 and 表二 收费金额 left empty, 表四 复议后起诉 尚未审结 "—".
T3_BLANK = dict(T3_OK, carried_in=[1, 0, None, 0, 0, 0, 1])
T2_BLANK = dict(T2_2021, fees=[None])
T4_BLANK = dict(T4_OK, litigation_after_review=[0, 0, 0, None, 0])

# Tables fine, prose wrong: 收到申请15件 (table 14), 予以公开5件 (table 6), 行政诉讼3件 (table 2).
PROSE_MISMATCH = [
    "本年度共收到政府信息公开申请15件，上年结转1件。其中予以公开5件，部分公开1件。",
    "全年因政府信息公开被申请行政复议1件，提起行政诉讼3件。",
]

AGENCY = "示例县交通运输局"
REPORT_LIST = [
    Report(
        "2021_ok",
        "ok",
        FORMAT_2021,
        2022,
        AGENCY,
        T2_2021,
        T3_OK,
        T4_OK,
        PROSE_OK,
        ("seed", "html"),
    ),
    Report(
        "2021_bad",
        "violations",
        FORMAT_2021,
        2022,
        AGENCY,
        T2_2021,
        T3_BAD,
        T4_BAD,
        PROSE_OK,
        ("seed", "html"),
    ),
    Report(
        "2019_ok",
        "ok",
        FORMAT_2019,
        2020,
        "示例县人民政府办公室",
        T2_2019,
        T3_2019,
        T4_2019,
        ["2020年，本机关收到政府信息公开申请5件，予以公开3件。"],
        ("html_gbk", "markdown"),
    ),
    Report(
        "2019_bad",
        "violations",
        FORMAT_2019,
        2019,
        "示例县人民政府办公室",
        T2_2019,
        T3_2019_BAD,
        T4_2019,
        ["本年度收到政府信息公开申请5件。"],
        ("tabs",),
    ),
    Report(
        "2021_blank",
        "violations",
        FORMAT_2021,
        None,
        "示例县自然资源局",
        T2_BLANK,
        T3_BLANK,
        T4_BLANK,
        ["本机关依法办理政府信息公开申请，做到应公开尽公开。"],
        ("html", "seed"),
    ),
    Report(
        "2021_prose_mismatch",
        "ok",
        FORMAT_2021,
        2023,
        "示例县卫生健康局",
        T2_2021,
        T3_OK,
        T4_OK,
        PROSE_MISMATCH,
        ("markdown",),
    ),
]
BY_NAME = {report.name: report for report in REPORT_LIST}


# --- writing ---------------------------------------------------------------------------------


# How a blank cell is written: left empty in 表二, a dash in 表三, a slash in 表四.
BLANKS = {"t2": "", "t3": "—", "t4": "／"}


def _cell(value, report: Report, unit: str = "", table: str = "t3") -> str:
    if value is None:
        return BLANKS[table]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{unit}"


def _t3_layout(fmt: str) -> list[tuple[list[tuple[str, int, int]], str]]:
    """表三's label cells as the format lays them out: [(text, rowspan, colspan)], row key."""
    labels = {row.key: row.label for row in TABLE3_ROWS[fmt]}
    rows = [row.key for row in TABLE3_ROWS[fmt]]
    layout = [([(labels["new"], 1, 3)], "new"), ([(labels["carried_in"], 1, 3)], "carried_in")]
    results = [
        ([(labels["disclosed"], 1, 2)], "disclosed"),
        ([(labels["partial"], 1, 2)], "partial"),
    ]
    groups = ["withheld", "unable", "not_processed"] + (["other"] if fmt == FORMAT_2021 else [])
    for group in groups:
        children = [key for key in rows if key.startswith(group + "_")]
        for index, key in enumerate(children):
            cells = [(labels[group], len(children), 1)] if index == 0 else []
            results.append(([*cells, (labels[key], 1, 1)], key))
    if fmt == FORMAT_2019:
        results.append(([(labels["other"], 1, 2)], "other"))
    results.append(([(labels["total"], 1, 2)], "total"))
    first_cells, first_key = results[0]
    results[0] = ([("三、本年度办理结果", len(results), 1), *first_cells], first_key)
    return [*layout, *results, ([(labels["carried_over"], 1, 3)], "carried_over")]


def _t2_groups(fmt: str) -> list[tuple[str, list]]:
    groups: list[tuple[str, list]] = []
    for row in TABLE2_ROWS[fmt]:
        if groups and groups[-1][0] == row.item and groups[-1][1][0].columns == row.columns:
            groups[-1][1].append(row)
        else:
            groups.append((row.item, [row]))
    return groups


def _seedish(label: str) -> str:
    """Seed 002's habits: half-width brackets and colons, a space inside some labels."""
    label = label.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")
    return {"(五)不予处理": "(五)不予 处理", "商业企业": "商业 企业", "科研机构": "科研 机构"}.get(
        label, label
    )


def write_seed(report: Report) -> str:
    """Plain text like seed 002."""
    fmt = report.fmt
    lines = [report.title(), "一、总体情况", *report.prose, "二、主动公开政府信息"]
    groups = _t2_groups(fmt)
    for number, (item, rows) in enumerate(groups):
        # Seed 002 heads its fee row 第(五)项 by mistake; do the same to the last group.
        heading = item.replace("第二十条", "第二十条 ")
        if number == len(groups) - 1 and fmt == FORMAT_2021:
            heading = "第二十条 第（五）项"
        lines.append(f"{_seedish(heading)} | |||")
        lines.append(" | ".join(["信息内容", *(_seedish(c) for c in rows[0].columns)]) + " |")
        for row in rows:
            unit = "件" if row.key in {"licensing", "penalty"} else ""
            cells = [_cell(v, report, unit, "t2") for v in report.t2.get(row.key, [0] * 3)]
            pad = " |" * (3 - len(cells)) if len(cells) < 3 else ""
            lines.append(" | ".join([row.label, *cells]) + pad + " |")
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.append(
        "(本列数据的勾稽关系为:第一项加第二项之和等于第三项加第四项之和) | 申请人情况 | ||||||||"
    )
    lines.append("自然人 | 法人或其他组织 | 总计 | |||||||")
    lines.append(" | ".join(_seedish(c) for c in APPLICANT_COLUMNS[1:6]) + " | ||||")
    for cells, key in _t3_layout(fmt):
        values = [_cell(v, report) for v in report.t3.get(key, [0] * 7)]
        texts = [_seedish(text) for text, _, _ in cells]
        pad = " | |" if len(cells) == 1 and cells[0][2] == 3 else " |"
        lines.append(" | ".join([*texts, *values]) + pad)
    lines.append("四、因政府信息公开被申请行政复议、提请行政诉讼情况")
    lines.append("行政复议 | 行政诉讼 | |||||||||||||")
    lines.append("未经复议直接起诉 | 复议后起诉 | |||||||||||||")
    lines.append(" | ".join(TABLE4_COLUMNS * 3))
    values = [_cell(v, report, table="t4") for key in report.t4 for v in report.t4[key]]
    lines.append(" | ".join(values))
    lines += ["五、存在的问题及改进措施", "(一)存在的主要问题。", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines) + "\n"


def write_markdown(report: Report) -> str:
    """Markdown-style pipes: a leading and trailing ``|``, a rule under the header, full-width
    labels, label cells repeated as a converter spreading merged cells would."""
    fmt = report.fmt
    out = [f"# {report.title()}", "", "## 一、总体情况", "", *report.prose, ""]
    out.append("## 二、主动公开政府信息情况")
    for item, rows in _t2_groups(fmt):
        out += ["", f"| {item} | | | |", "|---|---|---|---|"]
        out.append("| " + " | ".join(["信息内容", *rows[0].columns]) + " |")
        for row in rows:
            cells = [_cell(v, report, table="t2") for v in report.t2.get(row.key, [])]
            cells += [""] * (3 - len(cells))
            out.append("| " + " | ".join([row.label, *cells]) + " |")
    out += ["", "## 三、收到和处理政府信息公开申请情况", ""]
    out.append("| 申请人情况 | | | " + " | ".join(APPLICANT_COLUMNS) + " |")
    out.append("|" + "---|" * 10)
    for cells, key in _t3_layout(fmt):
        texts: list[str] = []
        for text, _, colspan in cells:
            texts += [text] * colspan
        texts = [""] * (3 - len(texts)) + texts
        values = [_cell(v, report) for v in report.t3.get(key, [0] * 7)]
        out.append("| " + " | ".join([*texts, *values]) + " |")
    out += ["", "## 四、政府信息公开行政复议、行政诉讼情况", ""]
    out.append("| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |")
    out.append("|" + "---|" * 15)
    out.append(
        "| " + " | ".join(TABLE4_COLUMNS + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5) + " |"
    )
    out.append("| " + " | ".join(TABLE4_COLUMNS * 3) + " |")
    t4 = [_cell(v, report, table="t4") for k in report.t4 for v in report.t4[k]]
    out.append("| " + " | ".join(t4) + " |")
    out += ["", "## 五、存在的主要问题及改进情况", "", "无。", ""]
    return "\n".join(out)


def write_tabs(report: Report) -> str:
    """Tab-separated rows, as copied out of a spreadsheet."""
    fmt = report.fmt
    out = [report.title(), "一、总体情况", *report.prose, "二、主动公开政府信息情况"]
    for item, rows in _t2_groups(fmt):
        out.append(f"{item}\t\t\t")
        out.append("\t".join(["信息内容", *rows[0].columns]))
        for row in rows:
            cells = [_cell(v, report, table="t2") for v in report.t2[row.key]]
            out.append("\t".join([row.label, *cells]))
    out.append("三、收到和处理政府信息公开申请情况")
    out.append("\t".join(["", "", "", *APPLICANT_COLUMNS]))
    for cells, key in _t3_layout(fmt):
        texts = [text for text, _, _ in cells]
        values = [_cell(v, report) for v in report.t3.get(key, [0] * 7)]
        out.append("\t".join([*texts, *values]))
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    out.append("\t".join(["行政复议", "", "", "", "", "行政诉讼"]))
    out.append("\t".join(TABLE4_COLUMNS * 3))
    out.append("\t".join(_cell(v, report, table="t4") for k in report.t4 for v in report.t4[k]))
    out.append("五、存在的主要问题及改进情况")
    return "\n".join(out) + "\n"


_TD = 'style="border:1px solid #000;padding:2px 4px;font-size:10pt"'


def _td(text: str, rowspan: int = 1, colspan: int = 1, style: str = _TD) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    body = html.escape(text).replace("\n", "<br/>")
    return f'<td{spans} {style}><p style="margin:0;text-align:center"><span>{body}</span></p></td>'


def _num(value, report: Report, index: int, table: str = "t3") -> str:
    text = _cell(value, report, table=table)
    if text.isdigit() and index % 5 == 3:
        text = f"&nbsp;{text}&nbsp;"  # padded like many sites' editors do
    elif text.isdigit() and index % 7 == 5:
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return f'<td {_TD}><p style="margin:0;text-align:center"><span>{text}</span></p></td>'


def write_html(report: Report, charset: str = "utf-8") -> str:
    fmt = report.fmt
    table_open = (
        '<table border="1" cellspacing="0" cellpadding="0" width="100%" '
        'style="border-collapse:collapse;border:1px solid #000">'
    )
    body = [
        f'<h1 style="text-align:center;font-size:18pt">{html.escape(report.title())}</h1>',
        '<p style="text-indent:2em"><strong>一、总体情况</strong></p>',
        *(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in report.prose),
        '<p style="text-indent:2em"><strong>二、主动公开政府信息情况</strong></p>',
        table_open,
    ]
    for item, rows in _t2_groups(fmt):
        body.append("<tr>" + _td(item, colspan=4) + "</tr>")
        columns = rows[0].columns
        header = [_td("信息内容")]
        if len(columns) == 3:
            header += [_td(c) for c in columns]
        elif len(columns) == 2:
            header += [_td(columns[0]), _td(columns[1], colspan=2)]
        else:
            header += [_td(columns[0], colspan=3)]
        body.append("<tr>" + "".join(header) + "</tr>")
        for row in rows:
            values = report.t2[row.key]
            cells = [_td(row.label)]
            if len(values) == 3:
                cells += [_num(v, report, i, "t2") for i, v in enumerate(values)]
            elif len(values) == 2:
                cells += [
                    _td(_cell(values[0], report, table="t2")),
                    _td(_cell(values[1], report, table="t2"), colspan=2),
                ]
            else:
                cells += [_td(_cell(values[0], report, table="t2"), colspan=3)]
            body.append("<tr>" + "".join(cells) + "</tr>")
    body.append("</table>")
    body.append(
        '<p style="text-indent:2em"><strong>三、收到和处理政府信息公开申请情况</strong></p>'
    )
    body.append(table_open)
    body.append(
        "<tr>"
        + _td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3)
        + _td("申请人情况", 1, 7)
        + "</tr>"
    )
    body.append("<tr>" + _td("自然人", 2) + _td("法人或其他组织", 1, 5) + _td("总计", 2) + "</tr>")
    body.append(
        "<tr>"
        + "".join(
            _td(c) for c in ["商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"]
        )
        + "</tr>"
    )
    for cells, key in _t3_layout(fmt):
        values = report.t3.get(key, [0] * 7)
        body.append(
            "<tr>"
            + "".join(_td(text, rowspan, colspan) for text, rowspan, colspan in cells)
            + "".join(_num(v, report, i) for i, v in enumerate(values))
            + "</tr>"
        )
    body.append("</table>")
    body.append(
        '<p style="text-indent:2em"><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>'
    )
    body.append(table_open)
    body.append("<tr>" + _td("行政复议", 1, 5) + _td("行政诉讼", 1, 10) + "</tr>")
    body.append(
        "<tr>"
        + "".join(_td(c, 2) for c in TABLE4_COLUMNS)
        + _td("未经复议直接起诉", 1, 5)
        + _td("复议后起诉", 1, 5)
        + "</tr>"
    )
    body.append("<tr>" + "".join(_td(c) for c in TABLE4_COLUMNS * 2) + "</tr>")
    values = [v for key in report.t4 for v in report.t4[key]]
    body.append("<tr>" + "".join(_num(v, report, i, "t4") for i, v in enumerate(values)) + "</tr>")
    body.append("</table>")
    body += [
        '<p style="text-indent:2em"><strong>五、存在的主要问题及改进情况</strong></p>',
        '<p style="text-indent:2em">信息更新还不够及时。</p>',
        '<p style="text-indent:2em"><strong>六、其他需要报告的事项</strong></p>',
        '<p style="text-indent:2em">本年度未收取信息处理费。</p>',
    ]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(report.title())}-{html.escape(report.agency)}</title>
<style>
  @page {{ size: A4; margin: 15mm }}
  body {{ font-family: "Noto Serif CJK SC", "SimSun", serif; font-size: 11pt }}
  .nav a {{ margin-right: 1em }}
</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwgk/ndbg/">年度报告</a></div>
<!-- 正文开始 -->
<table width="100%" border="0" class="layout"><tr><td>
<div class="article">
{chr(10).join(body)}
</div>
</td></tr></table>
<div class="footer">扫一扫在手机打开当前页 <span>主办：{html.escape(report.agency)}</span></div>
</body>
</html>
"""


def write_all() -> list[Path]:
    written = []
    for report in REPORT_LIST:
        folder = REPORTS / report.folder
        folder.mkdir(parents=True, exist_ok=True)
        for writer in report.writers:
            if writer == "seed":
                path, data = folder / f"{report.name}.txt", write_seed(report).encode()
            elif writer == "markdown":
                path, data = folder / f"{report.name}.txt", write_markdown(report).encode()
            elif writer == "tabs":
                path, data = folder / f"{report.name}.txt", write_tabs(report).encode()
            elif writer == "html":
                path, data = folder / f"{report.name}.html", write_html(report).encode()
            elif writer == "html_gbk":
                path = folder / f"{report.name}.htm"
                data = write_html(report, charset="gbk").encode("gbk")
            else:  # pragma: no cover
                raise ValueError(writer)
            path.write_bytes(data)
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path)
