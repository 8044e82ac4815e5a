"""Who may see and do what in 互动交流, and the figures. Views ask here; services check again.

- The disclosure office (公开办) registers, assigns, reviews, publishes and keeps 建议提案 and 舆情.
- 分管领导 / 主要领导 see their agency's messages and may sign answers off.
- A unit's people see and answer the messages and 建议提案 assigned to their unit; its head may
  sign its answers off.
- 上级督查 read their subordinate agencies' registers and figures, masked, and act on nothing.
- The three administrators (三员) see none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.org.models import ADMIN_ROLES, Agency, Membership, Role
from gongkai.org.selectors import supervised_agency_ids
from gongkai.workdays.rules import CalendarNotCovered, WorkCalendar

from . import rules
from .choices import OPEN_MESSAGE_STATES, Channel, MessageStatus, ProposalKind, ProposalStatus
from .models import Message, MessageEvent, OpinionEvent, Proposal

OFFICE_ROLES = frozenset({Role.DISCLOSURE_OFFICE})
LEADER_ROLES = frozenset({Role.DEPUTY_LEADER, Role.PRINCIPAL_LEADER})
OVERSEER_ROLES = OFFICE_ROLES | LEADER_ROLES


def _memberships(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user))


def is_admin(user) -> bool:
    return any(m.role in ADMIN_ROLES for m in _memberships(user))


def _roles_in(user, agency_id: int) -> set[str]:
    if is_admin(user):
        return set()
    return {m.role for m in _memberships(user) if m.agency_id == agency_id}


def _unit_ids(user) -> set[int]:
    if is_admin(user):
        return set()
    return {m.unit_id for m in _memberships(user) if m.unit_id}


def _agencies_with(user, roles) -> set[int]:
    if is_admin(user):
        return set()
    return {m.agency_id for m in _memberships(user) if m.role in roles}


def can_manage(user, agency) -> bool:
    """公开办: registers, assigns, marks invalid, publishes; keeps 建议提案 and 舆情."""
    return bool(_roles_in(user, agency.pk) & OFFICE_ROLES)


def readable_agency_ids(user) -> set[int]:
    """Agencies whose whole register ``user`` may read."""
    if not user.is_authenticated or is_admin(user):
        return set()
    return _agencies_with(user, OVERSEER_ROLES) | supervised_agency_ids(user)


def readable_agencies(user) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=readable_agency_ids(user), is_active=True)


# --- Messages ------------------------------------------------------------------------------


def messages_visible_to(user) -> QuerySet[Message]:
    if not user.is_authenticated or is_admin(user):
        return Message.objects.none()
    return Message.objects.filter(
        Q(agency_id__in=readable_agency_ids(user)) | Q(unit_id__in=_unit_ids(user))
    )


def in_unit(user, unit_id) -> bool:
    return unit_id is not None and unit_id in _unit_ids(user)


def can_answer(user, message: Message) -> bool:
    """The assigned unit's people, or the office itself."""
    return can_manage(user, message.agency) or in_unit(user, message.unit_id)


def answer_author_id(message: Message) -> int | None:
    drafted = message.events.filter(kind=MessageEvent.Kind.ANSWER_DRAFTED).order_by("at", "id")
    last = drafted.last()
    return last.actor_id if last else None


def review_refusal(user, message: Message) -> str | None:
    """Why ``user`` may not sign this answer off, or None."""
    if message.status != MessageStatus.ANSWER_REVIEW:
        return "该留言没有待审核的答复。"
    if is_admin(user):
        return "系统管理员、安全管理员、审计管理员不能审核答复（三员分立）。"
    if answer_author_id(message) == user.pk:
        return "不能审核本人拟定的答复。"
    roles = _roles_in(user, message.agency_id)
    if roles & OVERSEER_ROLES:
        return None
    if any(
        m.role == Role.UNIT_HEAD and m.unit_id == message.unit_id and m.unit_id
        for m in _memberships(user)
    ):
        return None
    return "答复须由公开办、分管领导、主要领导或承办股室负责人审核。"


def can_review(user, message: Message) -> bool:
    return review_refusal(user, message) is None


def can_see_personal_data(user, message: Message) -> bool:
    """The office, and the unit that must call the asker back."""
    return can_answer(user, message)


def is_read_only(user, agency) -> bool:
    return not _roles_in(user, agency.pk) and agency.pk in supervised_agency_ids(user)


# --- 建议提案 and 舆情 ------------------------------------------------------------------------


def proposals_visible_to(user) -> QuerySet[Proposal]:
    if not user.is_authenticated or is_admin(user):
        return Proposal.objects.none()
    units = _unit_ids(user)
    return Proposal.objects.filter(
        Q(agency_id__in=readable_agency_ids(user))
        | Q(lead_unit_id__in=units)
        | Q(assisting_units__in=units)
    ).distinct()


