"""``gongkai files check [--delete] [--min-age MINUTES]``: uploaded files against the rows that name
them. Lists orphans (files under MEDIA_ROOT no row names, leftover ``.part`` files of interrupted or
rolled-back uploads included) and rows whose file is missing (on stderr). ``--delete`` removes the
orphans. Exit code 0 when no row misses its file, 1 otherwise."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.core.files import Kind, scan


class Command(BaseCommand):
    help = "上传文件：check（找出无记录引用的孤立文件和文件缺失的记录）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check",
            help="核对上传文件与数据库记录",
            description="列出 MEDIA_ROOT 下没有记录引用的孤立文件（含中断上传留下的 .part 临时文件），"
            "以及文件已缺失的记录。退出码：0 无缺失，1 有记录缺失文件。",
        )
        check.add_argument("--delete", action="store_true", help="删除孤立文件（默认只列出）")
        check.add_argument(
            "--min-age",
            type=float,
            default=60,
            metavar="MINUTES",
            help="只把早于此分钟数的无引用文件视为孤立文件（默认60，避开正在进行的上传）",
        )

    def handle(self, *args, **options):
        root = Path(settings.MEDIA_ROOT)
        counts = dict.fromkeys((Kind.MISSING, Kind.UNMOVED, Kind.ORPHAN, Kind.RECENT, "deleted"), 0)
        for finding in scan(root=root, min_age_seconds=options["min_age"] * 60):
            counts[finding.kind] += 1
            shown = os.path.relpath(finding.path, root)
            if finding.kind == Kind.MISSING:
                self.stderr.write(f"文件缺失：{finding.row} → {shown}")
            elif finding.kind == Kind.UNMOVED:
                self.stderr.write(f"文件仍在临时名下（提交后未移入）：{finding.row} → {shown}.part")
            elif finding.kind == Kind.ORPHAN:
                if options["delete"]:
                    try:
                        os.remove(finding.path)
                    except FileNotFoundError:
                        continue
                    counts["deleted"] += 1
                    self.stdout.write(f"已删除孤立文件：{shown}")
                else:
                    self.stdout.write(f"孤立文件：{shown}")
        summary = (
            f"核对完成：文件缺失 {counts[Kind.MISSING]} 个，未移入 {counts[Kind.UNMOVED]} 个，"
            f"孤立文件 {counts[Kind.ORPHAN]} 个"
        )
        if options["delete"]:
            summary += f"（已删除 {counts['deleted']} 个）"
        if counts[Kind.RECENT]:
            summary += f"，另有 {counts[Kind.RECENT]} 个较新的无引用文件未处理（可能正在上传）"
        self.stdout.write(summary + "。")
        if counts[Kind.MISSING] or counts[Kind.UNMOVED]:
            self.stderr.write(summary + "。")
            sys.stdout.flush()
            sys.exit(1)
