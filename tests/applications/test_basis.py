"""The legal basis of each answer (basis.py) and the 复议机关 its remedies name (remedies.py):
pure rules, no database."""

import pytest

from gongkai.annual_reports.formats import FORMAT_2019, result_to_row, table3_leaves
from gongkai.applications import basis
from gongkai.applications.basis import BasisError, answer_basis, cite, options_for
from gongkai.applications.choices import Result
from gongkai.applications.remedies import remedies_text, review_body
from gongkai.org.models import Agency

R = "《中华人民共和国政府信息公开条例》"


def test_every_2021_leaf_has_a_basis_and_option_keys_are_unique():
    for result in Result:
        assert options_for(result), result
    assert len(basis.OPTIONS) == len(basis._OPTIONS)
    assert {option.result for option in basis._OPTIONS} == set(Result.values)


def test_every_2019_leaf_maps_to_the_options_of_its_2021_results():
    assert set(basis.ROWS_2019) == set(table3_leaves(FORMAT_2019))
    for row, results in basis.ROWS_2019.items():
        assert results, row
        for result in results:
            assert result_to_row(result, FORMAT_2019) == row
        keys = [option.key for option in basis.options_for_row(row, FORMAT_2019)]
        assert keys == [option.key for result in results for option in options_for(result)]
    other = [option.key for option in basis.options_for_row("other", FORMAT_2019)]
    assert other == ["no_supplement", "unpaid", "withdrawn", "other"]


def test_two_bases_where_the_law_has_two_and_the_handler_chooses():
    assert [o.key for o in options_for(Result.DISCLOSED)] == ["published", "provided"]
    assert [o.key for o in options_for(Result.UNABLE_NOT_HELD)] == ["not_exist", "other_agency"]
    with pytest.raises(BasisError) as error:
        answer_basis(Result.DISCLOSED, "", {})
    assert error.value.problems == {"basis_option": "该办理结果有不同的答复依据，请选择。"}
    with pytest.raises(BasisError) as error:
        answer_basis(Result.DISCLOSED, "not_exist", {})
    assert error.value.problems == {"basis_option": "所选答复依据与办理结果不符，请重新选择。"}
    # One basis: it need not be chosen.
    assert answer_basis(Result.WITHHELD_PROCESS).option == "process"


def test_already_disclosed_says_where_under_36_1():
    with pytest.raises(BasisError) as error:
        answer_basis(Result.DISCLOSED, "published", {"where": "  "})
    assert error.value.problems == {"where": "请填写获取途径（网址或场所）。"}
    found = answer_basis(
        Result.DISCLOSED, "published", {"where": "示例县人民政府门户网站“规划计划”栏目。"}
    )
    assert found.citations == [f"{R}第三十六条第（一）项"]
    assert "您可以通过以下方式、途径获取：示例县人民政府门户网站“规划计划”栏目。" in found.text
    assert found.facts == {"where": "示例县人民政府门户网站“规划计划”栏目"}


def test_another_agency_responsible_is_36_5_and_names_it_with_its_contact():
    with pytest.raises(BasisError) as error:
        answer_basis(Result.UNABLE_NOT_HELD, "other_agency", {"other_agency": "示例县发改局"})
    assert error.value.problems == {"other_agency_contact": "请填写该机关的联系方式。"}
    found = answer_basis(
        Result.UNABLE_NOT_HELD,
        "other_agency",
        {"other_agency": "示例县发展和改革局", "other_agency_contact": "电话0000-1234568"},
    )
    assert found.cited == f"{R}第三十六条第（五）项"
    assert (
        "负责公开该政府信息的行政机关为示例县发展和改革局，联系方式：电话0000-1234568" in found.text
    )
    assert answer_basis(Result.UNABLE_NOT_HELD, "not_exist").cited == f"{R}第三十六条第（四）项"


def test_a_publication_is_39_2_and_a_confirmation_cites_no_39():
    publication = answer_basis(
        Result.NOT_PROCESSED_PUBLICATION, facts={"where": "县图书馆、新华书店"}
    )
    assert publication.cited == f"{R}第三十九条第二款"
    assert "第三十六条" not in publication.text
    confirm = answer_basis(Result.NOT_PROCESSED_CONFIRM)
    assert confirm.cited == f"{R}第二条" and "第三十九条" not in confirm.text
    assert "以一定形式记录、保存的信息" in confirm.text


