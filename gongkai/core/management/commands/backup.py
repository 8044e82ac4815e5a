"""``gongkai backup -o FILE``: the database, the uploads and the secret key in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import VENDOR_NAMES, BackupError, backup_create


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class Command(BaseCommand):
    help = "备份数据库、上传文件和密钥到一个归档文件（tar.gz，权限 0600），运行中也可备份。"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="归档文件，如 gongkai.tar.gz")

    def handle(self, *args, **options):
        try:
            result = backup_create(output=Path(options["output"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"备份已写入 {result.path}（{_mb(result.size)}，权限 0600）")
        self.stdout.write(f"  数据库：{VENDOR_NAMES[result.vendor]}")
        self.stdout.write(f"  上传文件：{result.media_files} 个，{_mb(result.media_bytes)}")
        if result.secret_key:
            self.stdout.write("  密钥：var/secret_key")
        else:
            self.stdout.write("  密钥：未包含（SECRET_KEY 来自环境变量，请另行保管）")
        self.stdout.write("注意：备份含密钥和个人信息，请加密存放，只让必要的人读取。")
