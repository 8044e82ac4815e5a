"""Personal data out of the public copy: what the automatic scrub finds and replaces."""

import pytest

from gongkai.applications.identity import make_resident_id
from gongkai.interaction.scrub import findings, scrub

ZHANG_ID = make_resident_id("53230119900307123")


@pytest.mark.parametrize(
    "text",
    [
        "电话13812345678",
        "电话 138 1234 5678",
        "电话138-1234-5678",
        "电话+86 13812345678",
        "电话１３８１２３４５６７８",
        "座机0878-3123456",
        "座机08783123456",
    ],
)
def test_telephone_numbers_are_removed(text):
    result = scrub(text)
    assert "（电话号码已隐去）" in result
    assert not any(c.isdigit() for c in result)


def test_identity_numbers_are_removed_whole_not_half_eaten_as_a_phone():
    result = scrub(f"身份证{ZHANG_ID}，请核实")
    assert result == "身份证（身份证号码已隐去），请核实"
    lower = scrub("身份证53230119900307123x")
    assert lower == "身份证（身份证号码已隐去）"
    full_width = scrub("５３２３０１１９９００３０７１２３Ｘ")
    assert full_width == "（身份证号码已隐去）"


def test_email_addresses_and_vehicle_plates_are_removed():
    assert scrub("邮箱 zhangsan@example.com") == "邮箱 （电子邮箱已隐去）"
    assert scrub("车牌号云E·T1234的出租车") == "车牌号（车牌号已隐去）的出租车"
    assert scrub("车牌云A12345拒载") == "车牌（车牌号已隐去）拒载"


def test_the_askers_name_is_replaced_wherever_it_appears():
    text = "我叫张三。张三同志，您好"
    assert scrub(text, ["张三"]) == "我叫×××。×××同志，您好"
    assert scrub("欧阳娜娜反映", [" 欧阳 娜娜 "]) == "×××反映"


def test_a_one_character_name_is_not_hunted_through_the_text():
    assert scrub("王的路", ["王"]) == "王的路"


def test_long_numbers_like_bank_cards_are_removed():
    assert scrub("卡号6222021234567890123") == "卡号（号码已隐去）"


def test_dates_amounts_and_road_names_stay():
    text = "2026年11月2日，县道X201线K12+300处，投资350万元，第12号建议，国道G321线。"
    assert scrub(text) == text
    assert findings(text) == []


def test_the_agencys_own_telephone_is_kept():
    text = "如有疑问请拨打0000-1234567，或联系13812345678。"
    assert (
        scrub(text, keep=["0000-1234567"])
        == "如有疑问请拨打0000-1234567，或联系（电话号码已隐去）。"
    )


def test_findings_name_what_is_left():
    found = findings(f"张三 13812345678 {ZHANG_ID} a@b.cn", ["张三"])
    assert [f.label for f in found] == ["身份证号码", "电子邮箱", "电话号码", "留言人姓名"]
    assert findings(scrub(f"张三 13812345678 {ZHANG_ID} a@b.cn", ["张三"]), ["张三"]) == []
