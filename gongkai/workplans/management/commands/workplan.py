"""``gongkai workplan import --agency SX120 2019年政务公开工作要点.docx [--dry-run] [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.request_context import acting_as
from gongkai.org.models import Agency
from gongkai.workplans import services


class Command(BaseCommand):
    help = "政务公开工作要点：import（从 DOCX 或文本文件导入，分解为任务和责任单位）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="导入一年的工作要点：编号成为任务树，括号中的单位成为牵头、配合单位；可重复运行",
        )
        imp.add_argument("--agency", required=True, metavar="CODE", help="机构代码，如 SX120")
        imp.add_argument("file", metavar="FILE", help="DOCX 或文本文件（UTF-8 或 GB18030）")
        imp.add_argument(
            "--year", type=int, help="导入为该年度（文件写有其他年度时，各项期限随之顺延）"
        )
        imp.add_argument("--dry-run", action="store_true", help="只解析和对应单位，不写入")
        imp.add_argument("--json", action="store_true", help="以 JSON 输出任务清单")

    def handle(self, *args, **options):
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"未找到机构代码为 {options['agency']} 的机关。")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            source = services.read_source(path.name, path.read_bytes())
            with acting_as("命令:workplan import"):
                result = services.plan_import(
                    agency=agency,
                    text=source.text,
                    source_name=path.name,
                    source_warnings=source.warnings,
                    year=options["year"],
                    dry_run=options["dry_run"],
                )
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        if options["json"]:
            data = {"dry_run": options["dry_run"], **result.as_dict()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(summary(result, dry_run=options["dry_run"]))


def summary(result: services.Preview, *, dry_run: bool) -> str:
    deadline = result.parsed.report_deadline
    lines = [
        f"《{result.title}》（{result.year}年）：{len(result.tasks)}项任务，"
        f"报送期限 {deadline.isoformat() if deadline else '未找到'}"
    ]
    for task in result.tasks:
        lead = "、".join(n.unit.name if n.unit else n.name for n in task.role(services.LEAD))
        coop = "、".join(n.unit.name if n.unit else n.name for n in task.role(services.COOPERATING))
        due = task.node.deadline.isoformat() if task.node.deadline else "无期限"
        line = f"  {task.node.path:<10} {task.node.title[:30]}｜牵头：{lead or '—'}"
        if coop:
            line += f"｜配合：{coop}"
        lines.append(f"{line}｜{due}")
    if result.unmatched_names:
        lines.append("未对应到本机关内设机构的单位名称（请在页面上对应）：")
        lines.append("  " + "、".join(result.unmatched_names))
    for warning in result.warnings:
        lines.append(f"注意：{warning}")
    if dry_run:
        lines.append("试运行，未写入。")
    elif result.created:
        lines.append(f"已导入（编号 {result.plan.pk}）。")
    else:
        lines.append(f"该文件已导入过（编号 {result.plan.pk}），未作更改。")
    return "\n".join(lines)
