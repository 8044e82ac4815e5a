"""`gongkai demo`'s 依申请公开: every state, channel, applicant type and result, built once.

The demo takes a while (its letters are real DOCX and PDF files), so it is built once for the
module, in a transaction rolled back at the end; each test runs in a savepoint inside it.
"""

import re
from collections import Counter, defaultdict
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from gongkai.applications import basis, services
from gongkai.applications.choices import (
    CLOSED,
    AppealKind,
    AppealOutcome,
    ApplicantType,
    Channel,
    Result,
    Status,
)
from gongkai.applications.models import (
    Appeal,
    Application,
    ApplicationEvent,
    Fee,
    Letter,
)
from gongkai.audit.models import AuditEvent
from gongkai.core.models import SerialCounter
from gongkai.core.serials import serial_last
from gongkai.demo.applications import demo_today, history_year
from gongkai.workdays.services import add_working_days

pytestmark = pytest.mark.django_db

Kind = ApplicationEvent.Kind
CLOSING = {Kind.ANSWERED, Kind.ABANDONED, Kind.WITHDRAWN}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def today(demo):
    return demo_today()


def snapshot():
    rows = {}
    for model in (Application, ApplicationEvent, Letter, Fee, Appeal, SerialCounter):
        rows[model._meta.label] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
        )
    return rows


def test_every_state_channel_applicant_type_and_result(demo):
    assert "依申请公开演示数据已就绪" in demo
    applications = Application.objects.all()
    assert 40 <= applications.count() <= 70
    assert {"SX120", "SX000"} == set(applications.values_list("agency__code", flat=True))
    assert set(applications.values_list("status", flat=True)) == set(Status.values)
    assert set(applications.values_list("channel", flat=True)) == set(Channel.values)
    assert set(applications.values_list("applicant_type", flat=True)) == set(ApplicantType.values)
    closed = applications.filter(status__in=CLOSED)
    assert set(closed.values_list("result", flat=True)) == set(Result.values)
    in_progress = applications.filter(status=Status.IN_PROGRESS, agency__code="SX120")
    assert {"运输股", "建设股", "路政股"} <= set(in_progress.values_list("unit__name", flat=True))


def test_every_closed_application_has_exactly_one_result(demo):
    for application in Application.objects.all():
        closing = application.events.filter(kind__in=CLOSING)
        if application.is_closed:
            assert application.result in Result.values, application.number
            assert application.answered_date >= application.received_date, application.number
            assert closing.count() == 1, application.number
            assert closing.get().date == application.answered_date, application.number
        else:
            assert application.answered_date is None, application.number
            assert not closing.exists(), application.number
    awaiting = Application.objects.filter(status=Status.AWAITING_CONFIRMATION)
    assert awaiting.exists() and not awaiting.exclude(received_date=None).exists()
    assert not Application.objects.exclude(status=Status.AWAITING_CONFIRMATION).filter(
        received_date=None
    )


def test_history_spans_two_years_and_a_year_end(demo, today):
    year = history_year(today)
    received = Application.objects.exclude(received_date=None)
    years = Counter(received.values_list("received_date__year", flat=True))
    assert years[year - 1] >= 10 and years[year] >= 10
    assert received.filter(
        received_date__year=year - 1, answered_date__year=year, agency__code="SX120"
    ).exists()
    answered = received.filter(events__kind=Kind.ANSWERED)
    for application in answered:  # answered in time
        assert application.answered_date <= application.due_date, application.number
    # Each ledger reads in order, day by day, and nothing in it lies in the future.
    now = timezone.now()
    for application in Application.objects.prefetch_related("events"):
        events = sorted(application.events.all(), key=lambda e: (e.at, e.id))
        assert [e.date for e in events] == sorted(e.date for e in events), application.number
        for event in events:
            assert timezone.localtime(event.at).date() == event.date, application.number
            assert event.at <= now
        submitted = timezone.localtime(application.submitted_at).date()
        assert submitted == events[0].date
        assert application.received_date is None or application.received_date >= submitted


