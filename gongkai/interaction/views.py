"""Staff pages of messages (留言): the register, each message with its actions, publication with
the scrubbed preview, and the figures per period."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import masks
from gongkai.core.forms import errors_to_form
from gongkai.org.models import Agency
from gongkai.workbench.context import chosen_agency, current_agency
from gongkai.workdays.rules import CalendarNotCovered, working_days_between
from gongkai.workdays.services import get_calendar

from . import forms, rules, scrub, selectors, services
from .choices import OPEN_MESSAGE_STATES, Channel, MessageKind, MessageStatus
from .models import Message

# --- Helpers shared by the staff pages --------------------------------------------------------


def masked(message: Message) -> dict:
    """How lists show the asker: 张*, 138****5678, z*******@example.com."""
    return {
        "name": masks.mask_name(message.asker_name),
        "phone": masks.mask_phone(message.asker_phone) if message.asker_phone else "",
        "email": masks.mask_email(message.asker_email) if message.asker_email else "",
    }


def working_agencies(user):
    """Agencies whose registers ``user`` may open: read in full, or through their units."""
    ids = selectors.readable_agency_ids(user)
    if not selectors.is_admin(user):
        ids |= set(user.memberships.exclude(unit=None).values_list("agency_id", flat=True))
    return Agency.objects.filter(pk__in=ids, is_active=True).order_by("sort_order", "code")


def left_days(due: date | None, today: date, cal) -> int | None:
    if due is None:
        return None
    try:
        return working_days_between(today, due, cal)
    except CalendarNotCovered:
        return None


# --- The register ---------------------------------------------------------------------------

VIEWS = {
    "": "全部",
    "received": "待交办",
    "open": "办理中",
    "review": "待审核",
    "overdue": "已超期",
    "too_long": "超3个月未答复",
    "answered": "已办结",
    "published": "已公开",
    "invalid": "无效留言",
}


@login_required
def message_list(request):
    allowed = working_agencies(request.user)
    agency = chosen_agency(request, allowed)
    found = selectors.messages_visible_to(request.user).select_related("agency", "unit")
    if agency is not None:
        found = found.filter(agency=agency)
    today = timezone.localdate()
    view = request.GET.get("view", "")
    if view == "received":
        found = found.filter(status=MessageStatus.RECEIVED)
    elif view == "open":
        found = found.filter(status__in=list(OPEN_MESSAGE_STATES))
    elif view == "review":
        found = found.filter(status=MessageStatus.ANSWER_REVIEW)
    elif view == "overdue":
        found = found.filter(status__in=list(OPEN_MESSAGE_STATES), due_date__lt=today)
    elif view == "too_long":
        ids = selectors.too_long_unanswered(
            found.values_list("agency_id", flat=True).distinct(), today
        ).values_list("pk", flat=True)
        found = found.filter(pk__in=list(ids))
    elif view == "answered":
        found = found.filter(status=MessageStatus.ANSWERED)
    elif view == "published":
        found = found.filter(is_published=True)
    elif view == "invalid":
        found = found.filter(status=MessageStatus.INVALID)
    channel = request.GET.get("channel", "")
    if channel in Channel.values:
        found = found.filter(channel=channel)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        found = found.filter(
            Q(number__icontains=q) | Q(title__icontains=q) | Q(channel_reference__icontains=q)
        )
    page = Paginator(found.order_by("-received_date", "-id"), 30).get_page(request.GET.get("page"))
    cal = get_calendar()
    rows = [
        (
            m,
            masked(m),
            left_days(m.due_date, today, cal) if m.is_open else None,
            scrub.scrub(m.title, services.scrub_names(m)),
        )
        for m in page
    ]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "interaction/message_list.html",
        {
            "page": page,
            "rows": rows,
            "view": view,
            "views": VIEWS,
            "channel": channel,
            "channels": Channel.choices,
            "q": q,
            "agency": agency,
            "agencies": allowed,
            "query": params.urlencode(),
            "can_register": agency is not None and selectors.can_manage(request.user, agency),
            "today": today,
            "full_reader": bool(selectors.readable_agency_ids(request.user)),
        },
    )


@login_required
def message_register(request):
    agency = current_agency(request)
    if agency is None or not selectors.can_manage(request.user, agency):
        raise PermissionDenied
    form = forms.MessageRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            message = services.message_register(
                agency=agency,
                by=request.user,
                data=data,
                channel=data["channel"],
                received=data["received"],
                channel_reference=data["channel_reference"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            flash.success(request, f"已登记留言 {message.number}。")
            return redirect("interaction:message_detail", message.pk)
    return render(request, "interaction/message_register.html", {"form": form, "agency": agency})


# --- One message ----------------------------------------------------------------------------


def _message(request, pk) -> Message:
    return get_object_or_404(
        selectors.messages_visible_to(request.user).select_related("agency", "unit"), pk=pk
    )


def _actions(user, message: Message) -> list[str]:
    """The actions ``user`` may take on ``message`` now."""
    names = []
    manager = selectors.can_manage(user, message.agency)
    if manager and message.status in (MessageStatus.RECEIVED, MessageStatus.ASSIGNED):
        names.append("assign")
    if message.status in (
        MessageStatus.RECEIVED,
        MessageStatus.ASSIGNED,
    ) and selectors.can_answer(user, message):
        names.append("answer")
    if manager and message.is_open:
        names.append("invalidate")
    if manager and message.is_published:
        names.append("unpublish")
    if manager and not message.wants_private and message.status != MessageStatus.INVALID:
        names.append("private")
    return names


ACTIONS = {
    "assign": (forms.AssignForm, "交办承办股室"),
    "answer": (forms.AnswerForm, "拟定答复"),
    "invalidate": (forms.InvalidForm, "认定无效留言"),
    "unpublish": (forms.ReasonForm, "撤回公开"),
    "private": (forms.ReasonForm, "按留言人要求不公开"),
}


def _form(name, message, data=None):
    form_class = ACTIONS[name][0]
    kwargs = {"prefix": name}
    if form_class is forms.AssignForm:
        kwargs["agency"] = message.agency
        kwargs["initial"] = {"unit": message.unit_id}
    if form_class is forms.AnswerForm and message.answer:
        kwargs["initial"] = {"text": message.answer}
    return form_class(data, **kwargs)


def _detail(request, message, *, status=200, bound=None):
    user = request.user
    allowed = selectors.can_see_personal_data(user, message)
    reveal = request.GET.get("reveal") == "1" and allowed
    if reveal:
        services.personal_data_viewed(message=message, by=user)
    action_forms = [
        (name, ACTIONS[name][1], bound if bound and bound.prefix == name else _form(name, message))
        for name in _actions(user, message)
    ]
    cal = get_calendar()
    today = timezone.localdate()
    # The asker's own words often carry a telephone or a name: shown scrubbed unless revealed.
    texts = (
        {"title": message.title, "content": message.content, "answer": message.answer}
        if reveal
        else services.scrubbed(message)
    )
    return render(
        request,
        "interaction/message_detail.html",
        {
            "message": message,
            "texts": texts,
            "masked": masked(message),
            "reveal": reveal,
            "can_reveal": allowed and not reveal,
            "events": message.events.select_related("actor"),
            "action_forms": action_forms,
            "can_review": selectors.can_review(user, message),
            "review_refusal": selectors.review_refusal(user, message)
            if message.status == MessageStatus.ANSWER_REVIEW
            else None,
            "review_form": bound
            if bound and bound.prefix == "review"
            else forms.ReviewForm(prefix="review"),
            "can_publish": selectors.can_manage(user, message.agency)
            and message.status == MessageStatus.ANSWERED
            and not message.wants_private,
            "left": left_days(message.due_date, today, cal) if message.is_open else None,
            "too_long": message.is_valid
            and message.is_open
            and rules.unanswered_too_long(message.received_date, today),
            "read_only": selectors.is_read_only(user, message.agency),
        },
        status=status,
    )


@login_required
def message_detail(request, pk):
    return _detail(request, _message(request, pk))


@login_required
@require_POST
def message_action(request, pk, name):
    message = _message(request, pk)
    if name not in ACTIONS:
        raise Http404
    form = _form(name, message, request.POST)
    if not form.is_valid():
        return _detail(request, message, status=400, bound=form)
    data = form.cleaned_data
    user = request.user
    try:
        if name == "assign":
            services.message_assign(
                message=message, by=user, unit=data["unit"], note=data.get("note", "")
            )
        elif name == "answer":
            services.message_draft_answer(message=message, by=user, text=data["text"])
        elif name == "invalidate":
            services.message_invalidate(
                message=message, by=user, reason=data["reason"], note=data.get("note", "")
            )
        elif name == "unpublish":
            services.message_unpublish(message=message, by=user, reason=data["reason"])
        elif name == "private":
            services.message_keep_private(message=message, by=user, note=data["reason"])
    except ValidationError as error:
        errors_to_form(form, error)
        return _detail(request, message, status=400, bound=form)
    except PermissionDenied as error:
        flash.error(request, str(error) or "无权办理。")
    else:
        flash.success(request, f"已{ACTIONS[name][1]}。")
    return redirect("interaction:message_detail", message.pk)


@login_required
@require_POST
def message_review(request, pk):
    message = _message(request, pk)
    form = forms.ReviewForm(request.POST, prefix="review")
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        services.message_review(
            message=message,
            by=request.user,
            approve=approve,
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as error:
        errors_to_form(form, error)
        return _detail(request, message, status=400, bound=form)
    except PermissionDenied as error:
        flash.error(request, str(error))
    else:
        flash.success(request, "答复已审核通过，留言已办结。" if approve else "已退回修改。")
    return redirect("interaction:message_detail", message.pk)


@login_required
def message_publish(request, pk):
    """公开: the office reads the automatic scrub, edits it, and publishes."""
    message = _message(request, pk)
    if not selectors.can_manage(request.user, message.agency):
        raise PermissionDenied
    proposal = services.scrubbed(message)
    initial = {
        "title": message.public_title or proposal["title"],
        "content": message.public_content or proposal["content"],
        "answer": message.public_answer or proposal["answer"],
    }
    form = forms.PublishForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_publish(message=message, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            except PermissionDenied as error:
                flash.error(request, str(error))
            else:
                flash.success(request, "问答已在网站公开。")
                return redirect("interaction:message_detail", message.pk)
        status = 400
    names, keep = services.scrub_names(message), services.scrub_keep(message)
    found = {
        label: scrub.findings(text, names, keep)
        for label, text in [
            ("标题", message.title),
            ("留言内容", message.content),
            ("答复内容", message.answer),
        ]
    }
    problems = services.publication_problems(message, *initial.values())
    return render(
        request,
        "interaction/message_publish.html",
        {
            "message": message,
            "form": form,
            "found": {label: items for label, items in found.items() if items},
            "blocking": [p for p in problems if "个人信息" not in p]
            if request.method == "GET"
            else [],
        },
        status=status,
    )


# --- Figures --------------------------------------------------------------------------------


def period_bounds(year: int, period: str) -> tuple[date, date]:
    if period.startswith("q") and period[1:] in {"1", "2", "3", "4"}:
        quarter = int(period[1:])
        start = date(year, quarter * 3 - 2, 1)
        return start, rules.add_months(start, 3) - timedelta(days=1)
    if period.startswith("m") and period[1:].isdigit() and 1 <= int(period[1:]) <= 12:
        start = date(year, int(period[1:]), 1)
        return start, rules.add_months(start, 1) - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)


@login_required
def figures(request):
    """收到、办结、办结率、按期办结率、平均答复工作日 per period; the 3-month warnings;
    建议提案 published by kind (seed 000: 31 + 16 = 47)."""
    allowed = selectors.readable_agencies(request.user).order_by("sort_order", "code")
    if not allowed.exists():
        raise PermissionDenied
    agency = chosen_agency(request, allowed)
    agency_ids = [agency.pk] if agency else list(allowed.values_list("pk", flat=True))
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year + 1)
    period = request.GET.get("period", "year")
    if period not in dict(forms.PERIODS):
        period = "year"
    start, end = period_bounds(year, period)
    report = selectors.message_report(agency_ids, start, end, get_calendar(), today)
    return render(
        request,
        "interaction/figures.html",
        {
            "agency": agency,
            "agencies": allowed,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "period": period,
            "periods": forms.PERIODS,
            "report": report,
            "warnings": selectors.too_long_unanswered(agency_ids, today),
            "proposals": selectors.proposal_report(agency_ids, year),
            "kinds": MessageKind.choices,
            "full_reader": True,
        },
    )
