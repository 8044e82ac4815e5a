"""行政复议、行政诉讼 (表四): cases about an application, a published item or neither, registered
and updated by the 公开办 on the application's page and on 依申请公开 › 行政复议、行政诉讼."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from gongkai.applications import services
from gongkai.applications.choices import Result
from gongkai.applications.models import Appeal
from gongkai.publishing import services as publishing
from tests.applications.conftest import zhang_san
from tests.conftest import person
from tests.publishing.conftest import walk_chain

pytestmark = pytest.mark.django_db

PAGE = "/staff/applications/appeals/"


@pytest.fixture
def xiaolin(chain_people):
    """公开办林晓 (the publishing chain's last step, and the office that handles applications)."""
    return chain_people["office"]


@pytest.fixture
def published(chain_people, draft_data):
    def make(title):
        item = publishing.item_create(
            agency=chain_people["office"].memberships.get().agency,
            by=chain_people["drafter"],
            data=draft_data(title=title),
        )
        return walk_chain(
            publishing.item_submit(item=item, by=chain_people["drafter"]), chain_people
        )

    return make


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def case(**fields) -> dict:
    data = {
        "about": "other",
        "item_ref": "",
        "subject": "",
        "kind": "review",
        "filed_date": "2026-11-02",
        "body": "示例县人民政府",
        "case_number": "",
        "outcome": "pending",
        "outcome_date": "",
        "note": "",
    }
    data.update(fields)
    return {f"case-{k}": v for k, v in data.items()}


def test_the_page_is_offered_on_the_register_and_lists_every_case(xiaolin, transport, published):
    client = client_for(xiaolin)
    assert PAGE in client.get("/staff/applications/").text
    application, _ = services.application_register(
        agency=transport,
        by=xiaolin,
        data=zhang_san(),
        channel="in_person",
        received=date(2026, 11, 2),
    )
    Appeal.objects.create(
        application=application, kind="review", filed_date=date(2026, 11, 20), body="示例县人民政府"
    )
    Appeal.objects.create(
        agency=transport,
        subject="未按时公布年度报告",
        kind="litigation_direct",
        filed_date=date(2026, 3, 2),
        body="示例县人民法院",
    )
    page = client.get(PAGE)
    assert page.status_code == 200
    assert f"依申请公开：申请 {application.number}" in page.text
    assert f"/staff/applications/{application.pk}/" in page.text
    assert "未按时公布年度报告" in page.text and "行政诉讼（未经复议直接起诉）" in page.text


def test_a_case_about_a_published_item_by_its_index_number_or_its_title(
    xiaolin, transport, published
):
    notice = published("关于2026年农村公路养护资金的通知")
    other = published("关于2026年客运班线调整的通知")
    client = client_for(xiaolin)
    by_number = client.post(PAGE, case(about="item", item_ref=notice.index_number))
    assert by_number.status_code == 302
    by_title = client.post(PAGE, case(about="item", item_ref="客运班线", kind="litigation_direct"))
    assert by_title.status_code == 302
    first, second = Appeal.objects.order_by("id")
    assert (first.item, first.agency, first.application) == (notice, transport, None)
    assert second.item == other and second.get_kind_display() == "行政诉讼（未经复议直接起诉）"
    assert f"主动公开：{notice.index_number} {notice.title}" in client.get(PAGE).text

    both = client.post(PAGE, case(about="item", item_ref="2026年"))
    assert both.status_code == 400
    assert "不止一条" in both.text and notice.index_number in both.text
    unknown = client.post(PAGE, case(about="item", item_ref="不存在的信息"))
    assert unknown.status_code == 400 and "没有索引号或标题" in unknown.text
    assert Appeal.objects.count() == 2


def test_a_case_about_neither_needs_its_subject(xiaolin, transport):
    client = client_for(xiaolin)
    missing = client.post(PAGE, case())
    assert missing.status_code == 400 and "请填写事由" in missing.text
    undated = client.post(PAGE, case(subject="未依法公开财政预算", outcome="upheld"))
    assert undated.status_code == 400 and "请填写审结日期" in undated.text
    ok = client.post(PAGE, case(subject="未依法公开财政预算"))
    assert ok.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.agency == transport and appeal.application is None and appeal.item is None
    assert appeal.about == "未依法公开财政预算"


def test_recording_the_outcome_of_a_case_about_neither(xiaolin, transport):
    appeal = Appeal.objects.create(
        agency=transport,
        subject="未依法公开财政预算",
        kind="review",
        filed_date=date(2026, 3, 2),
        body="示例县人民政府",
    )
    client = client_for(xiaolin)
    form = client.get(f"/staff/applications/appeals/{appeal.pk}/")
    assert form.status_code == 200 and "未依法公开财政预算" in form.text
    early = client.post(
        f"/staff/applications/appeals/{appeal.pk}/",
        {
            "subject": "未依法公开财政预算",
            "kind": "review",
            "filed_date": "2026-03-02",
            "body": "示例县人民政府",
            "outcome": "corrected",
            "outcome_date": "2026-03-01",
        },
    )
    assert early.status_code == 200 and "不能早于立案" in early.text
    done = client.post(
        f"/staff/applications/appeals/{appeal.pk}/",
        {
            "subject": "未依法公开财政预算",
            "kind": "review",
            "filed_date": "2026-03-02",
            "body": "示例县人民政府",
            "outcome": "corrected",
            "outcome_date": "2026-05-20",
        },
    )
    assert done.status_code == 302 and done["Location"] == PAGE
    appeal.refresh_from_db()
    assert appeal.outcome == "corrected" and appeal.outcome_date == date(2026, 5, 20)


def test_a_case_about_an_application_still_goes_back_to_the_application(
    registered, office, sign_off
):
    application = registered(date(2026, 11, 2))
    services.application_draft_answer(
        application=application,
        by=office,
        result=Result.UNABLE_NOT_HELD,
        text="本机关不掌握。",
        basis_option="not_exist",
    )
    sign_off(application)
    client = client_for(office)
    client.post(
        f"/staff/applications/{application.pk}/appeals/",
        {
            "appeal-kind": "review",
            "appeal-filed_date": "2026-11-20",
            "appeal-body": "示例县人民政府",
            "appeal-outcome": "pending",
        },
    )
    appeal = application.appeals.get()
    assert appeal.agency == application.agency
    edited = client.post(
        f"/staff/applications/appeals/{appeal.pk}/",
        {
            "kind": "review",
            "filed_date": "2026-11-20",
            "body": "示例县人民政府",
            "outcome": "upheld",
            "outcome_date": "2026-11-30",
        },
    )
    assert edited["Location"] == f"/staff/applications/{application.pk}/"
    assert "subject" not in client.get(f"/staff/applications/appeals/{appeal.pk}/").text


def test_only_the_agencys_office_registers_and_updates_cases(
    xiaolin, xiaoli, transport, education, auditor
):
    appeal = Appeal.objects.create(
        agency=transport,
        subject="交通局的事由",
        kind="review",
        filed_date=date(2026, 3, 2),
        body="县政府",
    )
    assert client_for(xiaoli).get(PAGE).status_code == 403
    assert client_for(xiaoli).get(f"/staff/applications/appeals/{appeal.pk}/").status_code == 404
    teacher_office = person("jiaoyu", education, "disclosure_office", "办公室")
    other = client_for(teacher_office)
    assert other.get(PAGE).status_code == 200 and "交通局的事由" not in other.get(PAGE).text
    assert other.get(f"/staff/applications/appeals/{appeal.pk}/").status_code == 404
    assert client_for(auditor).get(f"/staff/applications/appeals/{appeal.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_recorded_appeal_its_applications_agency(
    audit_triggers_allow_flush,
):
    before = [("applications", "0003_delete_numbersequence")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        agency = old.get_model("org", "Agency").objects.create(
            name="示例县交通运输局", code="SX120", level="county", kind="department"
        )
        application = old.get_model("applications", "Application").objects.create(
            agency=agency,
            number="SX120-2025-0001",
            code_hash="x",
            channel="in_person",
            applicant_type="natural",
            name="张三",
            id_type="passport",
            id_number="E1",
            phone="1",
            description="信息",
            form_wanted="paper",
            delivery="post",
        )
        old.get_model("applications", "Appeal").objects.create(
            application=application, kind="review", filed_date=date(2025, 5, 1), body="县政府"
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    appeal = Appeal.objects.get()
    assert appeal.agency_id == agency.pk and appeal.application_id == application.pk