def can_answer_proposal(user, proposal: Proposal) -> bool:
    return can_manage(user, proposal.agency) or in_unit(user, proposal.lead_unit_id)


def opinions_visible_to(user) -> QuerySet[OpinionEvent]:
    if not user.is_authenticated or is_admin(user):
        return OpinionEvent.objects.none()
    return OpinionEvent.objects.filter(agency_id__in=readable_agency_ids(user))


def can_manage_opinions(user, agency) -> bool:
    """舆情 are kept by the office and the leaders who decide on the response."""
    return bool(_roles_in(user, agency.pk) & OVERSEER_ROLES)


# --- Figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelRow:
    label: str
    figures: rules.Figures


@dataclass(frozen=True)
class MessageReport:
    start: date
    end: date
    as_of: date
    rows: list[ChannelRow]
    total: rules.Figures
    calendar_problem: str


def _facts(messages) -> list[rules.MessageFacts]:
    return [
        rules.MessageFacts(
            received=m.received_date,
            valid=m.is_valid,
            due=m.due_date,
            answered=timezone.localtime(m.answered_at).date() if m.answered_at else None,
        )
        for m in messages
    ]


def message_report(
    agency_ids, start: date, end: date, cal: WorkCalendar, as_of: date | None = None
) -> MessageReport:
    """收到、办结、办结率、按期办结率、平均答复工作日 of the messages received from ``start`` to
    ``end``, per channel and in total, answered as at ``as_of`` (default: today)."""
    as_of = as_of or timezone.localdate()
    messages = list(
        Message.objects.filter(
            agency_id__in=list(agency_ids), received_date__gte=start, received_date__lte=end
        ).only("channel", "received_date", "is_valid", "due_date", "answered_at")
    )
    by_channel: dict[str, list] = {}
    for message in messages:
        by_channel.setdefault(message.channel, []).append(message)
    problem = ""
    try:
        total = rules.figures(_facts(messages), cal, as_of)
        used = cal
    except CalendarNotCovered as missing:
        problem = f"{missing.year}年节假日安排尚未录入，平均答复工作日无法计算。"
        used = None
        total = rules.figures(_facts(messages), used, as_of)
    rows = [
        ChannelRow(label, rules.figures(_facts(by_channel.get(value, [])), used, as_of))
        for value, label in Channel.choices
    ]
    return MessageReport(start, end, as_of, rows, total, problem)


def too_long_unanswered(agency_ids, today: date) -> QuerySet[Message]:
    """检查指标 单项否决: valid messages unanswered for more than 3 months."""
    limit = rules.add_months(today, -rules.UNANSWERED_WARNING_MONTHS)
    # received < limit is the same as today > received + 3 months except at month ends, where
    # add_months clamps; the rule decides each candidate.
    candidates = Message.objects.filter(
        agency_id__in=list(agency_ids),
        is_valid=True,
        status__in=list(OPEN_MESSAGE_STATES),
        received_date__lte=limit,
    ).select_related("agency", "unit")
    ids = [m.pk for m in candidates if rules.unanswered_too_long(m.received_date, today)]
    return Message.objects.filter(pk__in=ids).select_related("agency", "unit")


@dataclass(frozen=True)
class ProposalRow:
    label: str
    registered: int
    answered: int
    answered_on_time: int
    published: int


@dataclass(frozen=True)
class ProposalReport:
    year: int
    rows: list[ProposalRow]
    sentence: str


def proposal_report(agency_ids, year: int) -> ProposalReport:
    """Seed 000's figures: replies published in the 建议提案办理 column, by kind."""
    from gongkai.publishing.models import InformationItem

    published_items = InformationItem.objects.published()
    rows = []
    counts = {}
    for value, label in ProposalKind.choices:
        proposals = Proposal.objects.filter(agency_id__in=list(agency_ids), year=year, kind=value)
        answered = proposals.filter(status=ProposalStatus.ANSWERED)
        on_time = [p for p in answered.only("answered_date", "due_date") if p.answered_date]
        published = proposals.filter(item__in=published_items).count()
        counts[value] = published
        rows.append(
            ProposalRow(
                label,
                proposals.count(),
                answered.count(),
                sum(1 for p in on_time if p.answered_date <= p.due_date),
                published,
            )
        )
    sentence = rules.proposal_sentence(counts[ProposalKind.DEPUTY], counts[ProposalKind.MEMBER])
    return ProposalReport(year, rows, sentence)


def public_agency(code: str) -> Agency | None:
    return Agency.objects.filter(is_active=True, code=code or "").first()
