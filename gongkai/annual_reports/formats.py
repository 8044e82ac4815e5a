"""The annual report's statutory tables, as the national formats define them.

2021 format: 国务院办公厅政府信息与政务公开办公室《中华人民共和国政府信息公开工作年度报告格式》
(2021年9月26日, reports for 2021 on). 2019 format: 国办公开办函〔2019〕60号 (reports for 2019–2020).
Row labels are the formats' own words; every tool and message uses these keys and labels.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"

APPLICANT_COLUMNS = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]
APPLICANT_KEYS = [
    "natural",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other",
    "total",
]
TOTAL = 6  # index of 总计 in a 表三 row


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    leaf: bool = False  # a result leaf summed into 三(七)
    header: bool = False  # a heading row without cells


def _table3_rows(fmt: str) -> list[Row]:
    rows = [
        Row("new", "一、本年新收政府信息公开申请数量"),
        Row("carried_in", "二、上年结转政府信息公开申请数量"),
        Row("results", "三、本年度办理结果", header=True),
        Row("disclosed", "（一）予以公开", leaf=True),
        Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", leaf=True),
        Row("withheld", "（三）不予公开", header=True),
        Row("withheld_1", "1.属于国家秘密", leaf=True),
        Row("withheld_2", "2.其他法律行政法规禁止公开", leaf=True),
        Row("withheld_3", "3.危及“三安全一稳定”", leaf=True),
        Row("withheld_4", "4.保护第三方合法权益", leaf=True),
        Row("withheld_5", "5.属于三类内部事务信息", leaf=True),
        Row("withheld_6", "6.属于四类过程性信息", leaf=True),
        Row("withheld_7", "7.属于行政执法案卷", leaf=True),
        Row("withheld_8", "8.属于行政查询事项", leaf=True),
        Row("unable", "（四）无法提供", header=True),
        Row("unable_1", "1.本机关不掌握相关政府信息", leaf=True),
        Row("unable_2", "2.没有现成信息需要另行制作", leaf=True),
        Row("unable_3", "3.补正后申请内容仍不明确", leaf=True),
        Row("not_processed", "（五）不予处理", header=True),
        Row("not_processed_1", "1.信访举报投诉类申请", leaf=True),
        Row("not_processed_2", "2.重复申请", leaf=True),
        Row("not_processed_3", "3.要求提供公开出版物", leaf=True),
        Row("not_processed_4", "4.无正当理由大量反复申请", leaf=True),
        Row("not_processed_5", "5.要求行政机关确认或重新出具已获取信息", leaf=True),
    ]
    if fmt == FORMAT_2021:
        rows += [
            Row("other", "（六）其他处理", header=True),
            Row(
                "other_1",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                leaf=True,
            ),
            Row(
                "other_2",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                leaf=True,
            ),
            Row("other_3", "3.其他", leaf=True),
        ]
    else:
        rows.append(Row("other", "（六）其他处理", leaf=True))
    rows += [
        Row("total", "（七）总计"),
        Row("carried_over", "四、结转下年度继续办理"),
    ]
    return rows


TABLE3_ROWS = {FORMAT_2021: _table3_rows(FORMAT_2021), FORMAT_2019: _table3_rows(FORMAT_2019)}


def table3_leaves(fmt: str) -> list[str]:
    return [row.key for row in TABLE3_ROWS[fmt] if row.leaf]


def table3_value_rows(fmt: str) -> list[Row]:
    return [row for row in TABLE3_ROWS[fmt] if not row.header]


def result_to_row(result: str, fmt: str) -> str:
    """An application's result (applications.choices.Result value) → its 表三 row key."""
    if fmt == FORMAT_2019 and result.startswith("other_"):
        return "other"
    return {"disclosed": "disclosed", "partial": "partial"}.get(result, result)


# 表二 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table2Row:
    key: str
    item: str  # 第二十条第（一）项 …
    label: str
    columns: tuple[str, ...]


TABLE2_ROWS = {
    FORMAT_2021: [
        Table2Row(
            "regulation",
            "第二十条第（一）项",
            "规章",
            ("本年制发件数", "本年废止件数", "现行有效件数"),
        ),
        Table2Row(
            "normative",
            "第二十条第（一）项",
            "行政规范性文件",
            ("本年制发件数", "本年废止件数", "现行有效件数"),
        ),
        Table2Row("licensing", "第二十条第（五）项", "行政许可", ("本年处理决定数量",)),
        Table2Row("penalty", "第二十条第（六）项", "行政处罚", ("本年处理决定数量",)),
        Table2Row("enforcement", "第二十条第（六）项", "行政强制", ("本年处理决定数量",)),
        Table2Row("fees", "第二十条第（八）项", "行政事业性收费", ("本年收费金额（单位：万元）",)),
    ],
    FORMAT_2019: [
        Table2Row(
            "regulation",
            "第二十条第（一）项",
            "规章",
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ),
        Table2Row(
            "normative",
            "第二十条第（一）项",
            "规范性文件",
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ),
        Table2Row(
            "licensing",
            "第二十条第（五）项",
            "行政许可",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        Table2Row(
            "other_services",
            "第二十条第（五）项",
            "其他对外管理服务事项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        Table2Row(
            "penalty",
            "第二十条第（六）项",
            "行政处罚",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        Table2Row(
            "enforcement",
            "第二十条第（六）项",
            "行政强制",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        Table2Row("fees", "第二十条第（八）项", "行政事业性收费", ("上一年项目数量", "本年增/减")),
        Table2Row(
            "procurement", "第二十条第（九）项", "政府集中采购", ("采购项目数量", "采购总金额")
        ),
    ],
}


# 表四 ---------------------------------------------------------------------------------------

TABLE4_GROUPS = [
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼·复议后起诉"),
]
TABLE4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
OUTCOME_INDEX = {"upheld": 0, "corrected": 1, "other": 2, "pending": 3}


def format_for_year(year: int) -> str:
    """Reports for 2019 and 2020 use the 2019 format; from 2021 on, the 2021 format."""
    return FORMAT_2019 if year <= 2020 else FORMAT_2021


@dataclass
class Tables:
    """The three tables of one report. A cell is an int (or a float for 万元), or None: blank.
    A blank cell is never read as 0."""

    format: str
    table2: dict[str, list[float | int | None]]
    table3: dict[str, list[int | None]]
    table4: dict[str, list[int | None]]

    @classmethod
    def empty(cls, fmt: str) -> Tables:
        return cls(
            format=fmt,
            table2={row.key: [None] * len(row.columns) for row in TABLE2_ROWS[fmt]},
            table3={row.key: [None] * 7 for row in table3_value_rows(fmt)},
            table4={key: [None] * 5 for key, _ in TABLE4_GROUPS},
        )

    @classmethod
    def zeros(cls, fmt: str) -> Tables:
        tables = cls.empty(fmt)
        for table in (tables.table2, tables.table3, tables.table4):
            for key in table:
                table[key] = [0] * len(table[key])
        return tables
