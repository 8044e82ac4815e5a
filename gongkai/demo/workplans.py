"""示例县交通运输局's 政务公开工作要点 for the demo, adapted from seed 003 to its own 股室.

The plan text lives in ``gongkai/workplans/demo_plan.txt`` (written for 2026; the year is moved to
the current one). It is imported through the real service, then the people of 办公室 and 运输股
report progress and the office moves a few deadlines, so that the board shows every status on the
day the demo is built: done, on track, due soon and overdue. Two names stay unmapped for the
mapping page. A second run finds the plan and writes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.demo.publishing import tiny_pdf
from gongkai.org.models import Agency
from gongkai.publishing.services import Upload
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import add_working_days, get_calendar
from gongkai.workplans import rules, selectors, services
from gongkai.workplans.models import PlanTask, WorkPlan

TRANSPORT = "SX120"
PLAN_FILE = Path(__file__).resolve().parent.parent / "workplans" / "demo_plan.txt"
WRITTEN_FOR = 2026


def plan_text(year: int) -> str:
    return PLAN_FILE.read_text(encoding="utf-8").replace(f"{WRITTEN_FOR}年", f"{year}年")


def _working_days_after(today: date, n: int) -> date:
    try:
        return add_working_days(today, n)
    except CalendarNotCovered:
        return today + timedelta(days=n + 2 * (n // 5))


#: (path, who reports, unit, text, done) — written as the units would.
REPORTS = [
    (
        "一/（二）",
        "xiaolin",
        "办公室",
        "全年共办理“12345”“12328”热线转办件86件，按时办结率100%，办理情况已在政府门户网站"
        "“互动交流”栏目公开；人大代表建议5件、政协委员提案3件已全部办结，答复全文均已公开。",
        True,
    ),
    (
        "一/（二）",
        "xiaoli",
        "运输股",
        "配合办公室做好城乡客运票价调整的舆情风险评估，调整前召开听证会1次，"
        "听证意见采纳情况已公开。",
        True,
    ),
    (
        "二/（二）",
        "xiaoli",
        "运输股",
        "已集中更新全县28条城乡客运线路的线路走向、班次和票价信息，并在政府门户网站"
        "“交通出行”栏目和政务微信公众号同步发布。",
        True,
    ),
    (
        "二/（一）",
        "laowang",
        "运输股",
        "已在政府门户网站开设行政执法公示专栏，公开道路运输行政许可结果42条、行政处罚结果17条；"
        "执法全过程记录制度已覆盖全部执法岗位，重大执法决定法制审核目录正在修订。",
        False,
    ),
    (
        "一/（一）",
        "xiaolin",
        "办公室",
        "今年以来出台政策性文件3件，均同步发布解读材料，其中图解2篇、问答1篇；"
        "《示例县农村客运班线补贴办法》解读材料在文件公开后第2个工作日发布。",
        False,
    ),
    (
        "三/（一）",
        "laochen",
        "办公室",
        "完成政府信息公开专栏栏目梳理，合并空白栏目2个，建立信息发布三级审核台账；"
        "每月对专栏进行一次自查，未发现空白栏目和长期不更新栏目。",
        False,
    ),
]

#: (path, working days from today or None for "days ago", reason) — the office's adjustments.
DEADLINES = [
    ("二/（一）", 2, "县政府办通知执法公示专栏须于本周内上线，期限提前"),
    ("二/（三）", -12, "县重点项目办要求提前报送重大建设项目信息公开情况"),
    ("三/（二）", 25, "县委网信办统一部署政务新媒体检查，期限顺延"),
]


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def build_workplans() -> str:
    agency = Agency.objects.filter(code=TRANSPORT).first()
    if agency is None:
        return "工作要点：未找到示例县交通运输局，跳过。"
    today = timezone.localdate()
    year = today.year
    office = _user("xiaolin")
    existing = WorkPlan.objects.filter(agency=agency, year=year).first()
    if existing is not None:
        return _summary(existing, today, fresh=False)
    result = services.plan_import(
        agency=agency,
        text=plan_text(year),
        by=office,
        source_name=f"示例县交通运输局{year}年政务公开工作要点.txt",
    )
    plan = result.plan
    tasks = {t.path: t for t in plan.tasks()}
    for path, days, reason in DEADLINES:
        due = _working_days_after(today, days) if days > 0 else today + timedelta(days=days)
        services.task_deadline_change(task=tasks[path], deadline=due, by=office, reason=reason)
    units = {u.name: u for u in agency.units.all()}
    for path, username, unit_name, text, done in REPORTS:
        person = _user(username)
        if person is None:
            continue
        task = PlanTask.objects.get(pk=tasks[path].pk)
        evidence = None
        if done:  # a finished task's report carries its evidence (台账) as a PDF
            evidence = Upload(f"{unit_name}落实情况.pdf", tiny_pdf(["Progress evidence (demo)"]))
        services.progress_report(
            task=task, unit=units[unit_name], by=person, text=text, is_done=done, upload=evidence
        )
    return _summary(plan, today, fresh=True)


def _summary(plan: WorkPlan, today: date, *, fresh: bool) -> str:
    counts = {status: 0 for status in rules.Status}
    for row in selectors.board(plan, today, get_calendar()):
        counts[row.status] += 1
    detail = "、".join(f"{s.label}{n}项" for s, n in counts.items())
    verb = "已导入" if fresh else "已存在"
    return f"工作要点：{verb}《{plan.title}》，{sum(counts.values())}项任务（{detail}）。"
