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

from gongkai.core.forms import errors_to_form
from gongkai.inspection.detect import mask_numbers
from gongkai.org.selectors import visible_agencies
from gongkai.publishing.services import Upload, attachment_check
from gongkai.workbench.context import chosen_agency, current_agency
from gongkai.workdays.rules import working_days_between
from gongkai.workdays.services import get_calendar

from . import basis, forms, identity, selectors, services
from .choices import CLOSED, Status
from .models import AnswerFile, Application, Letter


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


@login_required
def application_list(request):
    apps = selectors.applications_visible_to(request.user)
    # One's own agency by default; a 上级督查 also picks "全部" or any subordinate agency.
    allowed = visible_agencies(request.user).order_by("sort_order", "code")
    agency = chosen_agency(request, allowed)
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
    page = Paginator(apps.select_related("agency").order_by("-submitted_at", "-id"), 30).get_page(
        request.GET.get("page")
    )
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
            "agencies": allowed,
            "agency_param": f"agency={agency.code if agency else 'all'}&",
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
                facts=form.receipt_facts(),
                channel_reference=data["channel_reference"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
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
    "consult_delivered": (
        forms.ConsultDeliveredForm,
        "application_consult_delivered",
        "登记对方收到征求意见书",
    ),
    "consult_answered": (forms.ConsultAnsweredForm, "application_consult_answered", "登记对方意见"),
    "disclosure_notice": (
        forms.DisclosureNoticeForm,
        "application_disclosure_notice",
        "书面告知第三方决定公开",
    ),
    "extend": (forms.ExtensionForm, "application_request_extension", "申请延期答复"),
    "extension_decision": (
        forms.ExtensionDecisionForm,
        "application_decide_extension",
        "审批延期答复",
    ),
    "reasons": (forms.ReasonsForm, "application_ask_reasons", "要求说明理由（第三十五条）"),
    "reasons_received": (
        forms.ReasonsReceivedForm,
        "application_reasons_received",
        "登记申请人说明的理由",
    ),
    "later_deadline": (forms.LaterDeadlineForm, "application_later_deadline", "确定延迟答复期限"),
    "split": (forms.SplitForm, "application_split", "按一事一申请计算件数"),
    "fee": (forms.FeeForm, "application_fee_notice", "收费通知"),
    "fee_received": (forms.DateForm, "application_fee_notice_received", "登记申请人收到收费通知"),
    "fee_paid": (forms.FeePaidForm, "application_fee_paid", "登记缴费"),
    "answer": (forms.AnswerForm, "application_draft_answer", "拟定答复"),
    "deliver": (forms.DeliverForm, "application_deliver", "登记送达"),
    "withdraw": (forms.WithdrawForm, "application_withdraw", "登记申请人撤回"),
    "archive": (forms.EmptyForm, "application_archive", "归档"),
}

#: Actions on one of the application's consultations, and which of them each may act on.
CONSULTATION_ACTIONS = {
    "consult_delivered": lambda a: a.consultations.filter(opinion="", received_on=None),
    "consult_answered": lambda a: a.consultations.filter(opinion=""),
    "disclosure_notice": lambda a: a.consultations.filter(
        kind="third_party", opinion="object", notice_on=None
    ),
}


def _form(name, application, data=None):
    form_class = ACTIONS[name][0]
    kwargs = {"prefix": name}
    if form_class is forms.AssignForm:
        kwargs["agency"] = application.agency
    if name in CONSULTATION_ACTIONS:
        kwargs["consultations"] = CONSULTATION_ACTIONS[name](application)
    return form_class(data, **kwargs)


def _handler_actions(application: Application) -> list[str]:
    """What the office (公开办) can do next, by the application's state and its records."""
    status = application.status
    if status == Status.AWAITING_CONFIRMATION:
        return ["confirm", "withdraw"]
    if status == Status.ANSWERED:
        return ["deliver"]
    if status in (Status.DELIVERED, Status.WITHDRAWN):
        return ["archive"]
    if status in CLOSED or status == Status.ANSWER_REVIEW:
        return []
    names = []
    consultations = {
        name: pick(application).exists() for name, pick in CONSULTATION_ACTIONS.items()
    }
    if status == Status.SUPPLEMENT:
        names = ["supplement_received"]
    elif status == Status.FEE_PENDING:
        fee = getattr(application, "fee", None)
        names = ["fee_paid"] if fee and fee.notice_received else ["fee_received", "fee_paid"]
    else:
        events = set(application.events.values_list("kind", flat=True))
        Kind = application.events.model.Kind
        names = ["assign"]
        if Kind.SUPPLEMENT_REQUESTED not in events:
            names.append("supplement")
        names.append("consult")
        names += [n for n in ("consult_delivered", "consult_answered") if consultations[n]]
        if Kind.EXTENSION not in events and not services.extension_pending(application):
            names.append("extend")
        if Kind.REASONS_REQUESTED not in events:
            names.append("reasons")
        elif Kind.REASONS_RECEIVED not in events:
            names.append("reasons_received")
        elif Kind.LATER_DEADLINE not in events:
            names.append("later_deadline")
        if not hasattr(application, "fee"):
            names += ["split", "fee"]
        if status != Status.CONSULTING:
            names.append("answer")
    if consultations["disclosure_notice"]:
        names.append("disclosure_notice")
    return [*names, "withdraw"]


