"""A clerk's first day: log in, find the workbench, switch agency, compute a deadline, log out."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.demo.county import DEMO_PASSWORD, build_county
from tests.browser.conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo_county():
    build_county()


def log_in(page, username, password=DEMO_PASSWORD):
    page.goto(page.base + "/staff/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_info_officer_logs_in_switches_agency_and_logs_out(page, demo_county):
    screenshot(page, "login") if page.goto(page.base + "/accounts/login/") else None
    log_in(page, "xiaoli")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.locator("main")).to_contain_text("运输股")
    expect(page.locator("main")).to_contain_text("信息员")
    screenshot(page, "workbench")

    page.get_by_label("当前机关").select_option(label="示例县城关镇人民政府")
    page.get_by_role("button", name="切换").click()
    expect(page.locator(".messages")).to_contain_text("已切换到示例县城关镇人民政府")
    expect(page.locator("main")).to_contain_text("党政办公室")

    page.get_by_role("link", name="机构").click()
    expect(page.locator("main")).to_contain_text("示例县交通运输局")
    expect(page.locator("main")).not_to_contain_text("示例县教育局")

    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def answer_the_question(page):
    question = page.get_by_label(re.compile("验证问题"))
    label = page.locator("label", has_text="验证问题").inner_text()
    a, op, b = re.search(r"(\d+) (加|减) (\d+)", label).groups()
    question.fill(str(int(a) + int(b) if op == "加" else int(a) - int(b)))


def test_wrong_passwords_keep_the_username_then_ask_a_question_then_lock(page, demo_county):
    page.goto(page.base + "/accounts/login/")
    for attempt in range(4):
        page.get_by_label("用户名").fill("laowang")
        page.get_by_label("密码", exact=True).fill(f"Wrong-{attempt}x")
        if attempt == 3:  # after three failures the form asks a question first
            screenshot(page, "login-challenge")
            answer_the_question(page)
        page.get_by_role("button", name="登录").click()
        expect(page.locator("main")).to_contain_text("用户名或密码不正确")
        expect(page.get_by_label("用户名")).to_have_value("laowang")
    screenshot(page, "login-error")
    page.get_by_label("密码", exact=True).fill("Wrong-5x")
    answer_the_question(page)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="账号已锁定")).to_be_visible()
    screenshot(page, "locked-out")


def test_deadline_calculator_explains_national_day(page, demo_county):
    log_in(page, "xiaolin")
    page.get_by_role("link", name="期限计算").click()
    page.get_by_label("起算日").fill("2024-09-27")
    page.get_by_label("工作日数").fill("20")
    page.get_by_role("button", name="计算").click()
    expect(page.locator(".due-date")).to_have_text("2024-10-30")
    expect(page.locator(".explain")).to_contain_text("国庆节调休上班")
    screenshot(page, "calculator")
    page.get_by_role("link", name="工作日历").click()
    expect(page.locator("main")).to_contain_text("工作日历")
    screenshot(page, "calendar")


def test_system_admin_is_reminded_of_next_years_holidays_and_auditor_reads_the_log(
    page, demo_county
):
    log_in(page, "sysadmin")
    expect(page.locator("main")).to_contain_text("节假日安排")
    page.get_by_role("link", name="管理后台").click()
    expect(page.locator("body")).to_contain_text("机关")
    expect(page.locator("body")).not_to_contain_text("审计日志")
    screenshot(page, "admin-sysadmin")
    page.goto(page.base + "/staff/")
    page.get_by_role("button", name="退出").click()

    log_in(page, "auditor")
    page.get_by_role("link", name="审计日志").click()
    expect(page.locator("table")).to_contain_text("sysadmin")
    expect(page.locator("table")).to_contain_text("登录")
    screenshot(page, "audit-log")
