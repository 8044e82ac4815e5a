"""``gongkai serve``: the production server (gunicorn) on 127.0.0.1:$PORT by default."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError


def _positive(value, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise CommandError(f"{name} 必须是正整数（收到 {value!r}）。")
    return number


class Command(BaseCommand):
    help = "用 gunicorn 启动服务（默认 127.0.0.1:8000，PORT 环境变量可改端口）。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", default=os.environ.get("GONGKAI_WORKERS", "2"))
        parser.add_argument("--threads", default=os.environ.get("GONGKAI_THREADS", "8"))

    def handle(self, *args, **options):
        bind = f"{options['host']}:{options['port']}"
        workers = _positive(options["workers"], "GONGKAI_WORKERS / --workers")
        threads = _positive(options["threads"], "GONGKAI_THREADS / --threads")
        self.stdout.write(
            f"服务地址：http://{bind}/  （{workers} 个进程 × {threads} 个线程，按 Ctrl+C 停止）"
        )
        self.stdout.flush()
        args = [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai.wsgi:application",
            "--bind",
            bind,
            # gthread: a connection waits for its request in the worker's poller, not in a thread,
            # and each worker answers `threads` requests at once, so a few clients that send their
            # body slowly no longer hold the whole server (sync workers: one client per process).
            # Beyond that, nginx in front buffers whole requests (deploy/nginx/gongkai.conf).
            "--worker-class",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            # A worker whose main loop is silent this long is restarted; with gthread that loop
            # keeps beating while threads run long requests (PDFs, archives), so 30 s is safe.
            "--timeout",
            "30",
            "--graceful-timeout",
            "30",
            # Idle keep-alive connections sit in the poller; nginx's upstream keepalive_timeout
            # (4 s) is shorter, so nginx never reuses a connection gunicorn is about to close.
            "--keep-alive",
            "5",
            # No control socket: nothing here uses gunicornc (restarts go through signals or
            # systemd), a socket that can stop or resize the server is one more management
            # interface to guard, and its default path (~/.gunicorn/gunicorn.ctl) is shared by
            # every instance on the machine, so a second instance would take over the first's.
            "--no-control-socket",
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
        ]
        os.execv(sys.executable, args)
