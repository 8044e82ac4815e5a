"""The item form as an 信息员 uses it: only the fields an item needs are shown, and the first
save may bring its attachments."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.demo.county import DEMO_PASSWORD, build_county
from gongkai.org.models import Agency
from gongkai.publishing import services
from gongkai.publishing.models import InformationItem
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def county():
    build_county()
    services.catalogue_apply_template(agency=Agency.objects.get(code="SX120"))


def test_fields_appear_when_they_apply_and_attachments_come_with_the_first_save(
    page, county, tmp_path
):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("用户名").fill("xiaoli")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(page.base + "/staff/publishing/items/new/")
    entry = page.get_by_label("目录栏目")
    options = entry.locator("option").all_inner_texts()
    assert options[0] == "请选择…"
    assert options.index("政策文件") + 1 == options.index("\u3000└ 规章")  # under its parent
    for hidden in ("不公开", "有效性", "删减后正文", "所解读的政策文件"):
        expect(page.get_by_label(re.compile(f"^{hidden}")).first).to_be_hidden()
    page.get_by_label("不予公开", exact=True).check()
    expect(page.locator('[name="withhold_ground"]')).to_be_visible()
    page.get_by_label("主动公开", exact=True).check()
    expect(page.locator('[name="withhold_ground"]')).to_be_hidden()
    entry.select_option(label="\u3000└ 行政规范性文件")
    expect(page.get_by_label("有效性")).to_be_visible()
    screenshot(page, "item-form-normative")

    page.get_by_label("标题", exact=True).fill("关于印发《示例县农村公路养护管理办法》的通知")
    page.get_by_label("正文", exact=True).fill("现将《示例县农村公路养护管理办法》印发给你们。")
    page.get_by_label("有效性").select_option(label="有效")
    first, second = tmp_path / "管理办法.pdf", tmp_path / "起草说明.pdf"
    first.write_bytes(PDF)
    second.write_bytes(PDF)
    page.get_by_label("附件").set_input_files([str(first), str(second)])
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("附件2个已上传")
    item = InformationItem.objects.get(title="关于印发《示例县农村公路养护管理办法》的通知")
    assert sorted(item.attachments.values_list("original_name", flat=True)) == [
        "管理办法.pdf",
        "起草说明.pdf",
    ]
