"""信息处理费 (国办函〔2020〕109号): 按件 per natural month, 按量 per application, never both.

The oracles below price one application or one page at a time, straight from the wording of
第四条 and 第五条, and add up; the module works by brackets. Boundaries are also written out by hand.
"""

import pytest

from gongkai.applications.fees import (
    Fee,
    FeeMethod,
    choose_fee,
    compute_fee,
    fee_by_count,
    fee_by_count_total,
    fee_by_volume,
    fee_for_applications,
)


def oracle_count(position: int) -> int:
    """第四条: 1–10 free; 11–30 at 100; from 31, +100 for each further block of 10."""
    if position <= 10:
        return 0
    if position <= 30:
        return 100
    price, block_end = 200, 40
    while position > block_end:
        price, block_end = price + 100, block_end + 10
    return price


def oracle_page(page: int) -> int:
    """第五条: the price of the ``page``-th page."""
    if page <= 30:
        return 0
    if page <= 100:
        return 10
    if page <= 200:
        return 20
    return 40


# --- 按件 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "fee"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (91, 800),
        (100, 800),
        (101, 900),
    ],
)
def test_fee_by_count_at_the_tier_boundaries(position, fee):
    assert fee_by_count(position) == fee


@pytest.mark.parametrize("position", range(1, 301))
def test_fee_by_count_matches_the_wording_of_article_4(position):
    assert fee_by_count(position) == oracle_count(position)


@pytest.mark.parametrize("position", [0, -1])
def test_positions_start_at_1(position):
    with pytest.raises(ValueError, match="本月第几件申请应从1开始计数"):
        fee_by_count(position)


def test_the_month_is_progressive_not_flat():
    # 35 applications in one month: 10 free, 20 at 100, 5 at 200 — not 35 × 200.
    assert fee_for_applications(range(1, 36)) == 20 * 100 + 5 * 200 == 3000
    assert fee_by_count_total(0, 35) == 3000


@pytest.mark.parametrize(
    ("previous", "new", "total"),
    [
        (0, 0, 0),
        (0, 10, 0),
        (9, 1, 0),
        (10, 1, 100),
        (9, 3, 200),  # 10th free, 11th and 12th at 100
        (29, 3, 100 + 200 + 200),  # 30th, 31st, 32nd
        (39, 2, 200 + 300),  # 40th, 41st
        (0, 50, 20 * 100 + 10 * 200 + 10 * 300),
    ],
)
def test_fee_by_count_total_continues_from_earlier_applications_of_the_month(previous, new, total):
    assert fee_by_count_total(previous, new) == total
    assert total == sum(oracle_count(p) for p in range(previous + 1, previous + new + 1))


@pytest.mark.parametrize(("previous", "new"), [(-1, 1), (0, -1)])
def test_fee_by_count_total_refuses_negative_counts(previous, new):
    with pytest.raises(ValueError, match="申请件数不能为负数"):
        fee_by_count_total(previous, new)


def test_fee_for_applications_of_any_positions():
    assert fee_for_applications([]) == 0
    assert fee_for_applications([5, 12, 31, 41]) == 0 + 100 + 200 + 300


# --- 按量 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (300, 6700),  # 2700 + 100 × 40
    ],
)
def test_fee_by_volume_at_the_bracket_boundaries(pages, fee):
    assert fee_by_volume(pages) == fee


@pytest.mark.parametrize("pages", range(0, 501))
def test_fee_by_volume_adds_up_page_by_page(pages):
    assert fee_by_volume(pages) == sum(oracle_page(p) for p in range(1, pages + 1))


def test_fee_by_volume_is_not_a_flat_rate_on_all_pages():
    # 101 pages: the first 30 stay free and pages 31–100 stay at 10 元, only page 101 costs 20 元.
    assert fee_by_volume(101) != 101 * 20
    assert fee_by_volume(101) == 720


def test_pages_cannot_be_negative():
    with pytest.raises(ValueError, match="页数不能为负数"):
        fee_by_volume(-1)


# --- One application: compute_fee ---------------------------------------------------------------


def test_the_12th_application_of_the_month_costs_100_yuan():
    fee = compute_fee("by_count", position_in_month=12)
    assert fee == Fee(
        FeeMethod.BY_COUNT,
        100,
        ("本月第12件申请，按件计收100元", "第11—30件的部分：100元/件（国办函〔2020〕109号第四条）"),
    )
    assert not fee.is_free


def test_the_10th_application_of_the_month_is_free():
    fee = compute_fee("by_count", position_in_month=10)
    assert fee.is_free
    assert fee.method is FeeMethod.BY_COUNT
    assert fee.explanation == (
        "本月第10件申请，不收费",
        "同一申请人一个自然月内累计申请10件以下（含）的不收费（国办函〔2020〕109号第四条）",
    )


