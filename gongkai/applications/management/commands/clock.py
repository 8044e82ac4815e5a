"""``gongkai clock --received 2024-09-27 [--supplement-requested D --supplement-received D]
[--consult SENT:ANSWERED]... [--extension N] [--explain]``: the answer's due date (first line)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.applications import clock
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import get_calendar


def parse(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{what}格式不正确：{text}（应为 YYYY-MM-DD）") from None


class Command(BaseCommand):
    help = "依申请公开答复期限计算（第三十条、第三十二至三十五条）"

    def add_arguments(self, parser):
        parser.add_argument("--received", required=True, help="收到申请之日")
        parser.add_argument("--supplement-requested", help="告知补正之日")
        parser.add_argument("--supplement-received", help="收到补正之日")
        parser.add_argument(
            "--consult",
            action="append",
            default=[],
            help="征求意见 SENT:ANSWERED（未答复写 SENT:）",
        )
        parser.add_argument("--extension", type=int, help="延期工作日数（≤20）")
        parser.add_argument("--today", help="按此日期判断期限是否届满（默认今天）")
        parser.add_argument("--explain", action="store_true", help="逐步说明")

    def handle(self, *args, **options):
        from django.utils import timezone

        cal = get_calendar()
        received = parse(options["received"], "收到申请之日")
        today = parse(options["today"], "今天") if options["today"] else timezone.localdate()
        events, errors = [], []
        if options["supplement_received"] and not options["supplement_requested"]:
            raise CommandError("有 --supplement-received 时必须给出 --supplement-requested。")
        try:
            if options["supplement_requested"]:
                requested = parse(options["supplement_requested"], "告知补正之日")
                refusal = clock.supplement_refusal(received, requested, 0, cal)
                if refusal:
                    errors.append(refusal)
                end = (
                    parse(options["supplement_received"], "收到补正之日")
                    if options["supplement_received"]
                    else None
                )
                events.append(clock.ClockEvent("supplement", requested, end=end))
            for spec in options["consult"]:
                sent, _, answered = spec.partition(":")
                events.append(
                    clock.ClockEvent(
                        "consult",
                        parse(sent, "征求意见之日"),
                        end=parse(answered, "收到意见之日") if answered else None,
                    )
                )
            if options["extension"] is not None:
                if not 1 <= options["extension"] <= clock.MAX_EXTENSION:
                    errors.append("延长的期限最长不得超过20个工作日（第三十三条第二款）。")
                last = max([received, *(e.end or e.start for e in events)])
                events.append(clock.ClockEvent("extension", last, days=options["extension"]))
            if errors:
                raise CommandError("；".join(errors))
            deadline = clock.due_date(received, events, cal, today=today)
        except CalendarNotCovered as exc:
            raise CommandError(f"{exc}，无法计算。") from None
        self.stdout.write(deadline.due.isoformat() if deadline.due else "暂停计时")
        if options["explain"]:
            for step in deadline.steps:
                self.stdout.write(step)
