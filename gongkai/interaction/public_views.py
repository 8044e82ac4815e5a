"""互动交流 on the portal: the published questions and answers, and the message form.

Every list and detail reads ``Message.objects.published()`` and only the public copy of the texts
(``public_title``, ``public_content``, ``public_answer``); nothing here ever touches the asker's
name, telephone or e-mail. The form and its confirmation are never cached.
"""

from __future__ import annotations

import time
from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core import guard
from gongkai.org.models import Agency
from gongkai.workdays.services import get_calendar

from . import public, rules, selectors, services
from .choices import MessageKind
from .models import Message

DONE_SESSION_KEY = "gongkai_message_done"
CONFIRMATION_SECONDS = 30 * 60
PER_PAGE = 20


def _agency_or_404(code):
    agency = selectors.public_agency(code)
    if agency is None:
        raise Http404
    return agency


def _published(kind: str = ""):
    found = Message.objects.published().select_related("agency", "unit")
    if kind in MessageKind.values:
        found = found.filter(kind=kind)
    return found.order_by("-published_at", "-id")


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@require_GET
def platform_list(request):
    """互动交流 across the platform: every agency's published questions and answers."""
    kind = request.GET.get("kind", "")
    return render(
        request,
        "interaction/public/list.html",
        {
            "page": _page(request, _published(kind)),
            "kind": kind,
            "kinds": MessageKind.choices,
            "agencies": Agency.objects.filter(is_active=True).order_by("sort_order", "code"),
            "query": f"kind={kind}" if kind in MessageKind.values else "",
        },
    )


def public_figures(agency, year: int):
    """This year's counts for the public page: received, answered, 办结率 (no personal data)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return selectors.message_report([agency.pk], start, end, get_calendar()).total


@require_GET
def agency_list(request, code):
    agency = _agency_or_404(code)
    kind = request.GET.get("kind", "")
    year = timezone.localdate().year
    return render(
        request,
        "interaction/public/list.html",
        {
            "agency": agency,
            "page": _page(request, _published(kind).filter(agency=agency)),
            "kind": kind,
            "kinds": MessageKind.choices,
            "year": year,
            "figures": public_figures(agency, year),
            "query": f"kind={kind}" if kind in MessageKind.values else "",
        },
    )


@require_GET
def detail(request, code, pk):
    agency = _agency_or_404(code)
    message = _published().filter(agency=agency, pk=pk).first()
    if message is None:
        raise Http404
    return render(request, "interaction/public/detail.html", {"agency": agency, "message": message})


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _form_page(request, agency, form, *, status=200, notice=""):
    limit = services.answer_limit(agency, "website")
    return _private(
        render(
            request,
            "interaction/public/write.html",
            {"agency": agency, "form": form, "notice": notice, "limit": limit},
            status=status,
        )
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def write(request, code):
    """我要留言: 咨询、建议、投诉."""
    agency = _agency_or_404(code)
    if request.method != "POST":
        return _form_page(request, agency, public.MessageForm(agency=agency))
    outcome = guard.submit_guarded(
        request,
        form_class=public.MessageForm,
        form_kwargs={"agency": agency},
        existing=lambda key: Message.objects.filter(agency=agency, submission_key=key).first(),
        allowed=public.message_allowed,
        create=lambda form, key: services.message_submit(
            agency=agency, data=form.message_data(), submission_key=key
        )[0],
        too_many=public.TOO_MANY_MESSAGES,
    )
    if outcome.record is not None:
        return _done_redirect(request, outcome.record)
    return _form_page(request, agency, outcome.form, status=outcome.status, notice=outcome.notice)


def _done_redirect(request, message):
    request.session[DONE_SESSION_KEY] = {"pk": message.pk, "at": time.time()}
    return redirect("interaction_public:done", message.agency.code)


@never_cache
@require_GET
def done(request, code):
    """留言编号 and what happens next, right after submission, for a short while only."""
    agency = _agency_or_404(code)
    remembered = request.session.get(DONE_SESSION_KEY) or {}
    message = None
    if time.time() - remembered.get("at", 0) < CONFIRMATION_SECONDS:
        message = Message.objects.filter(pk=remembered.get("pk"), agency=agency).first()
    return _private(
        render(
            request,
            "interaction/public/done.html",
            {
                "agency": agency,
                "message": message,
                "too_long_months": rules.UNANSWERED_WARNING_MONTHS,
            },
        )
    )
