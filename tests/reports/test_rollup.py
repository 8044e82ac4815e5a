"""The 上级督查's roll-up counts every subordinate: reports drafted here, reports made outside
(uploaded by the supervisor, or published in the agency's 年报 column) read by the checker, and
agencies with no readable report listed with the reason."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.annual_reports import export, rollup, services
from gongkai.annual_reports.models import ExternalReport
from gongkai.publishing import services as publishing_services
from gongkai.publishing.choices import ColumnKind
from gongkai.publishing.models import CatalogueEntry, InformationItem
from tests.conftest import person
from tests.factories import AgencyFactory
from tests.reports.downloads import rollup_download

pytestmark = pytest.mark.django_db

NEW_REQUESTS = "一、本年新收政府信息公开申请数量"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tree(report, county, education):
    """交通运输局 drafted its report here (2 requests); 教育局 made its own (a DOCX it sent);
    卫健局 published one in its 年报 column without tables; 林业局 has none at all."""
    docx = export.report_docx(report, services.tables_of(report))
    health = AgencyFactory(name="示例县卫生健康局", code="SX150", parent=county)
    forestry = AgencyFactory(name="示例县林业局", code="SX160", parent=county)
    publishing_services.catalogue_apply_template(agency=health)
    column = CatalogueEntry.objects.get(agency=health, kind=ColumnKind.ANNUAL_REPORT)
    InformationItem.objects.create(
        agency=health,
        entry=column,
        title="示例县卫生健康局2025年政府信息公开工作年度报告",
        body="<p>2025年，本局认真贯彻落实《条例》，政府信息公开工作取得新成效。</p>",
        disclosure="active",
        status="published",
        published_at=timezone.now(),
        index_number="SX150-2025-0001",
        publisher_name=health.name,
    )
    supervisor = person("ducha", county, "supervisor", full_name="督查员")
    return {"docx": docx, "health": health, "forestry": forestry, "supervisor": supervisor}


def upload(client, code, name, data, year=2025):
    return client.post(
        f"/staff/reports/supervision/{code}/upload/",
        {"year": str(year), "file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_the_rollup_counts_every_agency_and_lists_the_rest(
    tree, education, django_capture_on_commit_callbacks
):
    client = signed_in(tree["supervisor"])
    page = client.get("/staff/reports/supervision/", {"year": 2025}).text
    assert "读取并检查" in page and "上传该机关的报告文件" in page and "未找到报告" in page
    # Each agency's own report (read-only for the supervisor) and its dashboard, one click away.
    report = services.AnnualReport.objects.get(agency__code="SX120", year=2025)
    assert f'href="/staff/reports/{report.pk}/"' in page and 'href="/staff/org/SX130/"' in page
    detail = client.get(f"/staff/reports/{report.pk}/").text
    assert (
        "示例县交通运输局2025年政府信息公开工作年度报告" in detail
        and "更正并记录理由" not in detail
    )

    # The supervisor uploads the report 教育局 sent as a file: read at once, tables kept.
    response = upload(client, "SX130", "教育局2025年年报.docx", tree["docx"])
    assert "已读取示例县教育局2025年度报告（教育局2025年年报.docx）：表格一致" in response.text
    read = ExternalReport.objects.get(agency=education, year=2025)
    assert read.source == "upload" and read.verdict == "ok" and read.tables["table3"]
    # 卫健局's report in its column is read on request: no tables, so unreadable, and why.
    response = client.post("/staff/reports/supervision/SX150/read/", {"year": "2025"}, follow=True)
    assert "无法读取" in response.text and "未找到表三" in response.text

    book = load_workbook(BytesIO(rollup_download(client, 2025, django_capture_on_commit_callbacks)))
    summary = book["汇总"]
    lines = [r for r in summary.iter_rows(values_only=True) if r and r[0]]
    listed = {r[0]: r for r in lines if r[0].startswith("示例县")}
    assert (
        listed["示例县交通运输局"][1].startswith("本系统编制")
        and listed["示例县交通运输局"][4] == "是"
    )
    assert listed["示例县教育局"][1] == "督查上传：教育局2025年年报.docx"
    assert listed["示例县教育局"][2] == "表格一致" and listed["示例县教育局"][4] == "是"
    assert listed["示例县卫生健康局"][2] == "无法读取" and listed["示例县卫生健康局"][4] == "否"
    assert "未找到表三" in listed["示例县卫生健康局"][5]
    assert listed["示例县林业局"][2] == "无报告" and "未找到报告" in listed["示例县林业局"][5]
    assert any("共5个机关，2个计入汇总，3个未计入" in str(r[0]) for r in lines)
    # The sum: 2 requests drafted here + the 2 in 教育局's file.
    totals = {r[0]: r for r in lines}
    assert totals[NEW_REQUESTS][-1] == 4
    # A sheet per agency, with its verdict and tables or why there are none.
    assert {"示例县交通运输局", "示例县教育局", "示例县卫生健康局", "示例县林业局"} <= set(
        book.sheetnames
    )
    edu = {r[0]: r for r in book["示例县教育局"].iter_rows(values_only=True) if r and r[0]}
    assert edu["检查结论"][1] == "表格一致" and edu[NEW_REQUESTS][-1] == 2
    health = {r[0]: r for r in book["示例县卫生健康局"].iter_rows(values_only=True) if r and r[0]}
    assert health["计入汇总"][1].startswith("否：无法读取")


def test_a_file_that_is_no_report_or_another_year_is_not_counted(tree, education):
    client = signed_in(tree["supervisor"])
    response = upload(client, "SX130", "说明.txt", "本局今年的工作很好。".encode())
    assert "无法读取" in response.text
    response = upload(client, "SX130", "年报.docx", tree["docx"], year=2024)
    assert "文件是2025年度的报告，不是2024年度的" in response.text
    read = ExternalReport.objects.get(agency=education, year=2024)
    assert read.tables == {} and read.verdict == "unreadable"
    response = client.post(
        "/staff/reports/supervision/SX130/upload/", {"year": "2025"}, follow=True
    )
    assert "请选择文件。" in response.text


def test_only_the_supervisor_of_the_tree_may_give_reports(tree, chain_people, education):
    drafter = signed_in(chain_people["drafter"])
    assert upload(drafter, "SX130", "a.docx", tree["docx"]).status_code == 403
    boss = person("jyducha", education, "supervisor")
    # 教育局's own supervisor has no 交通运输局 below it.
    client = signed_in(boss)
    assert (
        client.post("/staff/reports/supervision/SX120/upload/", {"year": "2025"}).status_code == 404
    )
    supervisor = signed_in(tree["supervisor"])
    assert (
        supervisor.post(
            "/staff/reports/supervision/SX130/upload/", {"year": "99999999999999999999"}
        ).status_code
        == 404
    )
    assert supervisor.get("/staff/reports/supervision/SX130/upload/").status_code == 405
    assert not ExternalReport.objects.exists()


@pytest.fixture
def served(tree):
    """The report 教育局 published on its own website, served on 127.0.0.1."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    body = tree["docx"]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header(
                "Content-Type",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/2025年报.docx"
    server.shutdown()


