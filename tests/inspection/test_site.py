"""The site indicators at their thresholds: the day before and the day of."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from gongkai.annual_reports.models import AnnualReport
from gongkai.inspection import services
from gongkai.inspection.models import Finding
from gongkai.interaction.models import Message
from gongkai.publishing.models import CatalogueEntry, InformationItem

from .conftest import at, column, published

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def found(agency, indicator, today=TODAY):
    run = services.inspect_agency(agency, today=today, groups=["data"])
    return run, list(run.findings.filter(indicator=indicator))


def keep_columns(agency, *names):
    """Leave only these leaf columns active, so that each test sees its own columns."""
    CatalogueEntry.objects.filter(agency=agency).exclude(name__in=names).exclude(
        children__name__in=names
    ).update(is_active=False)


def test_home_page_not_updated_for_two_weeks_is_a_veto(catalogue):
    keep_columns(catalogue, "其他文件")
    published(catalogue, column(catalogue, "其他文件"), TODAY - timedelta(days=14))
    run, rows = found(catalogue, "home_stale")
    assert rows == [] and not run.summary["home_stale"]["vetoed"]
    run, rows = found(catalogue, "home_stale", TODAY + timedelta(days=1))
    assert [r.object for r in rows] == ["示例县交通运输局政府信息公开专栏首页"]
    assert "超过14天未更新（最近一次更新为2026年11月19日）" in rows[0].detail
    assert rows[0].url == "/xxgk/SX120/" and run.vetoed


def test_the_platforms_home_page_is_the_top_agencys_concern(county, catalogue):
    published(catalogue, column(catalogue, "其他文件"), TODAY - timedelta(days=3))
    _run, rows = found(county, "home_stale")
    assert [r.key for r in rows] == ["home:SX000"]  # the county itself published nothing
    _run, rows = found(county, "home_stale", TODAY + timedelta(days=12))
    assert {r.key for r in rows} == {"home:SX000", "home:platform"}


def test_five_stale_document_columns_veto_four_cost_points(catalogue):
    names = ["规章", "行政规范性文件", "其他文件", "政府采购", "行政许可"]
    keep_columns(catalogue, *names)
    # 6-month columns (规章, 规范性文件, 其他文件) and two renamed to 通知公告-type ones
    column(catalogue, "政府采购").__class__.objects.filter(
        agency=catalogue, name="政府采购"
    ).update(name="采购公告")
    column(catalogue, "行政许可").__class__.objects.filter(
        agency=catalogue, name="行政许可"
    ).update(name="许可公示")
    names = ["规章", "行政规范性文件", "其他文件", "采购公告", "许可公示"]
    last = date(2026, 6, 3)  # six months before TODAY: still on time today
    for name in names:
        published(catalogue, column(catalogue, name), last)
    run, rows = found(catalogue, "columns_stale")
    assert rows == []
    run, rows = found(catalogue, "columns_stale", TODAY + timedelta(days=1))
    assert len(rows) == 5 and run.summary["columns_stale"]["vetoed"] and run.vetoed
    assert "通知公告、政策文件类栏目超过6个月未更新" in rows[0].detail
    published(catalogue, column(catalogue, "许可公示"), TODAY)
    run, rows = found(catalogue, "columns_stale", TODAY + timedelta(days=1))
    assert len(rows) == 4 and not run.summary["columns_stale"]["vetoed"]
    assert run.summary["columns_stale"]["points"] == 8
    entry = column(catalogue, "规章")
    row = next(r for r in rows if r.object == "政策文件 › 规章")
    assert row.url == f"/xxgk/SX120/column/{entry.pk}/"
    assert row.fix_url == f"/staff/publishing/items/new/?entry={entry.pk}"


def test_news_columns_go_stale_after_two_weeks(catalogue):
    keep_columns(catalogue, "其他文件")
    news = CatalogueEntry.objects.create(agency=catalogue, name="工作动态", code="0001")
    published(catalogue, news, TODAY - timedelta(days=14))
    published(catalogue, column(catalogue, "其他文件"), TODAY)
    assert found(catalogue, "columns_stale")[1] == []
    rows = found(catalogue, "columns_stale", TODAY + timedelta(days=1))[1]
    assert [r.object for r in rows] == ["工作动态"]
    assert "动态、要闻类栏目超过14天未更新" in rows[0].detail


def test_empty_columns_are_those_that_never_held_an_item(catalogue):
    names = ["规章", "行政规范性文件", "其他文件", "政府采购", "行政许可"]
    keep_columns(catalogue, *names)
    run, rows = found(catalogue, "columns_empty")
    assert len(rows) == 5 and run.vetoed
    regulations = next(r for r in rows if r.object == "政策文件 › 规章")
    entry = column(catalogue, "规章")
    assert regulations.fix_url == f"/staff/publishing/catalogue/{entry.pk}/"
    withdrawn = published(catalogue, column(catalogue, "规章"), TODAY - timedelta(days=30))
    InformationItem.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    run, rows = found(catalogue, "columns_empty")
    assert len(rows) == 4 and not run.summary["columns_empty"]["vetoed"]
    assert run.summary["columns_empty"]["points"] == 8
    CatalogueEntry.objects.filter(agency=catalogue, name="行政许可").update(is_active=False)
    assert len(found(catalogue, "columns_empty")[1]) == 3  # a column turned off is no finding


def test_columns_not_updated_as_their_catalogue_entry_promises(catalogue):
    keep_columns(catalogue, "统计信息", "财政预决算及三公经费")
    published(catalogue, column(catalogue, "统计信息"), date(2026, 11, 3))  # 每月更新
    published(catalogue, column(catalogue, "财政预决算及三公经费"), date(2025, 12, 3))  # 每年更新
    assert found(catalogue, "columns_due")[1] == []
    rows = found(catalogue, "columns_due", TODAY + timedelta(days=1))[1]
    assert sorted(r.object for r in rows) == ["统计信息", "财政预决算及三公经费"]
    assert "目录承诺“每月更新”，最近一次更新为2026年11月3日" in next(
        r.detail for r in rows if r.object == "统计信息"
    )


def message(agency, received, answered=None, **fields):
    number = f"LY{received:%Y%m%d}{Message.objects.count() + 1:03d}"
    return Message.objects.create(
        agency=agency,
        number=number,
        channel="website",
        kind="consultation",
        asker_name="王五",
        title="咨询农村公路养护",
        content="请问……",
        received_date=received,
        limit_days=5,
        due_date=received + timedelta(days=7),
        **{
            "status": "answered" if answered else "assigned",
            "answered_at": at(answered) if answered else None,
            **fields,
        },
    )


def test_a_valid_message_unanswered_for_over_three_months_is_a_veto(catalogue):
    message(catalogue, date(2026, 9, 3))
    message(catalogue, date(2026, 8, 1), is_valid=False, status="invalid")
    run, rows = found(catalogue, "messages_unanswered")
    assert rows == []
    run, rows = found(catalogue, "messages_unanswered", TODAY + timedelta(days=1))
    assert len(rows) == 1 and run.summary["messages_unanswered"]["vetoed"]
    assert "有效留言2026年9月3日受理，至今未答复，超过3个月" in rows[0].detail
    assert rows[0].fix_url.startswith("/staff/interaction/")


def test_answered_after_three_months_counts_within_the_last_year_only(catalogue):
    message(catalogue, date(2026, 1, 5), answered=date(2026, 5, 6))
    message(catalogue, date(2025, 12, 2), answered=date(2026, 4, 6))  # over a year ago
    rows = found(catalogue, "messages_unanswered")[1]
    assert len(rows) == 1 and "2026年5月6日才答复" in rows[0].detail


def test_messages_answered_after_their_channels_limit(catalogue):
    message(catalogue, date(2026, 11, 2), answered=date(2026, 11, 9))  # due 11-09: on time
    message(catalogue, date(2026, 11, 2), answered=date(2026, 11, 10))
    rows = found(catalogue, "messages_late")[1]
    assert len(rows) == 1 and "答复期限为2026年11月9日，2026年11月10日答复" in rows[0].detail


def test_no_consultation_channel(catalogue):
    catalogue.phone = ""
    catalogue.save()
    rows = found(catalogue, "no_consultation")[1]
    assert len(rows) == 1 and "未公布咨询电话" in rows[0].detail
    assert rows[0].fix_url == "/staff/org/SX120/"


def test_an_office_that_answers_messages_is_a_channel(catalogue, office):
    catalogue.phone = ""
    catalogue.save()
    assert found(catalogue, "no_consultation")[1] == []


def test_items_published_after_their_statutory_deadline(catalogue):
    entry = column(catalogue, "其他文件")
    published(catalogue, entry, date(2026, 11, 20), due_date=date(2026, 11, 20))
    late = published(catalogue, entry, date(2026, 11, 23), due_date=date(2026, 11, 20))
    rows = found(catalogue, "late_items")[1]
    assert [r.key for r in rows] == [f"item_late:{late.pk}"]
    assert "公开期限为2026年11月20日，2026年11月23日才发布" in rows[0].detail
    assert rows[0].url == f"/xxgk/SX120/item/{late.pk}/"
    assert rows[0].fix_url == f"/staff/publishing/items/{late.pk}/"


def test_a_normative_document_without_its_interpretation(catalogue):
    document = published(catalogue, column(catalogue, "行政规范性文件"), date(2026, 11, 2))
    rows = found(catalogue, "interpretation_missing")[1]
    assert [r.key for r in rows] == [f"interpretation:{document.pk}"]
    draft = published(
        catalogue, column(catalogue, "政策解读"), date(2026, 11, 3), interprets=document
    )
    assert found(catalogue, "interpretation_missing")[1] == []
    InformationItem.objects.filter(pk=draft.pk).update(status="draft")  # not public: no 解读
    assert len(found(catalogue, "interpretation_missing")[1]) == 1


def test_the_annual_report_due_on_31_january(catalogue):
    assert found(catalogue, "annual_report_late", date(2027, 1, 31))[1] == []
    rows = found(catalogue, "annual_report_late", date(2027, 2, 1))[1]
    assert "应于2027年1月31日前发布，至今未发布" in rows[0].detail
    item = published(catalogue, column(catalogue, "政府信息公开年报"), date(2027, 1, 30))
    AnnualReport.objects.create(agency=catalogue, year=2026, item=item)
    assert found(catalogue, "annual_report_late", date(2027, 2, 1))[1] == []


def test_a_finding_keeps_the_day_first_seen_until_fixed(catalogue):
    keep_columns(catalogue, "其他文件")
    entry = column(catalogue, "其他文件")
    document = published(catalogue, entry, date(2026, 11, 23), due_date=date(2026, 11, 20))
    first = found(catalogue, "late_items", TODAY)[1][0]
    again = found(catalogue, "late_items", TODAY + timedelta(days=3))[1][0]
    assert first.first_seen == again.first_seen == TODAY
    InformationItem.objects.filter(pk=document.pk).update(due_date=date(2026, 11, 23))
    assert found(catalogue, "late_items", TODAY + timedelta(days=4))[1] == []


def test_the_command_prints_every_finding_as_json(catalogue, capsys):
    keep_columns(catalogue, "规章")
    call_command(
        "inspect", "--agency", "SX120", "--only", "data", "--json", "--today", "2026-12-03"
    )
    lines = capsys.readouterr().out.strip().splitlines()
    import json

    rows = [json.loads(line) for line in lines]
    assert {"agency", "indicator", "object", "detail"} <= set(rows[0])
    assert {
        "agency": "SX120",
        "indicator": "columns_empty",
        "object": "政策文件 › 规章",
    }.items() <= (next(r for r in rows if r["indicator"] == "columns_empty").items())
    assert Finding.objects.filter(agency=catalogue).count() == len(rows)


def test_the_command_refuses_what_it_does_not_know(catalogue):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="未知的检查项"):
        call_command("inspect", "--only", "everything")
    with pytest.raises(CommandError, match="未找到机构代码为 XX999"):
        call_command("inspect", "--agency", "XX999")


def test_an_annual_report_made_outside_the_system_counts_when_in_its_column(catalogue):
    """Uploaded to the 年报 column (made elsewhere): on time is on time, as the supervisor's page
    and the dashboards say; late is late, with the day it came."""
    reports = column(catalogue, "政府信息公开年报")
    title = "示例县交通运输局2026年政府信息公开工作年度报告"
    item = published(catalogue, reports, date(2027, 1, 27), title=title)
    assert found(catalogue, "annual_report_late", date(2027, 2, 1))[1] == []
    InformationItem.objects.filter(pk=item.pk).update(published_at=at(date(2027, 2, 3)))
    [late] = found(catalogue, "annual_report_late", date(2027, 2, 10))[1]
    assert "应于2027年1月31日前发布，2027年2月3日才发布" in late.detail
    assert late.url == f"/xxgk/{catalogue.code}/column/{reports.pk}/"
