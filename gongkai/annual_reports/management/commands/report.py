"""``gongkai report check FILE... [--json]``: check published annual reports (表二/表三/表四, rules
A–D and ``blank``). Folders are searched recursively. Exit code 0 when every file is consistent,
1 when any has violations, 2 when any cannot be read."""

import json
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "政府信息公开工作年度报告：check 检查已发布年度报告的表格勾稽关系"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check",
            help="检查年度报告（.txt .html .htm .docx .pdf，或文件夹）",
            description="检查已发布的年度报告：找出表二、表三、表四，判断2019/2021年版格式，"
            "按规则A–D和blank检查。退出码：0 全部一致，1 有问题，2 有文件无法读取。",
        )
        check.add_argument("files", nargs="+", metavar="FILE", help="报告文件或文件夹")
        check.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "check":
            code = self.run_check(options)
        else:  # pragma: no cover - argparse only lets known actions through
            code = 2
        self.stdout.flush()
        if code:
            sys.stdout.flush()
            sys.exit(code)

    def run_check(self, options) -> int:
        from gongkai.annual_reports.checker import check_paths, exit_code, render_text

        results = check_paths(options["files"])
        if options["json"]:
            self.stdout.write(
                json.dumps([result.as_json() for result in results], ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(render_text(results), ending="")
        return exit_code(results)
