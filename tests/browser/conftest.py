"""Browser tests: Debian's chromium driven by Playwright against a live server on 127.0.0.1."""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.db import connection

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(
            f"!!! BROWSER TESTS SKIPPED: {CHROMIUM} not found "
            "(install Debian's chromium: scripts/system-deps.sh as root) !!!"
        )
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = live_server.url
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(autouse=True)
def _audit_triggers_allow_flush(transactional_db):
    """Let the test harness empty the append-only audit table between live-server tests.

    Only the harness does this: the triggers are dropped after the test, for Django's flush, and
    put back before the next test starts.
    """
    triggers = importlib.import_module("gongkai.audit.migrations.0002_append_only_triggers")

    with connection.schema_editor() as editor:
        triggers.backwards(None, editor)
        triggers.forwards(None, editor)
    # Live-server tests flush the database afterwards, seeded calendar included: seed it again.
    from gongkai.workdays.services import seed_from_package

    seed_from_package()
    yield
    with connection.schema_editor() as editor:
        triggers.backwards(None, editor)
