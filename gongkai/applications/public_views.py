"""The applicant's pages: 网上申请 (form, confirmation) and 申请查询 (progress, letters, disclosed
files, withdrawal). Never cached: they carry a CSRF token or one applicant's data."""

from __future__ import annotations

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core import guard

from . import public, services
from .choices import Channel
from .models import Application

#: The session remembers which application was just submitted, not its code: the code is derived
#: again from the submission key, and shown only for CONFIRMATION_SECONDS.
DONE_SESSION_KEY = "gongkai_apply_done"


def _agency_or_404(code):
    agency = public.agency_accepting(code)
    if agency is None:
        raise Http404
    return agency


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _form_page(request, agency, form, *, status=200, notice=""):
    return _private(
        render(
            request,
            "applications/public/apply.html",
            {"agency": agency, "form": form, "notice": notice},
            status=status,
        )
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply_form(request, code):
    """依申请公开: the guidance and the online form (条例第二十七条、第二十九条)."""
    agency = _agency_or_404(code)
    if request.method != "POST":
        return _form_page(request, agency, public.OnlineApplicationForm(agency=agency))
    outcome = guard.submit_guarded(
        request,
        form_class=public.OnlineApplicationForm,
        form_kwargs={"agency": agency},
        existing=lambda key: Application.objects.filter(agency=agency, submission_key=key).first(),
        allowed=public.submission_allowed,
        create=lambda form, key: services.application_submit(
            agency=agency, data=form.applicant_data(), submission_key=key, channel=Channel.ONLINE
        )[0],
        too_many=public.TOO_MANY_SUBMISSIONS,
    )
    if outcome.record is not None:
        return _done_redirect(request, outcome.record)
    return _form_page(request, agency, outcome.form, status=outcome.status, notice=outcome.notice)


def _done_redirect(request, application):
    request.session[DONE_SESSION_KEY] = {"pk": application.pk, "at": time.time()}
    return redirect("apply:done", application.agency.code)


@never_cache
@require_GET
def apply_done(request, code):
    """申请编号 and 查询码, right after submission (POST/redirect/GET), for a short while only."""
    agency = _agency_or_404(code)
    remembered = request.session.get(DONE_SESSION_KEY) or {}
    application = query_code = None
    if time.time() - remembered.get("at", 0) < public.CONFIRMATION_SECONDS:
        application = Application.objects.filter(pk=remembered.get("pk"), agency=agency).first()
    if application is not None:
        candidate = services.query_code_for(f"{agency.pk}:{application.submission_key}")
        if services.code_matches(application, candidate):  # not reset by staff since
            query_code = candidate
    return _private(
        render(
            request,
            "applications/public/done.html",
            {"agency": agency, "application": application, "query_code": query_code},
        )
    )


def _result_url(application, token=None) -> str:
    path = reverse("apply:result", args=[application.number])
    return f"{path}?{urlencode({'t': token or public.track_token(application)})}"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """申请查询: 申请编号 + 查询码 → the result page, through a signed link (the code stays out
    of addresses and logs). Wrong pairs are counted per address."""
    status, error = 200, ""
    if request.method == "POST":
        form = public.TrackForm(request.POST)
        if public.guesses_exhausted(request):
            status, error = 429, public.TOO_MANY_GUESSES
        elif form.is_valid():
            application = public.application_for_code(
                form.cleaned_data["number"], form.cleaned_data["code"]
            )
            if application is not None:
                return redirect(_result_url(application))
            public.guess_failed(request)
            status, error = 400, public.WRONG_NUMBER_OR_CODE
        else:
            status = 400
    else:
        form = public.TrackForm(
            initial={"number": public.normalise_number(request.GET.get("number", ""))}
        )
    return _private(
        render(
            request,
            "applications/public/track.html",
            {"form": form, "error": error},
            status=status,
        )
    )


def _expired(request, number):
    messages.info(request, "查询页面已过期，请重新输入申请编号和查询码。")
    return redirect(f"{reverse('apply:track')}?{urlencode({'number': number})}")


def _result_page(request, application, *, withdraw_form=None, status=200, error=""):
    view = public.tracking_view(application)
    return _private(
        render(
            request,
            "applications/public/result.html",
            {
                "agency": application.agency,
                "view": view,
                "withdraw_form": withdraw_form or public.ApplicantWithdrawForm(),
                "error": error,
            },
            status=status,
        )
    )


@never_cache
@require_GET
def result(request, number):
    application = public.application_for_token(number, request.GET.get("t", ""))
    if application is None:
        return _expired(request, number)
    return _result_page(request, application)


@never_cache
@require_POST
def withdraw(request, number):
    """第三十条 does not bind the applicant: withdrawing ends the application (表三 其他处理 3)."""
    application = public.application_for_token(number, request.POST.get("t", ""))
    if application is None:
        return _expired(request, number)
    form = public.ApplicantWithdrawForm(request.POST)
    if public.guesses_exhausted(request):
        return _result_page(
            request, application, withdraw_form=form, status=429, error=public.TOO_MANY_GUESSES
        )
    if not form.is_valid():
        return _result_page(request, application, withdraw_form=form, status=400)
    if not services.code_matches(application, form.cleaned_data["code"]):
        public.guess_failed(request)
        form.add_error("code", "查询码不正确。")
        return _result_page(request, application, withdraw_form=form, status=400)
    try:
        services.application_withdraw(
            application=application, by=None, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "您已撤回本申请，本机关将不再办理。")
    return redirect(_result_url(application))


def _download(field, filename):
    response = FileResponse(field.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


@never_cache
@require_GET
def letter(request, number, pk, fmt):
    application = public.application_for_token(number, request.GET.get("t", ""))
    if application is None or fmt not in ("pdf", "docx"):
        raise Http404
    found = public.applicant_letters(application).filter(pk=pk).first()
    field = getattr(found, fmt, None) if found else None
    if not field:
        raise Http404
    return _download(field, f"{application.number}-{found.title}.{fmt}")


@never_cache
@require_GET
def answer_file(request, number, pk):
    application = public.application_for_token(number, request.GET.get("t", ""))
    if application is None:
        raise Http404
    found = public.applicant_files(application).filter(pk=pk).first()
    if found is None:
        raise Http404
    return _download(found.file, found.original_name)
