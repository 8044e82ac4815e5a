"""From a read report (:class:`.reader.Document`) to :class:`.formats.Tables` and what the text says.

表二/表三/表四 are found by their row labels wherever they are in the document's grids, whatever the
styling: every cell is normalised (NFKC, no whitespace, one kind of bracket, no trailing 件/万元),
labels are matched by distinctive keys ("本年新收", "予以公开", "属于国家秘密", …), and a row whose
label was split over several cells ("三、本年度办理结果 | （一）予以公开 | 7") is read from its last
label cell on. An empty cell, "—", "-", "/" or "无" is blank (``None``), never 0.

The format (2021 or 2019) is told from the rows and column headings; the report year from the text
("2022年度政府信息公开工作年度报告", "现将2022年度……报告如下"). Numbers in the prose that name a
table quantity (收到申请N件, 予以公开N件, 行政复议N件 …) are compared with the tables; disagreements
become warnings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .formats import (
    FORMAT_2019,
    FORMAT_2021,
    TABLE2_ROWS,
    TABLE3_ROWS,
    TABLE4_GROUPS,
    Tables,
    format_for_year,
)
from .reader import Document, Unreadable

# --- cells -----------------------------------------------------------------------------------

_BRACKETS = str.maketrans(
    {
        "〈": "(",
        "〉": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "[": "(",
        "]": ")",
        "﹙": "(",
        "﹚": ")",
        "−": "-",
        "–": "-",
        "‐": "-",
    }
)
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_BLANK = {"", "-", "--", "—", "——", "―", "/", "\\", "无", "空", "×", "x", "X", "*", "…", "..."}
_UNIT = re.compile(r"(件|万元|元|个|项|条|次|宗|起|份|人次|家)$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def normalize(text: str) -> str:
    """NFKC, brackets unified to ASCII ``()``, all whitespace removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text or "").translate(_BRACKETS))


BLANK, NUMBER, LABEL = "blank", "number", "label"


def classify(text: str) -> tuple[str, int | float | None]:
    """A cell as (kind, value): blank, a number (units and thousands separators dropped), or a
    label."""
    cell = normalize(text)
    if cell in _BLANK or re.fullmatch(r"[-—―/\\]+", cell):
        return BLANK, None
    bare = _UNIT.sub("", cell)
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", bare):
        bare = bare.replace(",", "")
    if _NUMBER.match(bare):
        return NUMBER, (float(bare) if "." in bare else int(bare))
    return LABEL, None


def cell_value(text: str) -> int | float | None:
    """A value cell: its number, or ``None`` for a blank (or unreadable) cell."""
    kind, value = classify(text)
    return value if kind == NUMBER else None


@dataclass
class RowView:
    labels: list[str]  # normalised label cells, in order, consecutive repeats (merged cells) once
    values: list[str]  # the raw cells after the last label cell
    numbers: int  # how many of the values are numbers


def view(cells: list[str]) -> RowView:
    kinds = [classify(cell)[0] for cell in cells]
    last = max((i for i, kind in enumerate(kinds) if kind == LABEL), default=-1)
    labels: list[str] = []
    for i in range(last + 1):
        if kinds[i] == LABEL:
            label = normalize(cells[i])
            if not labels or labels[-1] != label:
                labels.append(label)
    values = cells[last + 1 :]
    return RowView(labels, values, sum(1 for k in kinds[last + 1 :] if k == NUMBER))


def _take(values: list[str], count: int) -> list[int | float | None]:
    taken = [cell_value(cell) for cell in values[:count]]
    return taken + [None] * (count - len(taken))


_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、)]|\(\d+\)|第[一二三四五六七八九十]+[、.]?)+"
)


def strip_numbering(label: str) -> str:
    return _NUMBERING.sub("", label)


# --- 表三 ------------------------------------------------------------------------------------

