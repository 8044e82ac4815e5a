"""Files built in the background: a view checks who may have the file and calls ``request()``;
a task builds it with the builder registered for its kind; the person who asked downloads it from
``/staff/exports/<id>/`` (the page refreshes itself until the file is ready)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from .models import Export
from .tasks import background, enqueue_on_commit

#: kind → builder(export) -> (file name, content type, bytes)
BUILDERS: dict[str, Callable[[Export], tuple[str, str, bytes]]] = {}


def builder(kind: str):
    def register(function):
        BUILDERS[kind] = function
        return function

    return register


def request(*, kind: str, title: str, params: dict, by) -> Export:
    if kind not in BUILDERS:
        raise ValueError(f"unknown export {kind!r}")
    export = Export.objects.create(kind=kind, title=title, params=params, requested_by=by)
    enqueue_on_commit(build_export, str(export.pk))
    return export


@background(label="生成导出文件")
def build_export(export_id: str):
    """Build one export; idempotent (a finished one is left alone)."""
    export = Export.objects.filter(pk=export_id).first()
    if export is None or export.status == Export.Status.DONE:
        return {"skipped": True}
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING, error="")
    try:
        name, content_type, data = BUILDERS[export.kind](export)
    except Exception:
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED,
            error="生成失败，系统将自动重试；多次失败请联系系统管理员（后台任务）。",
            finished_at=timezone.now(),
        )
        raise
    export.file.save(name, ContentFile(data), save=False)
    export.filename, export.content_type = name, content_type
    export.status, export.finished_at, export.error = Export.Status.DONE, timezone.now(), ""
    export.save()
    return {"bytes": len(data)}
