"""The personal-data detectors (去标识化): every number proves itself, masked forms pass, and the
files the public downloads are read the way it reads them."""

import re
from datetime import date

import pytest

from gongkai.applications.identity import make_credit_code, make_resident_id
from gongkai.inspection.detect import (
    Line,
    PersonalKind,
    find_numbers,
    is_bank_card,
    is_resident_id,
    luhn_valid,
    scan_lines,
)
from gongkai.inspection.extract import NoText, Unreadable, file_lines, html_lines
from tests.inspection.conftest import docx_bytes, pdf_bytes, xlsx_bytes

TODAY = date(2026, 12, 3)
ZHANG = make_resident_id("11010519491231002")  # 北京市朝阳区, 1949-12-31: ends in X
LI = make_resident_id("35052119800101123")  # 福建省, 1980-01-01
ID, MOBILE, CARD, NAMES = (
    PersonalKind.ID_NUMBER,
    PersonalKind.MOBILE,
    PersonalKind.BANK_CARD,
    PersonalKind.NAME_LIST,
)


def luhn_complete(prefix: str) -> str:
    """The card number: ``prefix`` and the Luhn check digit."""
    return next(prefix + d for d in "0123456789" if luhn_valid(prefix + d))


CARD_NUMBER = luhn_complete("621700123456789012")  # 19 digits, 银联 62


def kinds(text):
    return [kind for kind, _ in find_numbers(text, today=TODAY)]


# --- 身份证号 -------------------------------------------------------------------------------------


def test_an_id_number_with_its_check_character_is_found_and_masked():
    assert ZHANG.endswith("X")
    assert find_numbers(f"申请人张三，身份证号{ZHANG}。", today=TODAY) == [
        (ID, "110***********002X")
    ]
    assert kinds(f"身份证号：{ZHANG.lower()}") == [ID]
    assert kinds(f"身份证号：{LI}") == [ID]


def test_a_wrong_check_character_is_not_an_id_number():
    wrong = LI[:17] + ("0" if LI[17] != "0" else "1")
    assert not is_resident_id(wrong, today=TODAY)
    assert kinds(f"身份证号：{wrong}") == []


def test_region_and_birth_date_must_be_plausible():
    assert not is_resident_id(
        make_resident_id("99010519800101123"), today=TODAY
    )  # no such province
    assert not is_resident_id(make_resident_id("11000019800101123"), today=TODAY)  # prefecture 00
    assert not is_resident_id(make_resident_id("11010519801301123"), today=TODAY)  # month 13
    assert not is_resident_id(make_resident_id("11010518800101123"), today=TODAY)  # before 1900
    assert not is_resident_id(make_resident_id("11010520270101123"), today=TODAY)  # not yet born
    # 港澳居民居住证 (810000) are personal numbers too.
    assert is_resident_id(make_resident_id("81000019900101123"), today=TODAY)


def test_credit_codes_order_numbers_and_other_18_digit_numbers_are_not_id_numbers():
    # A company's 统一社会信用代码 may be all digits: it starts with 91, no province.
    company = make_credit_code("91350521000123456")
    assert kinds(f"统一社会信用代码：{company}") == []
    assert kinds(f"代码{make_resident_id('91350519800101123')}") == []
    # An order number that happens to look like an ID is labelled as one.
    assert kinds(f"订单号：{LI}") == []
    assert kinds("流水号 202612030000123456") == []
    assert kinds("编码 202612030000123456") == []  # 20…: no province


def test_masked_forms_are_not_findings():
    assert kinds("身份证号110105********1234，手机号码138****5678") == []
    assert kinds("身份证号110***********002X；卡号6217 **** **** 1234") == []


def test_a_number_inside_a_longer_run_or_glued_to_letters_is_not_a_finding():
    assert kinds(f"9{ZHANG[:17]}") == []
    assert kinds(f"{LI}7") == []
    assert kinds("编号 138123456789") == []  # 12 digits
    assert kinds("0138123456789") == []
    assert kinds("合同HT13812345678") == []
    assert kinds(f"{CARD_NUMBER}0") == []


# --- 手机号码 -------------------------------------------------------------------------------------


def test_mobile_numbers_in_the_ways_people_write_them():
    assert find_numbers("联系电话：13812345678", today=TODAY) == [(MOBILE, "138****5678")]
    assert kinds("电话 138-1234-5678") == [MOBILE]
    assert kinds("电话 138 1234 5678") == [MOBILE]
    assert kinds("电话 +86 13812345678、+8619912345678") == [MOBILE, MOBILE]
    assert kinds("１３８１２３４５６７８") == [MOBILE]  # full-width digits
    assert kinds("13812345678 13912345678") == [MOBILE, MOBILE]  # a column of numbers


def test_landlines_amounts_and_decimals_are_not_mobile_numbers():
    assert kinds("电话：0595-22881234") == []
    assert kinds("电话：12345678901") == []  # 12…
    assert kinds("总投资15000000000元") == []
    assert kinds("比例0.13812345678") == []
    assert kinds("系数13812345678.5") == []


# --- 银行卡号 -------------------------------------------------------------------------------------


