import csv
import json
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.org.selectors import can_read_audit_log

from .forms import AuditFilterForm
from .models import AuditEvent
from .personal import masked_changes
from .services import audit_record, chain_verify, latest_verification


def _filtered(form: AuditFilterForm):
    events = AuditEvent.objects.all()
    if not form.is_valid():
        return events.none()
    data = form.cleaned_data
    tz = timezone.get_current_timezone()
    if data["start"]:
        events = events.filter(at__gte=datetime.combine(data["start"], time.min, tzinfo=tz))
    if data["end"]:
        end = datetime.combine(data["end"] + timedelta(days=1), time.min, tzinfo=tz)
        events = events.filter(at__lt=end)
    if data["actor"]:
        events = events.filter(actor_name__icontains=data["actor"])
    if data["action"]:
        events = events.filter(action=data["action"])
    if data["object_type"]:
        events = events.filter(object_type__icontains=data["object_type"])
    if data["ip"]:
        events = events.filter(ip=data["ip"])
    return events


def audit_log(request):
    """The audit log, for the 审计管理员 only; anyone else gets a 404 (no hint that it exists)."""
    if not can_read_audit_log(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    events = _filtered(form) if request.GET else AuditEvent.objects.all()
    audit_record(
        action=AuditEvent.Action.VIEW,
        object_type="audit.auditevent",
        object_repr="查阅审计日志",
        changes={"filter": {k: v for k, v in request.GET.items() if k != "page"}},
    )
    if request.GET.get("format") == "csv" and (form.is_bound and form.is_valid()):
        return _csv(events)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "rows": [(e, masked_changes(e)) for e in page],
            "query": query.urlencode(),
            "verification": latest_verification(),
        },
    )


@require_POST
def verify(request):
    """Check the hash chain now (a streaming read over the table), then back to the log."""
    if not can_read_audit_log(request.user):
        raise Http404
    run = chain_verify(by=request.user.get_username())
    if run.intact:
        messages.success(request, f"校验完成：审计日志完整，共 {run.rows_checked} 条。")
    else:
        messages.error(request, f"校验发现问题：第 {run.broken_id} 条{run.get_problem_display()}。")
    return redirect("audit:log")


def _csv(events) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(
        ["时间", "操作人", "来源地址", "操作", "对象类型", "对象ID", "对象", "变更内容"]
    )
    for e in events.iterator():
        writer.writerow(
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                e.ip or "",
                e.get_action_display(),
                e.object_type,
                e.object_id,
                e.object_repr,
                json.dumps(masked_changes(e), ensure_ascii=False) if e.changes else "",
            ]
        )
    return response
