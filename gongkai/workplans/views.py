"""Staff pages of 工作要点: plans, import with preview, the supervision board, progress, mapping
unit names, reminders and the 落实情况报告 draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.forms import errors_to_form
from gongkai.org.models import Unit
from gongkai.org.selectors import visible_agencies
from gongkai.publishing.services import Upload
from gongkai.workbench.context import current_agency
from gongkai.workdays.services import get_calendar

from . import rules, selectors, services
from .forms import DeadlineForm, ImportForm, ProgressForm
from .models import PlanTask, ProgressReport, WorkPlan
from .parser import GROUP_LABELS

Status = rules.Status


def _agency(request):
    """?agency=CODE among the visible agencies, else the one the person works in now."""
    code = request.GET.get("agency")
    if code:
        agency = visible_agencies(request.user).filter(code=code).first()
    else:
        agency = current_agency(request)
    if agency is None:
        raise Http404
    return agency


def _plan(request, pk) -> WorkPlan:
    return get_object_or_404(
        selectors.plans_visible_to(request.user).select_related("agency"), pk=pk
    )


def _task(request, pk) -> PlanTask:
    return get_object_or_404(
        selectors.tasks_visible_to(request.user)
        .filter(is_task=True)
        .select_related("plan__agency"),
        pk=pk,
    )


def _manager_plan(request, pk) -> WorkPlan:
    plan = _plan(request, pk)
    if not selectors.can_manage(request.user, plan.agency):
        raise PermissionDenied
    return plan


@login_required
def plan_list(request):
    allowed = visible_agencies(request.user).order_by("sort_order", "code")
    if request.GET.get("agency") == "all":  # a 上级督查: every agency in view, read-only
        agency, scoped = None, allowed
    else:
        agency = _agency(request)
        scoped = allowed.filter(pk=agency.pk)
    plans = (
        WorkPlan.objects.filter(agency__in=scoped)
        .select_related("agency")
        .annotate(
            task_count=Count("nodes", filter=Q(nodes__is_task=True)),
            done_count=Count("nodes", filter=Q(nodes__is_task=True, nodes__done_on__isnull=False)),
        )
        .order_by("-year", "-imported_at")
    )
    return render(
        request,
        "workplans/plan_list.html",
        {
            "agency": agency,
            "agencies": allowed,
            "plans": plans,
            "can_manage": agency is not None and selectors.can_manage(request.user, agency),
        },
    )


@login_required
def plan_import(request):
    agency = current_agency(request)
    if agency is None or not selectors.can_manage(request.user, agency):
        raise PermissionDenied
    preview = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            warnings = []
            upload = data.get("file")
            if upload:
                source = services.read_source(upload.name, upload.read())
                data["text"], data["source_name"], warnings = (
                    source.text,
                    upload.name,
                    source.warnings,
                )
                form = ImportForm({k: v for k, v in data.items() if k != "file" and v is not None})
                form.is_valid()
            result = services.plan_import(
                agency=agency,
                text=data["text"],
                by=request.user,
                source_name=data.get("source_name") or "粘贴的文字",
                source_warnings=warnings,
                year=data.get("year"),
                title=(data.get("title") or "").strip(),
                dry_run=request.POST.get("action") != "import",
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            if result.created:
                messages.success(
                    request,
                    f"已导入《{result.title}》：{len(result.tasks)}项任务。"
                    + (
                        f"有{len(result.unmatched_names)}个单位名称未对应到内设机构，请逐一对应。"
                        if result.unmatched_names
                        else ""
                    ),
                )
                if result.unmatched_names:
                    return redirect("workplans:mapping", result.plan.pk)
                return redirect(result.plan)
            if result.plan is not None:
                messages.info(request, f"《{result.plan.title}》已导入过，内容相同，未作更改。")
                return redirect(result.plan)
            preview = result
    return render(
        request,
        "workplans/plan_import.html",
        {"agency": agency, "form": form, "preview": preview, "group_labels": GROUP_LABELS},
    )


@login_required
def plan_board(request, pk):
    plan = _plan(request, pk)
    today = timezone.localdate()
    rows = selectors.board(plan, today, get_calendar())
    counts = {status: 0 for status in Status}
    for row in rows:
        counts[row.status] += 1
    chosen = request.GET.get("status", "")
    shown = [r for r in rows if r.status == chosen] if chosen in Status.values else rows
    return render(
        request,
        "workplans/plan_board.html",
        {
            "plan": plan,
            "agency": plan.agency,
            "rows": shown,
            "total": len(rows),
            "counts": [(s, s.label, counts[s]) for s in Status],
            "chosen": chosen,
            "today": today,
            "can_manage": selectors.can_manage(request.user, plan.agency),
            "unmatched_count": len(services.unmatched_names(plan)),
            "mine": set(selectors.open_tasks_of(request.user).values_list("pk", flat=True)),
            "events": plan.events.select_related("actor", "task")[:20],
        },
    )


def _progress_form(request, task, bound: bool = False) -> ProgressForm | None:
    """The 报送落实情况 form, for those of the task's units only (None for anyone else)."""
    units = selectors.reporting_units(request.user, task)
    if not units:
        return None
    unit_qs = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("sort_order", "name")
    if bound:
        return ProgressForm(request.POST, request.FILES, units=unit_qs)
    return ProgressForm(units=unit_qs)


@login_required
def task_detail(request, pk):
    task = _task(request, pk)
    form = _progress_form(request, task, bound=request.method == "POST")
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data.get("attachment")
            try:
                services.progress_report(
                    task=task,
                    unit=form.cleaned_data["unit"],
                    by=request.user,
                    text=form.cleaned_data["text"],
                    is_done=form.cleaned_data["is_done"],
                    upload=Upload(upload.name, upload.read()) if upload else None,
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, "落实情况已报送。")
                return redirect(task)
    return _task_page(request, task, form=form)


