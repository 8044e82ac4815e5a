"""``gongkai restore FILE``: a ``gongkai backup`` archive into an empty database and var/."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import VENDOR_NAMES, BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "从 gongkai backup 的归档恢复到空的数据库和 var/ 目录：校验文件、迁移数据库结构、"
        "收集静态文件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="gongkai backup 生成的归档文件")
        parser.add_argument(
            "--force",
            action="store_true",
            help="目标已有数据时也恢复：先删除现有的数据库表和上传文件",
        )

    def handle(self, *args, **options):
        try:
            result = restore_archive(archive=Path(options["archive"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已从 {options['archive']} 恢复（备份时间 {result.created}）：")
        self.stdout.write(f"  数据库：{VENDOR_NAMES[result.vendor]}，文件校验一致")
        self.stdout.write(f"  上传文件：{result.media_files} 个 → {settings.MEDIA_ROOT}")
        if result.secret_key:
            self.stdout.write(f"  密钥：{Path(settings.VAR_DIR) / 'secret_key'}")
        if result.applied_migrations:
            self.stdout.write(
                f"  数据库结构：已升级，执行了 {len(result.applied_migrations)} 个迁移"
                f"（{'、'.join(result.applied_migrations)}）"
            )
        else:
            self.stdout.write("  数据库结构：已是本版本的最新结构")
        self.stdout.write(f"  静态文件：已收集到 {settings.STATIC_ROOT}")
        for note in result.notes:
            self.stdout.write(f"注意：{note}")
        self.stdout.write("如服务正在运行，请重启 gongkai serve。")
