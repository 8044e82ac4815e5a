"""The link check: a real HTTP server on 127.0.0.1 answers, the database keeps what was found.

External links go to a threaded http.server started here; internal links (this site,
http://gongkai.test) are answered from the URLconf and the gate, and never reach any server.
"""

import itertools
import os
import threading
import time
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.inspection import links
from gongkai.inspection.base import REGISTRY, Context, Kind
from gongkai.inspection.indicators.links import broken_links
from gongkai.inspection.link_models import Link, LinkUse
from gongkai.inspection.probe import Prober, is_public_address
from gongkai.publishing import services
from tests.publishing.conftest import walk_chain

SITE = "http://gongkai.test"
BEIJING = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def at(day: date) -> datetime:
    """03:00 on ``day``, when cron runs ``gongkai inspect``."""
    return datetime(day.year, day.month, day.day, 3, 0, tzinfo=BEIJING)


NOV_3, NOV_4 = date(2026, 11, 3), date(2026, 11, 4)


# --- The other side: a small web server with one path per way of answering ----------------------


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        server = self.server
        server.requests.append((self.command, self.path, time.monotonic(), self.headers))
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(1.5)
            return self.reply(200)
        if path == "/no-head" and self.command == "HEAD":
            return self.reply(405)
        if path == "/moved":
            return self.reply(301, Location="/moved-again")
        if path == "/moved-again":
            return self.reply(301, Location=f"http://127.0.0.1:{server.server_port}/ok")
        if path == "/loop":
            return self.reply(302, Location="/loop")
        if path == "/flaky":
            return self.reply(server.flaky_status)
        codes = {"/ok": 200, "/no-head": 200, "/gone": 404, "/error": 500}
        self.reply(codes.get(path, 404))

    def reply(self, status, **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the slow path's client has hung up: expected


@pytest.fixture
def web():
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.requests, server.flaky_status = [], 404
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _linkcheck_settings():
    with override_settings(
        GONGKAI_BASE_URL=SITE,
        GONGKAI_LINKCHECK_ALLOW_PRIVATE=True,  # the test server is on 127.0.0.1
        GONGKAI_LINKCHECK_TIMEOUT=0.5,
        GONGKAI_LINKCHECK_HOST_INTERVAL=0.05,
        GONGKAI_LINKCHECK_OK_DAYS=7,
    ):
        yield


def body(*hrefs: str) -> str:
    return "".join(f'<p><a href="{href}">链接{n}</a></p>' for n, href in enumerate(hrefs, 1))


def check(agency, day=NOV_3, **kwargs):
    return links.check_due_links([agency], now=at(day), **kwargs)


def link(url: str) -> Link:
    return Link.objects.get(url=url)


# --- What is collected ---------------------------------------------------------------------------


def test_links_are_read_from_published_items_only_with_their_text(publish, draft_data, xiaoli):
    item = publish(
        "关于公布农村公路养护单位名单的通知",
        '<p>详见<a href="https://jtt.example.gov.cn/gonggao/1.html#top">省交通运输厅公告</a>，'
        '<a href="mailto:jtj@example.gov.cn">来信</a>，<a href="#fj">附件</a>，'
        '另见<a href="../5/">上一期</a>。</p>',
    )
    draft = services.item_create(
        agency=item.agency,
        by=xiaoli,
        data=draft_data(title="草稿", body=body("https://draft.example.gov.cn/")),
    )
    links.collect_links(item.agency, today=NOV_3)

    uses = {u.link.url: u for u in LinkUse.objects.select_related("link")}
    page = reverse("portal:item", args=[item.agency.code, item.pk])
    assert set(uses) == {
        "https://jtt.example.gov.cn/gonggao/1.html",
        f"{SITE}/xxgk/{item.agency.code}/item/5/",
    }
    official = uses["https://jtt.example.gov.cn/gonggao/1.html"]
    assert (official.page, official.text, official.item_id) == (page, "省交通运输厅公告", item.pk)
    assert official.link.host == "jtt.example.gov.cn" and not official.link.internal
    assert uses[f"{SITE}/xxgk/{item.agency.code}/item/5/"].link.internal
    assert not LinkUse.objects.filter(item=draft).exists()


def test_a_link_taken_out_of_an_item_drops_out(publish, chain_people):
    item = publish("通知", body("https://a.example.gov.cn/", "https://b.example.gov.cn/"))
    links.collect_links(item.agency, today=NOV_3)
    assert LinkUse.objects.count() == 2

    services.item_correct(
        item=item,
        by=chain_people["office"],
        data={"body": body("https://a.example.gov.cn/")},
        reason="删除失效链接",
    )
    links.collect_links(item.agency, today=NOV_4)

    assert [u.link.url for u in LinkUse.objects.all()] == ["https://a.example.gov.cn/"]
    assert LinkUse.objects.get().first_seen_on == NOV_3


def test_the_attachments_of_a_public_item_are_links_too(publish, chain_people, draft_data):
    item = _published_with_attachment(chain_people, draft_data)
    links.collect_links(item.agency, today=NOV_3)
    use = LinkUse.objects.get()
    attachment = item.attachments.get()
    assert use.link.url == f"{SITE}/files/{attachment.pk}/"
    assert use.text == "养护单位名单.pdf"


# --- External links over HTTP --------------------------------------------------------------------


def test_each_way_of_answering_is_recorded(publish, web):
    paths = ["/ok", "/moved", "/gone", "/error", "/no-head", "/slow", "/loop"]
    item = publish("通知", body(*(web.url + p for p in paths)))

    stats = check(item.agency)

    ok, moved = link(web.url + "/ok"), link(web.url + "/moved")
    assert (ok.ok, ok.status_code, ok.final_url) == (True, 200, "")
    assert (moved.ok, moved.status_code, moved.final_url) == (True, 200, web.url + "/ok")
    gone = link(web.url + "/gone")
    assert (gone.ok, gone.status_code, gone.problem) == (False, 404, "http")
    assert "HTTP 404" in gone.error and gone.first_broken_on == NOV_3
    assert "HTTP 500" in link(web.url + "/error").error
    assert link(web.url + "/no-head").ok is True
    slow = link(web.url + "/slow")
    assert (slow.ok, slow.problem) == (False, "timeout")
    assert "超时" in slow.error
    assert "重定向次数过多" in link(web.url + "/loop").error
    assert (stats.checked, stats.ok, stats.broken, stats.external) == (7, 3, 4, 7)

    asked = [(method, path) for method, path, _at, _headers in web.requests]
    assert ("HEAD", "/no-head") in asked and ("GET", "/no-head") in asked
    assert ("GET", "/ok") not in asked  # HEAD was enough
    assert ("GET", "/slow") not in asked  # a timeout is not retried with GET
    agents = {headers["User-Agent"] for *_rest, headers in web.requests}
    assert len(agents) == 1 and agents.pop().startswith(f"Gongkai-LinkCheck/1.0 (+{SITE};")


def test_requests_to_one_host_are_spaced_by_the_interval(publish, web):
    item = publish("通知", body(*(f"{web.url}/ok?page={n}" for n in range(5))))
    with override_settings(GONGKAI_LINKCHECK_HOST_INTERVAL=0.3, GONGKAI_LINKCHECK_WORKERS=8):
        check(item.agency)
    starts = [moment for _m, _p, moment, _h in web.requests]
    assert len(starts) == 5
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.27, gaps


def test_a_private_address_is_refused_before_connecting(publish, web):
    item = publish("通知", body(web.url + "/ok", "http://10.1.2.3/oa/"))
    with override_settings(GONGKAI_LINKCHECK_ALLOW_PRIVATE=False):
        check(item.agency)
    assert web.requests == []
    for url in (web.url + "/ok", "http://10.1.2.3/oa/"):
        refused = link(url)
        assert (refused.ok, refused.problem, refused.checks) == (False, "private", 1)
        assert "内网" in refused.error


def test_a_name_that_does_not_resolve_is_reported(publish):
    item = publish("通知", body("http://gongkai-linkcheck.invalid/"))
    check(item.agency)
    missing = link("http://gongkai-linkcheck.invalid/")
    assert (missing.ok, missing.problem, missing.error) == (False, "dns", "域名无法解析")


def test_a_public_name_that_resolves_to_a_private_address_is_refused():
    def intranet_dns(host, port, type=0):
        return [(2, 1, 6, "", ("192.168.10.5", port))]

    asker = Prober(user_agent="test", timeout=0.5, resolve=intranet_dns)
    assert asker.check("http://oa.example.gov.cn/").problem == "private"


def test_a_malformed_address_is_broken_not_fatal():
    # The editor's sanitiser drops such links; an imported body or a redirect may still have one.
    asker = Prober(user_agent="test", timeout=0.5)
    for url in ("http://example.gov.cn:99999/", "http:///path", "http://[::1"):
        assert asker.check(url).problem == "bad_url", url


def test_progress_is_told_after_each_link(publish, web):
    item = publish("通知", body(web.url + "/ok", web.url + "/gone", f"{SITE}/"))
    seen = []
    check(item.agency, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


# --- Internal links: no HTTP ---------------------------------------------------------------------


def _published_with_attachment(chain_people, draft_data):
    drafter = chain_people["drafter"]
    item = services.item_create(
        agency=drafter.memberships.first().agency,
        by=drafter,
        data=draft_data(title="养护单位名单", body="<p>名单见附件。</p>"),
    )
    services.attachment_add(item=item, by=drafter, upload=services.Upload("养护单位名单.pdf", PDF))
    item = services.item_submit(item=item, by=drafter)
    return walk_chain(item, chain_people)


def test_internal_links_are_answered_by_the_gate(publish, chain_people, draft_data, web):
    code = chain_people["drafter"].memberships.first().agency.code
    kept = publish("在公开的信息", "<p>正文</p>")
    withdrawn = publish("已撤回的信息", "<p>正文</p>")
    services.item_withdraw(item=withdrawn, by=chain_people["office"], reason="内容有误")
    with_file = _published_with_attachment(chain_people, draft_data)
    lost = with_file.attachments.get()
    os.remove(lost.file.path)  # lost from the disk (storage deletes wait for a commit)
    urls = {
        "kept": f"{SITE}/xxgk/{code}/item/{kept.pk}/",
        "relative": f"/xxgk/{code}/item/{kept.pk}",  # no slash: APPEND_SLASH finds it
        "withdrawn": f"{SITE}/xxgk/{code}/item/{withdrawn.pk}/",
        "no file": f"/files/{lost.pk}/",
        "no attachment": "/files/999999/",
        "no page": "/xxgk/nowhere/at/all/",
        "staff": f"/staff/publishing/items/{kept.pk}/",
        "home": "/",
    }
    item = publish("汇总", body(*urls.values()))

    stats = check(item.agency)

    def outcome(name):
        found = link(links.normalize(urls[name], SITE + "/"))
        return found.ok, found.error

    assert outcome("kept") == (True, "")
    assert outcome("relative")[0] is True
    assert outcome("home") == (True, "")
    assert outcome("withdrawn") == (False, "站内链接指向已撤回的信息")
    assert outcome("no file") == (False, "附件文件已丢失，无法下载")
    assert outcome("no attachment") == (False, "站内链接指向的附件不存在")
    assert outcome("no page") == (False, "站内链接指向的页面不存在")
    assert outcome("staff")[0] is False and "工作人员" in outcome("staff")[1]
    assert stats.external == 0 and web.requests == []
    # The lost file is also the attachment link on its own item's page.
    assert LinkUse.objects.filter(item=with_file, link__ok=False).count() == 1


# --- Re-checks: what is due, and the day first seen broken ---------------------------------------


def test_first_broken_day_is_kept_across_rechecks_and_cleared_when_fixed(publish, web):
    item = publish("通知", body(web.url + "/flaky"))
    check(item.agency, day=NOV_3)
    check(item.agency, day=NOV_4)
    flaky = link(web.url + "/flaky")
    assert (flaky.ok, flaky.first_broken_on, flaky.checks) == (False, NOV_3, 2)
    assert flaky.next_check_on == date(2026, 11, 5)  # broken: every day

    web.flaky_status = 200
    check(item.agency, day=date(2026, 11, 5))
    flaky.refresh_from_db()
    assert (flaky.ok, flaky.first_broken_on, flaky.checks) == (True, None, 3)
    assert flaky.next_check_on == date(2026, 11, 12)  # working: in a week


def test_only_links_that_are_due_are_checked_again(publish, chain_people, web):
    item = publish("通知", body(web.url + "/ok", web.url + "/gone"))
    check(item.agency, day=NOV_3)
    web.requests.clear()

    services.item_correct(
        item=item,
        by=chain_people["office"],
        data={"body": body(web.url + "/ok", web.url + "/gone", web.url + "/no-head")},
        reason="补充链接",
    )
    stats = check(item.agency, day=NOV_4)
    assert stats.checked == 2  # the broken one, and the new one at once
    assert {p for _m, p, _a, _h in web.requests} == {"/gone", "/no-head"}

    web.requests.clear()
    stats = check(item.agency, day=date(2026, 11, 10))  # a week after the first check
    assert {p for _m, p, _a, _h in web.requests} == {"/ok", "/gone"}
    assert Link.objects.due(date(2026, 11, 10)).count() == 0


# --- The indicator -------------------------------------------------------------------------------


def test_the_indicator_reports_each_page_carrying_a_broken_link(publish, chain_people, web):
    agency = chain_people["drafter"].memberships.first().agency
    withdrawn = publish("已撤回的信息", "<p>正文</p>")
    services.item_withdraw(item=withdrawn, by=chain_people["office"], reason="内容有误")
    item = publish(
        "通知",
        f'<p><a href="{web.url}/gone">省厅公告</a><a href="{web.url}/ok">正常</a>'
        f'<a href="/xxgk/{agency.code}/item/{withdrawn.pk}/">旧通知</a></p>',
    )
    check(agency, day=NOV_3)
    web.requests.clear()

    found = sorted(broken_links(Context(agency=agency, today=NOV_4)), key=lambda f: f.object)

    assert web.requests == []  # the indicator only reads
    page = reverse("portal:item", args=[agency.code, item.pk])
    assert [f.object for f in found] == [
        f"{web.url}/gone",
        f"{SITE}/xxgk/{agency.code}/item/{withdrawn.pk}/",
    ]
    external, internal = found
    assert internal.detail == "站内链接指向已撤回的信息，2026年11月3日起（链接文字“旧通知”）"
    assert external.detail.startswith("外部链接无法访问（HTTP 404")
    assert "2026年11月3日起" in external.detail
    assert {f.url for f in found} == {page}
    assert {f.fix_url for f in found} == {reverse("publishing:item_correct", args=[item.pk])}
    assert all(f.fix and f.key.startswith("link:") for f in found)

    registered = REGISTRY["broken_links"]
    assert (registered.kind, registered.group) == (Kind.DEDUCT, "links")
    assert registered.points > 0 and registered.cap > 0


# --- Pure helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.8", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1"],
)  # fmt: skip
def test_private_and_special_addresses_are_not_public(address):
    assert not is_public_address(address)


def test_public_addresses_are_public():
    assert is_public_address("202.96.128.86") and is_public_address("2400:3200::1")


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("HTTP://Example.GOV.cn:80/a?b=1#c", "http://example.gov.cn/a?b=1"),
        ("https://example.gov.cn:8443", "https://example.gov.cn:8443/"),
        ("/files/3/", f"{SITE}/files/3/"),
        ("../7/", f"{SITE}/xxgk/SX120/item/7/"),
        ("//cdn.example.com/x.js", "http://cdn.example.com/x.js"),
        ("http://政府.cn/", "http://xn--mxtq1m.cn/"),
        ("mailto:a@b.cn", None),
        ("#top", None),
        ("ftp://example.gov.cn/f", None),
        ("http://[::1", None),
        ("http://example.gov.cn:99999/a#b", "http://example.gov.cn:99999/a"),
    ],
)
def test_links_are_written_one_way(href, expected):
    assert links.normalize(href, f"{SITE}/xxgk/SX120/item/5/") == expected
