"""The office's workbench: 第十八条 reviews due (or due within a month), 第四十四条 suggestions to
decide, and 规范性文件 whose 有效性 must be updated."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from gongkai.workbench.registry import Task, register

from . import selectors

KIND = "条例职责"


@register
def duty_tasks(user, agency, today: date):
    agencies = selectors.office_agencies(user)
    if agency is not None:
        agencies = [a for a in agencies if a.pk == agency.pk]
    tasks = []
    th = selectors.thresholds()
    for each in agencies:
        on = f"?agency={each.code}"
        for pending in selectors.frequent_pending(each, today, th):
            s = pending.suggestion
            tasks.append(
                Task(
                    f"研究是否主动公开：{s.title}",
                    reverse("inspection:frequent_detail", args=[s.key]) + on,
                    KIND,
                    pending.due,
                    f"{s.applicants}名申请人申请相同信息（条例第四十四条）",
                )
            )
        notice = timedelta(days=th["withheld_review_notice_days"])
        for row in selectors.withheld_rows(each, today, th):
            if row.due is None or row.due - notice > today:
                continue
            tasks.append(
                Task(
                    f"评估审查不予公开信息：{row.item.title}",
                    reverse("inspection:withheld_review", args=[row.item.pk]),
                    KIND,
                    row.due,
                    "条例第十八条：定期评估审查，因情势变化可以公开的应当公开",
                )
            )
        for row in selectors.validity_rows(each, today, th):
            tasks.append(
                Task(
                    f"更新有效性：{row.item.title}",
                    reverse("inspection:validity_update", args=[row.item.pk]),
                    KIND,
                    row.due,
                    f"{row.flag.reason}（条例第二十六条：变更之日起20个工作日内更新）",
                )
            )
    return tasks
