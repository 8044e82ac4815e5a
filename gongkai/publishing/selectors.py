"""Who may see and do what with information items. Views ask here; services check again."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.org.chains import StepNeed
from gongkai.org.models import ADMIN_ROLES, Membership, Role
from gongkai.org.selectors import roles_of, visible_agencies

from .models import InformationItem, ItemEvent, ReviewStep

DRAFTER_ROLES = {Role.INFO_OFFICER, Role.DISCLOSURE_OFFICE}


def items_visible_to(user) -> QuerySet[InformationItem]:
    """Items of the agencies the user belongs to or supervises; nothing else."""
    return InformationItem.objects.filter(agency__in=visible_agencies(user))


def _memberships(user, agency) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user, agency=agency))


def is_admin(user) -> bool:
    return bool(roles_of(user) & ADMIN_ROLES)


def can_draft(user, agency) -> bool:
    return not is_admin(user) and any(m.role in DRAFTER_ROLES for m in _memberships(user, agency))


def drafting_unit(user, agency):
    """The unit a drafter drafts for: their 信息员 membership's unit in that agency."""
    for m in _memberships(user, agency):
        if m.role in DRAFTER_ROLES and m.unit_id:
            return m.unit
    return None


def can_edit(user, item: InformationItem) -> bool:
    return item.is_editable and item.drafter_id == user.pk


def chain_of(agency) -> list[ReviewStep]:
    return list(ReviewStep.objects.filter(agency=agency).order_by("order"))


def current_step(item: InformationItem) -> ReviewStep | None:
    if item.status != InformationItem.Status.IN_REVIEW or item.current_step is None:
        return None
    return ReviewStep.objects.filter(agency=item.agency, order=item.current_step).first()


def signed_this_round(item: InformationItem) -> dict[int, str]:
    """Who signed which step since the item was last submitted (user id → step name)."""
    signed: dict[int, str] = {}
    events = item.events.filter(
        action__in=[ItemEvent.Action.SUBMITTED, ItemEvent.Action.APPROVED]
    ).order_by("-at", "-id")
    for action, actor_id, step_name in events.values_list("action", "actor_id", "step_name"):
        if action == ItemEvent.Action.SUBMITTED:
            break
        signed.setdefault(actor_id, step_name)
    return signed


def personal_data_confirmed(item: InformationItem) -> bool:
    """Whether the 保密审查 of this round (since the last submission) confirmed that the personal
    data in the item is to be disclosed."""
    last = (
        item.events.filter(
            action__in=[ItemEvent.Action.SUBMITTED, ItemEvent.Action.PERSONAL_DATA_CONFIRMED]
        )
        .order_by("-at", "-id")
        .values_list("action", flat=True)
        .first()
    )
    return last == ItemEvent.Action.PERSONAL_DATA_CONFIRMED


def step_refusal(user, item: InformationItem, step: ReviewStep | None) -> str | None:
    """Why ``user`` may not act on the item's current step, or None if they may."""
    if step is None:
        return "该信息当前不在审核环节。"
    if item.drafter_id == user.pk:
        return "不能审核本人拟稿的信息。"
    if is_admin(user):
        return "系统管理员、安全管理员、审计管理员不能审核或发布信息（三员分立）。"
    eligible = any(
        m.role == step.role and not (step.same_unit and item.unit_id and m.unit_id != item.unit_id)
        for m in _memberships(user, item.agency)
    )
    if not eligible:
        where = "拟稿股室的" if step.same_unit else ""
        return f"“{step.name}”环节须由{where}{step.get_role_display()}办理。"
    signed = signed_this_round(item).get(user.pk)
    if signed is not None:
        return f"您已签署本信息的“{signed}”环节；同一信息的各环节须由不同人员办理。"
    return None


def can_act(user, item: InformationItem) -> bool:
    return step_refusal(user, item, current_step(item)) is None


def can_manage_published(user, item: InformationItem) -> bool:
    """撤回 and 更正 of published items are the disclosure office's (公开办)."""
    if is_admin(user):
        return False
    return any(m.role == Role.DISCLOSURE_OFFICE for m in _memberships(user, item.agency))


def waiting_on(user) -> QuerySet[InformationItem]:
    """Items in review whose current step the user may act on (excluding their own drafts)."""
    if not user.is_authenticated or is_admin(user):
        return InformationItem.objects.none()
    ids = []
    memberships = list(Membership.objects.filter(user=user))
    agency_ids = {m.agency_id for m in memberships}
    steps = {(s.agency_id, s.order): s for s in ReviewStep.objects.filter(agency_id__in=agency_ids)}
    candidates = (
        InformationItem.objects.filter(
            agency_id__in=agency_ids, status=InformationItem.Status.IN_REVIEW
        )
        .exclude(drafter=user)
        .only("id", "agency_id", "unit_id", "current_step")
    )
    candidates = list(candidates)
    signed = _signed_by(user, [item.pk for item in candidates])
    for item in candidates:
        step = steps.get((item.agency_id, item.current_step))
        if step is None or item.pk in signed:
            continue
        for m in memberships:
            if m.agency_id == item.agency_id and m.role == step.role:
                if not step.same_unit or not item.unit_id or m.unit_id == item.unit_id:
                    ids.append(item.pk)
                    break
    return InformationItem.objects.filter(pk__in=ids)


def _signed_by(user, item_ids: list[int]) -> set[int]:
    """Of these items in review, those the user signed a step of since their last submission."""
    events = ItemEvent.objects.filter(
        item_id__in=item_ids,
        action__in=[ItemEvent.Action.SUBMITTED, ItemEvent.Action.APPROVED],
    ).order_by("at", "id")
    signed: set[int] = set()
    for item_id, action, actor_id in events.values_list("item_id", "action", "actor_id"):
        if action == ItemEvent.Action.SUBMITTED:
            signed.discard(item_id)
        elif actor_id == user.pk:
            signed.add(item_id)
    return signed


def chain_needs(agency, unit_id: int | None, steps: list | None = None) -> list[StepNeed]:
    """The agency's chain (or ``steps``: (name, role, same_unit) triples) as the people who may
    sign each step of an item drafted in ``unit_id``. The three administrators never sign."""
    if steps is None:
        steps = [(s.name, s.role, s.same_unit) for s in chain_of(agency)]
    admins = set(Membership.objects.filter(role__in=ADMIN_ROLES).values_list("user_id", flat=True))
    holders = [
        (m.user_id, m.role, m.unit_id)
        for m in Membership.objects.filter(agency=agency, user__is_active=True)
        if m.user_id not in admins
    ]
    return [
        StepNeed(
            name,
            frozenset(
                user
                for user, held, unit in holders
                if held == role and (not same_unit or not unit_id or unit == unit_id)
            ),
        )
        for name, role, same_unit in steps
    ]


def drafting_units(agency) -> set[int | None]:
    """The units items of the agency are drafted in (None: a drafter without a unit)."""
    return set(
        Membership.objects.filter(
            agency=agency, role__in=DRAFTER_ROLES, user__is_active=True
        ).values_list("unit_id", flat=True)
    )


def can_manage_catalogue(user, agency) -> bool:
    """The disclosure office (公开办) keeps its agency's catalogue."""
    if is_admin(user):
        return False
    return any(m.role == Role.DISCLOSURE_OFFICE for m in _memberships(user, agency))
