"""Staff pages of 舆情: monitored events, their assessment, response and reporting upward."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.core.forms import errors_to_form
from gongkai.workbench.context import chosen_agency, current_agency

from . import forms, selectors, services
from .choices import OpinionStatus


@login_required
def opinion_list(request):
    allowed = selectors.readable_agencies(request.user).order_by("sort_order", "code")
    if not allowed.exists():
        raise PermissionDenied
    agency = chosen_agency(request, allowed)
    found = selectors.opinions_visible_to(request.user).select_related("agency", "unit")
    if agency is not None:
        found = found.filter(agency=agency)
    status = request.GET.get("status", "")
    if status in OpinionStatus.values:
        found = found.filter(status=status)
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "interaction/opinion_list.html",
        {
            "page": page,
            "agency": agency,
            "agencies": allowed,
            "status": status,
            "statuses": OpinionStatus.choices,
            "query": params.urlencode(),
            "can_register": agency is not None
            and selectors.can_manage_opinions(request.user, agency),
            "full_reader": True,
        },
    )


@login_required
def opinion_register(request):
    agency = current_agency(request)
    if agency is None or not selectors.can_manage_opinions(request.user, agency):
        raise PermissionDenied
    form = forms.OpinionForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            opinion = services.opinion_register(
                agency=agency, by=request.user, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            flash.success(request, "已登记舆情。")
            return redirect("interaction:opinion_detail", opinion.pk)
    return render(request, "interaction/opinion_form.html", {"form": form, "agency": agency})


@login_required
def opinion_detail(request, pk):
    opinion = get_object_or_404(
        selectors.opinions_visible_to(request.user).select_related("agency", "unit"), pk=pk
    )
    can_manage = selectors.can_manage_opinions(request.user, opinion.agency)
    form = None
    status = 200
    if can_manage:
        form = forms.OpinionForm(
            request.POST or None, instance=opinion, agency=opinion.agency, prefix="edit"
        )
        if request.method == "POST":
            if form.is_valid():
                data = dict(form.cleaned_data)
                opinion.refresh_from_db()
                try:
                    services.opinion_update(opinion=opinion, by=request.user, data=data)
                except ValidationError as error:
                    errors_to_form(form, error)
                else:
                    flash.success(request, "已保存。")
                    return redirect("interaction:opinion_detail", opinion.pk)
            status = 400
            opinion.refresh_from_db()
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "interaction/opinion_detail.html",
        {
            "opinion": opinion,
            "form": form,
            "log": opinion.log.select_related("actor"),
        },
        status=status,
    )
