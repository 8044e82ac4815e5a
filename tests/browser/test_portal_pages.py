"""The portal as a visitor sees it: the demo county's pages, checked with axe-core (WCAG 2.1 AA:
no serious or critical violation), on a desktop, a phone and in 适老化 mode."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from gongkai.demo.county import build_county
from gongkai.demo.publishing import build_publishing
from gongkai.publishing.models import InformationItem
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site():
    build_county()
    build_publishing()
    item = (
        InformationItem.objects.published()
        .filter(agency__code="SX120", entry__kind="normative", interpretations__isnull=False)
        .first()
    )
    return item


def assert_accessible(page, name):
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in bad
    )


def test_main_pages_look_right_and_pass_axe(page, demo_site):
    item = demo_site
    page.goto(page.base + "/")
    expect(page.get_by_role("heading", name="信息公开机关")).to_be_visible()
    assert_accessible(page, "home")
    screenshot(page, "portal-home")

    page.get_by_role("link", name="示例县交通运输局").first.click()
    expect(page.get_by_role("heading", name="示例县交通运输局 政府信息公开")).to_be_visible()
    for label in ["政府信息公开指南", "政府信息公开年报", "依申请公开"]:
        expect(page.locator(".fixed-entries")).to_contain_text(label)
    assert_accessible(page, "agency")
    screenshot(page, "portal-agency")

    page.locator(".catalogue-nav").get_by_role("link", name="行政规范性文件").click()
    expect(page.locator(".item-list li").first).to_be_visible()
    assert_accessible(page, "column")
    screenshot(page, "portal-column")

    page.goto(page.base + f"/xxgk/SX120/item/{item.pk}/")
    expect(page.locator(".doc-meta")).to_contain_text(item.index_number)
    expect(page.locator(".doc-note")).to_contain_text("此件主动公开")
    expect(page.locator(".doc-links")).to_contain_text("政策解读")
    qr = page.locator(".qr img")
    expect(qr).to_be_visible()
    qr.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.qr img').naturalWidth > 0")
    assert_accessible(page, "item")
    screenshot(page, "portal-item")

    page.get_by_label("全站检索").fill("养护")
    page.get_by_role("button", name="检索").first.click()
    expect(page.locator(".results mark").first).to_have_text("养护")
    assert_accessible(page, "search")
    screenshot(page, "portal-search")


def test_phone_layout_and_elder_mode(browser, live_server, demo_site):
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
    )
    phone = context.new_page()
    phone.goto(live_server.url + "/")
    # Words stay whole in the top bar; the latest titles take the full width of the row.
    for link in phone.locator(".topbar nav a").all():
        assert link.bounding_box()["height"] < 30, link.inner_text()
    assert phone.locator(".item-list li a").first.bounding_box()["width"] > 300
    phone.goto(live_server.url + f"/xxgk/SX120/item/{demo_site.pk}/")
    index_cell = phone.locator(".doc-meta td").first
    expect(index_cell).to_have_text(demo_site.index_number)
    assert index_cell.bounding_box()["height"] < 40  # the 索引号 on one line
    screenshot(phone, "portal-phone-item")
    phone.goto(live_server.url + "/xxgk/SX120/")
    expect(phone.locator(".catalogue-nav")).to_be_visible()
    screenshot(phone, "portal-phone")
    phone.get_by_role("link", name="适老化（大字版）").click()
    expect(phone.locator("body")).to_have_class("portal elder")
    assert_accessible(phone, "elder")
    screenshot(phone, "portal-elder")
    context.close()


def test_search_finds_what_people_type(page, demo_site):
    """A 文号 typed with keyboard brackets, a near miss, an everyday word and a characters match."""
    item = (
        InformationItem.objects.published()
        .filter(agency__code="SX120", doc_number__contains="〔")
        .order_by("-pk")
        .first()
    )
    typed = item.doc_number.replace("〔", "[").replace("〕", "]").removesuffix("号")
    page.goto(page.base + "/search/")
    page.get_by_label("关键词、文号或索引号").fill(typed)
    page.locator(".search-form").get_by_role("button", name="检索").click()
    first = page.locator(".results li").first
    expect(first).to_have_class("exact")
    expect(first).to_contain_text(item.doc_number)
    # The count shown is the number listed (all on one page here).
    count_text = page.locator(".result-count").inner_text()
    shown = int(re.search(r"找到 (\d+) 条结果", count_text).group(1))
    expect(page.locator(".results li:not(.none)")).to_have_count(shown)
    screenshot(page, "portal-search-doc-number")

    serial = int(item.doc_number.split("〕")[1].removesuffix("号"))
    near = item.doc_number.replace(f"〕{serial}号", f"〕{serial + 1000}号")
    page.get_by_label("关键词、文号或索引号").fill(near)
    page.locator(".search-form").get_by_role("button", name="检索").click()
    expect(page.locator(".did-you-mean")).to_contain_text("您是不是要找")
    assert_accessible(page, "did-you-mean")
    screenshot(page, "portal-search-did-you-mean")
    page.locator(".did-you-mean a").first.click()
    expect(page.locator(".doc-meta")).to_be_visible()

    page.goto(page.base + "/search/?q=网约车")
    expect(page.locator(".results li").first).to_contain_text("网络预约出租汽车")
    page.goto(page.base + "/search/?q=交线")
    expect(page.locator(".result-count")).to_contain_text("按字近似匹配")
    expect(page.locator(".results mark").first).to_be_visible()