def test_some_open_work_is_overdue_and_some_due_soon(demo, today):
    open_ = Application.objects.exclude(status__in=CLOSED)
    assert open_.filter(due_date__lt=today).count() >= 3
    assert open_.filter(due_date__gte=today, due_date__lte=add_working_days(today, 3)).exists()
    assert open_.filter(due_date__lt=today, agency__code="SX000").exists()
    for application in Application.objects.exclude(received_date=None):
        deadline = services.deadline_of(application, today=today)
        assert application.due_date == deadline.due, application.number
        assert application.due_date is None or application.due_date <= date(today.year, 12, 31)
    # Nothing still waiting for the applicant has lapsed: the lapse job would close nothing.
    assert services.close_all_lapsed(today=today) == 0


def test_lapses_fees_and_appeals(demo):
    for result in (Result.OTHER_NO_SUPPLEMENT, Result.OTHER_UNPAID):
        lapsed = Application.objects.filter(result=result)
        assert lapsed.exists()
        for application in lapsed:
            assert application.events.filter(kind=Kind.ABANDONED, actor=None).exists()
    fees = Fee.objects.select_related("application")
    assert {Fee.Method.BY_COUNT, Fee.Method.BY_VOLUME} == set(fees.values_list("method", flat=True))
    for method in Fee.Method.values:
        assert fees.filter(method=method, paid_date__isnull=False).exists()
        assert fees.filter(method=method, paid_date__isnull=True).exists()
    for fee in fees.filter(method=Fee.Method.BY_COUNT):  # the n-th application of that month
        application = fee.application
        month = Application.objects.filter(
            agency=application.agency,
            id_number=application.id_number,
            received_date__year=application.received_date.year,
            received_date__month=application.received_date.month,
            received_date__lte=application.received_date,
        )
        assert month.count() >= fee.position_in_month > 10
    assert fees.filter(application__status=Status.FEE_PENDING).exists()
    appeals = Appeal.objects.select_related("application")
    assert set(appeals.values_list("kind", flat=True)) == set(AppealKind.values)
    assert set(appeals.values_list("outcome", flat=True)) == set(AppealOutcome.values)
    for appeal in appeals:
        assert appeal.filed_date > appeal.application.answered_date
        if appeal.outcome == AppealOutcome.PENDING:
            assert appeal.outcome_date is None
        else:
            assert appeal.outcome_date > appeal.filed_date


def test_answers_are_signed_off_by_someone_else(demo):
    answered = ApplicationEvent.objects.filter(kind__in=[Kind.ANSWERED, Kind.ANSWER_RETURNED])
    assert answered.filter(kind=Kind.ANSWER_RETURNED).exists()
    for event in answered.select_related("application"):
        drafted = (
            event.application.events.filter(kind=Kind.ANSWER_DRAFTED, at__lte=event.at)
            .order_by("at", "id")
            .last()
        )
        assert drafted is not None and drafted.actor_id != event.actor_id


def test_letters_go_with_their_steps(demo):
    for application in Application.objects.exclude(received_date=None):
        kinds = Counter(application.letters.values_list("kind", flat=True))
        assert kinds[Letter.Kind.RECEIPT] == 1, application.number
        assert kinds[Letter.Kind.ANSWER] == (
            1 if application.events.filter(kind__in=[Kind.ANSWERED, Kind.ABANDONED]) else 0
        ), application.number
        for letter in application.letters.all():
            assert letter.docx and application.number in letter.body
            assert timezone.localtime(letter.created_at).date() >= application.received_date
    assert Letter.objects.filter(kind=Letter.Kind.CONSULTATION, for_applicant=False).exists()
    assert set(Letter.Kind.values) == set(Letter.objects.values_list("kind", flat=True))


