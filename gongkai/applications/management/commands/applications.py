"""``gongkai applications lapse``: close applications whose 补正 or fee period has lapsed."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.applications.services import close_all_lapsed
from gongkai.core.request_context import acting_as


class Command(BaseCommand):
    help = "依申请公开：lapse（逾期不补正视为放弃、逾期不缴费不再处理，建议每日运行）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        lapse = sub.add_parser("lapse", help="办结已逾期未补正、未缴费的申请")
        lapse.add_argument("--date", help="按此日期判断（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options.get("date"):
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("日期格式不正确，应为 YYYY-MM-DD。") from None
        with acting_as("命令:applications lapse"):
            closed = close_all_lapsed(today=today)
        self.stdout.write(f"已办结逾期申请 {closed} 件。")
