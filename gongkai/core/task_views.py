"""后台任务: the 系统管理员 sees the queue and the calls whose last attempt failed, and queues one
again once its cause is fixed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult

from gongkai.audit.services import audit_record
from gongkai.org.models import Role
from gongkai.org.selectors import has_role

from . import tasks


def _require_admin(user):
    if not (user.is_superuser or has_role(user, Role.SYSTEM_ADMIN)):
        raise PermissionDenied


@login_required
def task_list(request):
    _require_admin(request.user)
    failed = tasks.failed_results()
    for result in failed:
        result.label = tasks.label_of(result)
        result.attempt = tasks.attempt_of(result)
        result.exception_name = result.exception_class_path.rsplit(".", 1)[-1]
        kwargs = {
            k: v
            for k, v in (result.args_kwargs.get("kwargs") or {}).items()
            if k != tasks.ATTEMPT_KWARG
        }
        shown = [repr(a) for a in result.args_kwargs.get("args") or []]
        shown += [f"{k}={v!r}" for k, v in kwargs.items()]
        result.arguments = ", ".join(shown)
    return render(
        request,
        "core/tasks.html",
        {"failed": failed, "figures": tasks.queue_figures()},
    )


@login_required
@require_POST
def task_retry(request, pk):
    _require_admin(request.user)
    result = DBTaskResult.objects.filter(pk=pk, status="FAILED").first()
    if result is None:
        raise Http404
    try:
        queued = tasks.requeue(result)
    except ImportError:
        messages.error(request, "该任务已不存在于当前版本，无法重新执行。")
        return redirect("tasks:list")
    audit_record(
        action="task_requeued",
        object_type="task",
        object_id=str(result.pk),
        object_repr=tasks.label_of(result),
        changes={"new": str(queued.id)},
    )
    messages.success(request, f"已重新排队：{tasks.label_of(result)}。")
    return redirect("tasks:list")
