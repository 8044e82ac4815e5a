"""``gongkai report check FILE|URL... [--json] [--timeout S]``: check published annual reports
(表二/表三/表四, rules A–D and 必填项为空). Folders are searched recursively; an http(s) address is
downloaded (a page without the tables is checked through the report it links to). Exit code: the
worst result's — 2 when any cannot be read, else 1 when any has violations, else 3 when any is a
report before 2019 (out of scope), else 0.

``gongkai report fetch``: read the report addresses a 上级督查 gave (cron; private addresses refused).

``gongkai report build --agency CODE --year YYYY --format docx|pdf|html -o FILE``: the agency's
report built from the system (its saved text where it has one, drafted sentences otherwise)."""

import json
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "政府信息公开工作年度报告：check 检查已发布年度报告的表格勾稽关系"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check",
            help="检查年度报告（.txt .html .htm .docx .pdf、文件夹或网址）",
            description="检查已发布的年度报告：找出表二、表三、表四，判断2019/2021年版格式，"
            "按规则A–D和必填项检查。退出码取最严重的结果：2 有文件无法读取，1 有问题，"
            "3 有2019年以前的报告（不在检查范围），0 全部一致。",
        )
        check.add_argument(
            "files", nargs="+", metavar="FILE_OR_URL", help="报告文件、文件夹或网址（http/https）"
        )
        check.add_argument("--json", action="store_true", help="以JSON输出")
        check.add_argument(
            "--timeout", type=float, default=20.0, help="下载网址的超时秒数（默认20）"
        )
        fetch = sub.add_parser(
            "fetch", help="下载并检查上级督查登记的下级机关年度报告网址（定时运行）"
        )
        fetch.add_argument("--timeout", type=float, default=20.0, help="下载超时秒数（默认20）")
        build = sub.add_parser("build", help="按系统数据生成年度报告（DOCX、PDF 或 HTML）")
        build.add_argument("--agency", required=True, help="机构代码")
        build.add_argument("--year", required=True, type=int, help="年度")
        build.add_argument("--format", required=True, choices=["docx", "pdf", "html"])
        build.add_argument("-o", "--output", required=True, help="输出文件")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "check":
            code = self.run_check(options)
        elif action == "build":
            code = self.run_build(options)
        elif action == "fetch":
            code = self.run_fetch(options)
        else:  # pragma: no cover - argparse only lets known actions through
            code = 2
        self.stdout.flush()
        if code:
            sys.stdout.flush()
            sys.exit(code)

    def run_fetch(self, options) -> int:
        from django.conf import settings

        from gongkai.annual_reports import checker, rollup

        done = rollup.external_urls_fetch(
            allow_private=settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE, timeout=options["timeout"]
        )
        for read in done:
            verdict = checker.VERDICT_NAMES.get(read.verdict, read.verdict)
            detail = f"：{read.error}" if read.error else ""
            self.stdout.write(f"{read.agency.name}{read.year}年度 {read.url} {verdict}{detail}")
        self.stdout.write(f"共读取 {len(done)} 个网址。")
        return 0

    def run_build(self, options) -> int:
        from pathlib import Path

        from django.core.management.base import CommandError

        from gongkai.annual_reports import export
        from gongkai.annual_reports.models import AnnualReport
        from gongkai.annual_reports.services import report_redraft, tables_of
        from gongkai.org.models import Agency

        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"未找到机构代码为 {options['agency']} 的机关。")
        if not 2019 <= options["year"] <= 2100:
            raise CommandError("年度报告适用于2019年及以后的年度。")
        report = AnnualReport.objects.filter(agency=agency, year=options["year"]).first()
        if report is None:  # not saved: an unsaved draft, so building writes nothing
            report = AnnualReport(agency=agency, year=options["year"])
            report.save = lambda *a, **k: None
            report_redraft(report=report)
        tables = tables_of(report)
        fmt = options["format"]
        if fmt == "html":
            data = export.report_html(report, tables).encode()
        elif fmt == "docx":
            data = export.report_docx(report, tables)
        else:
            data = export.report_pdf(report, tables)
            if data is None:
                raise CommandError("无法生成PDF：缺少 Pango 库（Debian：libpango-1.0-0）。")
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"已生成 {options['output']}（{len(data)} 字节）。")
        return 0

    def run_check(self, options) -> int:
        from gongkai.annual_reports.checker import check_paths, exit_code, render_text

        results = check_paths(options["files"], timeout=options["timeout"])
        if options["json"]:
            self.stdout.write(
                json.dumps([result.as_json() for result in results], ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(render_text(results), ending="")
        return exit_code(results)
