"""Staff pages of 行政复议、行政诉讼 (表四): all of an agency's cases, registering one about a
published item or about neither an item nor an application, and recording outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.core.forms import errors_to_form
from gongkai.workbench.context import current_agency

from . import appeals, forms, selectors


@login_required
def appeal_list(request):
    """依申请公开 › 行政复议、行政诉讼: the agency's cases, and the form for those not about an
    application (those are registered on the application's page)."""
    agency = current_agency(request)
    if agency is None or not selectors.can_handle(request.user, agency):
        raise PermissionDenied
    form = forms.OtherAppealForm(request.POST or None, prefix="case")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            about_item = data["about"] == form.ABOUT_ITEM
            try:
                appeal = appeals.appeal_record(
                    agency=agency,
                    by=request.user,
                    item=appeals.item_find(agency, data["item_ref"]) if about_item else None,
                    subject="" if about_item else data["subject"],
                    **{name: data[name] for name in appeals.CASE_FIELDS},
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, f"已登记{appeal.get_kind_display()}：{appeal.about}。")
                return redirect("applications:appeals")
    page = Paginator(appeals.appeals_of(agency), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/appeals.html",
        {"agency": agency, "page": page, "form": form, "query": ""},
        status=status,
    )


@login_required
def appeal_edit(request, pk):
    """Record a case's outcome (or correct its details)."""
    appeal = get_object_or_404(appeals.appeals_visible_to(request.user), pk=pk)
    if not selectors.can_handle(request.user, appeal.agency):
        raise PermissionDenied
    form = forms.AppealEditForm(request.POST or None, instance=appeal)
    if request.method == "POST" and form.is_valid():
        try:
            appeals.appeal_update(appeal=appeal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "已更新复议/诉讼结果。")
            if appeal.application_id:
                return redirect("applications:detail", appeal.application_id)
            return redirect("applications:appeals")
    return render(request, "applications/appeal_form.html", {"form": form, "appeal": appeal})
