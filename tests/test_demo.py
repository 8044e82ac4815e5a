"""`gongkai demo`: a believable county, built once however often it runs."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from gongkai.audit.models import AuditEvent
from gongkai.demo.publishing import demo_today
from gongkai.org.models import Agency, Role
from gongkai.workdays.services import get_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo, built once for this module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def snapshot():
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {
            "org",
            "accounts",
            "workdays",
            "publishing",
            "applications",
            "workplans",
            "interaction",
            "annual_reports",
        }:
            rows[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
            )
    return rows


def test_demo_builds_the_county_and_every_role(demo_output):
    out = demo_output
    names = set(Agency.objects.values_list("name", flat=True))
    assert {"示例县人民政府", "示例县交通运输局", "示例县城关镇人民政府"} <= names
    transport = Agency.objects.get(name="示例县交通运输局")
    assert {"办公室", "运输股", "建设股", "路政股"} <= set(
        transport.units.values_list("name", flat=True)
    )
    assert transport.disclosure_office.name == "办公室"
    assert Agency.objects.filter(parent__name="示例县人民政府", kind="department").count() >= 3
    for role in Role:
        assert role.label in out
    assert "工作要点：已导入" in out and "互动交流演示数据已就绪" in out


def test_every_printed_login_works(demo_output):
    lines = [line.split() for line in demo_output.splitlines() if line.startswith("  ")]
    assert len(lines) == 12
    for username, password, *_ in lines:
        client = Client()
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        # The 审计管理员's workbench is the audit log: /staff/ leads there.
        assert client.get("/staff/", follow=True).status_code == 200


def test_running_demo_twice_changes_nothing(demo_output):
    before, audit_count = snapshot(), AuditEvent.objects.count()
    call_command("demo")
    assert snapshot() == before
    assert AuditEvent.objects.count() == audit_count


def test_demo_changes_are_attributed_to_the_command(demo_output):
    assert AuditEvent.objects.filter(actor_name="命令:demo", action="create").exists()


def test_last_years_report_is_built_from_the_data_and_published_before_the_deadline(demo_output):
    from django.utils import timezone

    from gongkai.annual_reports import services
    from gongkai.annual_reports.consistency import check
    from gongkai.annual_reports.models import AnnualReport

    year = demo_today(get_calendar()).year - 1
    report = AnnualReport.objects.get(agency__code="SX120", year=year)
    if not _published_by_now(year):  # early January: waiting on 分管领导, as it would be
        assert f"年度报告：县交通运输局已编制（{year}年审核中、{year + 1}年草稿）" in demo_output
        assert check(services.tables_of(report)) == []
        return
    assert f"年度报告：县交通运输局已编制（{year}年已发布、{year + 1}年草稿）" in demo_output
    assert check(services.tables_of(report)) == []
    item = report.item
    published = timezone.localtime(item.published_at).date()
    assert published.year == year + 1 and published.month == 1 and published.day <= 31
    assert item.formed_date <= published <= item.due_date
    assert [e.action for e in item.events.order_by("at")][-1] == "published"
    assert item.attachments.filter(file_type="docx").exists()
    # the report's figures are the demo's applications, not made-up numbers
    received = report.agency.applications.filter(received_date__year=year).count()
    assert f"新收政府信息公开申请{received}件" in report.requests_text
    # only one report of that year in the 年报 column
    assert (
        report.agency.items.filter(title__contains=f"{year}年政府信息公开工作年度报告").count() == 1
    )


def _published_by_now(year: int) -> bool:
    """The demo publishes last year's report on seven working days before its deadline; built
    before those days have passed (early January), it leaves the report in review."""
    from gongkai.demo.reports import publication_days

    cal = get_calendar()
    return len([d for d in publication_days(year, cal) if d < demo_today(cal)]) == 7


def test_supervision_shows_every_subordinates_report(demo_output):
    year = demo_today(get_calendar()).year - 1
    client = Client()
    client.force_login(get_user_model().objects.get(username="sunzr"))
    page = client.get("/staff/reports/supervision/", {"year": year}).text
    rows = page.split("<tr>")[2:]
    transport = next(r for r in rows if "示例县交通运输局" in r)
    if not _published_by_now(year):  # early January: nothing is due yet
        assert "审核中" in transport and "未发布" in transport
        assert "逾期未发布" not in page
        return
    assert "已发布" in transport and "按时发布" in transport and "非本系统" not in transport
    education = next(r for r in rows if "示例县教育局" in r)
    assert "已发布（非本系统编制）" in education and "查看报告" in education
    assert "逾期未发布" not in page
