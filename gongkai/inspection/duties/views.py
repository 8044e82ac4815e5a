"""Staff pages of the yearly duties (/staff/inspection/duties/…). The office acts; the 上级督查
reads; anyone else gets 403 (an agency they may see) or 404 (one they may not)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.core.forms import errors_to_form
from gongkai.org.selectors import visible_agencies
from gongkai.publishing.models import InformationItem
from gongkai.workbench.context import current_agency

from . import selectors, services
from .forms import (
    FrequentDeclineForm,
    FrequentDraftForm,
    ValidityForm,
    WithheldReviewForm,
    suggested_entry,
)
from .models import WithheldReview


def _agency(request):
    """?agency=CODE among the agencies the user may see, else their current agency; then the
    user must be its 公开办 or supervise it."""
    code = request.GET.get("agency")
    if code:
        agency = visible_agencies(request.user).filter(code=code).first()
    else:
        agency = current_agency(request)
    if agency is None:
        raise Http404
    if not selectors.may_view(request.user, agency):
        raise PermissionDenied
    return agency


def _item(request, pk, queryset) -> InformationItem:
    item = get_object_or_404(
        queryset.filter(agency__in=visible_agencies(request.user)).select_related(
            "agency", "entry", "replaced_by"
        ),
        pk=pk,
    )
    if not selectors.may_view(request.user, item.agency):
        raise PermissionDenied
    return item


@login_required
def duties(request):
    agency = _agency(request)
    today = timezone.localdate()
    withheld = selectors.withheld_rows(agency, today)
    return render(
        request,
        "inspection/duties/index.html",
        {
            "agency": agency,
            "frequent": len(selectors.frequent_pending(agency, today)),
            "withheld_due": sum(1 for r in withheld if r.is_due),
            "withheld_all": len(withheld),
            "validity": len(selectors.validity_rows(agency, today)),
        },
    )


# --- 第四十四条 --------------------------------------------------------------------------------


@login_required
def frequent_list(request):
    agency = _agency(request)
    today = timezone.localdate()
    rows = [
        (p, [(a, selectors.masked_applicant(a)) for a in p.applications])
        for p in selectors.frequent_pending(agency, today)
    ]
    return render(
        request,
        "inspection/duties/frequent_list.html",
        {
            "agency": agency,
            "rows": rows,
            "decisions": selectors.frequent_decisions(agency)[:50],
            "th": selectors.thresholds(),
            "today": today,
        },
    )


@login_required
def frequent_detail(request, application_id):
    agency = _agency(request)
    today = timezone.localdate()
    pending = selectors.frequent_pending_one(agency, application_id, today)
    if pending is None:
        raise Http404
    can_act = selectors.may_act(request.user, agency)
    ids = ",".join(str(i) for i in sorted(pending.suggestion.ids))
    entries = list(FrequentDraftForm(agency=agency).fields["entry"].queryset)
    guess = suggested_entry(entries, pending.suggestion.title)
    draft_form = FrequentDraftForm(
        agency=agency,
        initial={
            "applications": ids,
            "title": pending.suggestion.title,
            "entry": guess.pk if guess else None,
        },
    )
    decline_form = FrequentDeclineForm(initial={"applications": ids})
    status = 200
    if request.method == "POST":
        if not can_act:
            raise PermissionDenied
        decision = request.POST.get("decision")
        if decision == "draft":
            draft_form = FrequentDraftForm(request.POST, agency=agency)
            if draft_form.is_valid():
                try:
                    made = services.frequent_request_draft(
                        agency=agency,
                        application_ids=services.application_ids(
                            draft_form.cleaned_data["applications"]
                        ),
                        by=request.user,
                        title=draft_form.cleaned_data["title"],
                        entry=draft_form.cleaned_data["entry"],
                    )
                except ValidationError as error:
                    errors_to_form(draft_form, error)
                else:
                    messages.success(
                        request,
                        "已拟稿主动公开（条例第四十四条）。请补充正文或上传附件，然后提交审核。",
                    )
                    return redirect("publishing:item_detail", made.item_id)
        elif decision == "decline":
            decline_form = FrequentDeclineForm(request.POST)
            if decline_form.is_valid():
                try:
                    services.frequent_request_decline(
                        agency=agency,
                        application_ids=services.application_ids(
                            decline_form.cleaned_data["applications"]
                        ),
                        by=request.user,
                        reason=decline_form.cleaned_data["reason"],
                    )
                except ValidationError as error:
                    errors_to_form(decline_form, error)
                else:
                    messages.success(request, "已记录不予主动公开的决定和理由。")
                    return redirect(reverse("inspection:frequent_list") + f"?agency={agency.code}")
        else:
            messages.error(request, "请选择“拟稿主动公开”或“不予主动公开”。")
        status = 400
    return render(
        request,
        "inspection/duties/frequent_detail.html",
        {
            "agency": agency,
            "pending": pending,
            "applications": [(a, selectors.masked_applicant(a)) for a in pending.applications],
            "can_act": can_act,
            "draft_form": draft_form,
            "decline_form": decline_form,
        },
        status=status,
    )


# --- 第十八条 ----------------------------------------------------------------------------------


@login_required
def withheld_list(request):
    agency = _agency(request)
    today = timezone.localdate()
    rows = selectors.withheld_rows(agency, today)
    view = request.GET.get("view", "due")
    shown = [r for r in rows if r.is_due] if view == "due" else rows
    return render(
        request,
        "inspection/duties/withheld_list.html",
        {
            "agency": agency,
            "rows": shown,
            "view": view,
            "due_count": sum(1 for r in rows if r.is_due),
            "all_count": len(rows),
            "today": today,
            "th": selectors.thresholds(),
        },
    )


@login_required
def withheld_review(request, pk):
    item = _item(request, pk, selectors.withheld_items_all())
    today = timezone.localdate()
    row = selectors.withheld_row(item, today)
    can_act = selectors.may_act(request.user, item.agency) and row.due is not None
    form = WithheldReviewForm()
    status = 200
    if request.method == "POST":
        if not can_act:
            raise PermissionDenied
        form = WithheldReviewForm(request.POST)
        if form.is_valid():
            try:
                review, problem = services.withheld_review_record(
                    item=item,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                if review.outcome == WithheldReview.Outcome.STILL_WITHHELD:
                    messages.success(request, "已记录：仍不予公开。下次评估审查期限已顺延。")
                    return redirect("inspection:withheld_review", item.pk)
                if problem:
                    messages.warning(
                        request, f"已生成主动公开版本（草稿），但尚不能提交审核：{problem}"
                    )
                else:
                    messages.success(request, "已生成主动公开版本，并提交审核流程。")
                return redirect("publishing:item_detail", review.draft_id)
        status = 400
    return render(
        request,
        "inspection/duties/withheld_review.html",
        {
            "agency": item.agency,
            "item": item,
            "row": row,
            "reviews": item.withheld_reviews.select_related("reviewed_by", "draft"),
            "can_act": can_act,
            "form": form,
            "today": today,
        },
        status=status,
    )


# --- 规范性文件的有效性 -------------------------------------------------------------------------


@login_required
def validity_list(request):
    agency = _agency(request)
    today = timezone.localdate()
    view = request.GET.get("view", "flagged")
    rows = selectors.validity_rows(agency, today, flagged_only=view != "all")
    return render(
        request,
        "inspection/duties/validity_list.html",
        {
            "agency": agency,
            "rows": rows,
            "view": view,
            "today": today,
            "can_act": selectors.may_act(request.user, agency),
        },
    )


@login_required
def validity_update(request, pk):
    item = _item(request, pk, selectors.policy_items_all())
    today = timezone.localdate()
    can_act = selectors.may_act(request.user, item.agency)
    flag = selectors.validity_row(item, today).flag
    initial = {
        "validity": item.validity,
        "valid_until": item.valid_until,
        "repealed_date": item.repealed_date,
        "replaced_by": item.replaced_by_id,
    }
    form = ValidityForm(initial=initial, item=item)
    status = 200
    if request.method == "POST":
        if not can_act:
            raise PermissionDenied
        form = ValidityForm(request.POST, item=item)
        if form.is_valid():
            try:
                services.validity_update(item=item, by=request.user, data=form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            except PermissionDenied:
                raise
            else:
                messages.success(request, "有效性已更新，已记入办理记录；年度报告表二随之统计。")
                return redirect("publishing:item_detail", item.pk)
        status = 400
    return render(
        request,
        "inspection/duties/validity_update.html",
        {
            "agency": item.agency,
            "item": item,
            "flag": flag,
            "can_act": can_act,
            "form": form,
            "events": item.events.filter(action="validity").select_related("actor"),
        },
        status=status,
    )