def test_partial_disclosure_cites_37_with_the_withheld_parts_own_ground():
    with pytest.raises(BasisError) as error:
        answer_basis(Result.PARTIAL, facts={"withheld_ground": "17"})
    assert error.value.problems == {
        "withheld_part": "请填写不予公开的部分。",
        "withheld_ground": "请选择不予公开部分的理由。",
        "how": "请填写提供方式、途径和时间。",
    }
    facts = {"withheld_part": "会议讨论记录", "how": "随本告知书提供"}
    expected = {
        "14": "第十四条、第三十七条",
        "15": "第十五条、第三十七条",
        "16_1": "第十六条第一款、第三十七条",
        "16_2": "第十六条第二款、第三十七条",
    }
    for ground, articles in expected.items():
        found = answer_basis(Result.PARTIAL, facts={**facts, "withheld_ground": ground})
        assert found.cited == R + articles, ground
    consulted = answer_basis(
        Result.PARTIAL, facts={**facts, "withheld_ground": "15", "third_party_consulted": "on"}
    )
    assert consulted.cited == f"{R}第十五条、第三十二条、第三十七条"
    with pytest.raises(BasisError, match="第十五条"):
        answer_basis(
            Result.PARTIAL, facts={**facts, "withheld_ground": "16_2", "third_party_consulted": 1}
        )


def test_withheld_by_law_names_the_law_in_book_title_marks():
    with pytest.raises(BasisError):
        answer_basis(Result.WITHHELD_LAW)
    for typed in ("中华人民共和国统计法", "《中华人民共和国统计法》"):
        found = answer_basis(Result.WITHHELD_LAW, facts={"law": typed})
        assert "属于《中华人民共和国统计法》禁止公开的政府信息" in found.text
        assert found.cited == f"{R}第十四条、第三十六条第（三）项"


def test_a_lenient_render_marks_what_is_missing():
    """Old letters (before the basis was recorded) still render, and say what is missing."""
    found = answer_basis(Result.DISCLOSED, "", {}, strict=False)
    assert found.option == "published" and "（未填写）" in found.text


def test_citations_name_each_law_once_per_run():
    assert (
        cite([f"{R}第十四条", f"{R}第三十六条第（三）项"]) == f"{R}第十四条、第三十六条第（三）项"
    )
    assert cite([f"{R}第四十二条", basis.FEE_MEASURES]) == (
        f"{R}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    )
    assert cite([]) == ""


# --- 行政复议机关 (行政复议法, 2023年修订) --------------------------------------------------------


@pytest.fixture
def tree():
    """示例省 › 示例市 › 示例县 › 城关镇, with departments and a 局属单位 (unsaved: no database)."""
    province = Agency(name="示例省人民政府", level="province", kind="government")
    province_dept = Agency(name="示例省交通运输厅", level="province", kind="department")
    province_dept.parent = province
    city = Agency(name="示例市人民政府", level="city", kind="government", parent=province)
    city_dept = Agency(name="示例市交通运输局", level="city", kind="department", parent=city)
    county = Agency(name="示例县人民政府", level="county", kind="government", parent=city)
    transport = Agency(name="示例县交通运输局", level="county", kind="department", parent=county)
    station = Agency(
        name="示例县公路事业发展中心", level="county", kind="subordinate", parent=transport
    )
    street = Agency(
        name="示例县城东街道办事处", level="township", kind="subdistrict", parent=county
    )
    town = Agency(name="示例县城关镇人民政府", level="township", kind="government", parent=county)
    tax = Agency(name="国家税务总局示例县税务局", level="county", kind="department", parent=county)
    return locals()


def test_a_department_goes_to_its_own_government_not_the_department_above(tree):
    assert review_body(tree["transport"]).name == "示例县人民政府"
    assert review_body(tree["city_dept"]).name == "示例市人民政府"
    assert review_body(tree["province_dept"]).name == "示例省人民政府"
    assert "第二十四条" in review_body(tree["transport"]).why


def test_units_and_subdistricts_go_to_the_government_above_them(tree):
    assert review_body(tree["station"]).name == "示例县人民政府"
    assert review_body(tree["street"]).name == "示例县人民政府"


def test_a_township_goes_to_the_county_and_a_county_to_the_city(tree):
    assert review_body(tree["town"]).name == "示例县人民政府"
    assert review_body(tree["county"]).name == "示例市人民政府"
    assert review_body(tree["city"]).name == "示例省人民政府"
    assert review_body(tree["province"]).name == "示例省人民政府"  # 第二十四条第二款


def test_vertically_managed_agencies_go_to_the_department_above(tree):
    found = review_body(tree["tax"], vertically_managed=True, superior="国家税务总局示例市税务局")
    assert found.name == "国家税务总局示例市税务局" and "第二十七条" in found.why


def test_an_agency_may_set_its_own(tree):
    assert review_body(tree["transport"], override=" 示例市人民政府 ").name == "示例市人民政府"


def test_remedies_say_sixty_days_and_six_months():
    text = remedies_text("示例县人民政府")
    assert "自收到本答复之日起六十日内向示例县人民政府申请行政复议" in text
    assert "自收到本答复之日起六个月内向人民法院提起行政诉讼" in text
    assert "《中华人民共和国政府信息公开条例》第五十一条" in text
    assert "《中华人民共和国行政诉讼法》第四十六条" in text
    assert "如对本决定不服" in remedies_text("示例县人民政府", noun="决定")
