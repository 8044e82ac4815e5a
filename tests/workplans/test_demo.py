"""The demo county's 工作要点: seed 003's plan in 示例县交通运输局's own units, every status shown."""

from datetime import date

import pytest
import time_machine

from gongkai.demo.county import build_county
from gongkai.demo.workplans import PLAN_FILE, build_workplans
from gongkai.workdays.services import get_calendar
from gongkai.workplans import selectors, services
from gongkai.workplans.models import PlanEvent, PlanTask, ProgressReport, WorkPlan
from gongkai.workplans.rules import Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2027, 3, 2), date(2026, 12, 29)])
def test_the_demo_plan_shows_every_status_and_a_second_run_adds_nothing(today):
    with time_machine.travel(today, tick=False):
        build_county()
        first = build_workplans()
        plan = WorkPlan.objects.get()
        assert plan.year == today.year
        assert plan.tasks().count() == 12
        statuses = {row.status for row in selectors.board(plan, today, get_calendar())}
        assert statuses == set(Status)
        assert [n.key for n in services.unmatched_names(plan)] == [
            "交通运输综合执法大队",
            "公路事业发展中心",
        ]
        counts = [m.objects.count() for m in (WorkPlan, PlanTask, ProgressReport, PlanEvent)]
        second = build_workplans()
        assert [
            m.objects.count() for m in (WorkPlan, PlanTask, ProgressReport, PlanEvent)
        ] == counts
    assert "已导入" in first and "已存在" in second


def test_the_demo_plan_is_the_projects_own_file():
    assert PLAN_FILE.is_file() and "gongkai" in PLAN_FILE.parts
    assert "示例县交通运输局" in PLAN_FILE.read_text(encoding="utf-8")


def test_statistics_page_counts_the_plans_tasks_by_status():
    from django.test import Client

    today = date(2026, 11, 23)
    with time_machine.travel(today, tick=False):
        build_county()
        build_workplans()
        plan = WorkPlan.objects.get()
        rows = selectors.board(plan, today, get_calendar())
        overdue = sum(row.status == Status.OVERDUE for row in rows)
        client = Client()
        client.force_login(plan.agency.memberships.filter(role="disclosure_office").first().user)
        page = client.get("/staff/statistics/", {"agency": "SX120", "year": 2026}).text
        assert "2026年政务公开工作要点任务（按进展）" in page
        assert f"<td>已逾期</td><td>{overdue}</td>" in page.replace("\n", "")
        assert f"共{len(rows)}项任务" in page
        empty = client.get("/staff/statistics/", {"agency": "SX120", "year": 2025}).text
        assert "2025年尚未导入工作要点。" in empty