def _task_page(request, task, *, form, deadline_form=None, status: int = 200):
    plan = task.plan
    today = timezone.localdate()
    reports = list(task.reports.select_related("unit", "reported_by"))
    last = reports[0].reported_at.date() if reports else None
    can_manage = selectors.can_manage(request.user, plan.agency)
    if deadline_form is None and can_manage:
        deadline_form = DeadlineForm(initial={"deadline": task.deadline} if task.deadline else None)
    return render(
        request,
        "workplans/task_detail.html",
        {
            "task": task,
            "plan": plan,
            "agency": plan.agency,
            "status": selectors.task_status(task, today, get_calendar(), last),
            "lead_units": task.lead_units.all(),
            "cooperating_units": task.cooperating_units.all(),
            "lead_groups": task.group_labels("lead"),
            "cooperating_groups": task.group_labels("cooperating"),
            "reports": reports,
            "form": form,
            "can_manage": can_manage,
            "deadline_form": deadline_form,
            "ancestors": _ancestors(task),
            "children": task.children.order_by("position"),
            "events": task.events.select_related("actor")[:20],
        },
        status=status,
    )


def _ancestors(task: PlanTask) -> list[PlanTask]:
    chain, node = [], task.parent
    while node is not None:
        chain.insert(0, node)
        node = node.parent
    return chain


@login_required
@require_POST
def task_deadline(request, pk):
    task = _task(request, pk)
    if not selectors.can_manage(request.user, task.plan.agency):
        raise PermissionDenied
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.task_deadline_change(
                task=task,
                deadline=form.cleaned_data["deadline"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "期限已调整。")
            return redirect(task)
    # What was typed stays, with the reason beside its field.
    return _task_page(
        request, task, form=_progress_form(request, task), deadline_form=form, status=400
    )


def _reminded(request, result: services.ReminderResult) -> None:
    if not result.tasks:
        messages.info(request, "没有需要催办的任务（已逾期或3个工作日内到期且未完成）。")
        return
    if result.recipients:
        messages.success(
            request, f"已就{result.tasks}项任务发出催办邮件，共{len(result.recipients)}人。"
        )
    else:
        messages.warning(request, f"已记录对{result.tasks}项任务的催办，但没有发出邮件：")
    if result.tasks_without_units:
        messages.warning(
            request,
            f"以下任务未指定责任单位，无人可催办：{'；'.join(result.tasks_without_units)}。",
        )
    if result.units_without_address:
        messages.warning(
            request,
            f"以下单位没有可接收邮件的人员，请电话催办：{'、'.join(result.units_without_address)}。",
        )


@login_required
@require_POST
def task_remind(request, pk):
    task = _task(request, pk)
    if not selectors.can_manage(request.user, task.plan.agency):
        raise PermissionDenied
    result = services.reminders_send(
        plan=task.plan, by=request.user, today=timezone.localdate(), task=task
    )
    _reminded(request, result)
    return redirect(task.plan if request.POST.get("next") == "board" else task)


@login_required
@require_POST
def plan_remind(request, pk):
    plan = _manager_plan(request, pk)
    _reminded(
        request, services.reminders_send(plan=plan, by=request.user, today=timezone.localdate())
    )
    return redirect(plan)


@login_required
def plan_mapping(request, pk):
    plan = _plan(request, pk)
    can_manage = selectors.can_manage(request.user, plan.agency)
    units = plan.agency.units.filter(is_active=True).order_by("sort_order", "name")
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        key = request.POST.get("key", "")
        choice = request.POST.get("unit", "")
        try:
            if choice == "external":
                count = services.unmatched_mark_external(plan=plan, key=key, by=request.user)
                messages.success(request, f"“{key}”已标记为外单位（{count}项任务）。")
            elif choice.isdigit() and units.filter(pk=choice).exists():
                unit = units.get(pk=choice)
                count = services.unmatched_map(plan=plan, key=key, unit=unit, by=request.user)
                messages.success(
                    request, f"“{key}”已对应为{unit.name}（{count}项任务），并记为其别称。"
                )
            else:
                messages.error(request, f"请为“{key}”选择一个内设机构，或标记为外单位。")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("workplans:mapping", plan.pk)
    return render(
        request,
        "workplans/mapping.html",
        {
            "plan": plan,
            "agency": plan.agency,
            "names": services.unmatched_names(plan),
            "units": units,
            "can_manage": can_manage,
            "external": [t for t in plan.tasks().exclude(external_units=[]).order_by("position")],
        },
    )


@login_required
@require_POST
def plan_report(request, pk):
    plan = _manager_plan(request, pk)
    data = services.report_generate(plan=plan, by=request.user, today=timezone.localdate())
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{plan.agency.name}{plan.year}年政务公开工作要点落实情况报告.docx"
    response["Content-Disposition"] = _attachment_header(name)
    return response


def _attachment_header(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"report.docx\"; filename*=UTF-8''{quote(filename)}"


@login_required
@require_POST
def plan_delete(request, pk):
    plan = _manager_plan(request, pk)
    title = plan.title
    try:
        services.plan_delete(plan=plan, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(plan)
    messages.success(request, f"已删除《{title}》。")
    return redirect("workplans:list")


@login_required
def report_attachment(request, pk):
    report = get_object_or_404(
        ProgressReport.objects.filter(task__in=selectors.tasks_visible_to(request.user)), pk=pk
    )
    if not report.attachment:
        raise Http404
    return FileResponse(
        report.attachment.open("rb"), as_attachment=True, filename=report.attachment_name
    )
