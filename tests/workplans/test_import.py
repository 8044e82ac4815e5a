"""Importing a plan: the command, DOCX and text, unit matching, unmatched names, idempotence."""

import io
import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from docx import Document

from gongkai.org.models import Unit
from gongkai.workplans import services
from gongkai.workplans.models import PlanEvent, PlanTask, WorkPlan
from tests.workplans.conftest import PLAN, SEED_003, task_at

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("workplan", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seed_file():
    if not SEED_003.exists():
        pytest.skip("seed 003 not available")
    return str(SEED_003)


def test_dry_run_json_lists_seed_003s_twelve_tasks_and_writes_nothing(transport, seed_file):
    data = json.loads(run("import", "--agency", "SX120", seed_file, "--dry-run", "--json"))
    assert data["dry_run"] is True
    assert data["document_deadline"] == "2019-12-16"
    assert data["task_count"] == 12
    assert len(data["tasks"]) == 12
    assert all(task["lead_units"] for task in data["tasks"])
    assert all(task["deadline"] == "2019-12-16" for task in data["tasks"])
    first = data["tasks"][0]
    assert first["path"] == "一/（一）"
    assert first["title"] == "深入解读重要政策措施"
    assert first["lead_units"] == [{"name": "局政法处", "unit": None, "group": None}]
    assert first["cooperating_units"][0] == {
        "name": "局属各单位",
        "unit": None,
        "group": "subordinate",
    }
    # "局办公室" is 示例县交通运输局's 办公室; "局政法处" is not one of its units: kept, listed.
    second = data["tasks"][1]
    assert second["lead_units"][0] == {"name": "局办公室", "unit": "办公室", "group": None}
    assert "局政法处" in first["unmatched_units"]
    assert "局政法处" in data["unmatched_units"]
    assert "政法处" not in data["unmatched_units"]  # the same name written twice ways, once
    assert not WorkPlan.objects.exists()
    assert not PlanTask.objects.exists()


def test_import_writes_the_tree_and_a_second_import_adds_nothing(transport, seed_file):
    text = run("import", "--agency", "SX120", seed_file)
    assert "12项任务" in text and "已导入" in text
    plan = WorkPlan.objects.get()
    assert (plan.year, plan.report_deadline) == (2019, date(2019, 12, 16))
    assert plan.nodes.count() == 16  # 4 parts + 12 tasks
    assert plan.tasks().count() == 12
    assert task_at(plan, "一/（二）").lead_units.get().name == "办公室"
    assert task_at(plan, "一/（一）").unmatched_units == [{"name": "局政法处", "role": "lead"}]
    assert task_at(plan, "一/（一）").groups == [
        {"phrase": "局属各单位", "scope": "subordinate", "role": "cooperating"},
        {"phrase": "机关各处室", "scope": "internal", "role": "cooperating"},
    ]
    assert task_at(plan, "二/（一）").parent.path == "二"
    counts = (WorkPlan.objects.count(), PlanTask.objects.count(), PlanEvent.objects.count())

    again = run("import", "--agency", "SX120", seed_file)
    assert "已导入过" in again
    assert (WorkPlan.objects.count(), PlanTask.objects.count(), PlanEvent.objects.count()) == counts


def test_the_same_plan_from_docx_is_the_same_plan(transport, office):
    services.plan_import(agency=transport, text=PLAN, by=office)
    document = Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
        document.add_paragraph("")  # Word users leave blank paragraphs
    out = io.BytesIO()
    document.save(out)
    source = services.read_source("要点.docx", out.getvalue())
    result = services.plan_import(agency=transport, text=source.text, by=office)
    assert not result.created
    assert WorkPlan.objects.count() == 1


def test_a_docx_file_imports_through_the_command(transport, tmp_path):
    document = Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "要点.docx"
    document.save(path)
    data = json.loads(run("import", "--agency", "SX120", str(path), "--json"))
    assert data["created"] is True
    assert [t["path"] for t in data["tasks"]] == [
        "一/（一）",
        "一/（二）",
        "二/（一）",
        "二/（二）",
    ]
    assert data["document_deadline"] == "2026-12-10"


def test_a_gb18030_text_file_is_read(transport, tmp_path):
    path = tmp_path / "要点.txt"
    path.write_bytes(PLAN.encode("gb18030"))
    data = json.loads(run("import", "--agency", "SX120", str(path), "--dry-run", "--json"))
    assert data["task_count"] == 4


def test_a_pdf_or_missing_file_or_unknown_agency_is_refused_in_chinese(transport, tmp_path):
    pdf = tmp_path / "要点.pdf"
    pdf.write_bytes(b"%PDF-1.4\n...")
    with pytest.raises(CommandError, match="请上传 Word（DOCX）或文本（TXT）文件"):
        run("import", "--agency", "SX120", str(pdf))
    with pytest.raises(CommandError, match="文件不存在"):
        run("import", "--agency", "SX120", str(tmp_path / "无.txt"))
    with pytest.raises(CommandError, match="未找到机构代码"):
        run("import", "--agency", "NOPE", str(pdf))


def test_a_damaged_or_renamed_docx_says_it_is_not_a_word_file():
    """Not "没有识别到编号的条目" (as if it were a plan without numbers): the file itself is wrong."""
    import zipfile

    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>broken")
    renamed = "二〇二六年政务公开工作要点\n一、深化决策公开".encode()
    for data in (damaged.getvalue(), renamed, b"PK\x03\x04" + b"\x01" * 64):
        with pytest.raises(ValidationError, match="不是有效的 Word（DOCX）文件") as raised:
            services.read_source("要点.docx", data)
        assert "Error" not in str(raised.value)
    # a text file named .txt is still read as text
    assert "深化决策公开" in services.read_source("要点.txt", renamed).text


def test_a_different_text_under_the_same_title_is_refused(plan, transport, office):
    with pytest.raises(ValidationError, match="内容与本次文件不同"):
        services.plan_import(
            agency=transport, text=PLAN + "（三）补充任务。（办公室负责）\n", by=office
        )


def test_units_match_by_name_alias_and_without_the_agencys_prefixes(transport, office):
    Unit.objects.filter(agency=transport, name="路政股").update(aliases="路政管理股、路政大队")
    text = (
        "2026年政务公开工作要点\n"
        "（一）甲。（示例县交通运输局办公室牵头，路政管理股配合）\n"
        "（二）乙。（局运输股牵头，县路政大队配合）\n"
        "（三）丙。（机关各股室落实）\n"
        "（四）丁。（县公路段牵头）\n"
    )
    result = services.plan_preview(agency=transport, text=text)
    names = {(n.name, n.unit.name if n.unit else None) for t in result.tasks for n in t.names}
    assert ("示例县交通运输局办公室", "办公室") in names
    assert ("路政管理股", "路政股") in names
    assert ("局运输股", "运输股") in names
    assert ("县路政大队", "路政股") in names
    assert ("机关各股室", None) in names  # a collective, not unmatched
    assert result.unmatched_names == ["县公路段"]


def test_unmatched_names_are_kept_mapped_by_a_person_and_remembered(plan, transport, office):
    task = task_at(plan, "一/（二）")
    assert task.unmatched_units == [{"name": "县公路段", "role": "cooperating"}]
    [entry] = services.unmatched_names(plan)
    assert entry.key == "公路段" and entry.written == ["县公路段"]

    road = transport.units.get(name="路政股")
    assert services.unmatched_map(plan=plan, key="公路段", unit=road, by=office) == 1
    task.refresh_from_db()
    assert task.unmatched_units == []
    assert road in task.cooperating_units.all()
    road.refresh_from_db()
    assert "公路段" in road.aliases
    assert PlanEvent.objects.filter(kind=PlanEvent.Kind.UNIT_MAPPED, task=task).exists()

    # The next import matches the name by itself.
    again = services.plan_preview(agency=transport, text="（一）甲。（县公路段牵头）\n", year=2027)
    assert again.tasks[0].names[0].unit == road


def test_a_name_outside_the_agency_can_be_marked_as_such_and_stays_visible(plan, office):
    services.unmatched_mark_external(plan=plan, key="公路段", by=office)
    task = task_at(plan, "一/（二）")
    assert task.unmatched_units == []
    assert task.external_units == [{"name": "县公路段", "role": "cooperating"}]
    assert ("县公路段（外单位）", "unit-external") in task.unit_lines()[1][1]


def test_only_the_office_maps_names(plan, xiaoli):
    from django.core.exceptions import PermissionDenied

    road = plan.agency.units.get(name="路政股")
    with pytest.raises(PermissionDenied):
        services.unmatched_map(plan=plan, key="公路段", unit=road, by=xiaoli)


def test_word_auto_numbering_is_warned_about():
    document = Document()
    document.add_paragraph("推进公开。（办公室牵头）", style="List Number")
    out = io.BytesIO()
    document.save(out)
    source = services.read_source("要点.docx", out.getvalue())
    assert any("自动编号" in w for w in source.warnings)


def test_a_summary_of_work_done_is_not_imported_as_a_plan(transport):
    """Seed 000 reports on 2019's plan ("现将……落实情况报告如下", numbered, no lead units)."""
    found = sorted(SEED_003.parent.glob("000_*.txt")) if SEED_003.parent.exists() else []
    if not found:
        pytest.skip("seed 000 not available")
    with pytest.raises(CommandError, match="工作总结或落实情况报告"):
        run("import", "--agency", "SX120", str(found[0]), "--dry-run")
    assert not WorkPlan.objects.exists()
    text = "关于2025年安全生产的几点体会\n一、认真学习。\n二、抓好落实。\n"
    with pytest.raises(ValidationError, match="标题中没有“要点”“计划”“方案”"):
        services.plan_import(agency=transport, text=text, dry_run=True)


def test_year_moves_every_milestone_with_the_plan(transport, seed_file):
    data = json.loads(
        run("import", "--agency", "SX120", seed_file, "--dry-run", "--json", "--year", "2026")
    )
    assert data["year"] == 2026
    assert data["document_deadline"] == "2026-12-16"
    assert all(task["deadline"].startswith("2026-") for task in data["tasks"])
    assert any("按指定年度2026年导入" in w for w in data["warnings"])
    same = json.loads(
        run("import", "--agency", "SX120", seed_file, "--dry-run", "--json", "--year", "2019")
    )
    assert same["document_deadline"] == "2019-12-16"