def test_letters_cite_each_answers_basis_and_bear_their_steps_date(demo):
    numbers = Counter(Letter.objects.values_list("number", flat=True))
    assert not [number for number, n in numbers.items() if n > 1 or not number]
    for letter in Letter.objects.select_related("application"):
        application = letter.application
        assert re.fullmatch(r"示县(交|政)依..?〔20\d\d〕[1-9]\d*号", letter.number), letter.number
        assert str(letter.date.year) in letter.number
        if letter.kind == Letter.Kind.RECEIPT:
            assert letter.date == application.received_date, application.number
        if letter.kind == Letter.Kind.ANSWER:
            assert letter.date == application.answered_date, application.number
            # Every demo answer states the facts its basis needs (strict, as when drafted).
            found = basis.answer_basis(
                application.result, application.basis_option, application.basis_facts
            )
            assert found.text in letter.body, application.number
            body = "示例市人民政府" if application.agency.code == "SX000" else "示例县人民政府"
            assert f"六十日内向{body}申请行政复议" in letter.body
    answers = Letter.objects.filter(kind=Letter.Kind.ANSWER)
    publication = answers.get(application__result=Result.NOT_PROCESSED_PUBLICATION)
    assert "第三十九条第二款" in publication.body and "第三十六条" not in publication.body
    confirm = answers.get(application__result=Result.NOT_PROCESSED_CONFIRM)
    assert "第三十九条" not in confirm.body
    assert {"published", "provided", "other_agency", "withdrawn", "unpaid"} <= set(
        Application.objects.values_list("basis_option", flat=True)
    )


def test_numbers_rise_with_dates(demo):
    serials = defaultdict(list)
    for application in Application.objects.order_by("submitted_at", "id"):
        agency, year, serial = application.number.split("-")
        assert agency == application.agency.code
        assert int(year) == timezone.localtime(application.submitted_at).year
        serials[(agency, int(year))].append(int(serial))
    for (agency, year), run in serials.items():
        assert run == list(range(1, len(run) + 1)), (agency, year)
        agency_id = Application.objects.filter(number__startswith=f"{agency}-").values_list(
            "agency_id", flat=True
        )[0]
        assert serial_last(f"application:{agency_id}", year) == len(run)


def test_running_demo_again_changes_nothing(demo):
    before, audit = snapshot(), AuditEvent.objects.count()
    out = StringIO()
    call_command("demo", stdout=out)
    assert "依申请公开演示数据已存在，未重复创建" in out.getvalue()
    assert snapshot() == before
    assert AuditEvent.objects.count() == audit


def test_the_nightly_lapse_right_after_the_demo_changes_nothing(demo):
    """Every case the demo let lapse was closed by its own steps: `gongkai applications lapse`
    run right after `make demo` finds nothing."""
    before = snapshot()
    out = StringIO()
    lapsing = [
        a.number
        for a in Application.objects.filter(status__in=[Status.SUPPLEMENT, Status.FEE_PENDING])
        if (services.deadline_of(a) or services.clock.Deadline(None)).abandoned
    ]
    assert lapsing == []
    call_command("applications", "lapse", stdout=out)
    assert "已办结逾期申请 0 件" in out.getvalue()
    assert snapshot() == before


def test_every_state_was_reached_through_the_steps_that_lead_there(demo):
    """已送达 and 已归档 come from the office's 登记送达 and 归档 after the head's sign-off, and every
    answer went through 保密审查 by someone other than the drafter and the signer."""
    for application in Application.objects.filter(status__in=[Status.DELIVERED, Status.ARCHIVED]):
        kinds = list(application.events.order_by("date", "at", "id").values_list("kind", flat=True))
        before = Kind.WITHDRAWN if Kind.WITHDRAWN in kinds else Kind.DELIVERED
        assert before in kinds, application.number
        if before == Kind.DELIVERED:
            closing = Kind.ANSWERED if Kind.ANSWERED in kinds else Kind.ABANDONED
            assert kinds.index(Kind.DELIVERED) > kinds.index(closing), application.number
        if application.status == Status.ARCHIVED:
            assert kinds.index(Kind.ARCHIVED) > kinds.index(before), application.number
    for signed in ApplicationEvent.objects.filter(kind=Kind.ANSWERED).exclude(actor=None):
        rows = signed.application.events.filter(
            kind__in=[Kind.ANSWER_DRAFTED, Kind.ANSWER_APPROVED], at__lte=signed.at
        ).order_by("-at", "-id")
        approved = rows.filter(kind=Kind.ANSWER_APPROVED).first()
        drafted = rows.filter(kind=Kind.ANSWER_DRAFTED).first()
        assert approved is not None and approved.target == "保密审查", signed.application.number
        assert len({signed.actor_id, approved.actor_id, drafted.actor_id}) == 3