def test_bank_cards_pass_luhn_with_a_schemes_prefix():
    assert is_bank_card(CARD_NUMBER)
    assert find_numbers(f"收款账号：{CARD_NUMBER}", today=TODAY) == [
        (CARD, "621************" + CARD_NUMBER[-4:])
    ]
    grouped = " ".join(CARD_NUMBER[i : i + 4] for i in range(0, 19, 4))
    assert kinds(f"卡号 {grouped}") == [CARD]
    visa = luhn_complete("411111111111111")
    assert kinds(f"卡号{visa}") == [CARD]


def test_numbers_failing_luhn_or_without_a_card_prefix_are_not_cards():
    broken = CARD_NUMBER[:-1] + str((int(CARD_NUMBER[-1]) + 1) % 10)
    assert not is_bank_card(broken)
    assert kinds(f"卡号{broken}") == []
    assert kinds(f"编号{luhn_complete('100000000000000')}") == []  # prefix 1: no scheme
    assert kinds(f"序列{luhn_complete('8' * 17)}") == []


# --- 名单 ------------------------------------------------------------------------------------------


def test_a_table_of_names_with_id_numbers_is_a_list_of_names():
    lines = [
        Line("表1", ("序号", "姓名", "身份证号", "联系电话"), 1),
        Line("表1", ("1", "张三", ZHANG, "13812345678"), 2),
        Line("表1", ("2", "李秀英", LI, "13912345678"), 3),
    ]
    hits = {hit.kind: hit for hit in scan_lines(lines, today=TODAY)}
    assert hits[ID].count == 2 and hits[ID].where == "表1第2、3行"
    assert hits[MOBILE].count == 2
    assert hits[NAMES].masked == "张*" and hits[NAMES].count == 2
    assert hits[NAMES].describe() == "表1第2、3行：姓名与上述号码同列（张*等2行）"
    assert ZHANG not in repr(hits) and "13812345678" not in repr(hits)


def test_names_are_recognised_without_a_heading_and_masked_names_are_not():
    hits = scan_lines([Line("第1页", (f"1 王建华 男 {LI}",))], today=TODAY)
    assert [hit.kind for hit in hits] == [ID, NAMES]
    hits = scan_lines(
        [Line("第1页", (f"1 王* 男 {LI}",)), Line("第1页", (f"张某某 {ZHANG}",))], today=TODAY
    )
    assert [hit.kind for hit in hits] == [ID]
    # A row whose numbers are masked lists nobody.
    assert scan_lines([Line("表1", ("张三", "110105********1234"), 2)], today=TODAY) == []


# --- Files ----------------------------------------------------------------------------------------


def test_html_tables_keep_their_cells_apart():
    lines = html_lines(
        "<p>公示如下：</p><table><tr><td>张三</td><td>13812345678</td><td>2026</td></tr></table>"
    )
    assert lines[0] == Line("正文", ("公示如下：",))
    assert lines[1] == Line("正文表1", ("张三", "13812345678", "2026"), 1)
    assert [h.kind for h in scan_lines(lines, today=TODAY)] == [MOBILE, NAMES]


def test_docx_paragraphs_and_tables_are_read():
    data = docx_bytes(
        ["经营者联系电话：13812345678"], [("姓名", "身份证号"), ("张三", ZHANG), ("李四", LI)]
    )
    hits = {(h.kind, h.where) for h in scan_lines(file_lines(data, "docx"), today=TODAY)}
    assert hits == {(MOBILE, "正文"), (ID, "表1第2、3行"), (NAMES, "表1第2、3行")}


def test_every_sheet_of_an_xlsx_is_read():
    data = xlsx_bytes(
        {
            "说明": [["2026年道路运输从业人员名单"]],
            "名单": [
                ["姓名", "身份证号", "手机"],
                ["张三", ZHANG, 13812345678],
                ["李四", LI, None],
            ],
        }
    )
    hits = {(h.kind, h.where, h.count) for h in scan_lines(file_lines(data, "xlsx"), today=TODAY)}
    assert hits == {
        (ID, "工作表“名单”第2、3行", 2),
        (MOBILE, "工作表“名单”第2行", 1),  # a number cell: 13812345678, not 1.38e10
        (NAMES, "工作表“名单”第2、3行", 2),
    }


def test_a_pdfs_text_is_read_page_by_page():
    data = pdf_bytes(f"<p>名单</p><table><tr><td>张三</td><td>{ZHANG}</td></tr></table>")
    hits = {(h.kind, h.where) for h in scan_lines(file_lines(data, "pdf"), today=TODAY)}
    assert hits == {(ID, "第1页"), (NAMES, "第1页")}


def test_broken_files_and_scans_say_why_instead_of_crashing():
    for data, kind in ((b"PK\x03\x04 not really a zip", "docx"), (b"%PDF-1.4\n garbage", "pdf")):
        with pytest.raises(Unreadable, match="损坏") as raised:
            file_lines(data, kind)
        assert not re.search(r"[A-Za-z]{4,}", str(raised.value)), raised.value  # no class names
    with pytest.raises(NoText, match="扫描件"):
        file_lines(pdf_bytes("<div style='height:1cm;background:#000'></div>"), "pdf")
    assert file_lines(b"\xff\xd8\xff", "jpg") is None  # images are not read
