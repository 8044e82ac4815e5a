"""An item's whole life in the browser: drafted, returned, approved at every step, published,
withdrawn — by the people whose job each step is."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongkai.demo.county import build_county
from gongkai.org.models import Agency
from gongkai.publishing.services import catalogue_apply_template
from tests.browser.conftest import screenshot
from tests.browser.test_staff_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county_with_catalogue():
    build_county()
    catalogue_apply_template(agency=Agency.objects.get(code="SX120"))


def log_out(page):
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def open_from_workbench(page, title):
    page.goto(page.base + "/staff/")
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def approve(page, username, title, step):
    log_in(page, username)
    open_from_workbench(page, title)
    expect(page.locator("#review h2")).to_contain_text(step)
    page.get_by_label("审核意见").fill(f"{step}：同意")
    page.locator("#review button[value=approve]").click()
    log_out(page)


def test_draft_return_approve_publish_withdraw(page, county_with_catalogue, tmp_path):
    title = "关于做好2026年冬季农村公路养护工作的通知"
    log_in(page, "xiaoli")
    page.get_by_role("link", name="信息发布").click()
    page.get_by_role("link", name="拟稿：新建信息").click()
    page.get_by_label("标题", exact=True).fill(title)
    page.get_by_label("目录栏目").select_option(label="\u3000└ 其他文件")  # under 政策文件
    page.get_by_label("文号", exact=True).fill("示县交[2026]12号")
    page.get_by_label("成文日期").fill("2026-11-16")
    page.get_by_label("形成或变更日期").fill("2026-11-16")
    page.get_by_label("正文", exact=True).fill(
        "各乡镇人民政府：\n为做好冬季农村公路养护工作，现将有关事项通知如下。"
    )
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main")).to_contain_text("应为“示县交〔2026〕12号”")
    expect(page.get_by_label("标题", exact=True)).to_have_value(title)
    screenshot(page, "publishing-draft-error")
    page.get_by_label("文号", exact=True).fill("示县交〔2026〕12号")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("草稿已保存")

    pdf = Path(tmp_path) / "养护方案.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("附件", exact=True).set_input_files(str(pdf))
    page.get_by_role("button", name="上传").click()
    expect(page.locator(".attachments")).to_contain_text("养护方案.pdf")
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator(".messages")).to_contain_text("已提交审核")
    screenshot(page, "publishing-submitted")
    log_out(page)

    # 股室负责人老王 returns it with a reason.
    log_in(page, "laowang")
    open_from_workbench(page, title)
    page.locator("#review button[value=return]").click()
    expect(page.locator("main")).to_contain_text("退回时必须填写退回意见")
    page.get_by_label("审核意见").fill("请补充养护资金安排")
    page.locator("#review button[value=return]").click()
    expect(page.locator(".messages")).to_contain_text("已退回拟稿人")
    log_out(page)

    # 信息员小李 sees why, amends and resubmits.
    log_in(page, "xiaoli")
    open_from_workbench(page, title)
    expect(page.locator(".timeline")).to_contain_text("请补充养护资金安排")
    page.get_by_role("link", name="修改", exact=True).click()
    page.get_by_label("正文", exact=True).fill(
        "各乡镇人民政府：\n为做好冬季农村公路养护工作，现将有关事项通知如下。\n养护资金由县财政统筹安排。"
    )
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="提交审核").click()
    log_out(page)

    approve(page, "laowang", title, "股室负责人审核")
    approve(page, "laochen", title, "保密审查")
    approve(page, "liufj", title, "分管领导审核")
    approve(page, "zhoujz", title, "主要领导审批")

    log_in(page, "xiaolin")
    open_from_workbench(page, title)
    expect(page.locator("#review")).to_contain_text("公开办发布")
    page.locator("#review button[value=approve]").click()
    expect(page.locator(".messages")).to_contain_text(
        re.compile(r"已发布，索引号 SX120-0203-\d{4}-00001")
    )
    expect(page.locator(".meta")).to_contain_text("SX120-0203-")
    screenshot(page, "publishing-published")

    page.get_by_role("link", name="撤回").click()
    page.get_by_role("button", name="确认撤回").click()
    expect(page.locator("main")).to_contain_text("请填写撤回理由")
    page.get_by_label("撤回理由").fill("附件版本有误，更正后重新发布")
    page.get_by_role("button", name="确认撤回").click()
    expect(page.locator(".status")).to_have_text("已撤回")
    expect(page.locator(".meta")).to_contain_text("附件版本有误")
    screenshot(page, "publishing-withdrawn")

    page.get_by_role("link", name="发布台账").click()
    expect(page.locator("table")).to_contain_text(title)
    expect(page.locator("table")).to_contain_text("陈建国")
    screenshot(page, "publishing-ledger")
