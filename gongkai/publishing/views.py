from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.forms import errors_to_form
from gongkai.inspection.detect import DEIDENTIFY
from gongkai.org.selectors import visible_agencies
from gongkai.workbench.context import current_agency

from . import rules, selectors, services
from .forms import (
    AttachmentForm,
    CatalogueEntryForm,
    CorrectionForm,
    ItemCreateForm,
    ItemForm,
    LedgerForm,
    ReviewForm,
    WithdrawForm,
)
from .ledger import ledger, ledger_xlsx
from .models import Attachment, CatalogueEntry, InformationItem

Status = InformationItem.Status


def _agency(request):
    """The agency the page is about: ?agency=CODE among the visible ones, else the current one."""
    code = request.GET.get("agency")
    if code:
        agency = visible_agencies(request.user).filter(code=code).first()
        if agency is None:
            raise Http404
        return agency
    agency = current_agency(request)
    if agency is None:
        raise Http404
    return agency


def _item(request, pk) -> InformationItem:
    """An item of an agency the user may see; anything else is a 404."""
    return get_object_or_404(
        selectors.items_visible_to(request.user).select_related("agency", "entry", "drafter"), pk=pk
    )


# --- Items --------------------------------------------------------------------------------

SCOPES = {"all": "本机关全部", "mine": "我拟稿的", "waiting": "待我办理"}


