"""信息处理费 (information processing fee), as pure functions.

Sources: 《中华人民共和国政府信息公开条例》第四十二条 (no fees, except that an applicant whose
requests clearly exceed a reasonable number or frequency may be charged a 信息处理费) and
国办函〔2020〕109号《政府信息公开信息处理费管理办法》:

* 第三条: charged 按件 (by number of applications) **or** 按量 (by volume), both 超额累进 (progressive,
  like tax brackets). For each application the agency chooses one of the two as the case requires,
  and must never charge by both.
* 第四条 按件: applies to every kind of decision. Per applicant per natural month: applications 1–10
  free; 11–30: 100 元/件; from 31 on, every further block of 10 costs 100 元/件 more (31–40: 200,
  41–50: 300, …). An application asking for several things may be split "一事一申请" into the smallest
  reasonable units before counting.
* 第五条 按量: applies when the applicant wants paper copies, e-mail or copied electronic data. Per
  application: pages 1–30 free; 31–100: 10 元/页; 101–200: 20 元/页; 201 on: 40 元/页.

The tiers were taken from DOMAIN.md and checked against the published text of 109号 (第三、四、五条).
Still to verify against the 109号 text before relying on them, and deliberately not modelled here:
how e-mail or electronic data is converted into pages, the fee notice's payment period, and whether
the time to pay stops the 20-working-day clock (条例第三十三条).

Amounts are whole 元 (every tier is a whole number of 元 per unit). No Django here: the workbench,
the fee notice and the annual report (section 六 must report 信息处理费) all call these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Fee",
    "FeeMethod",
    "choose_fee",
    "compute_fee",
    "fee_by_count",
    "fee_by_count_total",
    "fee_by_volume",
    "fee_for_applications",
    "method_article",
    "standard_text",
]

SOURCE = "国办函〔2020〕109号"

# 第四条: the n-th application of the month is free up to this number.
FREE_APPLICATIONS_PER_MONTH = 10
# 第四条(二): 11–30 at 100 元/件; (三): from 31, +100 元/件 for every block of 10.
COUNT_FIRST_PAID_TIER_END = 30
COUNT_BASE_FEE = 100
COUNT_BLOCK = 10
COUNT_STEP = 100

# 第五条: (upper page of the bracket, 元/页); None = no upper limit.
VOLUME_BRACKETS: tuple[tuple[int | None, int], ...] = ((30, 0), (100, 10), (200, 20), (None, 40))


class FeeMethod(StrEnum):
    """How one application is charged (109号第三条): 按件 or 按量, never both."""

    BY_COUNT = "by_count"  # 按件计收
    BY_VOLUME = "by_volume"  # 按量计收

    @property
    def label(self) -> str:
        return {"by_count": "按件计收", "by_volume": "按量计收"}[self.value]


@dataclass(frozen=True)
class Fee:
    """The fee for one application: the method, the amount in 元, and how it was reached, line by
    line in Chinese, for the fee notice (收费通知) and the case file."""

    method: FeeMethod
    amount: int
    explanation: tuple[str, ...]

    @property
    def is_free(self) -> bool:
        return self.amount == 0


# --- 按件 (第四条) ------------------------------------------------------------------------------


def _count_tier(position: int) -> tuple[int, int | None]:
    """The first and last position of the tier that ``position`` (≥ 11) falls in."""
    if position <= COUNT_FIRST_PAID_TIER_END:
        return FREE_APPLICATIONS_PER_MONTH + 1, COUNT_FIRST_PAID_TIER_END
    first = (
        COUNT_FIRST_PAID_TIER_END
        + 1
        + (position - COUNT_FIRST_PAID_TIER_END - 1) // COUNT_BLOCK * COUNT_BLOCK
    )
    return first, first + COUNT_BLOCK - 1


def fee_by_count(position_in_month: int) -> int:
    """The fee in 元 for the applicant's ``position_in_month``-th application (1-based) of one
    natural month, charged 按件 (109号第四条): 1–10 → 0; 11–30 → 100; 31–40 → 200; 41–50 → 300; …

    The month's applications are counted per applicant, across the agency, in order of receipt;
    counting them is the caller's job (it needs the database).
    """
    if position_in_month < 1:
        raise ValueError("本月第几件申请应从1开始计数")
    if position_in_month <= FREE_APPLICATIONS_PER_MONTH:
        return 0
    if position_in_month <= COUNT_FIRST_PAID_TIER_END:
        return COUNT_BASE_FEE
    blocks_beyond_30 = (position_in_month - COUNT_FIRST_PAID_TIER_END - 1) // COUNT_BLOCK + 1
    return COUNT_BASE_FEE + blocks_beyond_30 * COUNT_STEP


def fee_for_applications(positions: Iterable[int]) -> int:
    """The total in 元 for several applications of one month charged 按件, given their positions."""
    return sum(fee_by_count(p) for p in positions)


def fee_by_count_total(previous_in_month: int, new: int) -> int:
    """The total in 元 for ``new`` applications received after ``previous_in_month`` earlier ones
    in the same natural month, all charged 按件 (they take positions previous+1 … previous+new)."""
    if previous_in_month < 0 or new < 0:
        raise ValueError("申请件数不能为负数")
    return fee_for_applications(range(previous_in_month + 1, previous_in_month + new + 1))


# --- 按量 (第五条) ------------------------------------------------------------------------------


def _volume_parts(pages: int) -> list[tuple[int, int, int]]:
    """(first page, last page, 元/页) of each bracket that ``pages`` reaches."""
    parts, start = [], 1
    for upper, rate in VOLUME_BRACKETS:
        end = pages if upper is None else min(pages, upper)
        if end < start:
            break
        parts.append((start, end, rate))
        start = end + 1
    return parts


def fee_by_volume(pages: int) -> int:
    """The fee in 元 for one application of ``pages`` pages, charged 按量 (109号第五条), progressive
    like tax brackets: pages 1–30 free, 31–100 at 10 元, 101–200 at 20 元, 201 on at 40 元.

    31 pages → 10; 100 → 700; 101 → 720; 200 → 2700; 201 → 2740.
    """
    if pages < 0:
        raise ValueError("页数不能为负数")
    return sum((end - start + 1) * rate for start, end, rate in _volume_parts(pages))


# --- One application ---------------------------------------------------------------------------


def _explain_count(position: int) -> Fee:
    amount = fee_by_count(position)
    if amount == 0:
        lines = (
            f"本月第{position}件申请，不收费",
            f"同一申请人一个自然月内累计申请{FREE_APPLICATIONS_PER_MONTH}件以下（含）的不收费（{SOURCE}第四条）",
        )
    else:
        first, last = _count_tier(position)
        lines = (
            f"本月第{position}件申请，按件计收{amount}元",
            f"第{first}—{last}件的部分：{amount}元/件（{SOURCE}第四条）",
        )
    return Fee(FeeMethod.BY_COUNT, amount, lines)


def _explain_volume(pages: int) -> Fee:
    amount = fee_by_volume(pages)
    if amount == 0:
        lines = (f"共{pages}页，30页以下（含30页）不收费（{SOURCE}第五条）",)
        return Fee(FeeMethod.BY_VOLUME, amount, lines)
    lines = [f"共{pages}页，按量计收{amount}元（{SOURCE}第五条，超额累进）"]
    for start, end, rate in _volume_parts(pages):
        count = end - start + 1
        if rate == 0:
            lines.append(f"第{start}—{end}页：不收费")
        else:
            lines.append(f"第{start}—{end}页：{count}页×{rate}元/页={count * rate}元")
    return Fee(FeeMethod.BY_VOLUME, amount, tuple(lines))


def _explain_items(first: int, items: int) -> Fee:
    """An application counted as ``items`` 件 (一事一申请, 109号第四条) taking the positions
    ``first`` … ``first + items - 1`` of the applicant's month."""
    positions = range(first, first + items)
    amount = fee_for_applications(positions)
    lines = [
        f"本申请按“一事一申请”原则计为{items}件，为申请人本月第{first}—{first + items - 1}件"
        f"（{SOURCE}第四条），按件计收共{amount}元"
    ]
    for position in positions:
        part = fee_by_count(position)
        lines.append(f"第{position}件：{part}元" if part else f"第{position}件：不收费")
    return Fee(FeeMethod.BY_COUNT, amount, tuple(lines))


