"""依申请公开 over JSON, for provincial 政务服务平台 that forward applications (server to server).

- ``POST /api/v1/applications``: the same fields and the same Chinese messages as the portal's
  form (validated through the same form class); 201 with 申请编号 and 查询码, 200 with the same
  body when a ``submission_key`` is sent again with the same application (a retry), 409 when the
  key was used for a different one, 400 ``{"errors": {field: [messages]}}``, 404 for an unknown
  agency, 429 after ``GONGKAI_APPLICATION_RATE`` submissions from one address in an hour.
  No cookie authentication, so no CSRF check (django-ninja only checks CSRF for cookie auth).
- ``GET /api/v1/applications/{number}?code=…``: progress as the tracking page shows it; a wrong
  number or code is the same 404, and wrong guesses are limited per address.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from . import public, services
from .choices import Channel
from .models import Application

router = Router(tags=["依申请公开"])


class ApplicationIn(Schema):
    """Every field is optional here so that a missing one gets the form's Chinese message."""

    model_config = ConfigDict(coerce_numbers_to_str=True)

    agency: str = ""
    submission_key: str = ""
    channel: str = Channel.PLATFORM
    channel_reference: str = ""
    applicant_type: str | None = None
    name: str | None = None
    contact_person: str | None = None
    id_type: str | None = None
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    postcode: str | None = None
    description: str | None = None
    purpose: str | None = None
    form_wanted: str | None = None
    delivery: str | None = None


class SubmittedOut(Schema):
    number: str
    code: str
    status: str
    status_label: str


class ErrorsOut(Schema):
    errors: dict[str, list[str]]


class DetailOut(Schema):
    detail: str


class TimelineOut(Schema):
    date: date
    event: str


class LetterOut(Schema):
    title: str
    number: str
    created: date
    pdf_url: str | None
    docx_url: str | None


class FileOut(Schema):
    name: str
    type: str
    size: int
    url: str


class NoticeOut(Schema):
    date: date
    about: str
    channel: str
    recipient: str
    sent: bool
    outcome: str
    text: str


class ProgressOut(Schema):
    number: str
    agency: str
    applicant: str
    status: str
    status_label: str
    status_explained: str
    submitted_date: date
    received_date: date | None
    due_date: date | None
    answered_date: date | None
    result: str
    timeline: list[TimelineOut]
    letters: list[LetterOut]
    files: list[FileOut]
    notices: list[NoticeOut]


#: Channels a platform may declare; the default is 政务服务平台转来.
API_CHANNELS = {Channel.PLATFORM, Channel.ONLINE}
#: What must agree for a repeated submission_key to count as the same application.
SAME_APPLICATION = ("name", "id_number", "description")


def _submitted(application: Application, code: str) -> dict:
    return {
        "number": application.number,
        "code": code,
        "status": application.status,
        "status_label": application.get_status_display(),
    }


@router.post(
    "",
    response={
        200: SubmittedOut,
        201: SubmittedOut,
        400: ErrorsOut,
        404: DetailOut,
        409: DetailOut,
        429: DetailOut,
    },
    summary="提交政府信息公开申请（政务服务平台转来）",
    description="字段与网上申请表相同；校验失败返回 400 和逐项的中文提示。"
    "同一 submission_key 重复提交同一申请返回 200 和原申请编号、查询码。"
    "每个来源地址每小时最多提交 GONGKAI_APPLICATION_RATE 次，超过返回 429。",
)
def submit(request, payload: ApplicationIn):
    if not payload.agency.strip():
        return Status(400, {"errors": {"agency": ["请填写受理机关代码。"]}})
    agency = public.agency_accepting(payload.agency.strip())
    if agency is None:
        return Status(404, {"detail": "未找到该机关。"})
    form = public.OnlineApplicantForm(payload.model_dump())
    valid = form.is_valid()
    key = payload.submission_key.strip()[:64]
    if key:
        existing = Application.objects.filter(agency=agency, submission_key=key).first()
        if existing is not None:
            data = form.cleaned_data if valid else {}
            if data and all(
                str(data.get(field, "")) == getattr(existing, field) for field in SAME_APPLICATION
            ):
                code = services.query_code_for(f"{agency.pk}:{key}")
                if services.code_matches(existing, code):  # unless staff have reset it since
                    return Status(200, _submitted(existing, code))
                return Status(409, {"detail": "该申请的查询码已由受理机关重新设置。"})
            return Status(409, {"detail": "该提交标识（submission_key）已用于另一份申请。"})
    if not public.submission_allowed(request, scope="api"):
        return Status(429, {"detail": "提交过于频繁，请一小时后再试。"})
    errors = form.error_lists()
    if payload.channel not in API_CHANNELS:
        errors["channel"] = ["申请方式应为 platform（政务服务平台转来）或 online（网上申请）。"]
    if errors:
        return Status(400, {"errors": errors})
    try:
        application, code, created = services.application_submit(
            agency=agency,
            data=form.applicant_data(),
            submission_key=key,
            channel=payload.channel,
            channel_reference=payload.channel_reference[:60],
        )
    except ValidationError as error:
        return Status(400, {"errors": error.message_dict})
    return Status(201 if created else 200, _submitted(application, code))


@router.get(
    "/{number}",
    response={200: ProgressOut, 404: DetailOut, 429: DetailOut},
    summary="查询申请办理情况",
    description="凭申请编号和查询码查询；编号或查询码错误一律返回 404。"
    "告知书和公开文件的下载地址在一小时内有效。",
)
def progress(request, number: str, code: str = ""):
    if public.guesses_exhausted(request):
        return Status(429, {"detail": public.TOO_MANY_GUESSES})
    application = public.application_for_code(number, code)
    if application is None:
        public.guess_failed(request)
        return Status(404, {"detail": public.WRONG_NUMBER_OR_CODE})
    view = public.tracking_view(application)
    view["timeline"] = [{"date": e.date, "event": e.event} for e in view["timeline"]]
    return Status(200, view)