_T3_KEYS: list[tuple[str, tuple[str, ...]]] = [
    ("carried_over", ("结转下年度", "结转下一年度")),
    ("new", ("本年新收", "本年度新收")),
    ("carried_in", ("上年结转", "上年度结转")),
    ("partial", ("部分公开",)),
    ("withheld_1", ("国家秘密",)),
    ("withheld_2", ("法律行政法规禁止", "法律法规禁止", "禁止公开")),
    ("withheld_3", ("三安全一稳定", "危及")),
    ("withheld_4", ("第三方合法权益",)),
    ("withheld_5", ("内部事务",)),
    ("withheld_6", ("过程性信息",)),
    ("withheld_7", ("执法案卷",)),
    ("withheld_8", ("查询事项",)),
    ("unable_1", ("不掌握",)),
    ("unable_2", ("另行制作",)),
    ("unable_3", ("仍不明确", "补正后申请")),
    ("not_processed_1", ("信访举报投诉", "信访")),
    ("not_processed_2", ("重复申请",)),
    ("not_processed_3", ("出版物",)),
    ("not_processed_4", ("大量反复",)),
    ("not_processed_5", ("重新出具", "确认或")),
    ("other_1", ("逾期不补正",)),
    ("other_2", ("收费通知", "缴纳费用")),
]
_LEAVES_2021 = {"other_1", "other_2", "other_3"}


def _t3_key(row: RowView, in_other: bool, seen: dict[str, list]) -> str | None:
    if not row.labels:
        return None
    label = row.labels[-1]
    for key, needles in _T3_KEYS:
        if any(needle in label for needle in needles):
            return key
    if "予以公开" in label and "不予以公开" not in label:
        return "disclosed"
    if "总计" in label and "(七)" in label:
        return "total"
    bare = strip_numbering(label)
    if in_other and bare in {"其他", "其它"}:
        return "other_3"
    if "其他处理" in label:
        return "other"
    if (
        bare in {"总计", "合计"}
        and len(row.labels) <= 3
        and "total" not in seen
        and any(key.startswith(("withheld", "unable", "not_processed", "other")) for key in seen)
    ):
        return "total"
    return None


def _table3(rows: list[list[str]]) -> dict[str, list]:
    found: dict[str, list] = {}
    in_other = False
    for cells in rows:
        row = view(cells)
        if any("其他处理" in label for label in row.labels):
            in_other = True
        key = _t3_key(row, in_other, found)
        if key is None:
            continue
        if key == "total":
            in_other = False
        if key not in found:
            found[key] = _take(row.values, 7)
    return found


# --- 表二 ------------------------------------------------------------------------------------

_T2_LABELS = {
    "规章": "regulation",
    "行政规范性文件": "normative",
    "规范性文件": "normative",
    "行政许可": "licensing",
    "其他对外管理服务事项": "other_services",
    "行政处罚": "penalty",
    "行政强制": "enforcement",
    "行政事业性收费": "fees",
    "政府集中采购": "procurement",
}
_T2_2021_HEADINGS = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
)
_T2_2019_HEADINGS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购项目数量",
    "采购总金额",
    "其他对外管理服务事项",
    "政府集中采购",
)


