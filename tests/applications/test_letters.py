"""Letters: the article each answer cites, the date of the step and the 文号 every letter carries
(regenerating changes neither), the seal, the remedies with the right 复议机关, and the staff
download and regenerate buttons. What goes out with the agency's name is legal text: the tests
read its words, in the DOCX and in the PDF."""

import io
import re
from datetime import UTC, date, datetime

import pdfplumber
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from docx import Document

from gongkai.annual_reports.formats import FORMAT_2019
from gongkai.applications import basis, letters, services
from gongkai.applications.choices import Result
from gongkai.applications.models import Letter, LetterSettings, LetterTemplate
from gongkai.core.serials import serial_last
from tests.publishing.test_signing import _Fields

pytestmark = pytest.mark.django_db

R = "《中华人民共和国政府信息公开条例》"
K = Letter.Kind
ARTICLE = re.compile(
    r"第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+款)?(?:第（[一二三四五六七]）项)?"
)


def docx_text(letter) -> str:
    with letter.docx.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(letter) -> str:
    """The PDF's text without the line breaks and spaces of its layout."""
    with letter.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        return "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)


def seal_png() -> bytes:
    """A red round seal on a transparent background."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 390, 390), outline=(220, 0, 0, 255), width=14)
    draw.regular_polygon((200, 200, 60), 5, fill=(220, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def answered(application, result, option="", facts=None, text="经审查，答复如下。", on=None):
    """The application with a drafted answer of ``result`` and its answer letter, dated ``on``."""
    found = basis.answer_basis(result, option, facts or {})
    application.result, application.answer_text = result, text
    application.basis_option, application.basis_facts = found.option, found.facts
    application.save()
    return letters.letter_create(
        application=application, kind=K.ANSWER, on=on or date(2026, 11, 20)
    )


def cited_articles(text: str) -> set[str]:
    """The 条例 articles a letter cites before its remedies (which cite 第五十一条 and 第四十六条)."""
    return set(ARTICLE.findall(text.split("如对本")[0]))


# --- The article for every result ---------------------------------------------------------------

#: Each 表三 leaf (2021) and each basis the handler may choose for it → the facts it states and
#: the citations exactly as the answer letter writes them (DOMAIN.md "The article for each result").
LEAVES = [
    (
        "disclosed",
        "published",
        {"where": "示例县人民政府门户网站“政府信息公开”专栏“规划计划”栏目"},
        f"{R}第三十六条第（一）项",
    ),
    ("disclosed", "provided", {"how": "随本告知书通过电子邮件提供"}, f"{R}第三十六条第（二）项"),
    (
        "partial",
        "partial",
        {
            "withheld_part": "施工企业的报价明细",
            "withheld_ground": "15",
            "third_party_consulted": True,
            "how": "随本告知书通过电子邮件提供",
        },
        f"{R}第十五条、第三十二条、第三十七条",
    ),
    (
        "partial",
        "partial",
        {"withheld_part": "局务会讨论记录", "withheld_ground": "16_2", "how": "邮寄"},
        f"{R}第十六条第二款、第三十七条",
    ),
    ("withheld_1", "state_secret", {}, f"{R}第十四条、第三十六条第（三）项"),
    (
        "withheld_2",
        "law_forbids",
        {"law": "中华人民共和国统计法"},
        f"{R}第十四条、第三十六条第（三）项",
    ),
    ("withheld_3", "security", {}, f"{R}第十四条、第三十六条第（三）项"),
    ("withheld_4", "third_party", {}, f"{R}第十五条、第三十六条第（三）项"),
    (
        "withheld_4",
        "third_party",
        {"third_party_consulted": True},
        f"{R}第十五条、第三十二条、第三十六条第（三）项",
    ),
    ("withheld_5", "internal", {}, f"{R}第十六条第一款、第三十六条第（三）项"),
    ("withheld_6", "process", {}, f"{R}第十六条第二款、第三十六条第（三）项"),
    ("withheld_7", "enforcement", {}, f"{R}第十六条第二款、第三十六条第（三）项"),
    (
        "withheld_8",
        "query",
        {"law": "不动产登记暂行条例", "where": "示例县不动产登记中心"},
        f"{R}第三十六条第（七）项",
    ),
    ("unable_1", "not_exist", {}, f"{R}第三十六条第（四）项"),
    (
        "unable_1",
        "other_agency",
        {"other_agency": "示例市生态环境局示例县分局", "other_agency_contact": "0000-7654321"},
        f"{R}第三十六条第（五）项",
    ),
    ("unable_2", "needs_making", {}, f"{R}第三十八条"),
    ("unable_3", "unclear", {}, f"{R}第三十条"),
    (
        "not_processed_1",
        "petition",
        {"channel": "12328交通运输服务监督电话"},
        f"{R}第三十九条第一款",
    ),
    (
        "not_processed_2",
        "repeat",
        {"earlier_answer": "2026年4月8日已答复"},
        f"{R}第三十六条第（六）项",
    ),
    (
        "not_processed_3",
        "publication",
        {"where": "示例县图书馆、新华书店"},
        f"{R}第三十九条第二款",
    ),
    ("not_processed_4", "mass", {}, f"{R}第三十五条"),
    ("not_processed_5", "not_information", {}, f"{R}第二条"),
    ("other_1", "no_supplement", {}, f"{R}第三十条"),
    (
        "other_2",
        "unpaid",
        {},
        f"{R}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    ),
    ("other_3", "withdrawn", {}, ""),
    ("other_3", "other", {"reason": "申请人已死亡，无继承人继续申请"}, ""),
]
BY_OPTION = {option: (facts, cited) for _result, option, facts, cited in LEAVES}


def test_the_table_covers_every_leaf_and_every_basis():
    assert {result for result, *_ in LEAVES} == set(Result.values)  # the 21 leaves
    assert {option for _r, option, *_ in LEAVES} == set(basis.OPTIONS)


def _check_answer(letter, cited):
    text = docx_text(letter)
    expected = set(ARTICLE.findall(cited))
    assert cited in text if cited else "根据" not in text.split("如对本")[0]
    assert cited_articles(text) == expected, text
    assert "六十日内向示例县人民政府申请行政复议" in text
    assert "六个月内向人民法院提起行政诉讼" in text
    return text


@pytest.mark.parametrize(
    ("result", "option", "facts", "cited"),
    LEAVES,
    ids=[f"{result}-{option}-{i}" for i, (result, option, _f, _c) in enumerate(LEAVES)],
)
def test_each_result_cites_its_own_article(registered, result, option, facts, cited):
    letter = answered(registered(date(2026, 11, 2)), result, option, facts)
    text = _check_answer(letter, cited)
    if option == "publication":  # the issue: it cited 第三十六条第（五）项
        assert "第三十六条" not in text and "告知您获取的途径：示例县图书馆、新华书店" in text
    if option == "not_information":  # the issue: it cited 第三十九条第二款
        assert "第三十九条" not in text
    if option == "other_agency":  # the issue: it always cited 第三十六条第（四）项
        assert "示例市生态环境局示例县分局" in text and "0000-7654321" in text
    if option == "published":  # the issue: it always cited 第三十六条第（二）项
        assert "“规划计划”栏目" in text
    if option in ("law_forbids", "query"):
        assert re.search(r"《(中华人民共和国统计法|不动产登记暂行条例)》", text)


@pytest.mark.parametrize("row", list(basis.ROWS_2019))
def test_each_2019_leaf_cites_the_articles_of_its_results(registered, row):
    """国办公开办函〔2019〕60号: the same leaves, but one 其他处理 row for three kinds of end."""
    application = registered(date(2020, 11, 2))
    for option in basis.options_for_row(row, FORMAT_2019):
        facts, cited = BY_OPTION[option.key]
        letter = answered(application, option.result, option.key, facts, on=date(2020, 11, 20))
        _check_answer(letter, cited)


def test_the_drafted_basis_is_what_the_signed_answer_cites(registered, office, sign_off):
    application = registered(date(2026, 11, 2))
    services.application_draft_answer(
        application=application,
        by=office,
        result=Result.UNABLE_NOT_HELD,
        text="经检索，我局未制作、未保存该环评批复文件。",
        basis_option="other_agency",
        facts={
            "other_agency": "示例市生态环境局示例县分局",
            "other_agency_contact": "0000-7654321",
        },
    )
    application.refresh_from_db()
    assert application.basis_option == "other_agency"
    assert application.basis_facts["other_agency"] == "示例市生态环境局示例县分局"
    with time_machine.travel(date(2026, 11, 24)):
        sign_off(application)
    letter = application.letters.get(kind=K.ANSWER)
    text = docx_text(letter)
    assert f"{R}第三十六条第（五）项" in text and "第三十六条第（四）项" not in text
    assert letter.date == date(2026, 11, 24) and letter.number == "示县交依复〔2026〕1号"


def test_lapsed_and_withdrawn_applications_record_their_basis(registered, office):
    application = registered(date(2026, 9, 1))
    services.application_fee_notice(
        application=application,
        by=office,
        on=date(2026, 9, 3),
        method="by_volume",
        pages=120,
        delivery="online",
    )
    services.close_all_lapsed(today=date(2026, 11, 20))
    application.refresh_from_db()
    assert application.basis_option == "unpaid"
    letter = application.letters.get(kind=K.ANSWER)
    assert letter.date == date(2026, 11, 20)
    assert "国办函〔2020〕109号" in letter.body and f"{R}第四十二条" in letter.body
    withdrawn = services.application_withdraw(application=registered(date(2026, 11, 2)))
    assert withdrawn.basis_option == "withdrawn"


# --- Every kind of letter: its articles, the date of its step, its 文号 ------------------------

STEP = date(2026, 11, 4)
LATER = "2026-12-21T10:00:00+08:00"

KINDS = {
    K.RECEIPT: ({}, ["政府信息公开申请受理回执", "第三十三条", "20个工作日内"]),
    K.SUPPLEMENT: (
        {"what": "请写明所需资金安排的年度", "until": date(2026, 11, 18)},
        ["政府信息公开申请补正告知书", "第三十条", "请于2026年11月18日前补正", "视为放弃申请"],
    ),
    K.EXTENSION: (
        {"reason": "需要调阅档案", "days": 20},
        [
            "政府信息公开申请延期答复告知书",
            "经我机关政府信息公开工作机构负责人同意",
            "第三十三条第二款",
            "答复期限延长20个工作日",
        ],
    ),
    K.CONSULTATION: (
        {"target": "示例县宏远建设工程有限公司"},
        [
            "政府信息公开第三方意见征询函",
            "示例县宏远建设工程有限公司",
            "第三十二条",
            "15个工作日内",
        ],
    ),
    K.FEE: (
        {"amount": 120, "explanation": ["共42页，按量计收120元"], "method": "by_volume"},
        [
            "政府信息公开信息处理费收费通知书",
            "第四十二条",
            "国办函〔2020〕109号",
            "收费金额：120元",
            "收费依据：按量计收，《政府信息公开信息处理费管理办法》第三条、第五条",
            "31—100页（含100页）的部分，10元/页",
            "计算过程：共42页，按量计收120元",
            "缴费方式：请持本通知到我机关政府信息公开工作机构领取非税收入缴款书",
            "请自收到本通知之日起20个工作日内缴纳",
        ],
    ),
    K.ANSWER: (
        {},
        ["政府信息公开申请答复告知书", f"{R}第十六条第二款、第三十六条第（三）项", "不予公开"],
    ),
    K.REASONS: (
        {"until": date(2026, 11, 18), "situation": "您于2026年11月2日至4日共提出12件申请"},
        [
            "政府信息公开申请要求说明理由告知书",
            "您于2026年11月2日至4日共提出12件申请。",
            "数量、频次明显超过合理范围",
            "第三十五条",
            "请您于2026年11月18日前向我机关说明理由",
        ],
    ),
    K.LATER_DEADLINE: (
        {"until": date(2027, 1, 15), "reason": "涉及38个项目约1200页材料"},
        [
            "政府信息公开申请延迟答复告知书",
            "申请理由合理",
            "第三十三条规定的期限内答复",
            "第三十五条",
            "确定延迟答复的期限至2027年1月15日",
            "涉及38个项目约1200页材料",
        ],
    ),
    K.THIRD_PARTY_DECISION: (
        {
            "target": "示例县公共交通有限公司",
            "content": "2025年度城市公交安全生产检查发现的问题及整改情况",
            "reasons": "涉及乘客人身安全，公众需要知晓",
            "disclose_on": date(2026, 11, 25),
        },
        [
            "政府信息公开决定告知书",
            "示例县公共交通有限公司",
            "贵方不同意公开",
            "不公开可能对公共利益造成重大影响",
            "第三十二条",
            "决定公开的政府信息内容：2025年度城市公交安全生产检查发现的问题及整改情况",
            "决定公开的理由：涉及乘客人身安全，公众需要知晓",
            "我机关将于2026年11月25日起向申请人公开上述政府信息",
        ],
    ),
}
PREFIXES = {
    K.RECEIPT: "依受",
    K.SUPPLEMENT: "依补",
    K.EXTENSION: "依延",
    K.CONSULTATION: "依征",
    K.FEE: "依费",
    K.ANSWER: "依复",
    K.REASONS: "依理",
    K.LATER_DEADLINE: "依迟",
    K.THIRD_PARTY_DECISION: "依决",
}


def test_every_kind_is_covered():
    assert set(KINDS) == set(K.values) == set(PREFIXES)
    assert set(letters.DECISION_KINDS) == {K.ANSWER, K.FEE, K.THIRD_PARTY_DECISION}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_renders_its_articles_step_date_number_and_remedies(registered, kind):
    application = registered(date(2026, 11, 2))
    extra, phrases = KINDS[kind]
    if kind == K.ANSWER:
        application.result, application.basis_option = Result.WITHHELD_PROCESS, "process"
        application.answer_text = "该方案仍在论证修改中。"
        application.save()
    with time_machine.travel(LATER):  # rendered weeks after the step
        letter = letters.letter_create(application=application, kind=kind, on=STEP, **extra)
    serial = 2 if kind == K.RECEIPT else 1  # registering made the first 受理回执
    number = f"示县交{PREFIXES[kind]}〔2026〕{serial}号"
    assert letter.date == STEP and letter.number == number
    # Letters to a third party never reach the applicant's download page.
    assert letter.for_applicant == (kind not in (K.CONSULTATION, K.THIRD_PARTY_DECISION))
    decision = kind in letters.DECISION_KINDS
    noun = letters.DECISION_KINDS.get(kind, "")
    for text in (docx_text(letter), pdf_text(letter)):
        for phrase in [*phrases, number, "示例县交通运输局", "2026年11月4日"]:
            assert phrase in text, (kind, phrase)
        assert "2026年12月21日" not in text
        assert "联系地址：示例县人民路1号" in text or "联系地址" not in text
        if decision:
            assert (
                f"如对本{noun}不服，可以自收到本{noun}之日起六十日内向示例县人民政府申请行政复议"
                in text
            )
            assert f"自收到本{noun}之日起六个月内向人民法院提起行政诉讼" in text
        else:
            assert "行政复议" not in text and "行政诉讼" not in text


def test_services_date_each_letter_with_its_step_not_the_day_it_is_made(registered, office):
    with time_machine.travel("2026-11-10T09:00:00+08:00"):
        application = registered(date(2026, 11, 2))
        services.application_request_supplement(
            application=application,
            by=office,
            on=date(2026, 11, 4),
            until=date(2026, 11, 18),
            what="请写明年度",
        )
    receipt = application.letters.get(kind=K.RECEIPT)
    supplement = application.letters.get(kind=K.SUPPLEMENT)
    assert (receipt.date, receipt.number) == (date(2026, 11, 2), "示县交依受〔2026〕1号")
    assert (supplement.date, supplement.number) == (date(2026, 11, 4), "示县交依补〔2026〕1号")
    assert "2026年11月4日" in docx_text(supplement) and "2026年11月10日" not in docx_text(
        supplement
    )


# --- 文号 -------------------------------------------------------------------------------------


def test_numbers_run_per_agency_prefix_and_year_of_the_letter_date(registered, transport):
    first = registered(date(2025, 12, 31))
    second = registered(date(2026, 1, 5))
    third = registered(date(2026, 1, 6))
    assert first.letters.get().number == "示县交依受〔2025〕1号"  # made in 2026 or not: its date
    assert second.letters.get().number == "示县交依受〔2026〕1号"
    assert third.letters.get().number == "示县交依受〔2026〕2号"
    answer = answered(second, Result.WITHHELD_PROCESS, on=date(2026, 1, 20))
    assert answer.number == "示县交依复〔2026〕1号"  # each kind counts on its own
    settings = LetterSettings.objects.create(agency=transport, prefix_answer="示交公开复")
    assert settings.prefix_for(K.RECEIPT) == "示县交依受"
    assert answered(third, Result.WITHHELD_PROCESS, on=date(2026, 1, 21)).number == (
        "示交公开复〔2026〕1号"
    )
    for letter in Letter.objects.all():  # GB/T 9704: 〔〕, the full year, no 第, no leading 0
        assert re.fullmatch(r"[^〔〕第]+〔20\d\d〕[1-9]\d*号", letter.number), letter.number


def test_an_agency_without_a_doc_prefix_uses_its_short_name(county, registered):
    settings = LetterSettings(agency=county)
    county.short_name = "示县府"
    assert settings.prefix_for(K.ANSWER) == "示县府依复"


# --- The seal ---------------------------------------------------------------------------------


def test_the_seal_sits_over_the_agency_name_and_date(registered, transport):
    application = registered(date(2026, 11, 2))
    receipt = application.letters.get()
    with letter_zip(receipt) as files:
        assert not [n for n in files.namelist() if n.startswith("word/media/")]
    with receipt.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        assert not pdf.pages[-1].images  # without a seal: the place is left empty
    settings = LetterSettings(agency=transport)
    settings.seal.save("seal.png", ContentFile(seal_png()), save=True)
    letter = letters.letter_create(application=application, kind=K.EXTENSION, on=STEP, days=5)
    with letter_zip(letter) as files:
        assert [n for n in files.namelist() if n.startswith("word/media/")]
        xml = files.read("word/document.xml").decode()
    assert "<wp:anchor" in xml and "<wp:wrapNone/>" in xml and 'behindDoc="0"' in xml
    # The seal is anchored in the agency's name, the last but one paragraph, above the date.
    name, day = Document(io.BytesIO(letter.docx.open("rb").read())).paragraphs[-2:]
    assert name.text == "示例县交通运输局" and "<wp:anchor" in name._p.xml
    assert day.text == "2026年11月4日" and "<wp:anchor" not in day._p.xml
    with letter.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        page = pdf.pages[-1]
        (image,) = page.images
        name = page.search("示例县交通运输局")[0]
        day = page.search("2026年11月4日")[0]
    # Centred over the name and the date, pressing on both (GB/T 9704-2012 §7.3.5.1).
    assert image["top"] < name["top"] and day["bottom"] < image["bottom"]
    middle = (image["x0"] + image["x1"]) / 2
    assert abs(middle - (day["x0"] + day["x1"]) / 2) < 12
    assert abs(middle - (name["x0"] + name["x1"]) / 2) < 12


def letter_zip(letter):
    import zipfile

    with letter.docx.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_the_seal_must_be_a_png(transport):
    settings = LetterSettings(agency=transport)
    settings.seal = SimpleUploadedFile("seal.jpg", b"\xff\xd8\xff\xe0 not a png")
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert error.value.message_dict["seal"] == ["电子印章须为PNG图片（透明背景）。"]
    settings.seal = SimpleUploadedFile("seal.png", seal_png())
    settings.full_clean()
    settings.vertically_managed = True
    with pytest.raises(ValidationError, match="上一级主管部门"):
        settings.full_clean()


def test_the_system_admin_uploads_the_seal_on_the_agencys_page(sysadmin, transport):
    client = Client()
    client.force_login(sysadmin)
    url = f"/admin/org/agency/{transport.pk}/change/"
    page = client.get(url).content.decode()
    assert "文书设置" in page and "电子印章" in page and "行政复议机关" in page
    parser = _Fields()
    parser.feed(page)
    data = {
        **parser.data,
        "letter_settings-0-seal": SimpleUploadedFile("seal.png", seal_png(), "image/png"),
        "letter_settings-0-office_phone": "0000-7777777",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    settings = LetterSettings.objects.get(agency=transport)
    assert settings.seal.name.endswith(".png") and settings.phone == "0000-7777777"


# --- Remedies and settings --------------------------------------------------------------------


def test_the_review_body_follows_the_tree_or_the_agencys_setting(registered, transport):
    application = registered(date(2026, 11, 2))
    letter = answered(application, Result.WITHHELD_PROCESS)
    assert "六十日内向示例县人民政府申请行政复议" in letter.body
    LetterSettings.objects.create(
        agency=transport,
        vertically_managed=True,
        superior_department="示例市交通运输局",
        office_address="示例县人民路1号交通大楼3楼",
    )
    letter = answered(application, Result.WITHHELD_PROCESS)
    text = docx_text(letter)
    assert "六十日内向示例市交通运输局申请行政复议" in text
    assert "联系地址：示例县人民路1号交通大楼3楼" in text


@override_settings(GONGKAI_FEE_PAYMENT_DAYS=15)
def test_the_fee_notice_states_amount_basis_standard_payment_and_period(
    registered, office, transport
):
    template = letters.DEFAULTS[K.FEE][1]  # the period is a setting, never a literal 20
    assert "20个工作日" not in template and "{{ payment_days }}个工作日内" in template
    LetterSettings.objects.create(
        agency=transport, fee_payment="通过示例县非税收入缴费平台（缴款码见附件）缴纳。"
    )
    application = registered(date(2026, 11, 2))
    application = services.application_split(  # counted as 11: the 11th is charged
        application=application, by=office, items=11, reason="申请包含11个不同工程的资料"
    )
    services.application_fee_notice(
        application=application, by=office, on=date(2026, 11, 5), method="by_count"
    )
    text = docx_text(application.letters.get(kind=K.FEE))
    assert "收费金额：100元" in text
    assert "收费依据：按件计收，《政府信息公开信息处理费管理办法》第三条、第四条" in text
    assert "11—30件（含30件）的部分，100元/件" in text
    assert "缴费方式：通过示例县非税收入缴费平台（缴款码见附件）缴纳。" in text
    assert "请自收到本通知之日起15个工作日内缴纳" in text
    assert "六十日内向示例县人民政府申请行政复议" in text


def test_an_agency_template_cannot_drop_the_remedies(registered, transport):
    LetterTemplate.objects.create(
        kind=K.ANSWER, agency=transport, title="答复书", body="{{ applicant }}：\n{{ basis_text }}"
    )
    letter = answered(registered(date(2026, 11, 2)), Result.WITHHELD_PROCESS)
    assert letter.title == "答复书"
    assert letter.body.endswith(
        "六个月内向人民法院提起行政诉讼（《中华人民共和国政府信息公开条例》"
        "第五十一条、《中华人民共和国行政复议法》、"
        "《中华人民共和国行政诉讼法》第四十六条）。"
    )


# --- Regenerating -------------------------------------------------------------------------------


def test_regenerating_keeps_date_number_and_facts(
    registered, office, office_head, transport, django_capture_on_commit_callbacks
):
    application = registered(date(2026, 11, 2))
    receipt = application.letters.get()
    assert "答复期限：2026年11月30日" in receipt.body
    services.application_request_extension(
        application=application, by=office, on=date(2026, 11, 20), days=10, reason="检索档案"
    )
    services.application_decide_extension(
        application=application, by=office_head, on=date(2026, 11, 20), approve=True
    )
    LetterTemplate.objects.create(
        kind=K.RECEIPT,
        agency=transport,
        title="政府信息公开申请登记回执",
        body="{{ applicant }}：\n您的申请（{{ number }}）已于{{ received }}登记，答复期限{{ due }}。",
    )
    settings = LetterSettings(agency=transport)
    settings.seal.save("seal.png", ContentFile(seal_png()), save=True)
    old_file = receipt.docx.name
    with (
        time_machine.travel("2027-01-05T10:00:00+08:00"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        letter = services.letter_regenerate(letter=receipt, by=office)
    assert (letter.date, letter.number) == (date(2026, 11, 2), "示县交依受〔2026〕1号")
    assert letter.title == "政府信息公开申请登记回执"
    text = docx_text(letter)
    assert "答复期限2026年11月30日" in text  # the due date the letter stated, not today's
    assert "2026年11月2日" in text and "2027年1月5日" not in text
    assert "word/media/" in " ".join(letter_zip(letter).namelist())
    assert serial_last(letters.number_scope(transport, "示县交依受"), 2026) == 1
    assert letter.docx.name != old_file and not letter.docx.storage.exists(old_file)
    event = application.events.get(kind="letter_regenerated")
    assert event.actor == office and "示县交依受〔2026〕1号" in event.note


def test_a_letter_from_before_keeps_its_words_when_regenerated(registered, office):
    """Letters made before this version stored no facts (and no 文号): regenerating renews the
    form (seal, layout) and never rewrites what was sent."""
    receipt = registered(date(2026, 11, 2)).letters.get()
    Letter.objects.filter(pk=receipt.pk).update(
        context={}, number="", body="张三：\n旧回执正文，答复期限：2026年11月30日。{{ due }}"
    )
    letter = services.letter_regenerate(letter=receipt, by=office)
    assert letter.number == "" and letter.body.endswith("{{ due }}")
    assert "旧回执正文，答复期限：2026年11月30日。{{ due }}" in docx_text(letter)


# --- Staff pages --------------------------------------------------------------------------------


def test_staff_download_and_regenerate_a_letter(registered, office, xiaoli):
    application = registered(date(2026, 11, 2))
    letter = application.letters.get()
    client = Client()
    client.force_login(office)
    page = client.get(f"/staff/applications/{application.pk}/").text
    assert "示县交依受〔2026〕1号" in page and "重新生成" in page
    docx = client.get(f"/staff/applications/letters/{letter.pk}/docx/")
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    pdf = b"".join(client.get(f"/staff/applications/letters/{letter.pk}/pdf/").streaming_content)
    assert pdf.startswith(b"%PDF-")
    url = f"/staff/applications/letters/{letter.pk}/regenerate/"
    assert client.get(url).status_code == 405
    with time_machine.travel("2026-12-28T10:00:00+08:00"):
        client.force_login(office)  # a month later: a new session
        response = client.post(url, follow=True)
    assert "文号和日期不变" in response.text
    letter.refresh_from_db()
    assert (letter.date, letter.number) == (date(2026, 11, 2), "示县交依受〔2026〕1号")
    assert letter.rendered_at.date() == date(2026, 12, 28)
    text = docx_text(letter)
    assert "2026年11月2日" in text and "2026年12月28日" not in text
    other = Client()
    other.force_login(xiaoli)  # not the office, and not handling this application
    assert other.post(url).status_code == 404


def test_the_answer_form_offers_the_bases_and_checks_their_facts(
    registered, office, secrecy, office_head
):
    """(``secrecy`` and ``office_head`` staff the answer's review chain.)"""
    application = registered(date(2026, 11, 2))
    client = Client()
    client.force_login(office)
    page = client.get(f"/staff/applications/{application.pk}/").text
    assert "已主动公开，告知获取方式、途径（第三十六条第（一）项）" in page
    assert "answer.js" in page
    url = f"/staff/applications/{application.pk}/action/answer/"
    response = client.post(url, {"answer-result": "disclosed", "answer-text": "该信息已主动公开。"})
    assert response.status_code == 400
    assert "该办理结果有不同的答复依据，请选择。" in response.text
    assert "该信息已主动公开。" in response.text
    response = client.post(
        url,
        {
            "answer-result": "disclosed",
            "answer-basis_option": "other_agency",
            "answer-text": "该信息已主动公开。",
        },
    )
    assert "所选答复依据与办理结果不符" in response.text
    response = client.post(
        url,
        {
            "answer-result": "disclosed",
            "answer-basis_option": "published",
            "answer-how": "邮寄",
            "answer-text": "该信息已主动公开。",
        },
    )
    assert response.status_code == 400 and "请填写获取途径（网址或场所）。" in response.text
    assert 'value="published" selected' in response.text and "邮寄" in response.text
    response = client.post(
        url,
        {
            "answer-result": "disclosed",
            "answer-basis_option": "published",
            "answer-where": "示例县人民政府门户网站",
            "answer-text": "该信息已主动公开。",
        },
        follow=True,
    )
    assert "已拟定答复" in response.text
    assert f"{R}第三十六条第（一）项" in response.text
    application.refresh_from_db()
    assert application.basis_option == "published"
    assert application.basis_facts == {"where": "示例县人民政府门户网站"}


@pytest.mark.django_db(transaction=True)
def test_the_migration_dates_the_letters_already_there(audit_triggers_allow_flush):
    """0004: a letter made before carries the day it was generated and no 文号."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("applications", "0003_delete_numbersequence")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        agency = apps.get_model("org", "Agency").objects.create(
            name="示例县交通运输局", code="SX120", level="county", kind="department"
        )
        application = apps.get_model("applications", "Application").objects.create(
            agency=agency,
            number="SX120-2026-0001",
            code_hash="x",
            channel="in_person",
            applicant_type="natural",
            name="张三",
            id_type="resident_id",
            id_number="1",
            phone="1",
            description="养护资金",
            form_wanted="paper",
            delivery="post",
        )
        apps.get_model("applications", "Letter").objects.create(
            application=application,
            kind="receipt",
            title="政府信息公开申请受理回执",
            body="张三：……",
            created_at=datetime(2026, 11, 2, 23, 30, tzinfo=UTC),  # 11月3日 in Beijing
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    letter = Letter.objects.get()
    assert (letter.date, letter.number, letter.context) == (date(2026, 11, 3), "", {})
    assert letter.rendered_at == letter.created_at


# --- A due date in a year whose 节假日安排 nobody has entered -----------------------------------

NOT_ENTERED = "具体日期按国务院办公厅公布的2027年部分节假日安排计算"


@time_machine.travel("2026-12-05 10:00 +0800", tick=True)
def test_a_receipt_whose_due_date_falls_in_a_year_not_entered_states_no_false_date(registered):
    """Received 2026-12-04: its 20th working day is in 2027, which nobody has entered. The
    receipt says what the deadline is and how its date is fixed — never "暂停计时" (nothing is
    paused) and never a guessed date."""
    application = registered(date(2026, 12, 4))
    assert application.due_date is None
    receipt = application.letters.get()
    assert (
        f"自收到申请之日起20个工作日内予以答复（答复期限：收到申请之日起第20个工作日，{NOT_ENTERED}）"
        in receipt.body
    )
    assert "暂停计时" not in receipt.body and "2027年1月" not in receipt.body
    assert "暂停计时" not in docx_text(receipt)


@time_machine.travel("2026-12-05 10:00 +0800", tick=True)
def test_an_extension_into_a_year_not_entered_names_the_original_date_and_the_days(
    registered, office, office_head
):
    application = registered(date(2026, 11, 20))
    assert application.due_date == date(2026, 12, 18)
    services.application_request_extension(
        application=application, by=office, on=date(2026, 12, 1), days=20, reason="检索档案"
    )
    services.application_decide_extension(
        application=application, by=office_head, on=date(2026, 12, 1), approve=True
    )
    letter = application.letters.get(kind="extension")
    assert (
        f"答复期限延长20个工作日，至原答复期限（2026年12月18日）后第20个工作日，{NOT_ENTERED}。"
        in letter.body
    )
    assert "暂停计时" not in letter.body


def test_a_receipt_while_the_clock_is_known_states_the_date(registered):
    application = registered(date(2026, 11, 2))
    assert "（答复期限：2026年11月30日）" in application.letters.get().body
