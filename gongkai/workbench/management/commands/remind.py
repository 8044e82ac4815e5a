"""``gongkai remind``: daily e-mail of overdue and due-soon work (run it from cron each morning)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.workbench.reminders import reminders_send


class Command(BaseCommand):
    help = "向有逾期或即将到期事项的工作人员发送提醒邮件（建议每个工作日早上运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按此日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--dry-run", action="store_true", help="只列出，不发送")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("日期格式不正确，应为 YYYY-MM-DD。") from None
        sent = reminders_send(today=today, dry_run=options["dry_run"])
        for username, overdue, soon in sent:
            self.stdout.write(f"{username}: 逾期 {overdue} 项，即将到期 {soon} 项")
        verb = "待发送" if options["dry_run"] else "已发送"
        self.stdout.write(f"{verb}提醒 {len(sent)} 人。")