@login_required
def item_list(request):
    allowed = visible_agencies(request.user).order_by("sort_order", "code")
    if request.GET.get("agency") == "all":  # a 上级督查: every agency in view, read-only
        agency, scoped = None, allowed
    else:
        agency = _agency(request)
        scoped = allowed.filter(pk=agency.pk)
    items = InformationItem.objects.filter(agency__in=scoped).select_related(
        "entry", "drafter", "agency"
    )
    scope = request.GET.get("scope", "all")
    if scope == "mine":
        items = items.filter(drafter=request.user)
    elif scope == "waiting":
        items = items & selectors.waiting_on(request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        items = items.filter(status=status)
    if request.GET.get("overdue"):
        items = items.filter(due_date__lt=timezone.localdate()).exclude(
            status__in=[Status.PUBLISHED, Status.RECORDED, Status.WITHDRAWN]
        )
    query = request.GET.get("q", "").strip()
    if query:
        items = items.filter(
            Q(title__icontains=query)
            | Q(doc_number__icontains=query)
            | Q(index_number__icontains=query)
        )
    entry = request.GET.get("entry", "")
    if entry.isdigit():
        items = items.filter(Q(entry_id=entry) | Q(entry__parent_id=entry))
    counts = dict(
        InformationItem.objects.filter(agency__in=scoped)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    page = Paginator(items.order_by("-updated_at", "-id"), 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "publishing/item_list.html",
        {
            "agency": agency,
            "page": page,
            "query": params.urlencode(),
            "scope": scope,
            "scopes": SCOPES,
            "status": status,
            "statuses": Status.choices,
            "counts": counts,
            "q": query,
            "entries": CatalogueEntry.objects.filter(agency=agency, parent=None)
            if agency
            else CatalogueEntry.objects.none(),
            "entry": entry,
            "agencies": allowed,
            "agency_param": f"agency={agency.code if agency else 'all'}&",
            "can_draft": agency is not None and selectors.can_draft(request.user, agency),
            "can_manage": agency is not None
            and selectors.can_manage_catalogue(request.user, agency),
            "today": timezone.localdate(),
        },
    )


@login_required
def item_create(request):
    agency = current_agency(request)
    if agency is None or not selectors.can_draft(request.user, agency):
        raise PermissionDenied
    form = ItemCreateForm(request.POST or None, request.FILES or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        uploads = [services.Upload(f.name, f.read()) for f in form.cleaned_data["attachments"]]
        try:
            item = services.item_create(
                agency=agency, by=request.user, data=_blank_to_str(data), uploads=uploads
            )
        except ValidationError as error:
            errors_to_form(form, error)
            if uploads:  # a browser never keeps chosen files: say so
                form.add_error("attachments", "请重新选择附件（浏览器不会保留已选择的文件）。")
        else:
            messages.success(
                request,
                f"草稿已保存，附件{len(uploads)}个已上传。核对后可提交审核。"
                if uploads
                else "草稿已保存。可以上传附件，然后提交审核。",
            )
            return redirect("publishing:item_detail", item.pk)
    return render(
        request,
        "publishing/item_form.html",
        {
            "form": form,
            "agency": agency,
            "heading": "拟稿：新建政府信息",
            "column_kinds": _column_kinds(agency),
        },
    )


def _column_kinds(agency) -> dict[str, str]:
    """{column id: kind} for the form's script, which shows only the fields a column needs."""
    return {
        str(pk): kind
        for pk, kind in CatalogueEntry.objects.filter(agency=agency).values_list("pk", "kind")
    }


def _blank_to_str(data: dict) -> dict:
    text_fields = {
        "doc_number",
        "publisher_name",
        "keywords",
        "withhold_ground",
        "withhold_explanation",
        "body",
        "redacted_body",
        "validity",
        "title",
    }
    return {k: ("" if v is None and k in text_fields else v) for k, v in data.items()}


@login_required
def item_edit(request, pk):
    item = _item(request, pk)
    if not selectors.can_edit(request.user, item):
        raise PermissionDenied
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "GET" and request.GET.get("check") == "submit":
        # Sent back from 提交审核: the item as saved, with what stops it shown at each field.
        saved = {name: form[name].value() for name in form.fields}
        form = ItemForm(saved, instance=item, agency=item.agency)
        form.is_valid()
        problems = services.validate_item(item, for_submission=True)
        if problems:
            errors_to_form(form, ValidationError(problems))
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        item.refresh_from_db()
        try:
            services.item_update(item=item, by=request.user, data=_blank_to_str(data))
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "已保存。")
            return redirect("publishing:item_detail", item.pk)
    return render(
        request,
        "publishing/item_form.html",
        {
            "form": form,
            "agency": item.agency,
            "item": item,
            "heading": "修改信息",
            "column_kinds": _column_kinds(item.agency),
        },
    )


def _detail(request, item, status=200, **forms):
    chain = services.review_chain_ensure(agency=item.agency)
    step = selectors.current_step(item)
    refusal = selectors.step_refusal(request.user, item, step) if step else None
    events = list(item.events.select_related("actor"))
    last_submit = max((e.at for e in events if e.action == "submitted"), default=None)
    passed = {
        e.step_order
        for e in events
        if e.action == "approved" and (last_submit is None or e.at >= last_submit)
    }
    editable = selectors.can_edit(request.user, item)
    personal_data = (
        services.personal_data_of(item)
        if item.status in (Status.DRAFT, Status.RETURNED, Status.IN_REVIEW)
        else None
    )
    confirming = bool(
        refusal is None
        and services.is_secrecy_step(step)
        and personal_data is not None
        and personal_data.hits
    )
    last_step = step is not None and step.order == chain[-1].order
    release_problems = (
        services.release_problems(item)
        if last_step and item.status == Status.IN_REVIEW and rules.is_publishable(item.disclosure)
        else []
    )
    return render(
        request,
        "publishing/item_detail.html",
        {
            "item": item,
            "release_problems": release_problems,
            "chain": chain,
            "step": step,
            "passed": passed,
            "can_act": step is not None and refusal is None,
            "refusal": refusal,
            "can_edit": editable,
            "can_manage": selectors.can_manage_published(request.user, item),
            "review_form": forms.get("review_form") or ReviewForm(personal_data=confirming),
            "personal_data": personal_data,
            "deidentify": DEIDENTIFY,
            "confirming": confirming,
            "attachment_form": AttachmentForm(),
            "events": events,
            "attachments": item.attachments.all(),
            "versions": item.versions.all(),
            "today": timezone.localdate(),
            "submit_problems": services.validate_item(item, for_submission=True)
            if editable
            else {},
        },
        status=status,
    )


@login_required
def item_detail(request, pk):
    return _detail(request, _item(request, pk))


@login_required
@require_POST
def item_submit(request, pk):
    item = _item(request, pk)
    try:
        services.item_submit(item=item, by=request.user)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            messages.error(request, "尚不能提交审核：请按标出的提示修改后再提交。")
            return redirect(reverse("publishing:item_edit", args=[item.pk]) + "?check=submit")
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error) or "无权提交。")
    else:
        messages.success(request, "已提交审核。")
    return redirect("publishing:item_detail", item.pk)


@login_required
@require_POST
def item_review(request, pk):
    item = _item(request, pk)
    confirming = services.secrecy_stop(item, selectors.current_step(item)) is not None
    form = ReviewForm(request.POST, personal_data=confirming)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            item = services.item_approve(
                item=item,
                by=request.user,
                comment=comment,
                disclose_personal_data=form.cleaned_data.get("disclose_personal_data", False),
                personal_data_reason=form.cleaned_data.get("personal_data_reason", ""),
            )
            if item.status == Status.PUBLISHED:
                messages.success(request, f"已发布，索引号 {item.index_number}。")
            elif item.status == Status.RECORDED:
                messages.success(request, "已办结：该信息不公开，已登记备查。")
            else:
                messages.success(request, "审核通过，已转下一环节。")
        elif decision == "return":
            services.item_return(item=item, by=request.user, comment=comment)
            messages.success(request, "已退回拟稿人。")
        else:
            messages.error(request, "请选择“通过”或“退回”。")
    except ValidationError as error:
        errors_to_form(form, error)
        return _detail(request, item, status=400, review_form=form)
    except PermissionDenied as error:
        messages.error(request, str(error) or "无权办理该环节。")
    return redirect("publishing:item_detail", item.pk)