def compute_fee(
    method: str,
    *,
    position_in_month: int | None = None,
    pages: int | None = None,
    items: int = 1,
) -> Fee:
    """The 信息处理费 for one application, by the method the agency chose for it.

    ``method`` is ``"by_count"`` (按件, give ``position_in_month``, the position of the
    application's first 件, and ``items`` when it counts as several) or ``"by_volume"`` (按量,
    give ``pages``). Giving both inputs is refused: 109号第三条 lets the agency pick one method per
    application but forbids charging by both.
    """
    if position_in_month is not None and pages is not None:
        raise ValueError(
            "同一件申请只能按件或按量中的一种方式计收信息处理费，不得同时按两种标准计算"
        )
    try:
        chosen = FeeMethod(method)
    except ValueError:
        raise ValueError(f"计收方式无效：{method}（应为按件计收或按量计收）") from None
    if chosen is FeeMethod.BY_COUNT:
        if position_in_month is None:
            raise ValueError("按件计收须填写该申请是申请人本月第几件申请")
        if items > 1:
            return _explain_items(position_in_month, items)
        return _explain_count(position_in_month)
    if pages is None:
        raise ValueError("按量计收须填写提供的页数")
    return _explain_volume(pages)


def choose_fee(by_count: int | None, by_volume: int | None) -> Fee:
    """The fee for one application from the amount (元) under the one method the agency chose.

    109号第三条: the agency picks 按件 or 按量 for each application as the case requires, and may
    never charge by both. So exactly one of ``by_count`` (an amount from ``fee_by_count``) and
    ``by_volume`` (from ``fee_by_volume``) must be given; which one is a judgement for staff, not
    for this function, so it does not pick the cheaper or the dearer.
    """
    if by_count is not None and by_volume is not None:
        raise ValueError(
            "同一件申请只能按件或按量中的一种方式计收信息处理费，不得同时按两种标准计算"
        )
    if by_count is None and by_volume is None:
        raise ValueError("请选择按件计收或按量计收")
    method, amount = (
        (FeeMethod.BY_COUNT, by_count) if by_count is not None else (FeeMethod.BY_VOLUME, by_volume)
    )
    if amount < 0:
        raise ValueError("信息处理费不能为负数")
    line = f"{method.label}{amount}元" if amount else f"{method.label}，不收费"
    return Fee(method, amount, (f"{line}（{SOURCE}第三条）",))


