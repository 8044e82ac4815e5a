"""What the applicant sees and does without an account (网上申请 and 申请查询), shared by the
public pages (public_views.py) and the JSON API (api.py).

- One validation for every channel: ``OnlineApplicantForm`` is ``ApplicantForm`` plus the service's
  own rules (``services._check_applicant``), so the form and the API give the same messages.
- Floods: every submission attempt counts against ``GONGKAI_APPLICATION_RATE`` per address per
  hour; wrong 查询码 guesses count against ``TRACK_GUESSES_PER_HOUR``. Counters, the challenge and
  the submission key are ``gongkai.core.guard``'s, shared with every public form.
- The 查询码 is never stored or put in a URL: after it has been checked once, links carry a signed,
  short-lived token bound to the code's hash, so resetting the code revokes them.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from gongkai.core import guard
from gongkai.org.models import Agency

from . import clock, identity, notices, services
from .choices import CLOSED, ApplicantType, Result, Status
from .forms import ApplicantForm
from .models import AnswerFile, Application, ApplicationEvent, Letter

Kind = ApplicationEvent.Kind

#: Wrong 申请编号/查询码 pairs allowed per address per hour before queries are refused.
TRACK_GUESSES_PER_HOUR = 20
#: How long a signed link (tracking result, downloads) stays valid after the code was checked.
TRACK_TOKEN_SECONDS = 3600
#: How long the confirmation page shows the 查询码 after submission.
CONFIRMATION_SECONDS = 30 * 60

WRONG_NUMBER_OR_CODE = "申请编号或查询码不正确。"
TOO_MANY_SUBMISSIONS = "提交过于频繁，请一小时后再试。您填写的内容已保留。"
TOO_MANY_GUESSES = "查询次数过多，请一小时后再试。"


def agency_accepting(code: str) -> Agency | None:
    """An active agency takes applications (the same agencies the portal lists)."""
    return Agency.objects.filter(is_active=True, code=code or "").first()


# --- Validation, shared by the form and the API --------------------------------------------


class OnlineApplicantForm(ApplicantForm):
    """ApplicantForm plus the rules ``application_submit`` enforces, as field errors."""

    required_css_class = "required"

    def clean(self):
        cleaned = super().clean()
        data = {name: cleaned.get(name, "") for name in services.APPLICANT_FIELDS}
        for field, message in services._check_applicant(data).items():
            if field not in self.errors:
                self.add_error(field if field in self.fields else None, message)
        if "id_number" in cleaned and "id_number" not in self.errors:
            cleaned["id_number"] = data["id_number"]  # normalised (half-width, upper case)
        return cleaned

    def applicant_data(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in services.APPLICANT_FIELDS}

    def error_lists(self) -> dict[str, list[str]]:
        return {field: list(messages) for field, messages in self.errors.items()}


# --- Rate limits (gongkai.core.guard: counted in the shared cache) ------------------------------


def submission_allowed(request, scope: str = "submit") -> bool:
    return guard.rate_hit(request, f"apply:{scope}", settings.GONGKAI_APPLICATION_RATE)


def guesses_exhausted(request) -> bool:
    return guard.rate_exhausted(request, "apply:track", TRACK_GUESSES_PER_HOUR)


def guess_failed(request) -> None:
    guard.rate_hit(request, "apply:track", TRACK_GUESSES_PER_HOUR)


def form_purpose(agency: Agency) -> str:
    """What the application form's challenge is bound to."""
    return f"apply:{agency.code}"


# --- Signed links after the code was checked -------------------------------------------------


def _code_binding(application: Application) -> str:
    """Ties a link to the current code without revealing anything about it: the code hash is an
    unkeyed digest of 8 digits, so even part of it in a URL could be brute-forced."""
    return salted_hmac("gongkai.applications.track", application.code_hash).hexdigest()[:16]


def track_token(application: Application) -> str:
    return signing.dumps(
        [application.pk, _code_binding(application)], salt="gongkai.applications.track"
    )


