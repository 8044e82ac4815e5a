"""Background tasks: the database queue, `gongkai worker`, retries, and failures the 系统管理员 sees."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.audit.models import AuditEvent
from gongkai.core import tasks
from tests import task_samples
from tests.conftest import person

DATABASE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "site"]}
}


@pytest.fixture
def queue(settings, audit_triggers_allow_flush):
    settings.TASKS = DATABASE
    task_samples.CALLS.clear()


def run_worker():
    call_command("worker", "--batch", "--interval", "0")


@pytest.mark.django_db(transaction=True)
def test_worker_runs_what_is_queued(queue):
    result = task_samples.succeeds.enqueue(21)
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "SUCCESSFUL" and row.return_value == 42
    assert task_samples.CALLS == [{"number": 21}]


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_retried_with_pauses_then_shown_to_the_system_admin(
    queue, client, county
):
    task_samples.always_fails.enqueue(7)
    run_worker()
    assert [c["number"] for c in task_samples.CALLS] == [7]
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.args_kwargs == {"args": [7], "kwargs": {"_attempt": 2}}
    assert waiting.run_after > timezone.now() + timedelta(seconds=50)  # 1 minute later
    assert tasks.failed_results() == []  # a retry is waiting: nothing to look at yet
    run_worker()
    assert len(task_samples.CALLS) == 1  # not before its time
    for minutes in (2, 10):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            run_worker()
    assert len(task_samples.CALLS) == 3  # the first attempt and two retries, then no more
    assert not DBTaskResult.objects.filter(status="READY").exists()
    failed = tasks.failed_results()
    assert len(failed) == 1 and tasks.attempt_of(failed[0]) == 3

    admin = person("xitong", county, "system_admin")
    clerk = person("xiaozhang", county, "info_officer")
    client.force_login(clerk)
    assert client.get("/staff/tasks/").status_code == 403
    assert client.post(f"/staff/tasks/{failed[0].pk}/retry/").status_code == 403
    client.force_login(admin)
    page = client.get("/staff/tasks/")
    assert page.status_code == 200
    text = page.text
    assert "测试：总是失败" in text and "RuntimeError" in text and "第7号故障" in text
    home = client.get("/staff/")
    assert "后台任务失败 1 项" in home.text
    done = client.post(f"/staff/tasks/{failed[0].pk}/retry/", follow=True)
    assert "已重新排队：测试：总是失败" in done.text
    again = DBTaskResult.objects.get(status="READY")
    assert again.args_kwargs == {"args": [7], "kwargs": {}}
    assert AuditEvent.objects.filter(action="task_requeued", object_id=str(failed[0].pk)).exists()
    assert tasks.failed_results() == []  # queued again: waiting, not failed
    assert (
        client.post("/staff/tasks/00000000-0000-0000-0000-000000000000/retry/").status_code == 404
    )


@pytest.mark.django_db(transaction=True)
def test_a_later_success_clears_the_failure(queue):
    task_samples.always_fails.using().enqueue(1)
    run_worker()
    DBTaskResult.objects.filter(status="READY").delete()  # drop the retry
    assert len(tasks.failed_results()) == 1
    # The same call succeeding later (here: a row recorded as such) clears it.
    row = DBTaskResult.objects.get(status="FAILED")
    DBTaskResult.objects.create(
        task_path=row.task_path,
        args_kwargs={"args": [1], "kwargs": {"_attempt": 2}},
        status="SUCCESSFUL",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now() + timedelta(seconds=1),
    )
    assert tasks.failed_results() == []


def test_worker_refuses_bad_options():
    with pytest.raises(SystemExit):
        call_command("worker", "--batch", "--interval", "-1")