# --- The fee notice (收费通知书) ----------------------------------------------------------------

#: The article of 109号 that sets each method's standard.
METHOD_ARTICLES = {FeeMethod.BY_COUNT: "第四条", FeeMethod.BY_VOLUME: "第五条"}


def method_article(method: str) -> str:
    """第四条 (按件) or 第五条 (按量) of 109号."""
    return METHOD_ARTICLES[FeeMethod(method)]


def standard_text(method: str) -> str:
    """The method's tier table in words, from the same constants the amounts come from."""
    if FeeMethod(method) is FeeMethod.BY_COUNT:
        free, end = FREE_APPLICATIONS_PER_MONTH, COUNT_FIRST_PAID_TIER_END
        return (
            f"同一申请人一个自然月内累计申请{free}件以下（含{free}件）的，不收费；"
            f"{free + 1}—{end}件（含{end}件）的部分，{COUNT_BASE_FEE}元/件；"
            f"{end + 1}件以上的部分，以{COUNT_BLOCK}件为一档，每增加一档，收费标准提高"
            f"{COUNT_STEP}元/件"
        )
    parts, start = [], 1
    for upper, rate in VOLUME_BRACKETS:
        if rate == 0:
            parts.append(f"{upper}页以下（含{upper}页）的，不收费")
        elif upper is None:
            parts.append(f"{start}页以上的部分，{rate}元/页")
        else:
            parts.append(f"{start}—{upper}页（含{upper}页）的部分，{rate}元/页")
        start = (upper or 0) + 1
    return "；".join(parts)