@pytest.mark.parametrize(
    ("position", "line"),
    [
        (11, "第11—30件的部分：100元/件（国办函〔2020〕109号第四条）"),
        (30, "第11—30件的部分：100元/件（国办函〔2020〕109号第四条）"),
        (31, "第31—40件的部分：200元/件（国办函〔2020〕109号第四条）"),
        (40, "第31—40件的部分：200元/件（国办函〔2020〕109号第四条）"),
        (41, "第41—50件的部分：300元/件（国办函〔2020〕109号第四条）"),
        (57, "第51—60件的部分：400元/件（国办函〔2020〕109号第四条）"),
    ],
)
def test_the_explanation_names_the_tier(position, line):
    fee = compute_fee(FeeMethod.BY_COUNT, position_in_month=position)
    assert fee.amount == oracle_count(position)
    assert fee.explanation == (f"本月第{position}件申请，按件计收{fee.amount}元", line)


def test_201_pages_explained_bracket_by_bracket():
    fee = compute_fee("by_volume", pages=201)
    assert fee.method is FeeMethod.BY_VOLUME
    assert fee.amount == 2740
    assert fee.explanation == (
        "共201页，按量计收2740元（国办函〔2020〕109号第五条，超额累进）",
        "第1—30页：不收费",
        "第31—100页：70页×10元/页=700元",
        "第101—200页：100页×20元/页=2000元",
        "第201—201页：1页×40元/页=40元",
    )


def test_45_pages_stop_in_the_second_bracket():
    assert compute_fee("by_volume", pages=45).explanation == (
        "共45页，按量计收150元（国办函〔2020〕109号第五条，超额累进）",
        "第1—30页：不收费",
        "第31—45页：15页×10元/页=150元",
    )


@pytest.mark.parametrize("pages", [0, 1, 30])
def test_up_to_30_pages_are_free(pages):
    fee = compute_fee("by_volume", pages=pages)
    assert fee.is_free
    assert fee.explanation == (
        f"共{pages}页，30页以下（含30页）不收费（国办函〔2020〕109号第五条）",
    )


@pytest.mark.parametrize("pages", range(0, 260, 7))
def test_compute_fee_by_volume_agrees_with_fee_by_volume(pages):
    assert compute_fee("by_volume", pages=pages).amount == fee_by_volume(pages)


@pytest.mark.parametrize("method", ["by_count", "by_volume", FeeMethod.BY_COUNT, "anything"])
def test_never_both_count_and_volume_for_one_application(method):
    with pytest.raises(ValueError, match="不得同时按两种标准计算"):
        compute_fee(method, position_in_month=12, pages=45)


def test_by_count_needs_the_position_in_the_month():
    with pytest.raises(ValueError, match="按件计收须填写该申请是申请人本月第几件申请"):
        compute_fee("by_count")
    with pytest.raises(ValueError, match="按件计收须填写"):
        compute_fee("by_count", pages=45)  # pages given for the wrong method


def test_by_volume_needs_the_pages():
    with pytest.raises(ValueError, match="按量计收须填写提供的页数"):
        compute_fee("by_volume")
    with pytest.raises(ValueError, match="按量计收须填写"):
        compute_fee("by_volume", position_in_month=12)  # position given for the wrong method


@pytest.mark.parametrize("method", ["按件", "count", "", "BY_COUNT"])
def test_an_unknown_method_is_refused(method):
    with pytest.raises(ValueError, match="计收方式无效"):
        compute_fee(method, position_in_month=12)


def test_method_labels_are_chinese():
    assert FeeMethod.BY_COUNT.label == "按件计收"
    assert FeeMethod.BY_VOLUME.label == "按量计收"
    assert FeeMethod("by_count") is FeeMethod.BY_COUNT


# --- choose_fee: one method per application -----------------------------------------------------


def test_choose_fee_by_count():
    assert choose_fee(fee_by_count(12), None) == Fee(
        FeeMethod.BY_COUNT, 100, ("按件计收100元（国办函〔2020〕109号第三条）",)
    )


def test_choose_fee_by_volume():
    assert choose_fee(None, fee_by_volume(201)) == Fee(
        FeeMethod.BY_VOLUME, 2740, ("按量计收2740元（国办函〔2020〕109号第三条）",)
    )


def test_choose_fee_free():
    fee = choose_fee(None, 0)
    assert fee.is_free
    assert fee.explanation == ("按量计收，不收费（国办函〔2020〕109号第三条）",)


@pytest.mark.parametrize(("by_count", "by_volume"), [(100, 720), (0, 0), (100, 0), (0, 720)])
def test_choose_fee_never_takes_both(by_count, by_volume):
    with pytest.raises(ValueError, match="不得同时按两种标准计算"):
        choose_fee(by_count, by_volume)


def test_choose_fee_needs_one_method():
    with pytest.raises(ValueError, match="请选择按件计收或按量计收"):
        choose_fee(None, None)


def test_choose_fee_refuses_negative_amounts():
    with pytest.raises(ValueError, match="信息处理费不能为负数"):
        choose_fee(-100, None)
