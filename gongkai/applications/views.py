"""Staff pages of 依申请公开: the register, each application with its clock, every action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.publishing.services import Upload, attachment_check
from gongkai.workbench.context import current_agency
from gongkai.workdays.rules import working_days_between
from gongkai.workdays.services import get_calendar

from . import basis, forms, identity, selectors, services
from .choices import CLOSED, Status
from .models import AnswerFile, Appeal, Application, Letter


def masked(application: Application) -> dict:
    """How lists and exports show an applicant: 张*, 110***********1234, 138****5678."""
    person = application.applicant_type == "natural"
    return {
        "name": identity.mask_name(application.name) if person else application.name,
        "id_number": identity.mask_id(application.id_number),
        "phone": identity.mask_phone(application.phone),
        "email": identity.mask_email(application.email) if application.email else "",
    }


def _application(request, pk) -> Application:
    return get_object_or_404(
        selectors.applications_visible_to(request.user).select_related("agency", "unit"), pk=pk
    )


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def application_list(request):
    agency = current_agency(request)
    apps = selectors.applications_visible_to(request.user)
    if agency is not None:
        apps = apps.filter(agency=agency)
    status = request.GET.get("status", "")
    if status in Status.values:
        apps = apps.filter(status=status)
    today = timezone.localdate()
    view = request.GET.get("view", "")
    if view == "open":
        apps = apps.exclude(status__in=CLOSED)
    elif view == "overdue":
        apps = apps.exclude(status__in=CLOSED).filter(due_date__lt=today)
    page = Paginator(apps.order_by("-submitted_at", "-id"), 30).get_page(request.GET.get("page"))
    rows = []
    cal = get_calendar()
    for application in page:
        left = None
        if application.due_date and not application.is_closed:
            try:
                left = working_days_between(today, application.due_date, cal)
            except Exception:
                left = None
        rows.append((application, masked(application), left))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "applications/list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": Status.choices,
            "view": view,
            "query": params.urlencode(),
            "agency": agency,
            "can_register": agency is not None and selectors.can_handle(request.user, agency),
        },
    )


@login_required
def register(request):
    agency = current_agency(request)
    if agency is None or not selectors.can_handle(request.user, agency):
        raise PermissionDenied
    form = forms.RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            application, code = services.application_register(
                agency=agency,
                by=request.user,
                data=data,
                channel=data["channel"],
                received=data["received"],
                channel_reference=data["channel_reference"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request,
                f"已登记申请 {application.number}。请将查询码 {code} 告知申请人（仅显示这一次）。",
            )
            return redirect("applications:detail", application.pk)
    return render(request, "applications/register.html", {"form": form, "agency": agency})


ACTIONS = {
    # name: (form class, service, label)
    "confirm": (forms.DateForm, "application_confirm", "确认收到"),
    "assign": (forms.AssignForm, "application_assign", "交办承办股室"),
    "supplement": (forms.SupplementForm, "application_request_supplement", "告知补正"),
    "supplement_received": (forms.DateForm, "application_supplement_received", "收到补正"),
    "consult": (forms.ConsultForm, "application_consult", "征求意见"),
    "consult_answered": (forms.DateForm, "application_consult_answered", "收到意见"),
    "extend": (forms.ExtensionForm, "application_extend", "延期答复"),
    "later_deadline": (forms.LaterDeadlineForm, "application_later_deadline", "第三十五条延迟答复"),
    "fee": (forms.FeeForm, "application_fee_notice", "收费通知"),
    "fee_paid": (forms.FeePaidForm, "application_fee_paid", "登记缴费"),
    "answer": (forms.AnswerForm, "application_draft_answer", "拟定答复"),
    "deliver": (forms.DeliverForm, "application_deliver", "登记送达"),
    "withdraw": (forms.WithdrawForm, "application_withdraw", "登记申请人撤回"),
    "archive": (forms.EmptyForm, "application_archive", "归档"),
}


def _form(name, application, data=None):
    form_class = ACTIONS[name][0]
    kwargs = {"prefix": name}
    if form_class is forms.AssignForm:
        kwargs["agency"] = application.agency
    return form_class(data, **kwargs)


def _available(application: Application) -> list[str]:
    status = application.status
    if status == Status.AWAITING_CONFIRMATION:
        return ["confirm", "withdraw"]
    if status in (Status.DELIVERED, Status.WITHDRAWN):
        return ["archive"]
    if status in CLOSED:
        return []
    names = {
        Status.SUPPLEMENT: ["supplement_received"],
        Status.CONSULTING: ["consult_answered"],
        Status.FEE_PENDING: ["fee_paid"],
        Status.ANSWER_REVIEW: [],
        Status.ANSWERED: ["deliver"],
    }.get(status)
    if names is not None:
        return [*names, "withdraw"] if status != Status.ANSWERED else names
    return [
        "assign",
        "supplement",
        "consult",
        "extend",
        "later_deadline",
        "fee",
        "answer",
        "withdraw",
    ]


def _detail(request, application, status=200, bound=None):
    reveal = request.GET.get("reveal") == "1" and selectors.can_see_personal_data(
        request.user, application
    )
    if reveal:
        services.personal_data_viewed(application=application, by=request.user)
    deadline = services.deadline_of(application)
    available = _available(application)
    action_forms = [
        (
            name,
            ACTIONS[name][2],
            bound if bound and bound.prefix == name else _form(name, application),
        )
        for name in available
    ]
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "masked": masked(application),
            "reveal": reveal,
            "deadline": deadline,
            "events": application.events.select_related("actor"),
            "letters": application.letters.all(),
            "files": application.files.all(),
            "appeals": application.appeals.all(),
            "action_forms": action_forms,
            "can_handle": selectors.can_handle(request.user, application.agency),
            "review_form": forms.ReviewForm(prefix="review"),
            "file_form": forms.AnswerFileForm(prefix="file"),
            "appeal_form": bound
            if bound and bound.prefix == "appeal"
            else forms.AppealForm(prefix="appeal"),
            "fee": getattr(application, "fee", None),
            "answer_basis": basis.answer_basis(
                application.result,
                application.basis_option,
                application.basis_facts,
                strict=False,
            )
            if application.result
            else None,
        },
        status=status,
    )


@login_required
def detail(request, pk):
    return _detail(request, _application(request, pk))


@login_required
@require_POST
def action(request, pk, name):
    application = _application(request, pk)
    if name not in ACTIONS:
        raise Http404
    form = _form(name, application, request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, bound=form)
    service = getattr(services, ACTIONS[name][1])
    data = dict(form.cleaned_data)
    try:
        if name == "assign":
            service(
                application=application,
                by=request.user,
                unit=data["unit"],
                note=data.get("note", ""),
            )
        elif name == "answer":
            service(
                application=application,
                by=request.user,
                result=data["result"],
                text=data["text"],
                basis_option=data["basis_option"],
                facts=data["facts"],
            )
        elif name == "withdraw":
            service(application=application, by=request.user, reason=data.get("reason", ""))
        else:
            service(application=application, by=request.user, **data)
    except ValidationError as error:
        _errors(form, error)
        return _detail(request, application, status=400, bound=form)
    except PermissionDenied as error:
        messages.error(request, str(error) or "无权办理。")
    else:
        messages.success(request, f"已{ACTIONS[name][2]}。")
    return redirect("applications:detail", application.pk)


@login_required
@require_POST
def review(request, pk):
    application = _application(request, pk)
    form = forms.ReviewForm(request.POST, prefix="review")
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        services.application_review_answer(
            application=application,
            by=request.user,
            approve=approve,
            comment=form.cleaned_data.get("comment", ""),
        )
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    else:
        messages.success(request, "已签发答复，答复告知书已生成。" if approve else "已退回修改。")
    return redirect("applications:detail", application.pk)


@login_required
@require_POST
def upload_file(request, pk):
    application = _application(request, pk)
    if not selectors.can_handle(request.user, application.agency):
        raise PermissionDenied
    form = forms.AnswerFileForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        uploaded = form.cleaned_data["file"]
        upload = Upload(uploaded.name, uploaded.read())
        try:
            kind = attachment_check(upload)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            from django.core.files.base import ContentFile

            answer_file = AnswerFile(
                application=application,
                original_name=upload.name[:200],
                file_type=kind,
                size=len(upload.data),
            )
            answer_file.file.save(upload.name, ContentFile(upload.data), save=True)
            messages.success(request, f"已上传“{upload.name}”，申请人可在查询页面下载。")
    else:
        messages.error(request, "请选择文件。")
    return redirect("applications:detail", application.pk)


@login_required
@require_POST
def add_appeal(request, pk):
    application = _application(request, pk)
    if not selectors.can_handle(request.user, application.agency):
        raise PermissionDenied
    form = forms.AppealForm(request.POST, prefix="appeal")
    if not form.is_valid():
        return _detail(request, application, status=400, bound=form)
    appeal = form.save(commit=False)
    appeal.application = application
    appeal.save()
    messages.success(request, f"已登记{appeal.get_kind_display()}。")
    return redirect("applications:detail", application.pk)


@login_required
def edit_appeal(request, pk):
    appeal = get_object_or_404(
        Appeal.objects.filter(application__in=selectors.applications_visible_to(request.user)),
        pk=pk,
    )
    if not selectors.can_handle(request.user, appeal.application.agency):
        raise PermissionDenied
    form = forms.AppealForm(request.POST or None, instance=appeal)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "已更新复议/诉讼结果。")
        return redirect("applications:detail", appeal.application_id)
    return render(request, "applications/appeal_form.html", {"form": form, "appeal": appeal})


@login_required
def letter_download(request, pk, fmt):
    letter = get_object_or_404(
        Letter.objects.filter(application__in=selectors.applications_visible_to(request.user)),
        pk=pk,
    )
    field = letter.pdf if fmt == "pdf" else letter.docx
    if not field:
        raise Http404
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=f"{letter.application.number}-{letter.title}.{fmt}",
    )


@login_required
@require_POST
def letter_regenerate(request, pk):
    """重新生成: the letter rendered again (template, seal) with its date and 文号 unchanged."""
    letter = get_object_or_404(
        Letter.objects.filter(application__in=selectors.applications_visible_to(request.user)),
        pk=pk,
    )
    try:
        letter = services.letter_regenerate(letter=letter, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"已重新生成“{letter.title}”（{letter.number or '无文号'}），文号和日期不变。"
        )
    return redirect("applications:detail", letter.application_id)


@login_required
def code_reset(request, pk):
    application = _application(request, pk)
    if request.method != "POST":
        raise Http404
    try:
        code = services.application_reset_code(application=application, by=request.user)
    except PermissionDenied:
        raise
    messages.success(request, f"新的查询码：{code}（仅显示这一次，请告知申请人）。")
    return redirect("applications:detail", application.pk)
