"""互动交流 on the workbench: messages to assign, answer and sign off; 建议提案 to answer and
publish; messages unanswered for more than 3 months (检查指标 单项否决)."""

from datetime import date

from django.urls import reverse

from gongkai.org import oversight
from gongkai.publishing.selectors import can_draft
from gongkai.workbench.registry import Task, register

from . import rules, selectors
from .choices import OPEN_MESSAGE_STATES, MessageStatus, ProposalStatus
from .models import Message, Proposal

KIND = "互动交流"


def _url(message) -> str:
    return reverse("interaction:message_detail", args=[message.pk])


@register
def interaction_tasks(user, agency, today: date):
    if not user.is_authenticated or selectors.is_admin(user):
        return []
    tasks = []
    visible = selectors.messages_visible_to(user).select_related("agency", "unit")
    for message in visible.filter(
        status__in=[MessageStatus.RECEIVED, MessageStatus.ASSIGNED, MessageStatus.ANSWER_REVIEW]
    ):
        title = f"留言 {message.number}：{message.title}"
        late = ""
        if message.is_valid and rules.unanswered_too_long(message.received_date, today):
            late = "；超过3个月未答复（政府网站检查指标单项否决）"
        if message.status == MessageStatus.RECEIVED and selectors.can_manage(user, message.agency):
            tasks.append(Task(title, _url(message), KIND, message.due_date, "待交办" + late))
        elif message.status == MessageStatus.ASSIGNED and selectors.in_unit(user, message.unit_id):
            tasks.append(
                Task(
                    title,
                    _url(message),
                    KIND,
                    message.due_date,
                    f"待{message.unit.name}答复" + late,
                )
            )
        elif message.status == MessageStatus.ANSWER_REVIEW and selectors.can_review(user, message):
            tasks.append(Task(title, _url(message), KIND, message.due_date, "答复待审核" + late))
        elif (
            message.status == MessageStatus.ASSIGNED
            and message.due_date
            and message.due_date < today
            and selectors.can_manage(user, message.agency)
        ):
            unit = message.unit.name if message.unit_id else "承办股室"
            tasks.append(
                Task(
                    title, _url(message), KIND, message.due_date, f"已超期，请督促{unit}答复" + late
                )
            )
    for proposal in selectors.proposals_visible_to(user).select_related("agency", "lead_unit"):
        url = reverse("interaction:proposal_detail", args=[proposal.pk])
        if proposal.status == ProposalStatus.IN_PROGRESS and selectors.can_answer_proposal(
            user, proposal
        ):
            tasks.append(
                Task(f"答复{proposal}", url, "建议提案", proposal.due_date, proposal.title)
            )
        elif (
            proposal.status == ProposalStatus.ANSWERED
            and proposal.item_id is None
            and selectors.can_manage(user, proposal.agency)
            and can_draft(user, proposal.agency)
        ):
            tasks.append(
                Task(f"公开{proposal}的答复", url, "建议提案", None, "在“建议提案办理”栏目发布")
            )
    return tasks


@oversight.register
def overdue_interaction(agency_ids: set[int], today: date):
    """Valid 留言 past their channel's limit and 建议提案 past their reply date, unanswered."""
    messages = (
        Message.objects.filter(
            agency_id__in=agency_ids,
            is_valid=True,
            status__in=OPEN_MESSAGE_STATES,
            due_date__lt=today,
        )
        .order_by("due_date", "pk")
        .only("pk", "agency_id", "number", "due_date", "status", "received_date")
    )
    for message in messages:
        note = "超过答复时限"
        if rules.unanswered_too_long(message.received_date, today):
            note += "；超过3个月未答复（政府网站检查指标单项否决）"
        yield oversight.Overdue(
            message.agency_id,
            "互动交流",
            f"留言 {message.number}（{message.get_status_display()}）",
            _url(message),
            message.due_date,
            note,
        )
    proposals = Proposal.objects.filter(
        agency_id__in=agency_ids, status=ProposalStatus.IN_PROGRESS, due_date__lt=today
    ).order_by("due_date", "pk")
    for proposal in proposals:
        yield oversight.Overdue(
            proposal.agency_id,
            "互动交流",
            f"{proposal.year}年第{proposal.number}号{proposal.get_kind_display()}：{proposal.title}",
            reverse("interaction:proposal_detail", args=[proposal.pk]),
            proposal.due_date,
            "超过答复期限",
        )


@oversight.register_access(
    "interaction:message_list",
    "interaction:message_detail",
    "interaction:proposal_list",
    "interaction:proposal_detail",
)
def opens_registers(user, agency) -> bool:
    """The registers open to those who read them in full or through their units."""
    from .views import working_agencies

    return working_agencies(user).filter(pk=agency.pk).exists()


@oversight.register_figures
def interaction_figures(agency, year: int):
    url = reverse("interaction:message_list") + f"?agency={agency.code}"
    received = Message.objects.filter(agency=agency, is_valid=True, received_date__year=year)
    yield oversight.Figure("互动交流", f"{year}年受理留言", received.count(), url)
    yield oversight.Figure(
        "互动交流",
        "其中已办结",
        received.filter(status=MessageStatus.ANSWERED).count(),
        url,
    )
    yield oversight.Figure(
        "互动交流",
        f"{year}年建议提案",
        Proposal.objects.filter(agency=agency, year=year).count(),
        reverse("interaction:proposal_list") + f"?agency={agency.code}",
    )
