"""``gongkai report check URL``: a published page or file fetched from a real server on 127.0.0.1
(with a timeout), a portal page checked through the report it links to, and the exit code of a
mixed batch (the worst result's)."""

from __future__ import annotations

import http.server
import threading
import time
from functools import partial

import pytest

from gongkai.annual_reports.checker import check_paths, check_url, exit_code
from gongkai.annual_reports.fetch import report_attachment

from .reportdata import REPORTS
from .test_checker import run


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/gone":
            self.send_error(404)
            return
        super().do_GET()


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up (the timeout test) is expected, not an error


@pytest.fixture
def site(tmp_path, docx_reports):
    ok_html = (REPORTS / "ok" / "2021_ok.html").read_bytes()
    (tmp_path / "report.html").write_bytes(ok_html)
    (tmp_path / "bad.html").write_bytes((REPORTS / "violations" / "2021_bad.html").read_bytes())
    docx = next(path for path, name, _ in docx_reports if name == "2021_bad")
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "nb2022.docx").write_bytes(docx.read_bytes())
    (tmp_path / "article.html").write_text(
        "<html><body><h1>示例局2022年政府信息公开工作年度报告</h1>"
        "<p>详见附件。</p><a href='/files/other.pdf'>办事指南.pdf</a>"
        "<a href='files/nb2022.docx'>2022年度报告（全文）.docx</a></body></html>",
        encoding="utf-8",
    )
    server = QuietServer(("127.0.0.1", 0), partial(Handler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_published_page_is_fetched_and_checked(site):
    result = check_url(f"{site}/report.html")
    assert result.verdict == "ok" and result.file == f"{site}/report.html"
    bad = check_url(f"{site}/bad.html")
    assert bad.verdict == "violations" and bad.violations


def test_a_page_is_checked_through_the_report_it_links_to(site):
    result = check_url(f"{site}/article.html")
    assert result.file == f"{site}/article.html → {site}/files/nb2022.docx"
    assert result.verdict == "violations" and result.report_year == 2022


def test_download_failures_are_unreadable_with_the_reason(site):
    assert "HTTP 404" in check_url(f"{site}/gone").error
    slow = check_url(f"{site}/slow", timeout=0.5)
    assert slow.verdict == "unreadable" and "超时" in slow.error
    refused = check_url("http://127.0.0.1:9/report.html", timeout=2)
    assert refused.verdict == "unreadable" and "无法连接" in refused.error


def test_the_command_takes_addresses_and_files_and_exits_with_the_worst(site):
    code, out = run("check", f"{site}/report.html")
    assert code == 0 and "结论：表格勾稽关系一致" in out
    code, out = run("check", f"{site}/bad.html", str(REPORTS / "ok" / "2021_ok.txt"))
    assert code == 1
    code, out = run("check", "--timeout", "0.5", f"{site}/slow", f"{site}/bad.html")
    assert code == 2 and "下载超时" in out  # unreadable wins over violations


def test_exit_code_precedence():
    results = check_paths([REPORTS / "ok" / "2021_ok.txt"])
    assert exit_code(results) == 0
    from gongkai.annual_reports.checker import Result, out_of_scope

    old = out_of_scope("2018.txt", 2018)
    bad = Result("bad", format_version="2021", verdict="violations")
    unreadable = Result("x")
    assert exit_code([*results, old]) == 3
    assert exit_code([*results, old, bad]) == 1
    assert exit_code([old, bad, unreadable]) == 2


def test_report_attachment_prefers_a_link_naming_the_report():
    page = (
        "<a href='a.pdf'>指南</a><a href='/x/2023nb.docx'>2023年度报告</a><a href='b.docx'>b</a>"
    ).encode()
    assert report_attachment(page, "http://h/p/") == "http://h/x/2023nb.docx"
    assert report_attachment(b"<a href='z.pdf'>z</a>", "http://h/") == "http://h/z.pdf"
    assert report_attachment(b"<p>none</p>", "http://h/") is None
