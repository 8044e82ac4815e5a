"""The staff pages, as the office and the units use them; reminders; the workbench."""

import io
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.test import Client
from docx import Document

from gongkai.workbench.registry import tasks_for
from gongkai.workplans import services
from gongkai.workplans.models import PlanEvent, WorkPlan
from tests.conftest import person
from tests.workplans.conftest import PLAN, task_at

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_office_previews_then_imports_an_uploaded_file(transport, office):
    client = signed_in(office)
    upload = io.BytesIO(PLAN.encode("utf-8"))
    upload.name = "2026年要点.txt"
    response = client.post("/staff/workplans/import/", {"file": upload, "action": "preview"})
    assert response.status_code == 200
    text = response.text
    assert "预览：《示例县交通运输局2026年政务公开工作要点》" in text
    assert "2026-12-10" in text
    assert "县公路段" in text and "unit-unmatched" in text
    assert "确认导入" in text
    assert not WorkPlan.objects.exists()
    # The preview carries the text forward; confirming imports it.
    response = client.post(
        "/staff/workplans/import/",
        {"text": PLAN, "source_name": "2026年要点.txt", "action": "import"},
    )
    plan = WorkPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/workplans/{plan.pk}/units/"  # a name to map first
    assert plan.source_name == "2026年要点.txt"


def test_bad_input_answers_in_chinese_and_keeps_what_was_typed(transport, office):
    client = signed_in(office)
    response = client.post(
        "/staff/workplans/import/",
        {"text": "没有编号的一段话", "year": "20x6", "title": "我的标题"},
    )
    assert "年度应为四位数字" in response.text
    assert 'value="我的标题"' in response.text
    assert "没有编号的一段话" in response.text
    response = client.post(
        "/staff/workplans/import/", {"text": "没有编号的一段话", "action": "import"}
    )
    assert "没有识别到编号的条目" in response.text
    response = client.post("/staff/workplans/import/", {"text": "  "})
    assert "请上传工作要点文件，或粘贴工作要点全文" in response.text


def test_only_the_office_imports(transport, xiaoli):
    assert signed_in(xiaoli).get("/staff/workplans/import/").status_code == 403


def test_the_board_shows_statuses_and_other_agencies_see_nothing(plan, office, teacher_officer):
    client = signed_in(office)
    with time_machine.travel(date(2026, 11, 23), tick=False):
        response = client.get(f"/staff/workplans/{plan.pk}/")
        assert response.status_code == 200
        assert "回应社会关切" in response.text
        assert "status-overdue" in response.text  # 6月底前 has passed
        assert "有1个单位名称尚未对应" in response.text
        done = client.get(f"/staff/workplans/{plan.pk}/?status=done")
        assert "没有该状态的任务" in done.text
    assert signed_in(teacher_officer).get(f"/staff/workplans/{plan.pk}/").status_code == 404
    task = task_at(plan, "一/（一）")
    assert signed_in(teacher_officer).get(f"/staff/workplans/tasks/{task.pk}/").status_code == 404


def test_a_supervisor_reads_the_board_but_cannot_act(plan, supervisor):
    client = signed_in(supervisor)
    response = client.get(f"/staff/workplans/{plan.pk}/")
    assert response.status_code == 200
    assert "生成落实情况报告" not in response.text
    assert client.post(f"/staff/workplans/{plan.pk}/report/").status_code == 403


def test_a_unit_reports_progress_on_the_task_page(plan, xiaoli):
    task = task_at(plan, "一/（二）")
    client = signed_in(xiaoli)
    page = client.get(f"/staff/workplans/tasks/{task.pk}/")
    assert "报送落实情况" in page.text
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF")
    pdf.name = "台账.pdf"
    response = client.post(
        f"/staff/workplans/tasks/{task.pk}/",
        {
            "unit": task.lead_units.get().pk,
            "text": "办结23件。",
            "is_done": "on",
            "attachment": pdf,
        },
    )
    assert response.status_code == 302
    report = task.reports.get()
    assert (report.text, report.is_done, report.attachment_type) == ("办结23件。", True, "pdf")
    download = client.get(f"/staff/workplans/reports/{report.pk}/attachment/")
    assert download.status_code == 200


