"""三员分立: the 审计管理员 sees the audit log (and their own password change) and nothing else — not
the workbench, not any agency's 信息发布, not the admin."""

import re
from datetime import date

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.org.selectors import is_audit_admin_only, visible_agencies
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueEntry
from tests.conftest import person

pytestmark = pytest.mark.django_db

#: What the auditor may open (GET or POST answering 200, or the check's redirect).
OPEN_TO_THE_AUDITOR = {"audit:log", "audit:verify", "accounts:password_change"}
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def routes(patterns=None, prefix="", namespace=""):
    """(route, view name) of every URL pattern, walking includes."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}"


@pytest.fixture
def county_data(county):
    """Data in the auditor's own agency, so that a page that leaked would show something."""
    services.catalogue_apply_template(agency=county)
    officer = person("xianxxy", county, "info_officer", full_name="县政府信息员")
    entry = CatalogueEntry.objects.filter(agency=county).exclude(parent=None).first()
    item = services.item_create(
        agency=county,
        by=officer,
        data={
            "title": "关于印发示例县2026年政务公开工作要点的通知",
            "entry": entry,
            "body": "各乡镇人民政府，县直各单位：现将工作要点印发给你们。",
            "doc_number": "示政办〔2026〕1号",
            "formed_date": date(2026, 3, 2),
            "written_date": date(2026, 3, 2),
            "disclosure": "active",
            "withhold_ground": "",
            "withhold_explanation": "",
            "topic": "government_affairs",
        },
    )
    attachment = services.attachment_add(
        item=item, by=officer, upload=services.Upload("要点.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")
    )
    return {"item": item, "attachment": attachment, "entry": entry}


def url_for(route: str, county, county_data) -> str:
    by_prefix = {
        "staff/publishing/items/": county_data["item"].pk,
        "staff/publishing/attachments/": county_data["attachment"].pk,
        "staff/publishing/catalogue/": county_data["entry"].pk,
    }

    def fill(match):
        kind, name = match["kind"] or "str", match["name"]
        if kind == "int":
            if name == "year":
                return str(date.today().year)
            for prefix, pk in by_prefix.items():
                if route.startswith(prefix):
                    return str(pk)
            return "1"
        return {"code": county.code, "name": "accept", "fmt": "pdf"}.get(name, "x")

    return "/" + CONVERTER.sub(fill, route)


def test_the_auditor_is_an_audit_admin_only(auditor, sysadmin, xiaoli, county):
    assert is_audit_admin_only(auditor)
    assert not any(is_audit_admin_only(u) for u in (sysadmin, xiaoli))
    assert not visible_agencies(auditor).exists()


def test_every_staff_page_but_the_audit_log_is_closed_to_the_auditor(auditor, county, county_data):
    client = Client()
    client.force_login(auditor)
    staff = [(r, n) for r, n in routes() if r.startswith(("staff/", "accounts/"))]
    assert len(staff) > 70  # the walk found the staff pages
    leaks = []
    for route, name in staff:
        if name == "accounts:logout":
            continue
        url = url_for(route, county, county_data)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status == 200 and name not in OPEN_TO_THE_AUDITOR:
                leaks.append(f"{method.upper()} {url} ({name})")
            if not route.startswith("staff/") or name in OPEN_TO_THE_AUDITOR:
                continue
            if name == "workbench:home":
                assert status == 302
                continue
            assert status in (403, 404, 405), f"{method.upper()} {url} ({name}): {status}"
    assert not leaks, leaks
    assert client.get("/staff/audit/").status_code == 200
    assert client.get("/accounts/password/").status_code == 200
    assert client.get("/staff/")["Location"] == "/staff/audit/"


def test_the_admin_is_closed_to_the_auditor(auditor, secadmin):
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        meta = model._meta
        urls += [
            reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
            reverse(f"admin:{meta.app_label}_{meta.model_name}_add"),
        ]
    client = Client()
    client.force_login(auditor)
    for url in urls:
        assert client.get(url).status_code == 404, url
    # The 安全管理员 still works there.
    other = Client()
    other.force_login(secadmin)
    assert other.get(reverse("admin:index")).status_code == 200


def test_the_auditors_menu_has_the_audit_log_alone(auditor):
    client = Client()
    client.force_login(auditor)
    page = client.get("/staff/audit/").text
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', nav) == ["/staff/audit/"]
    header = re.search(r'<div class="header-tools">.*?</div>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', header) == ["/accounts/password/"]
    assert 'action="/accounts/logout/"' in header
    assert "当前机关" not in page and "示例县人民政府" not in header


def test_other_staff_keep_their_menu(xiaoli, secadmin):
    client = Client()
    client.force_login(xiaoli)
    nav = re.search(r'<nav class="main-nav".*?</nav>', client.get("/staff/").text, re.S).group(0)
    assert "信息发布" in nav and "审计日志" not in nav
    client.force_login(secadmin)
    nav = re.search(r'<nav class="main-nav".*?</nav>', client.get("/staff/").text, re.S).group(0)
    assert "管理后台" in nav and "审计日志" not in nav
