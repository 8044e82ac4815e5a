"""``gongkai workdays add 2024-09-27 20 [--explain]`` and friends."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.workdays import rules
from gongkai.workdays.services import get_calendar, seed_from_package


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式不正确：{text}（应为 YYYY-MM-DD）") from None


class Command(BaseCommand):
    help = "工作日计算：add（n个工作日后的日期）、between（两日之间的工作日数）、seed、years"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="START 之后第 N 个工作日（起算日不计入）")
        add.add_argument("start")
        add.add_argument("n", type=int)
        add.add_argument("--explain", action="store_true", help="列出跳过的日期和计入的调休日")
        between = sub.add_parser("between", help="A 之后至 B（含）的工作日数")
        between.add_argument("a")
        between.add_argument("b")
        sub.add_parser("seed", help="从 chinese-calendar 数据包导入节假日（不覆盖人工录入）")
        sub.add_parser("years", help="列出已录入节假日安排的年度")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "seed":
            years, days = seed_from_package()
            self.stdout.write(f"新增 {years} 个年度、{days} 个日期。")
            return
        cal = get_calendar()
        if action == "years":
            for year in sorted(cal.covered_years):
                self.stdout.write(str(year))
            return
        try:
            if action == "add":
                if options["n"] < 0:
                    raise CommandError("工作日天数不能为负数")
                start = parse_date(options["start"])
                due, steps = rules.add_working_days_steps(start, options["n"], cal)
                self.stdout.write(due.isoformat())
                if options["explain"]:
                    self.stdout.write(
                        f"起算日 {start.isoformat()}（{rules.WEEKDAY_NAMES[start.weekday()]}）不计入；"
                        f"期限为其后第{options['n']}个工作日。"
                    )
                    for line in rules.explain(steps):
                        self.stdout.write(line)
            else:
                a, b = parse_date(options["a"]), parse_date(options["b"])
                self.stdout.write(str(rules.working_days_between(a, b, cal)))
        except rules.CalendarNotCovered as exc:
            raise CommandError(f"{exc}，无法计算。请系统管理员在“工作日历”中录入。") from None
