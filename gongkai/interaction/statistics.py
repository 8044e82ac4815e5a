"""The statistics page's section on 留言 (messages): received, answered and rates per channel."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.statistics.charts import bar_chart
from gongkai.statistics.sections import Section, register
from gongkai.workdays.services import get_calendar

from . import selectors


def _average(value) -> str:
    return "—" if value is None else f"{value}"


@register
def messages_by_channel(agency_ids: list[int], year: int) -> Section:
    today = timezone.localdate()
    as_of = min(today, date(year, 12, 31))
    report = selectors.message_report(
        agency_ids, date(year, 1, 1), date(year, 12, 31), get_calendar(), as_of=as_of
    )
    rows = [row for row in report.rows if row.figures.received]
    title = f"{year}年网民留言办理（按渠道）"
    total = report.total
    note = (
        f"本年收到留言{total.received}件（其中无效{total.invalid}件），办结{total.answered}件，"
        f"办结率{total.completion_text}，按期办结率{total.on_time_text}。"
    )
    if report.calendar_problem:
        note += report.calendar_problem
    return Section(
        "messages",
        title,
        ["渠道", "收到", "办结", "办结率", "按期办结率", "平均答复（工作日）"],
        [
            [
                row.label,
                row.figures.received,
                row.figures.answered,
                row.figures.completion_text,
                row.figures.on_time_text,
                _average(row.figures.average_days),
            ]
            for row in rows
        ],
        bar_chart(
            title,
            [row.label for row in rows],
            [row.figures.received for row in rows],
            unit="件",
        )
        if rows
        else "",
        note=note,
    )
