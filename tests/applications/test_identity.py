"""居民身份证号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015), and the masks.

The check characters are recomputed here from the standards' own definitions (ISO 7064 MOD 11-2
weights 2^(18-i) mod 11; GB 32100 weights 3^(i-1) mod 31) rather than from the module's tables, and
two published examples were verified by hand: 11010519491231002X (the example in GB 11643-1999) and
91350100M000100Y43 (the example used in GB 32100-2015 material).
"""

from datetime import date, timedelta

import pytest

from gongkai.applications.identity import (
    CREDIT_CODE_CHARSET,
    IdentityError,
    make_credit_code,
    make_resident_id,
    mask_email,
    mask_id,
    mask_name,
    mask_phone,
    validate_credit_code,
    validate_resident_id,
)

TODAY = date(2026, 6, 15)

PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
PROVINCES |= {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}


def oracle_resident_check(prefix17: str) -> str:
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(prefix17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def oracle_credit_check(prefix17: str) -> str:
    total = sum(CREDIT_CODE_CHARSET.index(c) * (3**i % 31) for i, c in enumerate(prefix17))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def resident(prefix17: str) -> str:
    return prefix17 + oracle_resident_check(prefix17)


def error_of(func, text, **kwargs) -> IdentityError:
    with pytest.raises(IdentityError) as info:
        func(text, **kwargs)
    assert isinstance(info.value, ValueError)
    return info.value


# --- 居民身份证号码 -----------------------------------------------------------------------------


def test_the_example_in_gb_11643_is_valid():
    assert validate_resident_id("11010519491231002X", today=TODAY) == "11010519491231002X"


@pytest.mark.parametrize(
    "prefix17",
    [
        "11010519491231002",  # 北京朝阳, the standard's example
        "44030619900101123",  # 广东深圳
        "51010719850715004",  # 四川成都
        "65010220000229001",  # 新疆乌鲁木齐, leap day
        "81000019750630002",  # 香港 (港澳居民居住证)
        "83000020010101003",  # 台湾居民居住证
        "33010219000101007",  # earliest accepted year
    ],
)
def test_numbers_built_with_the_helper_are_valid(prefix17):
    number = make_resident_id(prefix17)
    assert number == resident(prefix17)
    assert validate_resident_id(number, today=TODAY) == number


@pytest.mark.parametrize("check_value", range(11))
def test_every_check_character_is_accepted_and_every_other_is_refused(check_value):
    # Find a sequence code whose number has this check character, then try all 11 endings.
    prefix = next(
        p
        for p in (f"32010219870405{seq:03d}" for seq in range(1000))
        if oracle_resident_check(p) == "10X98765432"[check_value]
    )
    right = "10X98765432"[check_value]
    assert make_resident_id(prefix) == prefix + right
    assert validate_resident_id(prefix + right, today=TODAY) == prefix + right
    for wrong in "0123456789X":
        if wrong != right:
            err = error_of(validate_resident_id, prefix + wrong, today=TODAY)
            assert err.code == "check"
            assert str(err) == f"身份证号码校验码错误（最后一位应为{right}）"


def test_the_check_mapping_is_iso_7064_mod_11_2():
    from gongkai.applications.identity import RESIDENT_ID_CHECK, RESIDENT_ID_WEIGHTS

    assert RESIDENT_ID_WEIGHTS == tuple(2 ** (17 - i) % 11 for i in range(17))
    mapping = {0: "1", 1: "0", 2: "X", 3: "9", 4: "8", 5: "7", 6: "6", 7: "5", 8: "4", 9: "3"}
    mapping[10] = "2"
    assert dict(enumerate(RESIDENT_ID_CHECK)) == mapping


def test_wrong_check_character_says_what_it_should_be():
    err = error_of(validate_resident_id, "110105194912310021", today=TODAY)
    assert str(err) == "身份证号码校验码错误（最后一位应为X）"


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("11010519491231002x", "11010519491231002X"),  # lower-case x
        (" 11010519491231002X ", "11010519491231002X"),
        ("110105 19491231 002X", "11010519491231002X"),  # grouped
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),  # full-width digits and X
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),  # full-width lower-case x
        ("110105\u300019491231\t002X\n", "11010519491231002X"),  # ideographic space, tab
    ],
)
def test_input_is_normalised(typed, normalised):
    assert validate_resident_id(typed, today=TODAY) == normalised


@pytest.mark.parametrize("blank", ["", "   ", "\u3000", None])
def test_a_blank_number_asks_to_fill_it_in(blank):
    err = error_of(validate_resident_id, blank, today=TODAY)
    assert (err.code, str(err)) == ("empty", "请填写身份证号码")