def application_for_token(number: str, token: str) -> Application | None:
    """The application a tracking link was issued for, while the link is fresh and the code
    unchanged; None otherwise."""
    try:
        pk, binding = signing.loads(
            token or "", salt="gongkai.applications.track", max_age=TRACK_TOKEN_SECONDS
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    application = Application.objects.select_related("agency").filter(pk=pk, number=number).first()
    if application is None or not hmac.compare_digest(_code_binding(application), str(binding)):
        return None
    return application


def application_for_code(number: str, code: str) -> Application | None:
    application = (
        Application.objects.select_related("agency").filter(number=normalise_number(number)).first()
    )
    if application is None or not services.code_matches(application, code or ""):
        return None
    return application


def normalise_number(number: str) -> str:
    """An 申请编号 as typed: full-width letters, digits and dashes (ＳＸ１２０－…) made half-width,
    spaces dropped, upper case."""
    import unicodedata

    return unicodedata.normalize("NFKC", number or "").strip().upper().replace(" ", "")


# --- What the applicant may see -------------------------------------------------------------

#: Status in plain words, with what happens next.
STATUS_EXPLAINED = {
    Status.AWAITING_CONFIRMATION: "申请已提交，等待工作人员确认收到。确认收到之日为收到申请之日，"
    "答复期限自该日起计算（条例第三十一条）。",
    Status.REGISTERED: "申请已受理，正在安排办理。",
    Status.IN_PROGRESS: "申请正在办理中。",
    Status.SUPPLEMENT: "申请内容需要补正，请按补正告知书的要求在期限内补正；"
    "补正期间不计入答复期限（条例第三十条）。",
    Status.CONSULTING: "正在征求第三方或其他机关的意见，所需时间不计入答复期限（条例第三十二条、第三十四条）。",
    Status.FEE_PENDING: "需要缴纳信息处理费，请按收费通知书办理；缴费前不计入答复期限。",
    Status.ANSWER_REVIEW: "答复正在审核，即将作出。",
    Status.ANSWERED: "已作出答复，请下载答复告知书。",
    Status.DELIVERED: "答复已送达。",
    Status.ARCHIVED: "申请已办结。",
    Status.WITHDRAWN: "申请人已撤回申请，本申请不再办理。",
}

#: The events an applicant sees, in plain words. Staff names, notes, third parties, internal
#: steps (交办, 拟稿, 退回, 查看个人信息, 重置查询码) are never shown.
PUBLIC_EVENTS = {
    Kind.SUBMITTED: "提交申请",
    Kind.REGISTERED: "登记受理",
    Kind.CONFIRMED: "确认收到申请",
    Kind.SUPPLEMENT_REQUESTED: "告知补正",
    Kind.SUPPLEMENT_RECEIVED: "收到补正",
    Kind.CONSULT_SENT: "征求意见（期间不计入答复期限）",
    Kind.CONSULT_ANSWERED: "征求意见结束",
    Kind.EXTENSION: "延长答复期限",
    Kind.REASONS_REQUESTED: "要求说明理由（条例第三十五条）",
    Kind.REASONS_RECEIVED: "收到您说明的理由",
    Kind.LATER_DEADLINE: "确定延迟答复期限（条例第三十五条）",
    Kind.SPLIT: "按“一事一申请”原则计算件数",
    Kind.FEE_NOTICE: "发出信息处理费收费通知",
    Kind.FEE_NOTICE_RECEIVED: "收费通知送达",
    Kind.FEE_PAID: "缴纳信息处理费",
    Kind.ANSWERED: "作出答复",
    Kind.DELIVERED: "送达答复",
    Kind.ARCHIVED: "归档",
    Kind.WITHDRAWN: "申请人撤回申请",
    Kind.ABANDONED: "视为放弃申请/不再处理",
}

#: The disclosed files become visible once the answer is signed off, never before.
ANSWERED_STATES = frozenset({Status.ANSWERED, Status.DELIVERED, Status.ARCHIVED})


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    event: str


def public_timeline(application: Application) -> list[TimelineEntry]:
    entries = []
    for row in application.events.order_by("date", "at", "id"):
        label = PUBLIC_EVENTS.get(row.kind)
        if label is None:
            continue
        if row.kind == Kind.SUPPLEMENT_REQUESTED and row.end_date:
            label += f"（补正期限：{row.end_date:%Y-%m-%d}）"
        elif row.kind == Kind.EXTENSION and row.days:
            label += f"{row.days}个工作日"
        elif row.kind == Kind.LATER_DEADLINE and row.end_date:
            label += f"：{row.end_date:%Y-%m-%d}"
        elif row.kind == Kind.REASONS_REQUESTED and row.end_date:
            label += f"（请于{row.end_date:%Y-%m-%d}前说明）"
        elif row.kind == Kind.SPLIT and row.days:
            label += f"：计为{row.days}件"
        entries.append(TimelineEntry(row.date, label))
    return entries


def result_label(application: Application) -> str:
    """The result without the annual report's numbering: "予以公开", "不予公开 1.属于国家秘密"."""
    if not application.result or application.status not in CLOSED:
        return ""
    return re.sub(r"^（[一二三四五六]）", "", Result(application.result).label)


def applicant_letters(application: Application):
    return application.letters.filter(for_applicant=True).order_by("created_at", "id")


def applicant_files(application: Application):
    if (
        application.status not in ANSWERED_STATES
        or not application.events.filter(kind=Kind.ANSWERED).exists()
    ):
        return AnswerFile.objects.none()
    return application.files.order_by("uploaded_at", "id")


def masked_applicant(application: Application) -> str:
    if application.applicant_type == ApplicantType.NATURAL:
        return identity.mask_name(application.name)
    return application.name


def letter_url(letter: Letter, fmt: str, token: str) -> str:
    path = reverse("apply:letter", args=[letter.application.number, letter.pk, fmt])
    return f"{path}?t={token}"


def file_url(answer_file: AnswerFile, token: str) -> str:
    path = reverse("apply:file", args=[answer_file.application.number, answer_file.pk])
    return f"{path}?t={token}"


def tracking_view(application: Application) -> dict:
    """Everything the tracking page and the API show, and nothing more."""
    token = track_token(application)
    deadline = services.deadline_of(application) if not application.is_closed else None
    letters = [
        {
            "title": letter.title,
            "number": letter.number,
            "created": letter.date,  # the date the letter bears (its step's), not when it was made
            "pdf_url": letter_url(letter, "pdf", token) if letter.pdf else None,
            "docx_url": letter_url(letter, "docx", token) if letter.docx else None,
        }
        for letter in applicant_letters(application).select_related("application")
    ]
    files = [
        {
            "name": f.original_name,
            "type": f.file_type,
            "size": f.size,
            "url": file_url(f, token),
        }
        for f in applicant_files(application).select_related("application")
    ]
    return {
        "number": application.number,
        "agency": application.agency.name,
        "applicant": masked_applicant(application),
        "channel": application.get_channel_display(),
        "submitted_date": timezone.localtime(application.submitted_at).date(),
        "status": application.status,
        "status_label": application.get_status_display(),
        "status_explained": STATUS_EXPLAINED.get(application.status, ""),
        "received_date": application.received_date,
        "due_date": deadline.due if deadline else None,
        "due_unknown": (
            clock.due_words(deadline, kind="" if services.clock_events(application) else "receipt")
            if deadline and deadline.due is None
            else ""
        ),
        "clock_running": bool(deadline and deadline.running),
        "answered_date": application.answered_date,
        "result": result_label(application),
        "description": application.description,
        "timeline": public_timeline(application),
        "letters": letters,
        "files": files,
        "notices": notices.public_notices(application),
        "can_withdraw": not application.is_closed,
        "token": token,
    }


class OnlineApplicationForm(guard.GuardedFormMixin, OnlineApplicantForm):
    """The portal's form: the applicant's fields, the submission key (a double submit carries
    the same key, so it gives the same application), the challenge (bound to this agency's form,
    single use) and a honeypot (hidden by apply.css)."""

    GROUPS = [
        (
            "申请人信息",
            [
                "applicant_type",
                "name",
                "contact_person",
                "id_type",
                "id_number",
                "phone",
                "email",
                "address",
                "postcode",
            ],
        ),
        ("所需信息", ["description", "purpose"]),
        ("获取方式", ["form_wanted", "delivery"]),
    ]

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, purpose=form_purpose(agency), **kwargs)
        self.fields["applicant_type"].choices = [
            (ApplicantType.NATURAL.value, ApplicantType.NATURAL.label),
            (
                "法人或其他组织",
                [(t.value, t.label) for t in ApplicantType if t != ApplicantType.NATURAL],
            ),
        ]
        autocomplete = {
            "name": "name",
            "phone": "tel",
            "email": "email",
            "address": "street-address",
            "postcode": "postal-code",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["phone"].widget.input_type = "tel"
        for name in ("id_type", "form_wanted", "delivery"):  # a choice, not a default
            field = self.fields[name]
            field.choices = [("", "请选择"), *field.choices]

    def groups(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]


class TrackForm(forms.Form):
    """申请编号 + 查询码; a wrong pair gets one message that does not say which was wrong."""

    required_css_class = "required"

    number = forms.CharField(
        label="申请编号",
        max_length=30,
        error_messages={"required": "请填写申请编号。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label="查询码",
        max_length=20,
        error_messages={"required": "请填写查询码。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ApplicantWithdrawForm(forms.Form):
    required_css_class = "required"

    code = forms.CharField(
        label="请再次输入查询码以确认撤回",
        max_length=20,
        error_messages={"required": "请填写查询码。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label="撤回理由（选填）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
