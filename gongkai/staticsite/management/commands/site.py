"""``gongkai site build|refresh|check|push|verify``: the static site (docs/static-site.md)."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from gongkai.staticsite import services


class Command(BaseCommand):
    help = "静态发布：生成、核对、推送静态站点（需设置 GONGKAI_STATIC_SITE）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        b = sub.add_parser("build", help="生成整个站点（可中断后用 --resume 继续）。")
        b.add_argument("--workers", type=int, default=settings.GONGKAI_SITE_BUILD_WORKERS)
        b.add_argument("--resume", action="store_true", help="继续上次未完成的生成。")
        r = sub.add_parser("refresh", help="重新生成一个机关的页面（通常由后台任务完成）。")
        r.add_argument("--agency", required=True, help="机关代码")
        r.add_argument("--all-pages", action="store_true", help="包括该机关全部信息页面。")
        sub.add_parser("check", help="逐页与动态页面比对；有差异时返回非零。")
        p = sub.add_parser("push", help="把变化推送到另一目录（共享目录或网闸摆渡目录）。")
        p.add_argument("target")
        v = sub.add_parser("verify", help="在接收端按 MANIFEST.sha256 核对目录。")
        v.add_argument("target")

    def handle(self, *args, action, **options):
        # Each page is rendered through the request handler: its log line would be one per page.
        logging.getLogger("gongkai.request").setLevel(logging.WARNING)
        try:
            if action == "verify":
                return self._verify(options["target"])
            services.site_root()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        try:
            getattr(self, f"_{action}")(options)
        except services.SiteError as error:
            raise CommandError(str(error)) from None

    def _build(self, options):
        workers = options["workers"]
        if workers < 1:
            raise CommandError("--workers 须为正整数。")
        summary = services.build(
            workers=workers, resume=options["resume"], progress=sys.stderr.isatty()
        )
        self.stdout.write(
            f"静态站点已生成：{summary.pages} 页，写入 {summary.written}，未变 {summary.unchanged}，"
            f"删除 {summary.removed}，续生成跳过 {summary.skipped}。"
        )
        self._failures(summary)

    def _failures(self, summary):
        for url, error in summary.failed:
            self.stderr.write(f"生成失败\t{url}\t{error}")
        if summary.failed:
            raise CommandError(
                f"{len(summary.failed)} 页生成失败（原有文件保留），其余已生成；原因见上，修复后再运行。"
            )

    def _refresh(self, options):
        from gongkai.org.models import Agency

        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"没有代码为 {options['agency']} 的机关。")
        summary = services.refresh(agency.pk, catalogue=options["all_pages"])
        self.stdout.write(
            f"已重新生成 {summary.pages} 页：写入 {summary.written}，删除 {summary.removed}。"
        )
        self._failures(summary)

    def _check(self, options):
        differences = services.check(progress=sys.stderr.isatty())
        for d in differences:
            self.stdout.write(f"{d.label}\t{d.url}\t{d.file}")
        if differences:
            raise CommandError(f"静态站点与动态页面有 {len(differences)} 处不一致。")
        self.stdout.write("静态站点与动态页面一致。")

    def _push(self, options):
        summary = services.push(options["target"])
        self.stdout.write(
            f"已推送到 {options['target']}：复制 {len(summary.copied)}，删除 {len(summary.deleted)}，"
            f"未变 {summary.unchanged}。"
        )

    def _verify(self, target):
        differences = services.verify(target)
        for d in differences:
            self.stdout.write(f"{d.label}\t{d.file}")
        if differences:
            raise CommandError(f"{target} 有 {len(differences)} 处与 MANIFEST.sha256 不符。")
        self.stdout.write(f"{target} 与 MANIFEST.sha256 一致。")
