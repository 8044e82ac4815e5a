"""Staff pages of 建议提案 (人大代表建议 / 政协委员提案): register, answer, publish the reply."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.forms import errors_to_form
from gongkai.publishing.selectors import can_draft
from gongkai.publishing.services import Upload
from gongkai.workbench.context import chosen_agency, current_agency

from . import forms, selectors, services
from .choices import ProposalKind, ProposalStatus
from .models import Proposal
from .views import working_agencies


@login_required
def proposal_list(request):
    allowed = working_agencies(request.user)
    agency = chosen_agency(request, allowed)
    found = selectors.proposals_visible_to(request.user).select_related(
        "agency", "lead_unit", "item"
    )
    if agency is not None:
        found = found.filter(agency=agency)
    years = sorted(set(found.values_list("year", flat=True)), reverse=True)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", years[0] if years else today.year))
    except ValueError:
        year = today.year
    found = found.filter(year=year)
    kind = request.GET.get("kind", "")
    if kind in ProposalKind.values:
        found = found.filter(kind=kind)
    page = Paginator(found.order_by("kind", "number"), 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    ids = [agency.pk] if agency else list(found.values_list("agency_id", flat=True).distinct())
    return render(
        request,
        "interaction/proposal_list.html",
        {
            "page": page,
            "agency": agency,
            "agencies": allowed,
            "year": year,
            "years": years or [today.year],
            "kind": kind,
            "kinds": ProposalKind.choices,
            "query": params.urlencode(),
            "today": today,
            "report": selectors.proposal_report(ids, year),
            "can_register": agency is not None and selectors.can_manage(request.user, agency),
            "full_reader": bool(selectors.readable_agency_ids(request.user)),
        },
    )


@login_required
def proposal_register(request):
    agency = current_agency(request)
    if agency is None or not selectors.can_manage(request.user, agency):
        raise PermissionDenied
    form = forms.ProposalForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_register(
                agency=agency, by=request.user, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            flash.success(request, f"已登记{proposal}，答复期限{proposal.due_date:%Y-%m-%d}。")
            return redirect("interaction:proposal_detail", proposal.pk)
    return render(
        request, "interaction/proposal_form.html", {"form": form, "agency": agency, "new": True}
    )


def _proposal(request, pk) -> Proposal:
    return get_object_or_404(
        selectors.proposals_visible_to(request.user).select_related("agency", "lead_unit", "item"),
        pk=pk,
    )


@login_required
def proposal_edit(request, pk):
    proposal = _proposal(request, pk)
    if not selectors.can_manage(request.user, proposal.agency):
        raise PermissionDenied
    form = forms.ProposalForm(request.POST or None, instance=proposal, agency=proposal.agency)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        proposal.refresh_from_db()  # the ModelForm's validation wrote into the instance
        try:
            services.proposal_update(proposal=proposal, by=request.user, data=data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            flash.success(request, "已保存。")
            return redirect("interaction:proposal_detail", proposal.pk)
    return render(
        request,
        "interaction/proposal_form.html",
        {"form": form, "agency": proposal.agency, "proposal": proposal, "new": False},
    )


def _proposal_detail(request, proposal, *, status=200, answer_form=None):
    user = request.user
    resubmittable = services.reply_open(proposal)
    return render(
        request,
        "interaction/proposal_detail.html",
        {
            "proposal": proposal,
            "assisting": proposal.assisting_units.select_related("agency"),
            "events": proposal.events.select_related("actor"),
            "can_manage": selectors.can_manage(user, proposal.agency),
            "can_answer": selectors.can_answer_proposal(user, proposal) and resubmittable,
            "answer_form": answer_form
            or forms.ProposalAnswerForm(
                initial={
                    "answered_date": proposal.answered_date or timezone.localdate(),
                    "outcome": proposal.outcome,
                    "doc_number": proposal.answer_doc_number,
                    "text": proposal.answer_text,
                }
            ),
            "can_publish": proposal.status == ProposalStatus.ANSWERED
            and resubmittable
            and can_draft(user, proposal.agency),
            "column": services.proposals_column(proposal.agency),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def proposal_detail(request, pk):
    return _proposal_detail(request, _proposal(request, pk))


@login_required
@require_POST
def proposal_answer(request, pk):
    proposal = _proposal(request, pk)
    form = forms.ProposalAnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _proposal_detail(request, proposal, status=400, answer_form=form)
    data = form.cleaned_data
    uploaded = data.get("document")
    upload = Upload(uploaded.name, uploaded.read()) if uploaded else None
    try:
        services.proposal_answer(
            proposal=proposal,
            by=request.user,
            answered_date=data["answered_date"],
            outcome=data.get("outcome", ""),
            text=data.get("text", ""),
            doc_number=data.get("doc_number", ""),
            upload=upload,
        )
    except ValidationError as error:
        errors_to_form(form, error)
        return _proposal_detail(request, proposal, status=400, answer_form=form)
    except PermissionDenied as error:
        flash.error(request, str(error))
    else:
        flash.success(request, "已登记答复。")
    return redirect("interaction:proposal_detail", proposal.pk)


@login_required
@require_POST
def proposal_publish(request, pk):
    proposal = _proposal(request, pk)
    try:
        item = services.proposal_publish(proposal=proposal, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            flash.error(request, message)
        return redirect("interaction:proposal_detail", proposal.pk)
    flash.success(request, "答复已提交审核，经审核（含保密审查）后在“建议提案办理”栏目发布。")
    return redirect("publishing:item_detail", item.pk)


@login_required
def proposal_document(request, pk):
    proposal = _proposal(request, pk)
    if not proposal.answer_document:
        raise Http404
    response = FileResponse(
        proposal.answer_document.open("rb"),
        as_attachment=True,
        filename=proposal.answer_document_name or "答复.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