def _table2(rows: list[list[str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for cells in rows:
        row = view(cells)
        if not row.labels:
            continue
        key = _T2_LABELS.get(strip_numbering(row.labels[-1]))
        if key and key not in found:
            found[key] = row.values
    return found


# --- 表四 ------------------------------------------------------------------------------------

_T4_GROUP_LABELS = [
    ("review", ("行政复议",)),
    ("litigation_direct", ("未经复议直接起诉", "直接起诉")),
    ("litigation_after_review", ("复议后起诉",)),
]


def _table4(rows: list[list[str]]) -> dict[str, list] | None:
    # The format's layout: three header rows, then one row of 15 cells.
    for index, cells in enumerate(rows):
        if not any("结果维持" in normalize(cell) for cell in cells):
            continue
        for following in rows[index + 1 : index + 4]:
            normalized = [normalize(cell) for cell in following]
            if any("结果维持" in cell or "直接起诉" in cell for cell in normalized):
                continue
            row = view(following)
            values = row.values
            while len(values) > 15 and classify(values[-1])[0] == BLANK:
                values = values[:-1]
            taken = _take(values, 15)
            return {key: taken[i * 5 : i * 5 + 5] for i, (key, _) in enumerate(TABLE4_GROUPS)}
        break
    # Another layout: one row per group, labelled.
    found: dict[str, list] = {}
    for cells in rows:
        row = view(cells)
        if not row.labels or not row.numbers:
            continue
        label = strip_numbering(row.labels[-1])
        if len(label) > 12:
            continue  # a heading or a sentence, not a group's label
        for key, needles in reversed(_T4_GROUP_LABELS):
            if any(needle in label for needle in needles) and key not in found:
                found[key] = _take(row.values, 5)
                break
    if found:
        return found
    # Headings lost (a table drawn without lines): a row of exactly 15 numbers and no label.
    for cells in rows:
        row = view(cells)
        if not row.labels and len(row.values) == 15 and row.numbers >= 5:
            taken = _take(row.values, 15)
            return {key: taken[i * 5 : i * 5 + 5] for i, (key, _) in enumerate(TABLE4_GROUPS)}
    return None


# --- format and year -------------------------------------------------------------------------


def _format(t3: dict, cells: set[str], year: int | None) -> str:
    if _LEAVES_2021 & set(t3):
        return FORMAT_2021
    if "other" in t3 and any(value is not None for value in t3["other"]):
        return FORMAT_2019
    if any(heading in cell for cell in cells for heading in _T2_2021_HEADINGS):
        return FORMAT_2021
    if any(heading in cell for cell in cells for heading in _T2_2019_HEADINGS):
        return FORMAT_2019
    if year:
        return format_for_year(year)
    return FORMAT_2021


_YEAR = r"((?:19|20)\d{2})"
_TITLE_YEAR = [
    re.compile(_YEAR + r"年度?[^,。;:]{0,40}?(?:政府|政务)信息公开(?:工作)?(?:年度)?报告"),
    re.compile(_YEAR + r"年度?(?:政府|政务)公开工作(?:年度)?报告"),
]
_BODY_YEAR = [
    re.compile(r"现将[^。;]{0,30}?" + _YEAR + r"年度?[^。;]{0,40}?报告"),
    re.compile(_YEAR + r"年1月1日(?:起)?至\1年12月31日"),
    re.compile(r"本报告[^。]{0,40}?" + _YEAR + r"年度?"),
]


def report_year(prose: str) -> int | None:
    lines = [normalize(line) for line in prose.splitlines() if line.strip()]
    # A title may wrap over lines (a PDF's text layer breaks it where the page did).
    for line in [*lines[:3], "".join(lines[:3])]:
        for pattern in _TITLE_YEAR:
            if match := pattern.search(line):
                return int(match.group(1))
    text = "\n".join(lines)
    for pattern in [*_BODY_YEAR, *_TITLE_YEAR]:
        if match := pattern.search(text):
            return int(match.group(1))
    return None


# --- prose numbers ---------------------------------------------------------------------------

_NUM = r"(\d+|[零〇一二两三四五六七八九十百]+)"
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_DIGITS |= {"八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _total(tables: Tables, *keys: str, table: str = "table3") -> int | float | None:
    values = []
    source = getattr(tables, table)
    for key in keys:
        row = source.get(key)
        if not row or row[-1] is None:
            return None
        values.append(row[-1])
    return sum(values)


def _label(fmt: str, key: str) -> str:
    return next((row.label for row in TABLE3_ROWS[fmt] if row.key == key), key)


_UNIT_AFTER = r"(?:件|条|个|份|宗|起)"
_STOP = r"[^。;,:!?、\d\n]"
_PROSE_CHECKS = [
    (
        "new",
        re.compile(
            r"(?:收到|受理|新收|接收|接到)(?P<mid>" + _STOP + r"{0,30}?)" + _NUM + _UNIT_AFTER
        ),
        lambda t: _total(t, "new"),
        lambda fmt: f"表三“{_label(fmt, 'new')}”总计",
    ),
    (
        "carried_in",
        re.compile(r"上一?年度?结转(?:的)?(?:申请)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, "carried_in"),
        lambda fmt: f"表三“{_label(fmt, 'carried_in')}”总计",
    ),
    (
        "carried_over",
        re.compile(
            r"结转(?:至|到)?下一?年度?(?:继续办理)?(?:的)?(?:申请)?(?:共)?" + _NUM + _UNIT_AFTER
        ),
        lambda t: _total(t, "carried_over"),
        lambda fmt: f"表三“{_label(fmt, 'carried_over')}”总计",
    ),
    (
        "disclosed",
        re.compile(r"(?<!不)予以公开(?:的)?(?:申请)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, "disclosed"),
        lambda fmt: f"表三“{_label(fmt, 'disclosed')}”总计",
    ),
    (
        "partial",
        re.compile(r"部分公开(?:的)?(?:申请)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, "partial"),
        lambda fmt: f"表三“{_label(fmt, 'partial')}”总计",
    ),
    (
        "withheld",
        re.compile(r"不予(?:以)?公开(?:的)?(?:申请)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, *[f"withheld_{i}" for i in range(1, 9)]),
        lambda fmt: "表三“（三）不予公开”各项总计之和",
    ),
    (
        "unable",
        re.compile(r"无法提供(?:的)?(?:申请)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, *[f"unable_{i}" for i in range(1, 4)]),
        lambda fmt: "表三“（四）无法提供”各项总计之和",
    ),
    (
        "not_processed",
        re.compile(r"不予处理(?:的)?(?:申请)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, *[f"not_processed_{i}" for i in range(1, 6)]),
        lambda fmt: "表三“（五）不予处理”各项总计之和",
    ),
    (
        "review",
        re.compile(r"行政复议(?:案件|申请)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, "review", table="table4"),
        lambda fmt: "表四“行政复议”总计",
    ),
    (
        "litigation",
        re.compile(r"行政诉讼(?:案件)?(?:共)?" + _NUM + _UNIT_AFTER),
        lambda t: _total(t, "litigation_direct", "litigation_after_review", table="table4"),
        lambda fmt: "表四“行政诉讼”两项总计之和",
    ),
]
_NOT_NEW = ("复议", "诉讼", "结转", "举报", "信访", "投诉", "答复", "办结", "留言", "建议", "提案")


def prose_warnings(prose: str, tables: Tables) -> list[dict]:
    text = normalize(prose.replace("\n", "。"))
    warnings = []
    for name, pattern, getter, describe in _PROSE_CHECKS:
        table_value = getter(tables)
        if table_value is None:
            continue
        mentions = []
        for match in pattern.finditer(text):
            if name == "new":
                middle = match.group("mid")
                if "申请" not in middle or any(word in middle for word in _NOT_NEW):
                    continue
            number = chinese_number(match.group(match.lastindex))
            if number is not None:
                mentions.append((match.group(0), number))
        if mentions and all(number != table_value for _, number in mentions):
            phrase, number = mentions[0]
            warnings.append(
                {
                    "phrase": phrase,
                    "text_value": number,
                    "table_value": table_value,
                    "compared_with": describe(tables.format),
                }
            )
    return warnings


# --- the whole -------------------------------------------------------------------------------


#: The first year a national table format exists for (2019年版, 国办公开办函〔2019〕60号).
FIRST_YEAR = 2019


@dataclass
class Parsed:
    tables: Tables
    format_version: str
    report_year: int | None
    warnings: list[dict] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # which of 表二, 表三, 表四 were found


def parse(document: Document) -> Parsed:
    """Raises :class:`.reader.Unreadable` when 表三 is not in the document (a report in no
    national format, or a file whose tables could not be read)."""
    year = report_year(document.prose)
    rows = [row for grid in document.tables for row in grid if any(cell.strip() for cell in row)]
    t3 = _table3(rows)
    value_keys = set(t3) - {"other"}
    if len(value_keys) < 5:
        if year and year < FIRST_YEAR:
            raise Unreadable(
                f"未找到表三（收到和处理政府信息公开申请情况）：这是{year}年度的报告，"
                "2019年以前的年度报告没有统一的表格格式"
            )
        raise Unreadable("未找到表三（收到和处理政府信息公开申请情况），无法检查")
    cells = {normalize(cell) for row in rows for cell in row}
    fmt = _format(t3, cells, year)
    tables = Tables.empty(fmt)
    found = {"表三"}
    for key in tables.table3:
        if key in t3:
            tables.table3[key] = list(t3[key])
    t2 = _table2(rows)
    if t2:
        found.add("表二")
    for row in TABLE2_ROWS[fmt]:
        if row.key in t2:
            tables.table2[row.key] = _take(t2[row.key], len(row.columns))
    t4 = _table4(rows)
    if t4:
        found.add("表四")
        for key, values in t4.items():
            tables.table4[key] = values
    parsed = Parsed(tables, fmt, year, found=found)
    parsed.warnings = prose_warnings(document.prose, tables)
    return parsed