def test_the_report_form_keeps_the_text_when_the_file_is_wrong(plan, xiaoli):
    task = task_at(plan, "一/（二）")
    fake = io.BytesIO(b"just text pretending")
    fake.name = "台账.pdf"
    response = signed_in(xiaoli).post(
        f"/staff/workplans/tasks/{task.pk}/",
        {"unit": task.lead_units.get().pk, "text": "办结23件。", "attachment": fake},
    )
    assert response.status_code == 200
    assert "不是允许的类型" in response.text
    assert "办结23件。" in response.text
    assert not task.reports.exists()


def test_a_report_sent_twice_by_a_double_click_is_kept_once(plan, xiaoli):
    task = task_at(plan, "一/（二）")
    client = signed_in(xiaoli)
    sent = {"unit": task.lead_units.get().pk, "text": "办结23件。", "is_done": "on"}
    for _ in range(2):
        assert client.post(f"/staff/workplans/tasks/{task.pk}/", sent).status_code == 302
    assert task.reports.count() == 1
    assert PlanEvent.objects.filter(kind=PlanEvent.Kind.REPORTED).count() == 1
    # a different report is a report of its own
    sent["text"] = "办结23件，台账已归档。"
    client.post(f"/staff/workplans/tasks/{task.pk}/", sent)
    assert task.reports.count() == 2


def test_people_of_other_units_see_the_task_but_cannot_report(plan, xiaoli):
    task = task_at(plan, "二/（一）")  # 建设股落实
    client = signed_in(xiaoli)
    assert "报送落实情况</h2>" not in client.get(f"/staff/workplans/tasks/{task.pk}/").text
    response = client.post(f"/staff/workplans/tasks/{task.pk}/", {"text": "代报"})
    assert response.status_code == 403


def test_the_mapping_page_maps_a_name_to_a_unit(plan, office):
    client = signed_in(office)
    page = client.get(f"/staff/workplans/{plan.pk}/units/")
    assert "公路段" in page.text and "县公路段" in page.text
    road = plan.agency.units.get(name="路政股")
    response = client.post(f"/staff/workplans/{plan.pk}/units/", {"key": "公路段", "unit": road.pk})
    assert response.status_code == 302
    assert road in task_at(plan, "一/（二）").cooperating_units.all()
    assert "所有单位名称均已对应" in client.get(f"/staff/workplans/{plan.pk}/units/").text


def test_reminders_mail_the_people_of_the_units_of_late_tasks(
    plan, office, xiaoli, transport, django_capture_on_commit_callbacks
):
    xiaoli.email = "xiaoli@example.gov.cn"
    xiaoli.save()
    builder = person("jianshe", transport, "info_officer", "建设股", email="js@example.gov.cn")
    with time_machine.travel(date(2026, 7, 6), tick=False):  # 二/（一）(建设股, 6月底前) is late
        client = signed_in(office)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/staff/workplans/{plan.pk}/remind/", follow=True)
        assert "已就1项任务发出催办邮件，共1人" in response.text
        assert [m.to for m in mail.outbox] == [[builder.email]]
        assert "公开建设项目信息" in mail.outbox[0].body
        assert "/staff/workplans/tasks/" in mail.outbox[0].body
        # One task, on demand: 运输股 leads it, 路政股 has nobody with an address.
        mail.outbox.clear()
        task = task_at(plan, "一/（二）")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/staff/workplans/tasks/{task.pk}/remind/", follow=True)
        assert [m.to for m in mail.outbox] == [[xiaoli.email]]
        assert "以下单位没有可接收邮件的人员" in response.text and "路政股" in response.text
    assert PlanEvent.objects.filter(kind=PlanEvent.Kind.REMINDED).count() == 2


