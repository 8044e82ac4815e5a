"""``gongkai inspect [--agency CODE …] [--only links|data|INDICATOR …] [--json] [--today DATE]``:
the 自查 of every active agency (or those named), for cron. The link check (group ``links``)
refreshes the links of published content and checks those due before its indicator reads them."""

from __future__ import annotations

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.core.request_context import acting_as
from gongkai.inspection import services
from gongkai.inspection.base import REGISTRY
from gongkai.org.models import Agency


class Command(BaseCommand):
    help = "自查：按政府网站检查指标检查各机关的网站和数据，保存发现的问题和得分"

    def add_arguments(self, parser):
        parser.add_argument(
            "--agency", action="append", metavar="CODE", help="只检查这些机关（机构代码，可重复）"
        )
        parser.add_argument(
            "--only",
            action="append",
            metavar="WHAT",
            help="只检查 links（链接）、data（其余指标）或某个指标（可重复）",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="每个发现输出一行 JSON：agency, indicator, object, detail",
        )
        parser.add_argument("--today", type=date.fromisoformat, help="按此日期检查（YYYY-MM-DD）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, **options):
        agencies = Agency.objects.filter(is_active=True).order_by("sort_order", "code")
        if options["agency"]:
            agencies = agencies.filter(code__in=options["agency"])
            missing = set(options["agency"]) - set(agencies.values_list("code", flat=True))
            if missing:
                raise CommandError(f"未找到机构代码为 {'、'.join(sorted(missing))} 的机关。")
        groups, only = set(), set()
        for what in options["only"] or services.GROUPS:
            if what in services.GROUPS:
                groups.add(what)
            elif what in REGISTRY:
                only.add(what)
                groups.add(REGISTRY[what].group)
            else:
                known = "、".join([*services.GROUPS, *REGISTRY])
                raise CommandError(f"未知的检查项“{what}”。可选：{known}")
        agencies = list(agencies)
        quiet = options["no_progress"] or not sys.stderr.isatty()
        with acting_as("命令:inspect"):
            if "links" in groups:
                self._links(agencies, quiet)
            runs, shared = [], {}
            for agency in tqdm(
                agencies, desc="自查", unit="个机关", disable=quiet, file=sys.stderr
            ):
                runs.append(
                    services.inspect_agency(
                        agency, today=options["today"], groups=groups, only=only, shared=shared
                    )
                )
        if options["json"]:
            for run in runs:
                for finding in run.findings.all():
                    self.stdout.write(
                        json.dumps(
                            {
                                "agency": run.agency.code,
                                "indicator": finding.indicator,
                                "object": finding.object,
                                "detail": finding.detail,
                                "url": finding.url,
                                "fix_url": finding.fix_url,
                                "first_seen": finding.first_seen.isoformat(),
                            },
                            ensure_ascii=False,
                        )
                    )
            return
        whole = set(services.GROUPS) <= groups and not only
        for run in runs:
            found = f"发现问题 {run.findings.count()} 个"
            if whole:
                verdict = "单项否决" if run.vetoed else "未触发单项否决"
                self.stdout.write(f"{run.agency.name}：{verdict}，得分 {run.score}，{found}")
            else:  # a partial run: its score is not the agency's
                self.stdout.write(
                    f"{run.agency.name}（部分检查：{'、'.join(sorted(only or groups))}）：{found}"
                )

    def _links(self, agencies, quiet):
        from gongkai.inspection import links

        bar = tqdm(desc="链接检查", unit="个链接", disable=quiet, file=sys.stderr)

        def progress(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        stats = links.check_due_links(agencies=agencies, progress=progress)
        bar.close()
        if not quiet:
            self.stderr.write(f"链接检查：{stats}")
