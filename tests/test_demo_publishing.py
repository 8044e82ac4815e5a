"""`gongkai demo`'s 主动公开: every state of the chain filled, history believable, built once."""

import re
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.core.models import SerialCounter
from gongkai.demo.publishing import Ctx, demo_today
from gongkai.publishing import rules
from gongkai.publishing.choices import POLICY_KINDS, Disclosure, Validity
from gongkai.publishing.models import (
    Attachment,
    CatalogueEntry,
    InformationItem,
    ItemEvent,
    ItemVersion,
    ReviewStep,
)
from gongkai.workdays.services import add_working_days, get_calendar

pytestmark = pytest.mark.django_db

Status = InformationItem.Status
Action = ItemEvent.Action
INDEX = re.compile(r"^SX\d{3}-\d{4}-\d{4}-\d{5}$")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, built once for this module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def snapshot():
    rows = {}
    for model in (
        InformationItem,
        ItemEvent,
        ItemVersion,
        CatalogueEntry,
        ReviewStep,
        Attachment,
        SerialCounter,
    ):
        rows[model._meta.label] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
        )
    return rows


def test_demo_fills_every_state_and_every_step(demo):
    assert "主动公开演示数据已就绪" in demo
    items = InformationItem.objects.all()
    assert items.count() >= 250
    assert set(items.values_list("status", flat=True)) == set(Status.values)
    in_review = items.filter(agency__code="SX120", status=Status.IN_REVIEW)
    steps = dict(ReviewStep.objects.filter(agency__code="SX120").values_list("order", "name"))
    assert set(in_review.values_list("current_step", flat=True)) == set(steps)
    assert set(steps.values()) == {
        "股室负责人审核",
        "保密审查",
        "分管领导审核",
        "主要领导审批",
        "公开办发布",
    }
    returned = items.get(title="关于查处一起非法营运案件的情况通报")
    assert returned.events.filter(action=Action.RETURNED).exclude(comment="").exists()
    recorded = items.filter(status=Status.RECORDED)
    assert {Disclosure.ON_REQUEST, Disclosure.WITHHELD} <= set(
        recorded.values_list("disclosure", flat=True)
    )
    assert not recorded.filter(withhold_ground="").exists()
    assert not recorded.filter(withhold_explanation="").exists()
    withdrawn = items.get(status=Status.WITHDRAWN)
    assert withdrawn.withdraw_reason and withdrawn.index_number
    corrected = items.get(version=2)
    assert corrected.status == Status.PUBLISHED and corrected.versions.count() == 1
    redacted = items.get(disclosure=Disclosure.REDACTED, status=Status.PUBLISHED)
    assert redacted.redacted_body and "139" not in redacted.public_body


def test_every_agency_has_its_catalogue_and_chain(demo):
    for code in ("SX000", "SX120", "SX130", "SX140", "SX201"):
        assert CatalogueEntry.objects.filter(agency__code=code).count() >= 20, code
        assert ReviewStep.objects.filter(agency__code=code).count() == 5, code
        assert InformationItem.objects.filter(agency__code=code).count() >= 20, code
    assert InformationItem.objects.filter(agency__code="SX120").count() > 150


def test_published_items_have_unique_index_numbers_in_date_order(demo):
    published = InformationItem.objects.filter(index_number__isnull=False)
    numbers = list(published.values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers))
    serials = defaultdict(list)
    for item in published.order_by("published_at", "id"):
        assert INDEX.match(item.index_number), item.index_number
        agency, category, year, serial = item.index_number.split("-")
        assert agency == item.agency.code
        assert category == item.entry.code
        assert int(year) == timezone.localtime(item.published_at).year
        serials[(agency, category, year)].append(int(serial))
    for key, run in serials.items():
        assert run == sorted(run), key
    assert not InformationItem.objects.filter(
        status=Status.PUBLISHED, index_number__isnull=True
    ).exists()


def test_non_public_items_never_reach_the_public(demo):
    non_public = InformationItem.objects.filter(
        disclosure__in=[Disclosure.ON_REQUEST, Disclosure.WITHHELD]
    )
    assert non_public.count() >= 4
    assert not InformationItem.objects.published().filter(pk__in=non_public).exists()
    assert not non_public.filter(index_number__isnull=False).exists()
    public = InformationItem.objects.published()
    assert not public.filter(status=Status.WITHDRAWN).exists()
    assert public.count() >= 250


def test_some_work_is_overdue_and_some_due_soon(demo):
    today = demo_today(get_calendar())
    waiting = InformationItem.objects.exclude(
        status__in=[Status.PUBLISHED, Status.RECORDED, Status.WITHDRAWN]
    )
    assert waiting.filter(due_date__lt=today).count() >= 3
    assert waiting.filter(due_date__gte=today, due_date__lte=add_working_days(today, 3)).exists()
    assert waiting.filter(due_date__lt=today, status=Status.DRAFT).exists()
    assert waiting.filter(due_date__lt=today, status=Status.IN_REVIEW).exists()


