"""``gongkai remind``: daily e-mail of overdue and due-soon work (run it from cron each morning).

It reports what really happened to each person's reminder: sent (the mail backend accepted it),
not sent because the person has no e-mail address, or failed (with the reason, on stderr). Exit
status 1 when any failed, so that cron mails the output."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.workbench.reminders import Outcome, reminders_send

SAID = {
    Outcome.SENT: "已发送",
    Outcome.WOULD_SEND: "待发送",
    Outcome.NO_ADDRESS: "未发送：没有电子邮箱",
    Outcome.FAILED: "发送失败",
}


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
        reminders = reminders_send(today=today, dry_run=options["dry_run"])
        for r in reminders:
            line = (
                f"{r.username}: 逾期 {r.overdue} 项，即将到期 {r.due_soon} 项 — {SAID[r.outcome]}"
            )
            if r.outcome == Outcome.FAILED:
                self.stderr.write(f"{line}：{r.error}")
            else:
                self.stdout.write(line)
        count = {outcome: sum(r.outcome == outcome for r in reminders) for outcome in Outcome}
        if options["dry_run"]:
            summary = f"待发送提醒 {count[Outcome.WOULD_SEND]} 人"
        else:
            summary = f"已发送提醒 {count[Outcome.SENT]} 人"
        summary += f"，没有电子邮箱未发送 {count[Outcome.NO_ADDRESS]} 人"
        if not options["dry_run"]:
            summary += f"，发送失败 {count[Outcome.FAILED]} 人"
        self.stdout.write(summary + "。")
        if count[Outcome.FAILED]:
            raise SystemExit(1)