@pytest.mark.parametrize(
    "number",
    ["11010519491231002Y", "1101051949123100-2", "11010519491231002X。", "ABCDEFGHIJKLMNOPQR"],
)
def test_illegal_characters_are_refused(number):
    err = error_of(validate_resident_id, number, today=TODAY)
    assert err.code == "charset"
    assert str(err) == "身份证号码含非法字符：只能是数字，最后一位可以是X"


def test_x_anywhere_but_last_is_refused():
    err = error_of(validate_resident_id, "1101051949123100X2", today=TODAY)
    assert (err.code, str(err)) == ("charset", "身份证号码含非法字符：只有最后一位可以是X")


@pytest.mark.parametrize("length", [1, 14, 16, 17, 19, 20])
def test_wrong_length_is_refused(length):
    number = (
        ("11010519491231002X" * 2)[:length]
        if length <= 18
        else "11010519491231002X" + "1" * (length - 18)
    )
    err = error_of(validate_resident_id, number, today=TODAY)
    assert err.code == "length"
    assert str(err) == f"身份证号码长度不对：应为18位，现为{length}位"


def test_a_first_generation_15_digit_number_gets_a_hint():
    err = error_of(validate_resident_id, "110105491231002", today=TODAY)
    assert (
        str(err) == "身份证号码长度不对：应为18位，现为15位（15位的第一代身份证号码请换成18位号码）"
    )


@pytest.mark.parametrize("province", range(100))
def test_only_province_level_codes_are_accepted(province):
    number = resident(f"{province:02d}010219800101001")
    if province in PROVINCES:
        assert validate_resident_id(number, today=TODAY) == number
    else:
        err = error_of(validate_resident_id, number, today=TODAY)
        assert err.code == "region"
        assert str(err) == f"身份证号码前两位（{province:02d}）不是有效的省级行政区划代码"


@pytest.mark.parametrize(
    "birth",
    ["19000101", "19491231", "20000229", "20240229", "20260615"],
)
def test_real_birth_dates_from_1900_to_today_are_accepted(birth):
    number = resident(f"110105{birth}001")
    assert validate_resident_id(number, today=TODAY) == number


@pytest.mark.parametrize(
    ("birth", "reason"),
    [
        ("19491331", "第7至14位为19491331，不是真实的日期"),  # month 13
        ("19490001", "第7至14位为19490001，不是真实的日期"),  # month 0
        ("19490100", "第7至14位为19490100，不是真实的日期"),  # day 0
        ("19490431", "第7至14位为19490431，不是真实的日期"),  # 31 April
        ("19000229", "第7至14位为19000229，不是真实的日期"),  # 1900 was not a leap year
        ("20230229", "第7至14位为20230229，不是真实的日期"),
        ("00000000", "第7至14位为00000000，不是真实的日期"),
        ("18991231", "18991231早于1900年"),
        ("20260616", "20260616晚于今天"),  # tomorrow
        ("20991231", "20991231晚于今天"),
    ],
)
def test_impossible_birth_dates_are_refused(birth, reason):
    err = error_of(validate_resident_id, resident(f"110105{birth}001"), today=TODAY)
    assert err.code == "birth_date"
    assert str(err) == f"身份证号码中的出生日期无效（{reason}）"


def test_without_today_the_system_date_is_used():
    tomorrow = date.today() + timedelta(days=1)
    born_yesterday = resident(f"110105{date.today() - timedelta(days=1):%Y%m%d}001")
    born_tomorrow = resident(f"110105{tomorrow:%Y%m%d}001")
    assert validate_resident_id(born_yesterday) == born_yesterday
    assert error_of(validate_resident_id, born_tomorrow).code == "birth_date"


def test_the_first_failing_rule_is_reported():
    # Bad region, bad date and bad check character at once: region is checked first.
    assert error_of(validate_resident_id, "991105194913310000", today=TODAY).code == "region"
    # Bad date and bad check character: the date.
    assert error_of(validate_resident_id, "110105194913310000", today=TODAY).code == "birth_date"


@pytest.mark.parametrize("prefix", ["1101051949123100", "110105194912310021", "1101051949123100X"])
def test_make_resident_id_needs_17_digits(prefix):
    with pytest.raises(IdentityError):
        make_resident_id(prefix)


# --- 统一社会信用代码 ---------------------------------------------------------------------------


def test_the_published_credit_code_example_is_valid():
    assert oracle_credit_check("91350100M000100Y4") == "3"
    assert validate_credit_code("91350100M000100Y43") == "91350100M000100Y43"


def test_the_weights_are_powers_of_3_mod_31_and_the_charset_skips_i_o_z_s_v():
    from gongkai.applications.identity import CREDIT_CODE_WEIGHTS

    assert CREDIT_CODE_WEIGHTS == tuple(3**i % 31 for i in range(17))
    assert len(CREDIT_CODE_CHARSET) == 31
    assert not set("IOZSV") & set(CREDIT_CODE_CHARSET)


