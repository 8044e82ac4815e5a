"""Units report progress on their own tasks only; done follows the lead units; the DOCX report."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from gongkai.publishing.services import Upload
from gongkai.workplans import selectors, services
from gongkai.workplans.models import PlanEvent
from gongkai.workplans.report import NO_REPORT, report_docx
from tests.conftest import person
from tests.workplans.conftest import task_at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def unit(plan, name):
    return plan.agency.units.get(name=name)


def test_a_lead_units_member_reports_and_done_follows(plan, xiaoli):
    task = task_at(plan, "一/（二）")  # 运输股牵头
    report = services.progress_report(
        task=task,
        unit=unit(plan, "运输股"),
        by=xiaoli,
        text="办理热线转办件23件，全部按时办结。",
        upload=Upload("办理台账.pdf", PDF),
    )
    assert report.attachment_type == "pdf"
    task.refresh_from_db()
    assert task.done_on is None
    services.progress_report(
        task=task, unit=unit(plan, "运输股"), by=xiaoli, text="已全部完成。", is_done=True
    )
    task.refresh_from_db()
    assert task.done_on is not None
    # A later report saying it is not finished after all reopens it.
    services.progress_report(
        task=task, unit=unit(plan, "运输股"), by=xiaoli, text="发现遗漏，继续办理。"
    )
    task.refresh_from_db()
    assert task.done_on is None
    kinds = list(task.events.values_list("kind", flat=True))
    assert PlanEvent.Kind.DONE in kinds and PlanEvent.Kind.REOPENED in kinds


def test_a_cooperating_unit_reports_but_does_not_close_the_task(plan, transport):
    road = person("laozhao", transport, "unit_head", "路政股", full_name="老赵")
    task = task_at(plan, "一/（二）")  # 路政股配合
    services.progress_report(
        task=task, unit=unit(plan, "路政股"), by=road, text="配合完成。", is_done=True
    )
    task.refresh_from_db()
    assert task.done_on is None


def test_members_of_other_units_may_not_report(plan, xiaoli, laowang, transport):
    task = task_at(plan, "二/（一）")  # 建设股落实
    assert selectors.reporting_units(xiaoli, task) == []
    with pytest.raises(PermissionDenied):
        services.progress_report(task=task, unit=unit(plan, "建设股"), by=xiaoli, text="代报")
    # Nor for a unit of the task they do not belong to.
    with pytest.raises(PermissionDenied):
        services.progress_report(
            task=task_at(plan, "一/（二）"), unit=unit(plan, "路政股"), by=laowang, text="代报"
        )


def test_a_collective_phrase_lets_every_unit_of_its_kind_report(plan, xiaoli):
    task = task_at(plan, "一/（一）")  # 局办公室牵头，局机关各股室配合
    assert selectors.reporting_units(xiaoli, task) == [unit(plan, "运输股")]


def test_the_three_administrators_and_supervisors_never_report(plan, transport, supervisor):
    admin = person("sysadmin2", transport, "system_admin", "运输股")
    task = task_at(plan, "一/（二）")
    assert selectors.reporting_units(admin, task) == []
    assert selectors.reporting_units(supervisor, task) == []


def test_an_empty_report_or_a_disguised_file_is_refused_in_chinese(plan, xiaoli):
    task = task_at(plan, "一/（二）")
    with pytest.raises(ValidationError, match="请填写落实情况"):
        services.progress_report(task=task, unit=unit(plan, "运输股"), by=xiaoli, text="  ")
    with pytest.raises(ValidationError, match="不是允许的类型"):
        services.progress_report(
            task=task,
            unit=unit(plan, "运输股"),
            by=xiaoli,
            text="见附件",
            upload=Upload("台账.pdf", b"MZ\x90\x00 not really a pdf"),
        )
    assert not task.reports.exists()


def test_the_report_docx_follows_the_plan_and_carries_the_units_words(plan, xiaoli, office):
    services.progress_report(
        task=task_at(plan, "一/（二）"),
        unit=unit(plan, "运输股"),
        by=xiaoli,
        text="办理热线转办件23件，全部按时办结。\n办理情况已在门户网站公开。",
        is_done=True,
    )
    data = services.report_generate(plan=plan, by=office, today=date(2026, 12, 8))
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert texts[0] == "示例县交通运输局2026年政务公开工作要点落实情况报告"
    assert headings == [
        "一、工作要点落实情况",
        "（一）加强政策解读",
        "（二）深化重点领域公开",
        "二、主要做法",
        "三、存在的问题及下步工作计划",
        "（一）存在的问题",
        "（二）下步工作计划",
    ]
    assert "2.回应社会关切。办理热线转办件23件，全部按时办结。" in texts
    assert "办理情况已在门户网站公开。" in texts
    assert f"1.深入解读政策。{NO_REPORT}" in texts
    assert texts[-2:] == ["示例县交通运输局", "2026年12月8日"]
    assert plan.events.filter(kind=PlanEvent.Kind.REPORT_GENERATED).exists()


def test_the_report_of_seed_003s_plan_has_a_heading_per_part(transport, office):
    from tests.workplans.conftest import SEED_003

    if not SEED_003.exists():
        pytest.skip("seed 003 not available")
    plan = services.plan_import(
        agency=transport, text=SEED_003.read_text(encoding="utf-8"), by=office
    ).plan
    document = Document(io.BytesIO(report_docx(plan, date(2019, 12, 16))))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[:4] == [
        "（一）加强政策解读,主动引导预期",
        "（二）聚焦重点领域,促进政策落实",
        "（三）规范公开平台,优化服务功能",
        "（四）健全制度规范,提升公开质量",
    ]
    tasks = [
        p.text for p in document.paragraphs if p.text.startswith(("1.", "2.", "3.", "4.", "5."))
    ]
    assert len(tasks) == 12
