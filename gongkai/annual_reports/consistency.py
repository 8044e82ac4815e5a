"""The annual report's consistency rules (勾稽关系), named so every tool says the same thing.

- ``A`` (stated in the format): for every applicant column and 总计, 一 + 二 = 三(七) + 四.
- ``B`` (implied by the layout): for every column, 三(七) = the sum of the leaf rows of 三(一)–(六).
- ``C``: for every row of 表三, 总计 = the sum of the six applicant columns.
- ``D``: in 表四, each group's 总计 = the sum of its four results.
- ``blank``: a required cell is empty. A blank is never read as 0; a rule that would need it is
  not evaluated for that column (the blank is reported instead).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .formats import (
    APPLICANT_COLUMNS,
    TABLE2_ROWS,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    TOTAL,
    Tables,
    table3_leaves,
    table3_value_rows,
)

TABLE2, TABLE3, TABLE4 = "表二", "表三", "表四"


@dataclass(frozen=True)
class Violation:
    rule: str
    table: str
    row: str
    column: str
    expected: float | int | None
    found: float | int | None

    def as_dict(self) -> dict:
        return asdict(self)

    def message(self) -> str:
        if self.rule == "blank":
            return f"规则blank：{self.table}“{self.row}”行“{self.column}”列为空。"
        return (
            f"规则{self.rule}：{self.table}“{self.row}”行“{self.column}”列应为{_n(self.expected)}，"
            f"实为{_n(self.found)}。"
        )


def _n(value) -> str:
    if value is None:
        return "空"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _label(fmt: str, key: str) -> str:
    for row in TABLE3_ROWS[fmt]:
        if row.key == key:
            return row.label
    return key


def check(tables: Tables) -> list[Violation]:
    fmt = tables.format
    found: list[Violation] = []
    # blank
    for row in TABLE2_ROWS[fmt]:
        for index, value in enumerate(tables.table2.get(row.key, [])):
            if value is None:
                found.append(Violation("blank", TABLE2, row.label, row.columns[index], None, None))
    for row in table3_value_rows(fmt):
        for index, value in enumerate(tables.table3.get(row.key, [None] * 7)):
            if value is None:
                found.append(
                    Violation("blank", TABLE3, row.label, APPLICANT_COLUMNS[index], None, None)
                )
    for key, label in TABLE4_GROUPS:
        for index, value in enumerate(tables.table4.get(key, [None] * 5)):
            if value is None:
                found.append(Violation("blank", TABLE4, label, TABLE4_COLUMNS[index], None, None))
    t3 = tables.table3
    leaves = table3_leaves(fmt)
    for column in range(7):
        cells = {key: (t3.get(key) or [None] * 7)[column] for key in t3}
        name = APPLICANT_COLUMNS[column]
        # A
        parts = [
            cells.get("new"),
            cells.get("carried_in"),
            cells.get("total"),
            cells.get("carried_over"),
        ]
        if None not in parts:
            # Reported on 三(七): the total the other three rows imply, against the one given.
            expected = parts[0] + parts[1] - parts[3]
            if expected != parts[2]:
                found.append(Violation("A", TABLE3, _label(fmt, "total"), name, expected, parts[2]))
        # B
        leaf_values = [cells.get(key) for key in leaves]
        if cells.get("total") is not None and None not in leaf_values:
            expected = sum(leaf_values)
            if cells["total"] != expected:
                found.append(
                    Violation("B", TABLE3, _label(fmt, "total"), name, expected, cells["total"])
                )
    # C
    for row in table3_value_rows(fmt):
        values = t3.get(row.key) or [None] * 7
        if None not in values:
            expected = sum(values[:TOTAL])
            if values[TOTAL] != expected:
                found.append(Violation("C", TABLE3, row.label, "总计", expected, values[TOTAL]))
    # D
    for key, label in TABLE4_GROUPS:
        values = tables.table4.get(key) or [None] * 5
        if None not in values:
            expected = sum(values[:4])
            if values[4] != expected:
                found.append(Violation("D", TABLE4, label, "总计", expected, values[4]))
    return found
