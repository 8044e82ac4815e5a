"""What waits on a person. Each app registers a provider; the workbench sorts what they return.

A provider is ``provider(user, agency, today) -> Iterable[Task]``. Later apps (publishing,
applications, annual reports, work plans) add theirs; the workbench stays unaware of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.workdays.rules import CalendarNotCovered, WorkCalendar, working_days_between


@dataclass(frozen=True)
class Task:
    title: str
    url: str
    kind: str  # e.g. "系统配置", "主动公开", "依申请公开"
    due: date | None = None
    note: str = ""


Provider = Callable[..., Iterable[Task]]
_providers: list[Provider] = []

DUE_SOON_WORKING_DAYS = 3


def register(provider: Provider) -> Provider:
    _providers.append(provider)
    return provider


@dataclass
class Buckets:
    overdue: list[Task]
    due_soon: list[Task]
    waiting: list[Task]


def sort_tasks(tasks: Iterable[Task], today: date, cal: WorkCalendar) -> Buckets:
    """Overdue (past due), due soon (within 3 working days) and the rest, each by due date."""
    buckets = Buckets([], [], [])
    for task in tasks:
        if task.due is None:
            buckets.waiting.append(task)
        elif task.due < today:
            buckets.overdue.append(task)
        else:
            try:
                soon = working_days_between(today, task.due, cal) <= DUE_SOON_WORKING_DAYS
            except CalendarNotCovered:
                soon = (task.due - today).days <= DUE_SOON_WORKING_DAYS
            (buckets.due_soon if soon else buckets.waiting).append(task)
    for bucket in (buckets.overdue, buckets.due_soon, buckets.waiting):
        bucket.sort(key=lambda t: (t.due is None, t.due or date.max, t.title))
    return buckets


def tasks_for(user, agency, today: date) -> list[Task]:
    tasks: list[Task] = []
    for provider in _providers:
        tasks.extend(provider(user, agency, today))
    return tasks
