"""axe-core over every staff and public page, reached by following links as people do: the
visitor from the platform home, the 公开办 and 上级督查 (sunzr), the office (xiaolin) and an
信息员 (xiaoli) from their 工作台 — 0 serious or critical findings (WCAG 2.1 AA). A page that
shows a message is checked too (the messages list once carried role="status" on its items)."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from gongkai.demo.county import DEMO_PASSWORD
from tests.browser.crawl import RULES, crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("demo", stdout=StringIO())


def log_in(page, username):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def assert_clean(found: dict, at_least: int):
    assert len(found) >= at_least, f"only {len(found)} pages reached"
    bad = {url: problems for url, problems in found.items() if problems}
    assert not bad, "\n".join(f"{url}: {'; '.join(p)}" for url, p in bad.items())


def test_every_page_passes_axe(page, browser, live_server, demo):
    page.set_default_timeout(20_000)
    assert_clean(crawl(page, page.base + "/", within="/", limit=80), at_least=40)
    for username, at_least in (("sunzr", 40), ("xiaolin", 40), ("xiaoli", 25)):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
        staff = context.new_page()
        staff.set_default_timeout(20_000)
        staff.base = live_server.url
        log_in(staff, username)
        assert_clean(crawl(staff, staff.base + "/staff/", within="/staff", limit=90), at_least)
        context.close()


def test_a_page_with_a_message_passes_axe(page, demo):
    from axe_playwright_python.sync_playwright import Axe

    log_in(page, "xiaoli")
    page.get_by_label("当前机关").select_option(label="示例县城关镇人民政府")
    page.get_by_role("button", name="切换").click()
    expect(page.locator(".messages")).to_contain_text("已切换到")
    results = Axe().run(page, options={"runOnly": RULES})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
