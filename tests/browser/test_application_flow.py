"""公民张三 applies online; the office confirms, asks for 补正 and receives it, consults a third
party, asks for an extension that the head of the office agrees to, drafts the answer; 保密审查
and the head's sign-off follow; the office delivers and archives; 张三 downloads the answer
letter from the tracking page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from gongkai.applications import identity
from gongkai.core import sms
from gongkai.demo.county import build_county
from tests.browser.conftest import screenshot
from tests.browser.test_staff_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def enter_next_year_if_missing():
    """Late in a year the package may not know next year's holidays yet; enter New Year's Day as
    the 系统管理员 would, so that a due date running into January can be computed."""
    from datetime import date

    from django.utils import timezone

    from gongkai.workdays.models import CalendarDay, HolidayYear
    from gongkai.workdays.services import invalidate_calendar, seed_from_package

    seed_from_package()
    year = timezone.localdate().year + 1
    if not HolidayYear.objects.filter(year=year, is_complete=True).exists():
        entered, _ = HolidayYear.objects.update_or_create(
            year=year, defaults={"is_complete": True, "notice": "测试：管理员录入"}
        )
        CalendarDay.objects.get_or_create(
            date=date(year, 1, 1), defaults={"year": entered, "is_workday": False, "name": "元旦"}
        )
    invalidate_calendar()


@pytest.fixture
def county():
    """The demo county's people: 林晓 (公开办), 陈建国 (保密审查员), 赵主任 (head of 办公室, the
    政府信息公开工作机构)."""
    build_county()
    enter_next_year_if_missing()


def answer_challenge(page):
    label = page.locator("label", has_text="验证问题").inner_text()
    a, op, b = re.search(r"(\d+)\s*(加|减)\s*(\d+)", label).groups()
    value = int(a) + int(b) if op == "加" else int(a) - int(b)
    page.get_by_label(re.compile("验证问题")).fill(str(value))


def test_citizen_applies_staff_handle_and_the_citizen_downloads_the_answer(page, county, settings):
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.sms.LocmemBackend"
    sms.outbox.clear()
    mail.outbox.clear()
    page.goto(page.base + "/xxgk/SX120/apply/")
    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("110105199003071230")  # wrong check digit
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("所需信息的名称、文号或特征性描述").fill(
        "2025年示例县农村公路养护资金安排情况"
    )
    page.get_by_label("获取信息的形式").select_option(label="电子邮件")
    page.get_by_label("获取信息的方式").select_option(label="网上获取")
    answer_challenge(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".apply-form")).to_contain_text("校验码错误")
    expect(page.get_by_label("所需信息的名称、文号或特征性描述")).to_have_value(
        "2025年示例县农村公路养护资金安排情况"
    )
    screenshot(page, "apply-error")
    page.get_by_label("证件号码").fill(identity.make_resident_id("11010519900307123"))
    answer_challenge(page)
    page.get_by_role("button", name="提交申请").click()
    codes = page.locator(".apply-code")
    expect(codes.first).to_be_visible()
    number, code = codes.nth(0).inner_text(), codes.nth(1).inner_text()
    screenshot(page, "apply-done")

    log_in(page, "xiaolin")
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name=number).click()
    page.locator("#action-confirm button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已确认收到")
    page.locator("#action-supplement summary").click()
    page.get_by_label("补正期限").fill("2026-12-31")
    page.get_by_label("需要补正的事项").fill("请写明需要的是县级还是乡镇级养护资金")
    page.locator("#action-supplement button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已告知补正")
    page.locator("#action-supplement_received button[type=submit]").click()
    expect(page.locator("#clock")).to_contain_text("收到补正后的申请")

    # 第三十二条: the third party is consulted; its 15 working days run from its receipt.
    page.locator("#action-consult summary").click()
    page.get_by_label("征求意见对象").fill("示例县某建设公司")
    page.locator("#action-consult button[type=submit]").click()
    expect(page.locator(".status").first).to_have_text("征求意见中")
    page.locator("#action-consult_delivered summary").click()
    page.locator("#action-consult_delivered button[type=submit]").click()
    expect(page.locator("#consultations")).not_to_contain_text("未登记")
    page.locator("#action-consult_answered summary").click()
    page.locator("#action-consult_answered select[name$=opinion]").select_option(label="同意公开")
    page.locator("#action-consult_answered button[type=submit]").click()
    expect(page.locator("#consultations")).to_contain_text("同意公开")

    # 第三十三条第二款: the office asks; only the head may agree.
    page.locator("#action-extend summary").click()
    page.locator("#action-extend input[name$=days]").fill("10")
    page.locator("#action-extend textarea[name$=reason]").fill("需调取2024年以前的档案")
    page.locator("#action-extend button[type=submit]").click()
    expect(page.locator("#extension")).to_contain_text("待负责人审批的延期申请")
    expect(page.locator("#action-extension_decision")).to_have_count(0)
    page.get_by_role("button", name="退出").click()

    log_in(page, "zhaozr")
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name=number).click()
    page.locator("#action-extension_decision summary").click()
    page.locator("#action-extension_decision button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已审批延期答复")
    expect(page.locator("#clock")).to_contain_text("延期10个工作日")
    page.get_by_role("button", name="退出").click()

    log_in(page, "xiaolin")
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name=number).click()
    page.locator("#action-answer summary").click()
    page.get_by_label("办理结果（表三）").select_option(label="（一）予以公开")
    page.get_by_label("答复依据").select_option("published")
    page.get_by_label("获取途径（网址或场所）").fill("示例县人民政府门户网站“政府信息公开”专栏")
    expect(page.get_by_label("不予公开的部分")).to_be_hidden()  # facts of other bases
    page.get_by_label("答复内容").fill("经查，您申请的信息属于主动公开范围，现予以公开，详见附件。")
    screenshot(page, "application-answer")
    page.locator("#action-answer button[type=submit]").click()
    expect(page.locator(".status").first).to_have_text("答复审核中")
    expect(page.locator("#review")).to_contain_text("保密审查")
    expect(page.get_by_role("button", name="审核通过")).to_have_count(0)  # not the drafter's
    screenshot(page, "application-staff")
    page.get_by_role("button", name="退出").click()

    log_in(page, "laochen")  # 保密审查 (第十七条)
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name=number).click()
    page.get_by_role("button", name="审核通过").click()
    expect(page.locator(".messages")).to_contain_text("已签署“保密审查”")
    page.get_by_role("button", name="退出").click()

    log_in(page, "zhaozr")
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name=number).click()
    page.get_by_role("button", name="签发答复").click()
    expect(page.locator(".messages")).to_contain_text("已签发答复")
    page.get_by_role("button", name="退出").click()

    log_in(page, "xiaolin")  # 送达 and 归档 (第四十五条)
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name=number).click()
    page.locator("#action-deliver input[name$=method]").fill("网上获取")
    page.locator("#action-deliver button[type=submit]").click()
    expect(page.locator(".status").first).to_have_text("已送达")
    page.locator("#action-archive button[type=submit]").click()
    expect(page.locator(".status").first).to_have_text("已归档")
    screenshot(page, "application-archived")
    page.get_by_role("button", name="退出").click()

    page.goto(page.base + "/apply/track/")
    page.get_by_role("textbox", name="申请编号").fill(number)
    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("main")).to_contain_text("予以公开")
    expect(page.locator("main")).not_to_contain_text("林晓")
    screenshot(page, "apply-track")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载PDF.*申请答复告知书")).click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # 张三 was told by text message and e-mail of each step that asks something of them or
    # moves the date of the answer, and of the answer itself; never with the 查询码.
    texts = [message.text for message in sms.outbox]
    assert [message.to for message in sms.outbox] == ["13812345678"] * 4
    assert (
        "受理您的政府信息公开申请" in texts[0]
        and "需要补正" in texts[1]
        and "请写明需要的是县级" in texts[1]
    )
    assert "延期答复10个工作日" in texts[2] and "作出答复" in texts[3]
    assert all(number in text and code not in text for text in texts)
    assert [message.to for message in mail.outbox] == [["zhangsan@example.com"]] * 4