def _available(user, application: Application) -> list[str]:
    """The actions this person may take on this application now: nothing is offered that would
    be refused after the click."""
    names = []
    if selectors.can_handle(user, application.agency):
        names = _handler_actions(application)
    elif selectors.is_handling_unit_member(user, application) and application.status in (
        Status.REGISTERED,
        Status.IN_PROGRESS,
    ):
        names = ["answer"]
    if (
        not application.is_closed
        and services.extension_pending(application) is not None
        and selectors.is_office_head(user, application.agency)
    ):
        names.append("extension_decision")
    return names


#: Events whose ``target`` names a third party (征求意见): hidden from a 上级督查.
THIRD_PARTY_EVENTS = {"consult_sent", "consult_delivered", "consult_answered", "disclosure_notice"}


def _events_for(application, supervising: bool, today):
    """The case's history; for a 上级督查, third parties hidden and personal numbers in the
    notes (补正 text, 送达凭证) masked."""
    events = list(application.events.select_related("actor"))
    if supervising:
        for event in events:
            if event.kind in THIRD_PARTY_EVENTS:
                event.target = "（已隐藏）"
            event.note = mask_numbers(event.note, today=today)
    return events


def _detail(request, application, status=200, bound=None):
    reveal = request.GET.get("reveal") == "1" and selectors.can_see_personal_data(
        request.user, application
    )
    if reveal:
        services.personal_data_viewed(application=application, by=request.user)
    deadline = services.deadline_of(application)
    supervising = selectors.is_supervising_only(request.user, application)
    today = timezone.localdate()
    available = _available(request.user, application)
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
            "supervising": supervising,
            # A supervisor reads what was asked and answered with personal numbers masked.
            "description": mask_numbers(application.description, today=today)
            if supervising
            else application.description,
            "answer_text": mask_numbers(application.answer_text, today=today)
            if supervising
            else application.answer_text,
            "purpose": mask_numbers(application.purpose, today=today)
            if supervising
            else application.purpose,
            "deadline": deadline,
            "events": _events_for(application, supervising, today),
            "letters": application.letters.all(),
            "files": application.files.all(),
            "appeals": application.appeals.all(),
            "notices": application.notices.all(),
            "action_forms": action_forms,
            "can_handle": selectors.can_handle(request.user, application.agency),
            "answer_step": selectors.current_answer_step(application),
            "last_step": max(
                (s.order for s in selectors.answer_chain(application.agency)), default=0
            ),
            "can_sign": selectors.can_sign_answer(request.user, application),
            "sign_refusal": selectors.answer_step_refusal(request.user, application)
            if application.status == Status.ANSWER_REVIEW
            else "",
            "answer_signers": application.events.filter(
                kind__in=["answer_drafted", "answer_approved", "answered", "answer_returned"]
            ).select_related("actor"),
            "consultations": application.consultations.all(),
            "extension_request": services.extension_pending(application),
            "month_position": services.month_position(application)
            if application.received_date
            else None,
            "review_form": forms.ReviewForm(prefix="review"),
            "files_missing": application.status in (Status.IN_PROGRESS, Status.ANSWER_REVIEW)
            and selectors.promised_files_missing(application),
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
    if name not in _available(request.user, application):
        messages.error(request, f"当前不能{ACTIONS[name][2]}。")
        return redirect("applications:detail", application.pk)
    form = _form(name, application, request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, bound=form)
    service = getattr(services, ACTIONS[name][1])
    data = dict(form.cleaned_data)
    try:
        if "consultation" in data:
            service(by=request.user, **data)
        elif name == "answer":
            service(
                application=application,
                by=request.user,
                result=data["result"],
                text=data["text"],
                basis_option=data["basis_option"],
                facts=data["facts"],
            )
        else:
            service(application=application, by=request.user, **data)
    except ValidationError as error:
        errors_to_form(form, error)
        return _detail(request, application, status=400, bound=form)
    except PermissionDenied as error:
        messages.error(request, str(error) or "无权办理。")
    else:
        messages.success(request, f"已{ACTIONS[name][2]}。")
    return redirect("applications:detail", application.pk)


@login_required
@require_POST
def review(request, pk):
    """Sign the answer's current step (the last one signs it off), or return it."""
    application = _application(request, pk)
    form = forms.ReviewForm(request.POST, prefix="review")
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    step = selectors.current_answer_step(application)
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
        application.refresh_from_db()
        if not approve:
            messages.success(request, "已退回修改。")
        elif application.status == Status.ANSWERED:
            messages.success(request, "已签发答复，答复告知书已生成。")
        else:
            messages.success(request, f"已签署“{step.name}”，转下一环节。")
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
def letter_download(request, pk, fmt):
    letter = get_object_or_404(
        Letter.objects.filter(application__in=selectors.applications_visible_to(request.user)),
        pk=pk,
    )
    if selectors.is_supervising_only(request.user, letter.application):
        raise PermissionDenied("上级督查只读：文书载有申请人信息，不提供下载。")
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
