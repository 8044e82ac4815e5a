"""``gongkai audit verify``: walk the audit log's hash chain in id order and report the first break.

Exit code 0 when the chain is intact, 1 when it is broken. Every run is recorded (the audit log page
shows the last one to the 审计管理员); run it daily from cron (docs/deploy.md).
"""

import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.audit.services import VERIFY_CHUNK, chain_verify
from gongkai.core.request_context import acting_as

COMMAND_ACTOR = "命令:audit verify"


class Command(BaseCommand):
    help = "审计日志：verify（校验哈希链是否完整，建议每日运行）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify",
            help="按记录顺序校验审计日志哈希链",
            description="逐条校验审计日志的哈希链，报告第一处断点。退出码：0 完整，1 被篡改。",
        )
        verify.add_argument(
            "--chunk", type=int, default=VERIFY_CHUNK, help="每次读取的条数（默认2000）"
        )

    def handle(self, *args, **options):
        with acting_as(COMMAND_ACTOR):
            run = chain_verify(by=COMMAND_ACTOR, chunk_size=max(1, options["chunk"]))
        took = (run.finished_at - run.started_at).total_seconds()
        at = timezone.localtime(run.started_at).strftime("%Y-%m-%d %H:%M:%S")
        if run.intact:
            tail = (
                f"，最后一条为第 {run.last_id} 条（哈希 {run.last_hash}）"
                if run.last_id is not None
                else ""
            )
            self.stdout.write(
                f"审计日志完整：{at} 校验 {run.rows_checked} 条{tail}，用时 {took:.1f} 秒。"
            )
            return
        self.stderr.write(
            f"审计日志已被篡改：第 {run.broken_id} 条{run.get_problem_display()}。{run.detail}"
            f"（{at} 校验，此前 {run.rows_checked} 条完整）"
        )
        sys.stdout.flush()
        sys.exit(1)