def test_a_reminder_that_reaches_nobody_says_so_not_sent_to_0_people(
    plan, office, django_capture_on_commit_callbacks
):
    task = task_at(plan, "一/（二）")  # 运输股 and 路政股: nobody with an address
    client = signed_in(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/workplans/tasks/{task.pk}/remind/", follow=True)
    assert mail.outbox == []
    assert "已记录对1项任务的催办，但没有发出邮件" in response.text
    assert "共0人" not in response.text and "发出催办邮件，共" not in response.text
    assert "以下单位没有可接收邮件的人员" in response.text
    task.lead_units.clear()
    task.cooperating_units.clear()
    task.groups = []
    task.save()
    response = client.post(f"/staff/workplans/tasks/{task.pk}/remind/", follow=True)
    assert f"以下任务未指定责任单位，无人可催办：{task.path} {task.title}" in response.text


def test_the_office_downloads_the_report_draft(plan, office):
    response = signed_in(office).post(f"/staff/workplans/{plan.pk}/report/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    assert "一、工作要点落实情况" in [p.text for p in document.paragraphs]


def test_the_office_moves_a_deadline_with_a_reason(plan, office):
    task = task_at(plan, "一/（一）")
    client = signed_in(office)
    refused = client.post(
        f"/staff/workplans/tasks/{task.pk}/deadline/", {"deadline": "2026-11-30", "reason": ""}
    )
    task.refresh_from_db()
    assert task.deadline == date(2026, 12, 10)  # unchanged: no reason
    # the reason at its field, and the date typed kept (not the old one again)
    assert refused.status_code == 400 and "请填写调整期限的理由" in refused.text
    assert 'value="2026-11-30"' in refused.text and 'value="2026-12-10"' not in refused.text
    client.post(
        f"/staff/workplans/tasks/{task.pk}/deadline/",
        {"deadline": "2026-11-30", "reason": "县政府办要求提前报送"},
    )
    task.refresh_from_db()
    assert (task.deadline, task.deadline_source) == (date(2026, 11, 30), "office")


def test_a_plan_without_reports_can_be_deleted_and_one_with_reports_cannot(plan, office, xiaoli):
    task = task_at(plan, "一/（二）")
    services.progress_report(task=task, unit=task.lead_units.get(), by=xiaoli, text="进行中")
    client = signed_in(office)
    client.post(f"/staff/workplans/{plan.pk}/delete/")
    assert WorkPlan.objects.filter(pk=plan.pk).exists()
    task.reports.all().delete()
    client.post(f"/staff/workplans/{plan.pk}/delete/")
    assert not WorkPlan.objects.filter(pk=plan.pk).exists()


def test_the_workbench_shows_my_units_late_and_due_soon_tasks(plan, xiaoli, office):
    today = date(2026, 12, 8)  # Tuesday; 12月10日 is two working days away
    mine = tasks_for(xiaoli, plan.agency, today)
    titles = {t.title for t in mine if t.kind == "工作要点"}
    # 运输股 leads 一/（二）, is among 局机关各股室 for 一/（一）, and leads 二/（二）.
    assert titles == {
        "报送落实情况：深入解读政策",
        "报送落实情况：回应社会关切",
        "报送落实情况：公开路政许可结果",
    }
    # The office also sees the name waiting to be mapped.
    office_titles = {t.title for t in tasks_for(office, plan.agency, today) if t.kind == "工作要点"}
    assert "为《示例县交通运输局2026年政务公开工作要点》中1个单位名称指定内设机构" in office_titles
    # Not yet due in May: nothing on the workbench.
    assert not [t for t in tasks_for(xiaoli, None, date(2026, 5, 4)) if t.kind == "工作要点"]


def test_the_plan_list_shows_the_plans(plan, office):
    response = signed_in(office).get("/staff/workplans/")
    assert "示例县交通运输局2026年政务公开工作要点" in response.text
    assert "导入工作要点" in response.text
