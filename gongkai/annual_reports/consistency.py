"""The annual report's consistency rules (勾稽关系), named so every tool says the same thing.

- ``A`` (stated in the format): for every applicant column and 总计, 一 + 二 = 三(七) + 四.
- ``B`` (implied by the layout): for every column, 三(七) = the sum of the leaf rows of 三(一)–(六).
- ``C``: for every row of 表三, 总计 = the sum of the six applicant columns.
- ``D``: in 表四, each group's 总计 = the sum of its four results.
- ``blank`` (必填项为空): a required cell is empty. A blank is never read as 0; a rule that would
  need it is not evaluated for that column (the blank is reported instead). A blank in 表二 is a
  note, not a violation (``notes``): an agency leaves the rows of powers it does not hold empty —
  a county department makes no 规章 — and nothing else depends on them. The system's own report
  still requires them (a 0 where the agency has none): its submission checks the notes too.

A cell several rules find wrong is reported once, naming every rule (A and B both judge
三(七)总计).
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


RULE_NAMES = {"blank": "必填项为空"}


@dataclass(frozen=True)
class Violation:
    rule: str
    table: str
    row: str
    column: str
    expected: float | int | None
    found: float | int | None
    # Other rules that find the same cell wrong: ((rule, expected), ...).
    also: tuple = ()

    def as_dict(self) -> dict:
        out = asdict(self)
        del out["also"]
        return out

    @property
    def cell(self) -> tuple[str, str, str]:
        return (self.table, self.row, self.column)

    def message(self) -> str:
        where = f"{self.table}“{self.row}”行“{self.column}”列"
        if self.rule == "blank":
            return f"{RULE_NAMES['blank']}：{where}为空。"
        if not self.also:
            return f"规则{self.rule}：{where}应为{_n(self.expected)}，实为{_n(self.found)}。"
        rules = "、".join([self.rule, *(rule for rule, _ in self.also)])
        expected = "；".join(
            f"按规则{rule}应为{_n(value)}"
            for rule, value in [(self.rule, self.expected), *self.also]
        )
        return f"规则{rules}：{where}实为{_n(self.found)}，{expected}。"


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


def notes(tables: Tables) -> list[Violation]:
    """表二's empty cells: powers the agency may not hold. Not violations of the format."""
    found = []
    for row in TABLE2_ROWS[tables.format]:
        for index, value in enumerate(tables.table2.get(row.key, [])):
            if value is None:
                found.append(Violation("blank", TABLE2, row.label, row.columns[index], None, None))
    return found


def check(tables: Tables) -> list[Violation]:
    """The violations, each cell once (the first rule that finds it, naming the others)."""
    merged: dict[tuple, Violation] = {}
    for violation in _each_rule(tables):
        first = merged.get(violation.cell)
        if first is None:
            merged[violation.cell] = violation
        elif violation.rule != first.rule:
            merged[violation.cell] = Violation(
                first.rule,
                first.table,
                first.row,
                first.column,
                first.expected,
                first.found,
                (*first.also, (violation.rule, violation.expected)),
            )
    return list(merged.values())


def _each_rule(tables: Tables) -> list[Violation]:
    fmt = tables.format
    found: list[Violation] = []
    # blank (表三 and 表四; 表二's are notes)
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
