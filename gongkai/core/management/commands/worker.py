"""``gongkai worker``: run background tasks from the database queue (every queue by default).

Start one or more on each machine (systemd, docs/deploy.md); they share the queue through the
database. ``--batch`` runs what is waiting and exits (tests, a cron-driven small site)."""

import socket

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker


class Command(BaseCommand):
    help = "运行后台任务（静态页面重新生成、报表、提醒等）；可在多台机器上各启动若干个。"

    def add_arguments(self, parser):
        parser.add_argument("--queues", default="*", help="逗号分隔的队列名，默认全部（*）。")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="队列空时的轮询间隔（秒）。"
        )
        parser.add_argument("--batch", action="store_true", help="处理完已排队的任务后退出。")
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args, **options):
        if options["interval"] < 0 or (
            options["max_tasks"] is not None and options["max_tasks"] < 1
        ):
            self.stderr.write("--interval 不能为负，--max-tasks 须为正整数。")
            raise SystemExit(2)
        worker_id = f"{socket.gethostname()[:40]}-{get_random_string(8)}"
        worker = Worker(
            queue_names=options["queues"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        if not options["batch"]:
            worker.configure_signals()
            self.stdout.write(f"后台任务进程 {worker_id} 已启动（按 Ctrl+C 停止）")
            self.stdout.flush()
        worker.run()
