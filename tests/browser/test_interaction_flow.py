"""A message's whole life in the browser: 公民张三 leaves it on the portal, 公开办林晓 assigns it,
信息员小李 answers, 林晓 signs the answer off and publishes it without the personal data, and
张三 reads the answer on the portal."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from gongkai.demo.county import build_county
from tests.browser.conftest import screenshot
from tests.browser.test_portal_pages import assert_accessible
from tests.browser.test_publishing_flow import log_out
from tests.browser.test_staff_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "白沙镇到城关的班车几点发车"


@pytest.fixture
def demo_county():
    cache.clear()
    build_county()
    yield
    cache.clear()


def solve(page) -> str:
    text = page.locator("label[for=id_challenge_answer]").inner_text()
    a, op, b = re.search(r"(\d+) (加|减) (\d+)", text).groups()
    return str(int(a) + int(b) if op == "加" else int(a) - int(b))


def open_from_workbench(page, text):
    page.goto(page.base + "/staff/")
    page.get_by_role("link", name=re.compile(text)).first.click()


def test_citizen_message_answered_by_staff_and_published_on_the_portal(page, demo_county):
    # 公民张三 leaves a message on the agency's page.
    page.goto(page.base + "/xxgk/SX120/hudong/")
    page.get_by_role("link", name="我要留言").click()
    expect(page.get_by_role("heading", name="我要留言")).to_be_visible()
    assert_accessible(page, "message-form")
    page.get_by_role("button", name="提交留言").click()
    expect(page.locator(".hd-alert")).to_contain_text("留言未能提交")
    page.get_by_label("咨询").check()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("留言内容").fill(
        "我是白沙镇的张三，想问白沙镇到城关的班车每天几点发车？我的电话13812345678。"
    )
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("验证问题").fill(solve(page))
    screenshot(page, "interaction-form")
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", name="留言已提交")).to_be_visible()
    number = page.locator(".hd-code").inner_text()
    assert number.startswith("SX120-LY")
    screenshot(page, "interaction-done")

    # 公开办林晓 finds it on the workbench and hands it to 运输股.
    log_in(page, "xiaolin")
    open_from_workbench(page, number)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("13812345678")
    expect(page.locator("main")).to_contain_text("138****5678")
    page.get_by_label("承办股室").select_option(label="运输股")
    page.get_by_role("button", name="交办承办股室").click()
    expect(page.locator(".messages")).to_contain_text("已交办承办股室")
    log_out(page)

    # 信息员小李 of 运输股 answers.
    log_in(page, "xiaoli")
    open_from_workbench(page, number)
    page.get_by_label("答复内容").fill(
        "张三同志，您好：白沙镇至城关农村客运班线每日首班7:00、末班17:30发车。感谢您的关注！"
    )
    page.get_by_role("button", name="拟定答复").click()
    expect(page.locator(".messages")).to_contain_text("已拟定答复")
    log_out(page)

    # 林晓 signs it off, reads the scrubbed preview and publishes.
    log_in(page, "xiaolin")
    open_from_workbench(page, number)
    page.get_by_label("审核意见").fill("同意")
    page.get_by_role("button", name="审核通过").click()
    expect(page.locator(".messages")).to_contain_text("留言已办结")
    page.get_by_role("link", name="预览并公开").click()
    content = page.get_by_label("公开的留言内容")
    expect(content).to_have_value(re.compile("（电话号码已隐去）"))
    expect(content).not_to_have_value(re.compile("张三|13812345678"))
    expect(page.get_by_label("公开的答复内容")).to_have_value(re.compile("^×××同志"))
    screenshot(page, "interaction-publish-preview")
    page.get_by_label("公开的答复内容").fill(
        "您好：白沙镇至城关农村客运班线每日首班7:00、末班17:30发车。感谢您的关注！"
    )
    page.get_by_role("button", name="确认公开").click()
    expect(page.locator(".messages")).to_contain_text("问答已在网站公开")
    log_out(page)

    # 张三 reads the answer on the portal; nothing of his is there.
    page.goto(page.base + "/xxgk/SX120/hudong/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator(".hd-answer")).to_contain_text("末班17:30发车")
    expect(page.locator("main")).not_to_contain_text("张三")
    expect(page.locator("main")).not_to_contain_text("13812345678")
    assert_accessible(page, "message-detail")
    screenshot(page, "interaction-published")
    page.goto(page.base + "/hudong/")
    expect(page.locator(".hd-list")).to_contain_text(TITLE)