@pytest.mark.parametrize(
    "prefix17",
    [
        "91350100M000100Y4",
        "91110108MA01ABCD1",  # 市场监管, 企业
        "12330100470000000",  # 机构编制, 事业单位
        "51440300MJL000001",  # 民政, 社会团体
        "11100000000013127",  # 机构编制, 机关
        "Y1320500000000001",  # 其他登记管理部门
        "93330106MA2CDEFG0",  # 市场监管, 农民专业合作社
    ],
)
def test_codes_built_with_the_helper_are_valid(prefix17):
    code = make_credit_code(prefix17)
    assert code == prefix17 + oracle_credit_check(prefix17)
    assert validate_credit_code(code) == code


@pytest.mark.parametrize("check_value", range(31))
def test_every_credit_check_character_is_reachable_and_only_the_right_one_passes(check_value):
    right = CREDIT_CODE_CHARSET[check_value]
    prefix = next(
        p
        for p in (
            f"91320100MA{a}{b}00000" for a in CREDIT_CODE_CHARSET for b in CREDIT_CODE_CHARSET
        )
        if oracle_credit_check(p) == right
    )
    assert validate_credit_code(prefix + right) == prefix + right
    for wrong in CREDIT_CODE_CHARSET:
        if wrong != right:
            err = error_of(validate_credit_code, prefix + wrong)
            assert err.code == "check"
            assert str(err) == f"统一社会信用代码校验码错误（最后一位应为{right}）"


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("91350100m000100y43", "91350100M000100Y43"),
        (" 9135 0100 M000 100Y 43 ", "91350100M000100Y43"),
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),
        ("９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43"),
    ],
)
def test_credit_code_input_is_normalised(typed, normalised):
    assert validate_credit_code(typed) == normalised


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_a_blank_credit_code_asks_to_fill_it_in(blank):
    err = error_of(validate_credit_code, blank)
    assert (err.code, str(err)) == ("empty", "请填写统一社会信用代码")


@pytest.mark.parametrize(
    ("code", "bad"),
    [
        ("91350100I000100Y43", "I"),
        ("91350100O000100Y43", "O"),
        ("91350100Z000100Y43", "Z"),
        ("91350100S000100Y43", "S"),
        ("91350100V000100Y43", "V"),
        ("91350100M000-00Y43", "-"),
        ("9135O100M000I00Y43", "I、O"),
    ],
)
def test_letters_outside_the_charset_are_refused(code, bad):
    err = error_of(validate_credit_code, code)
    assert err.code == "charset"
    assert (
        str(err) == f"统一社会信用代码含非法字符：{bad}（只用数字和除I、O、Z、S、V以外的大写字母）"
    )


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y433", "913501", "9"])
def test_wrong_credit_code_length_is_refused(code):
    err = error_of(validate_credit_code, code)
    assert err.code == "length"
    assert str(err) == f"统一社会信用代码长度不对：应为18位，现为{len(code)}位"


@pytest.mark.parametrize(
    "prefix17", ["9135A100M000100Y4", "91MA0100M000100Y4", "913501Y0M000100Y4"]
)
def test_the_region_code_must_be_digits(prefix17):
    err = error_of(validate_credit_code, make_credit_code(prefix17))
    assert (err.code, str(err)) == ("region", "统一社会信用代码第3至8位（行政区划码）应为数字")


@pytest.mark.parametrize("prefix", ["91350100M000100Y", "91350100M000100YI", "91350100M000100Y43"])
def test_make_credit_code_needs_17_valid_characters(prefix):
    with pytest.raises(IdentityError):
        make_credit_code(prefix)


# --- Masks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("110105194912311234", "110***********1234"),
        ("11010519491231002x", "110***********002X"),
        ("91350100M000100Y43", "913***********0Y43"),
        ("１１０１０５１９４９１２３１１２３４", "110***********1234"),
        ("E12345678", "E12**5678"),  # passport
        ("12345678", "123*5678"),
        ("1234567", "*******"),  # too short to keep 3 + 4
        ("", ""),
    ],
)
def test_mask_id_keeps_the_first_3_and_the_last_4(value, masked):
    assert mask_id(value) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("李四光", "李**"),
        ("欧阳娜娜", "欧***"),
        ("王", "王"),
        (" 张 三 ", "张*"),
        ("", ""),
    ],
)
def test_mask_name_keeps_the_surname_character(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("０５７１-８８８８６６６６", "057******6666"),
        ("110", "***"),
    ],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("zhangsan@example.com", "z*******@example.com"),
        ("li@gov.cn", "l*@gov.cn"),
        ("a.b@c@example.com", "a****@example.com"),  # the domain is after the last @
        ("zhangsan", "z*******"),
        ("", ""),
    ],
)
def test_mask_email(email, masked):
    assert mask_email(email) == masked