def test_a_url_the_supervisor_gives_is_read_in_the_background(tree, served, education, settings):
    from io import StringIO

    from django.core.management import call_command

    client = signed_in(tree["supervisor"])
    bad = client.post(
        "/staff/reports/supervision/SX130/url/", {"year": "2025", "url": "ftp://x"}, follow=True
    )
    assert "请填写以 http:// 或 https:// 开头的网址。" in bad.text
    response = client.post(
        "/staff/reports/supervision/SX130/url/", {"year": "2025", "url": served}, follow=True
    )
    assert "系统将在后台下载并检查" in response.text and "待后台读取" in response.text
    rows = {r.agency.code: r for r in rollup.rows_for([education], 2025)}
    assert rows["SX130"].verdict == "待读取" and not rows["SX130"].counted

    # The server's own network is refused unless the deployer allows it.
    settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE = False
    out = StringIO()
    call_command("report", "fetch", stdout=out)
    assert "内网或本机地址" in out.getvalue()
    read = ExternalReport.objects.get(agency=education, year=2025)
    assert read.verdict == "unreadable" and read.tables == {}

    client.post("/staff/reports/supervision/SX130/url/", {"year": "2025", "url": served})
    settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE = True
    out = StringIO()
    call_command("report", "fetch", stdout=out)
    assert "表格一致" in out.getvalue() and "共读取 1 个网址" in out.getvalue()
    read = ExternalReport.objects.get(agency=education, year=2025)
    assert read.verdict == "ok" and read.url == served and read.tables["table3"]
    rows = {r.agency.code: r for r in rollup.rows_for([education], 2025)}
    assert rows["SX130"].counted and rows["SX130"].source == f"督查提供网址：{served}"
    out = StringIO()
    call_command("report", "fetch", stdout=out)
    assert "共读取 0 个网址" in out.getvalue()  # nothing pending


def test_the_guard_is_asked_before_every_redirect_is_followed():
    """A public address that redirects into the server's own network is not followed."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from gongkai.annual_reports import fetch

    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/start":
                self.send_response(302)
                self.send_header("Location", "/inside")
                self.end_headers()
            else:
                asked.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"secret")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:

        def guard(url):
            return "不允许" if url.endswith("/inside") else ""

        with pytest.raises(fetch.FetchError, match="不允许"):
            fetch.fetch(base + "/start", timeout=5, guard=guard)
        assert asked == []  # never requested
        data, _name = fetch.fetch(base + "/start", timeout=5, guard=lambda url: "")
        assert data == b"secret"
    finally:
        server.shutdown()
    assert rollup._private_host("http://127.0.0.1:8000\\@example.com/", lambda a: a != "127.0.0.1")


def test_a_draft_left_here_does_not_hide_the_report_the_agency_sent(tree, report, transport):
    client = signed_in(tree["supervisor"])
    page = client.get("/staff/reports/supervision/", {"year": 2025}).text
    assert page.count("上传该机关的报告文件") == 4  # every subordinate: 交通运输局 has a draft only
    upload(client, "SX120", "交通运输局年报（正式版）.docx", tree["docx"])
    rows = {r.agency.code: r for r in rollup.rows_for([transport], 2025)}
    assert rows["SX120"].source == "督查上传：交通运输局年报（正式版）.docx"
    assert rows["SX120"].counted
    page = client.get("/staff/reports/supervision/", {"year": 2025}).text
    assert "系统外编制（督查上传）" in page
    assert (
        client.get("/staff/reports/supervision/", {"year": "99999999999999999999"}).status_code
        == 200
    )
    assert client.get("/staff/reports/supervision/", {"year": "0"}).status_code == 200


def test_a_registered_address_is_read_by_a_task_without_waiting_for_cron(
    tree, served, education, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "site"],
        }
    }
    settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE = True
    client = signed_in(tree["supervisor"])
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.post("/staff/reports/supervision/SX130/url/", {"year": "2025", "url": served})
    assert len(queued) == 1
    read = ExternalReport.objects.get(agency=education, year=2025)
    assert read.verdict == "ok" and read.tables["table3"]
