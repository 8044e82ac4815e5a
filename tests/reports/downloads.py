"""Downloads built in the background, as a person gets them."""


def rollup_download(client, year, capture):
    """The roll-up as a supervisor gets it: asked for, built by a worker, downloaded."""
    with capture(execute=True):
        asked = client.post("/staff/reports/supervision/rollup.xlsx", {"year": year})
    assert asked.status_code == 302
    waiting = client.get(asked["Location"])
    assert "排队中" in waiting.text and 'http-equiv="refresh"' in waiting.text
    run_queued()
    ready = client.get(asked["Location"])
    assert "已生成" in ready.text and 'http-equiv="refresh"' not in ready.text
    download = client.get(asked["Location"] + "download/")
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def run_queued() -> None:
    """What `gongkai worker --batch` does with each waiting task, inside the test's transaction
    (the worker's loop closes the connection between tasks, which would end that transaction on
    PostgreSQL; transactional tests run the command itself)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    for row in list(DBTaskResult.objects.ready()):
        row.claim("test")
        worker.run_task(row)
