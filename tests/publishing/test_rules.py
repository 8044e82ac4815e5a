"""Pure rules: 文号 (GB/T 9704-2012), 公开属性 reasons, 索引号 layout, deadlines across holidays."""

from datetime import date

import pytest

from gongkai.publishing import rules
from gongkai.workdays.services import get_calendar


@pytest.mark.parametrize(
    ("wrong", "why"),
    [
        ("泉交办[2020]19号", "六角括号"),
        ("泉交办(2020)19号", "六角括号"),
        ("泉交办（2020）19号", "六角括号"),
        ("泉交办【2020】19号", "六角括号"),
        ("泉交办〔2020〕第19号", "不加“第”"),
        ("泉交办〔2020〕019号", "不编虚位"),
        ("泉交办〔2020〕19", "须加“号”"),
        ("泉交办 〔2020〕 19号", "空格"),
    ],
)
def test_common_doc_number_mistakes_are_refused_with_the_corrected_form(wrong, why):
    with pytest.raises(rules.DocNumberError) as error:
        rules.parse_doc_number(wrong)
    assert error.value.suggestion == "泉交办〔2020〕19号"
    assert "应为“泉交办〔2020〕19号”" in str(error.value)
    assert why in str(error.value)


@pytest.mark.parametrize("good", ["泉交办〔2020〕19号", "示县交〔2026〕1号", "国办发〔2019〕54号"])
def test_correct_doc_numbers_pass(good):
    assert str(rules.parse_doc_number(good)) == good


@pytest.mark.parametrize("nonsense", ["abc", "〔2020〕19号", "第十九号", "泉交办〔2020〕0号"])
def test_doc_numbers_without_a_recognisable_shape_are_refused(nonsense):
    with pytest.raises(rules.DocNumberError):
        rules.parse_doc_number(nonsense)


def test_non_public_items_need_a_statutory_ground_and_an_explanation():
    assert rules.disclosure_problems("active", "", "") == {}
    for disclosure in ("on_request", "withheld", "redacted"):
        problems = rules.disclosure_problems(disclosure, "", "")
        assert set(problems) == {"withhold_ground", "withhold_explanation"}
        assert "法定情形" in problems["withhold_ground"]
    assert rules.disclosure_problems("withheld", "third_party", "涉及个人隐私") == {}


def test_index_layout_is_checked():
    assert rules.index_format_problems("{agency}-{category}-{year}-{serial:05d}") == []
    assert rules.index_format_problems("{agency}-{year}") == ["缺少字段 {serial}"]
    assert "未知字段" in rules.index_format_problems("{agency}-{year}-{serial}-{x}")[0]
    assert (
        rules.format_index_number(
            "{agency}-{category}-{year}-{serial:05d}",
            agency="QZ00120",
            category="0204",
            year=2020,
            serial=108,
        )
        == "QZ00120-0204-2020-00108"
    )  # seed 004


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("formed", "due"),
    [
        (date(2024, 9, 20), date(2024, 10, 23)),  # across 国庆 2024 (9/29 and 10/12 worked)
        (date(2025, 1, 20), date(2025, 2, 21)),  # across 春节 2025 (1/26, 2/8 worked)
        (date(2026, 9, 24), date(2026, 10, 29)),  # 中秋 9/25–27 and 国庆 10/1–7, 9/20+10/10 worked
        (date(2026, 11, 2), date(2026, 11, 30)),  # no holiday
    ],
)
def test_publication_is_due_20_working_days_after_formation(formed, due):
    assert rules.publication_due(formed, 20, get_calendar()) == due


@pytest.mark.django_db
def test_house_limits_for_handover_and_interpretation():
    cal = get_calendar()
    assert rules.handover_due(date(2024, 9, 27), cal) == date(2024, 10, 16)
    assert rules.interpretation_due(date(2024, 9, 30), cal) == date(2024, 10, 10)
