"""Who may see and handle applications. Applicants' data: the agency's handlers only."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.org.models import ADMIN_ROLES, Membership, Role
from gongkai.org.selectors import supervised_agency_ids

from .models import Application

HANDLER_ROLES = {Role.DISCLOSURE_OFFICE}


def _roles(user, agency) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def _is_admin(user) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role__in=ADMIN_ROLES).exists()
    )


def can_handle(user, agency) -> bool:
    """The disclosure office (公开办) registers, handles and answers its agency's applications."""
    return not _is_admin(user) and bool(_roles(user, agency) & HANDLER_ROLES)


def is_handling_unit_member(user, application: Application) -> bool:
    if application.unit_id is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, agency=application.agency, unit=application.unit
    ).exists()


def applications_visible_to(user, *, supervised: bool = True) -> QuerySet[Application]:
    """The handlers' agencies; for the head of a disclosure office, its agency (extensions and
    sign-offs are theirs); answers in review for whoever may sign a step of them; applications
    assigned to a unit the user belongs to; and, read-only, those of the agencies a 上级督查
    supervises (left out with ``supervised=False``: the workbench's own tasks)."""
    from django.db.models import F, Q

    from .choices import Status
    from .models import AnswerStep

    if not user.is_authenticated or _is_admin(user):
        return Application.objects.none()
    memberships = Membership.objects.filter(user=user)
    handler_agencies = memberships.filter(role__in=HANDLER_ROLES).values_list("agency", flat=True)
    units = memberships.exclude(unit=None).values_list("unit", flat=True)
    headed = memberships.filter(
        role=Role.UNIT_HEAD, unit_id=F("agency__disclosure_office_id")
    ).values_list("agency", flat=True)
    signing = memberships.filter(role__in=AnswerStep.Role.values).values_list("agency", flat=True)
    return Application.objects.filter(
        Q(agency__in=handler_agencies)
        | Q(agency__in=headed)
        | Q(agency__in=signing, status=Status.ANSWER_REVIEW)
        | Q(unit__in=units)
        | (Q(agency__in=supervised_agency_ids(user)) if supervised else Q(pk__in=[]))
    )


def is_supervising_only(user, application: Application) -> bool:
    """A 上级督查 reading a subordinate's application: read-only, the applicant masked, no
    letters (they carry the applicant's name and address)."""
    return application.agency_id in supervised_agency_ids(user) and not (
        can_handle(user, application.agency)
        or is_handling_unit_member(user, application)
        or is_office_head(user, application.agency)
        or _roles(user, application.agency) & set(_answer_roles())
    )


def _answer_roles() -> list[str]:
    from .models import AnswerStep

    return list(AnswerStep.Role.values)


def can_see_personal_data(user, application: Application) -> bool:
    return can_handle(user, application.agency)


# --- The answer's review chain (答复审核) -------------------------------------------------------


def office_head_ids(agency) -> set[int]:
    """The head of the 政府信息公开工作机构: the 股室负责人 of the agency's disclosure office unit
    (第三十三条第二款 names them for extensions; they sign answers off)."""
    if agency.disclosure_office_id is None:
        return set()
    return set(
        Membership.objects.filter(
            agency=agency,
            unit_id=agency.disclosure_office_id,
            role=Role.UNIT_HEAD,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def is_office_head(user, agency) -> bool:
    return user.is_authenticated and not _is_admin(user) and user.pk in office_head_ids(agency)


def answer_step_holders(agency, role: str) -> set[int]:
    """Who may sign an answer step of ``role`` in ``agency`` (never the three administrators)."""
    from .models import AnswerStep

    if role == AnswerStep.Role.OFFICE_HEAD:
        holders = office_head_ids(agency)
    else:
        holders = set(
            Membership.objects.filter(agency=agency, role=role, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
    admins = set(Membership.objects.filter(role__in=ADMIN_ROLES).values_list("user_id", flat=True))
    return holders - admins


def answer_chain(agency) -> list:
    from .models import AnswerStep

    return list(AnswerStep.objects.filter(agency=agency).order_by("order"))


def current_answer_step(application: Application):
    from .choices import Status
    from .models import AnswerStep

    if application.status != Status.ANSWER_REVIEW or application.answer_step is None:
        return None
    return AnswerStep.objects.filter(
        agency=application.agency, order=application.answer_step
    ).first()


def answer_signers(application: Application) -> dict[int, str]:
    """Who drafted or signed a step of the answer now in review (user id → what they did)."""
    from .models import ApplicationEvent

    Kind = ApplicationEvent.Kind
    signed: dict[int, str] = {}
    rows = application.events.filter(
        kind__in=[Kind.ANSWER_DRAFTED, Kind.ANSWER_APPROVED, Kind.ANSWER_RETURNED]
    ).order_by("-date", "-at", "-id")
    for kind, actor_id, target in rows.values_list("kind", "actor_id", "target"):
        if kind == Kind.ANSWER_RETURNED:
            break
        if kind == Kind.ANSWER_DRAFTED:
            signed.setdefault(actor_id, "拟定答复")
            break
        signed.setdefault(actor_id, target)
    return signed


def answer_step_refusal(user, application: Application) -> str | None:
    """Why ``user`` may not sign the answer's current step, or None if they may."""
    step = current_answer_step(application)
    if step is None:
        return "该申请没有待审核的答复。"
    if not user.is_authenticated or _is_admin(user):
        return "系统管理员、安全管理员、审计管理员不能审核答复（三员分立）。"
    if user.pk not in answer_step_holders(application.agency, step.role):
        return f"“{step.name}”环节须由{step.get_role_display()}办理。"
    done = answer_signers(application).get(user.pk)
    if done == "拟定答复":
        return "不能审核本人拟定的答复。"
    if done:
        return f"您已签署本答复的“{done}”环节；同一答复的各环节须由不同人员办理。"
    return None


def can_sign_answer(user, application: Application) -> bool:
    return answer_step_refusal(user, application) is None


def promised_files_missing(application) -> bool:
    """The answer says the information goes with it (“见附件”, “随本告知书…”) while nothing is
    under 公开的文件 yet: the signer is told before signing it off (it cannot be uploaded once
    answered)."""
    how = str((application.basis_facts or {}).get("how", ""))
    promised = "附件" in how or "随本告知书" in how
    return promised and not application.files.exists()