def test_history_is_believable(demo):
    items = InformationItem.objects.select_related("entry")
    years = {item.published_at.year for item in items.filter(published_at__isnull=False)}
    history_ends = Ctx(get_calendar(), demo_today(get_calendar())).end  # a week before today
    assert {2023, 2024, 2025, history_ends.year} <= years
    for item in items.exclude(doc_number=""):
        number = rules.parse_doc_number(item.doc_number)
        assert number.prefix.startswith(item.agency.doc_prefix), item.doc_number
        assert number.year == item.written_date.year
    for item in items.filter(published_at__isnull=False):
        assert item.formed_date <= timezone.localtime(item.published_at).date(), item.title
        if item.written_date:
            assert item.written_date <= timezone.localtime(item.published_at).date()
    # Every policy document states its validity; some were repealed, one replaced.
    policies = items.filter(entry__kind__in=POLICY_KINDS)
    assert not policies.filter(validity="").exists()
    repealed = policies.filter(validity=Validity.REPEALED)
    assert repealed.exists() and not repealed.filter(repealed_date__isnull=True).exists()
    assert repealed.filter(replaced_by__isnull=False).exists()
    # 三同步: policies come with interpretations, and one or two still lack theirs.
    interpreted = policies.filter(needs_interpretation=True, interpretations__isnull=False)
    lacking = policies.filter(
        needs_interpretation=True, interpretations__isnull=True, status=Status.PUBLISHED
    )
    assert interpreted.count() >= 5
    assert 1 <= lacking.count() <= 2
    assert all(i.entry.kind == "interpretation" for i in items.filter(interprets__isnull=False))
    # The ledger of a historical item of 交通运输局: drafted, each step approved, published.
    item = items.filter(agency__code="SX120", status=Status.PUBLISHED, version=1).earliest(
        "published_at"
    )
    actions = list(item.events.values_list("action", "actor__username", "step_order"))
    assert actions[0] == (Action.CREATED, "xiaoli", None)
    assert actions[1] == (Action.SUBMITTED, "xiaoli", None)
    assert [a[1] for a in actions if a[0] == Action.APPROVED] == [
        "laowang",
        "laochen",
        "liufj",
        "zhoujz",
        "xiaolin",
    ]
    assert actions[-1] == (Action.PUBLISHED, "xiaolin", 5)
    moments = list(item.events.values_list("at", flat=True))
    assert moments == sorted(moments) and moments[-1] == item.published_at
    # Nothing in the ledger lies in the future.
    assert not ItemEvent.objects.filter(at__gt=timezone.now()).exists()
    assert Attachment.objects.filter(file_type="pdf").exists()
    assert Attachment.objects.filter(file_type="png").exists()
    magic = {"pdf": b"%PDF", "png": b"\x89PNG", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04"}
    for attachment in Attachment.objects.all():
        with attachment.file.open("rb") as f:
            assert f.read(4) == magic[attachment.file_type], attachment.original_name


def test_running_demo_twice_changes_no_publishing_row(demo):
    before, audit_count = snapshot(), AuditEvent.objects.count()
    out = StringIO()
    call_command("demo", stdout=out)
    assert "已存在，未重复创建" in out.getvalue()
    assert snapshot() == before
    # The figures printed are the final ones: the same as the first run's.
    figures = re.compile(r"主动公开演示数据[^：]*：(.*)")
    assert figures.search(out.getvalue()).group(1) == figures.search(demo).group(1)
    assert AuditEvent.objects.count() == audit_count


def test_demo_publishing_is_attributed_to_the_command(demo):
    created = AuditEvent.objects.filter(
        actor_name="命令:demo", action="create", object_type="publishing.informationitem"
    )
    assert created.count() == InformationItem.objects.count()


def test_nobody_signs_two_steps_of_one_item_in_the_demo(demo):
    """Every round of every item (annual reports and proposal replies included) was signed by
    different people, none of them the drafter."""
    signing = {ItemEvent.Action.APPROVED, ItemEvent.Action.PUBLISHED, ItemEvent.Action.RECORDED}
    for item in InformationItem.objects.prefetch_related("events"):
        signed: dict[int, str] = {}  # who signed which step in this round
        for event in sorted(item.events.all(), key=lambda e: (e.at, e.pk)):
            if event.action == ItemEvent.Action.SUBMITTED:
                signed = {}
            elif event.action in signing and event.step_name:
                step = signed.setdefault(event.actor_id, event.step_name)
                assert step == event.step_name, (item.title, step, event.step_name)
                assert event.actor_id != item.drafter_id, (item.title, event.step_name)
