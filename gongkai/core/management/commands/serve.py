"""``gongkai serve``: the production server (gunicorn) on 127.0.0.1:$PORT by default."""

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "用 gunicorn 启动服务（默认 127.0.0.1:8000，PORT 环境变量可改端口）。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", default=os.environ.get("GONGKAI_WORKERS", "2"))

    def handle(self, *args, **options):
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"服务地址：http://{bind}/  （按 Ctrl+C 停止）")
        self.stdout.flush()
        args = [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
            "--timeout",
            "60",
        ]
        os.execv(sys.executable, args)
