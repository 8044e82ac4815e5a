"""公民张三 applies online; the office confirms, asks for 补正, receives it, answers; another
office member signs the answer off; 张三 downloads the answer letter from the tracking page."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.applications import identity
from gongkai.demo.county import build_county
from gongkai.org.models import Agency, Membership
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
    build_county()
    enter_next_year_if_missing()
    from gongkai.accounts.models import User

    agency = Agency.objects.get(code="SX120")
    head = User.objects.filter(username="zhaozr").first()
    if head is None:  # a second 公开办 member signs answers off
        head = User.objects.create_user("zhaozr", password="Gongkai@2026", full_name="赵主任")
        Membership.objects.create(
            user=head, agency=agency, unit=agency.units.get(name="办公室"), role="disclosure_office"
        )


def answer_challenge(page):
    label = page.locator("label", has_text="验证问题").inner_text()
    a, op, b = re.search(r"(\d+)\s*(加|减)\s*(\d+)", label).groups()
    value = int(a) + int(b) if op == "加" else int(a) - int(b)
    page.get_by_label(re.compile("验证问题")).fill(str(value))


def test_citizen_applies_staff_handle_and_the_citizen_downloads_the_answer(page, county):
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
    page.locator("#action-answer summary").click()
    page.get_by_label("办理结果（表三）").select_option(label="（一）予以公开")
    page.get_by_label("答复依据").select_option("published")
    page.get_by_label("获取途径（网址或场所）").fill("示例县人民政府门户网站“政府信息公开”专栏")
    expect(page.get_by_label("不予公开的部分")).to_be_hidden()  # facts of other bases
    page.get_by_label("答复内容").fill("经查，您申请的信息属于主动公开范围，现予以公开，详见附件。")
    screenshot(page, "application-answer")
    page.locator("#action-answer button[type=submit]").click()
    expect(page.locator(".status").first).to_have_text("答复审核中")
    screenshot(page, "application-staff")
    page.get_by_role("button", name="退出").click()

    log_in(page, "zhaozr")
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name=number).click()
    page.get_by_role("button", name="签发答复").click()
    expect(page.locator(".messages")).to_contain_text("已签发答复")
    page.get_by_role("button", name="退出").click()

    page.goto(page.base + "/apply/track/")
    page.get_by_role("textbox", name="申请编号").fill(number)
    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("main")).to_contain_text("予以公开")
    expect(page.locator("main")).not_to_contain_text("林晓")
    screenshot(page, "apply-track")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载PDF.*答复告知书")).click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
