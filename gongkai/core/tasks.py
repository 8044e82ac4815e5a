"""Background tasks: Django's tasks interface (the ``django-tasks`` backport) on the database queue
(``django-tasks-db``), run by ``gongkai worker`` on any number of machines sharing the database.

``background()`` makes a task that is retried: when an attempt raises, the same call is queued
again after a growing pause (1, 4, 9… minutes) until ``retries`` more attempts have failed. Every
attempt is a row of its own, so each failure stays readable; the 系统管理员 sees those whose last
attempt failed on /staff/tasks/ and in the 工作台. A task must therefore be idempotent: running it
twice leaves the same state as running it once.
"""

from __future__ import annotations

import functools
import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "_attempt"

#: task path → what the 系统管理员 reads on /staff/tasks/
LABELS: dict[str, str] = {}


def backoff(attempt: int) -> timedelta:
    """The pause before attempt ``attempt + 1``: 1, 4, 9, 16… minutes, at most an hour."""
    return timedelta(minutes=min(attempt * attempt, 60))


def background(*, label: str, retries: int = 3, queue_name: str = "default", priority: int = 0):
    """Decorate a module-level function as a retried background task.

    ``f.enqueue(*args, **kwargs)`` queues it (arguments must be JSON: ids, not objects);
    ``f.call(*args, **kwargs)`` runs it here and now."""

    def decorate(function):
        @functools.wraps(function)
        def attempt(*args, **kwargs):
            number = int(kwargs.pop(ATTEMPT_KWARG, 1))
            try:
                return function(*args, **kwargs)
            except Exception:
                if number <= retries:
                    logger.warning(
                        "task %s failed (attempt %d), retrying", function.__qualname__, number
                    )
                    the_task.using(run_after=timezone.now() + backoff(number)).enqueue(
                        *args, **kwargs, **{ATTEMPT_KWARG: number + 1}
                    )
                else:
                    logger.exception(
                        "task %s failed for good after %d attempts", function.__qualname__, number
                    )
                raise

        the_task = task(queue_name=queue_name, priority=priority)(attempt)
        LABELS[the_task.module_path] = label
        return the_task

    return decorate


def enqueue_on_commit(the_task, *args, **kwargs) -> None:
    """Queue ``the_task`` once the current transaction commits (at once outside one), so a
    worker never reads the state before the change that asked for it."""
    transaction.on_commit(lambda: the_task.enqueue(*args, **kwargs))


def attempt_of(result) -> int:
    return int((result.args_kwargs.get("kwargs") or {}).get(ATTEMPT_KWARG, 1))


def label_of(result) -> str:
    return LABELS.get(result.task_path, result.task_path.rsplit(".", 1)[-1])


def requeue(result):
    """Queue a failed call again from its first attempt (the 系统管理员's 重新执行)."""
    from django.utils.module_loading import import_string

    the_task = import_string(result.task_path)
    kwargs = dict(result.args_kwargs.get("kwargs") or {})
    kwargs.pop(ATTEMPT_KWARG, None)
    return the_task.using(queue_name=result.queue_name).enqueue(
        *(result.args_kwargs.get("args") or []), **kwargs
    )


def queue_figures() -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    return {
        "ready": DBTaskResult.objects.filter(status="READY").count(),
        "running": DBTaskResult.objects.filter(status="RUNNING").count(),
    }


def failed_results(limit: int = 200):
    """Failed attempts that nothing will retry or has since done: the last attempt of a call
    failed, and no later attempt of the same call is waiting or succeeded. Newest first."""
    from django_tasks_db.models import DBTaskResult

    rows = list(DBTaskResult.objects.failed().order_by("-finished_at")[: limit * 4])
    if not rows:
        return []
    oldest = min(r.finished_at or r.enqueued_at for r in rows)
    later = DBTaskResult.objects.filter(task_path__in={r.task_path for r in rows}).filter(
        Q(status__in=["READY", "RUNNING"]) | Q(status="SUCCESSFUL", finished_at__gte=oldest)
    )
    waiting, succeeded = set(), {}
    for r in later.only("task_path", "args_kwargs", "status", "finished_at"):
        key = (r.task_path, _call_key(r))
        if r.status != "SUCCESSFUL":
            waiting.add(key)
        elif key not in succeeded or r.finished_at > succeeded[key]:
            succeeded[key] = r.finished_at
    found, seen = [], set()
    for r in rows:
        key = (r.task_path, _call_key(r))
        if key in seen or key in waiting:
            continue
        seen.add(key)
        if key in succeeded and r.finished_at and succeeded[key] >= r.finished_at:
            continue
        found.append(r)
        if len(found) >= limit:
            break
    return found


def _call_key(result) -> str:
    import json

    kwargs = dict(result.args_kwargs.get("kwargs") or {})
    kwargs.pop(ATTEMPT_KWARG, None)
    return json.dumps([result.args_kwargs.get("args") or [], kwargs], sort_keys=True)