@login_required
def item_withdraw(request, pk):
    item = _item(request, pk)
    if not selectors.can_manage_published(request.user, item):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_withdraw(item=item, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "已撤回。该信息已从公开平台撤下，记录和索引号保留。")
            return redirect("publishing:item_detail", item.pk)
    return render(request, "publishing/item_withdraw.html", {"item": item, "form": form})


@login_required
def item_correct(request, pk):
    item = _item(request, pk)
    if not selectors.can_manage_published(request.user, item) or item.status != Status.PUBLISHED:
        raise PermissionDenied
    form = CorrectionForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in CorrectionForm.Meta.fields}
        item.refresh_from_db()
        try:
            services.item_correct(
                item=item,
                by=request.user,
                data=_blank_to_str(data),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "已更正，原版本保留在历史版本中。")
            return redirect("publishing:item_detail", item.pk)
    return render(
        request,
        "publishing/item_form.html",
        {
            "form": form,
            "agency": item.agency,
            "item": item,
            "heading": "更正已发布信息",
            "column_kinds": {str(item.entry_id): item.entry.kind},  # the column stays
        },
    )


@login_required
@require_POST
def attachment_upload(request, pk):
    item = _item(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attachment_add(
                item=item,
                by=request.user,
                upload=services.Upload(upload.name, upload.read()),
                internal_only=form.cleaned_data["internal_only"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已上传附件“{upload.name}”。")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("publishing:item_detail", item.pk)


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = get_object_or_404(
        Attachment.objects.filter(item__in=selectors.items_visible_to(request.user)), pk=pk
    )
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已删除附件。")
    return redirect("publishing:item_detail", attachment.item_id)


@login_required
def attachment_download(request, pk):
    """Staff download (any state). The public downloads through the portal's gate instead."""
    attachment = get_object_or_404(
        Attachment.objects.filter(item__in=selectors.items_visible_to(request.user)), pk=pk
    )
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


# --- Catalogue ----------------------------------------------------------------------------


@login_required
def catalogue(request):
    agency = _agency(request)
    entries = CatalogueEntry.objects.filter(agency=agency).annotate(
        published=Count("items", filter=Q(items__status=Status.PUBLISHED))
    )
    roots = [e for e in entries if e.parent_id is None]
    children: dict[int, list] = {}
    for e in entries:
        if e.parent_id:
            children.setdefault(e.parent_id, []).append(e)
    tree = [(root, children.get(root.pk, [])) for root in roots]
    return render(
        request,
        "publishing/catalogue.html",
        {
            "agency": agency,
            "tree": tree,
            "can_manage": selectors.can_manage_catalogue(request.user, agency),
        },
    )


@login_required
@require_POST
def catalogue_apply(request):
    agency = current_agency(request)
    if agency is None or not selectors.can_manage_catalogue(request.user, agency):
        raise PermissionDenied
    created = services.catalogue_apply_template(agency=agency)
    messages.success(
        request,
        f"已应用标准目录，新增 {created} 个栏目。" if created else "标准目录的栏目都已存在。",
    )
    return redirect("publishing:catalogue")


@login_required
def catalogue_edit(request, pk=None):
    agency = current_agency(request)
    if agency is None or not selectors.can_manage_catalogue(request.user, agency):
        raise PermissionDenied
    entry = get_object_or_404(CatalogueEntry, pk=pk, agency=agency) if pk else None
    form = CatalogueEntryForm(request.POST or None, instance=entry, agency=agency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "栏目已保存。")
        return redirect("publishing:catalogue")
    return render(request, "publishing/catalogue_form.html", {"form": form, "entry": entry})


# --- Ledger -------------------------------------------------------------------------------


@login_required
def ledger_view(request):
    agency = _agency(request)
    today = timezone.localdate()
    data = (
        request.GET
        if "start" in request.GET
        else {"start": date(today.year, 1, 1).isoformat(), "end": today.isoformat()}
    )
    form = LedgerForm(data)
    step_names, rows = [], []
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                ledger_xlsx(agency, start, end),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="ledger-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
            )
            return response
        step_names, rows = ledger(agency, start, end)
    return render(
        request,
        "publishing/ledger.html",
        {
            "agency": agency,
            "form": form,
            "step_names": step_names,
            "rows": rows,
        },
    )
