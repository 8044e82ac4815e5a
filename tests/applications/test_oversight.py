"""上级督查 across the tree: subordinates' overdue work on the workbench and on each agency's
dashboard, their applications read-only with the applicant masked."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.annual_reports.deadlines import publication_due
from gongkai.inspection.detect import mask_numbers
from gongkai.interaction.models import Message
from gongkai.org import oversight
from gongkai.publishing import services as publishing_services
from gongkai.workplans.models import PlanTask, WorkPlan
from tests.applications.conftest import ZHANG_ID
from tests.conftest import person
from tests.publishing.conftest import column

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def late_application(registered):
    """Received three months ago, never answered: past 第三十三条's 20 working days."""
    return registered(
        timezone.localdate() - timedelta(days=90),
        description="请公开2025年农村公路养护资金安排情况。我的电话13912345678，身份证号"
        + ZHANG_ID,
    )


def test_mask_numbers_masks_personal_numbers_only():
    today = date(2026, 12, 3)
    text = f"联系电话13912345678，身份证号{ZHANG_ID}，资金12345678901元。"
    masked = mask_numbers(text, today=today)
    assert "13912345678" not in masked and "139****5678" in masked
    assert ZHANG_ID not in masked and ZHANG_ID[-4:] in masked
    assert "12345678901元" in masked  # an amount is not a person's number
    assert mask_numbers("没有号码的文字", today=today) == "没有号码的文字"


def test_a_supervisor_reads_a_subordinate_application_masked(
    supervisor,
    late_application,
    office,
    education,
):
    client = signed_in(supervisor)
    listing = client.get("/staff/applications/?agency=SX120")
    assert listing.status_code == 200
    assert late_application.number in listing.text and "张*" in listing.text
    assert "张三" not in listing.text and ZHANG_ID not in listing.text
    everything = client.get("/staff/applications/?agency=all").text
    assert late_application.number in everything and "示例县交通运输局" in everything
    assert client.get("/staff/applications/?agency=NOPE").status_code == 404

    page = client.get(f"/staff/applications/{late_application.pk}/?reveal=1")
    assert page.status_code == 200
    text = page.text
    assert "上级督查只读" in text
    assert "请公开2025年农村公路养护资金安排情况" in text and "139****5678" in text
    for secret in ("张三", ZHANG_ID, "13912345678", "13812345678", "示例县人民路1号"):
        assert secret not in text
    assert "/action/" not in text and "重置查询码" not in text  # nothing to act on
    assert late_application.letters.exists() and "/staff/applications/letters/" not in text

    # The handler still sees everything, and acts.
    own = signed_in(office).get(f"/staff/applications/{late_application.pk}/?reveal=1").text
    assert "张三" in own and "上级督查只读" not in own

    # Another tree's supervisor sees nothing of it.
    stranger = person("jyducha", education, "supervisor")
    assert signed_in(stranger).get(f"/staff/applications/{late_application.pk}/").status_code == 404


def test_the_supervisors_workbench_lists_subordinates_overdue_work_by_agency(
    supervisor,
    late_application,
    office,
    education,
):
    drafter = person("jyxinxi", education, "info_officer", "办公室")
    publishing_services.catalogue_apply_template(agency=education)
    item = publishing_services.item_create(
        agency=education,
        by=drafter,
        data={
            "title": "关于2026年秋季学期学校安全检查情况的通报",
            "entry": column(education, "其他文件"),
            "body": "各学校：现将检查情况通报如下。",
            "formed_date": timezone.localdate() - timedelta(days=90),
            "disclosure": "active",
            "topic": "education",
        },
    )
    page = signed_in(supervisor).get("/staff/").text
    assert "下级机关逾期事项" in page
    transport_at, education_at = page.index("示例县交通运输局"), page.index("示例县教育局")
    number_at, item_at = page.index(late_application.number), page.index(item.title)
    assert transport_at < number_at < education_at < item_at  # grouped under each agency
    assert "/staff/org/SX120/" in page and "超过法定答复期限（条例第三十三条）" in page
    assert "张三" not in page
    # Someone who supervises nothing has no such section.
    assert "下级机关逾期事项" not in signed_in(office).get("/staff/").text


def test_the_agency_dashboard_shows_its_overdue_work_and_figures(
    supervisor, late_application, teacher_officer
):
    page = signed_in(supervisor).get("/staff/org/SX120/")
    assert page.status_code == 200
    text = page.text
    today = timezone.localdate()
    report_late = today > publication_due(kind="department", level="county", year=today.year - 1)
    assert f"逾期事项（{1 + report_late}项）" in text and late_application.number in text
    assert ("年政府信息公开工作年度报告未发布" in text) == report_late
    assert f"/staff/applications/{late_application.pk}/" in text
    year = timezone.localdate().year
    assert f"{year}年工作情况" in text and "办理中" in text
    assert "/staff/applications/?agency=SX120" in text
    assert "/staff/publishing/items/?agency=SX120" in text
    # An officer of another agency does not learn it exists.
    assert signed_in(teacher_officer).get("/staff/org/SX120/").status_code == 404


def test_every_area_reports_its_overdue_work(transport, late_application):
    today = timezone.localdate()
    Message.objects.create(
        agency=transport,
        number="LY2026-0001",
        channel=Message._meta.get_field("channel").choices[0][0],
        asker_name="李四",
        title="公交站牌何时更新",
        content="请问……",
        received_date=today - timedelta(days=120),
        limit_days=10,
        due_date=today - timedelta(days=100),
    )
    plan = WorkPlan.objects.create(agency=transport, year=today.year, title="政务公开工作要点")
    PlanTask.objects.create(
        plan=plan,
        position=1,
        level=1,
        number="1.",
        path="一/1.",
        title="更新政策文件库",
        text="更新政策文件库。",
        is_task=True,
        deadline=today - timedelta(days=5),
    )
    found = oversight.overdue_in({transport.pk}, today)
    areas = {o.area for o in found}
    assert {"依申请公开", "互动交流", "工作要点", "年度报告"} <= areas
    assert all("张三" not in o.title and "李四" not in o.title for o in found)
    report = next(o for o in found if o.area == "年度报告")
    assert f"{today.year - 1}年政府信息公开工作年度报告未发布" in report.title
    assert [o.area for o in found] == sorted((o.area for o in found), key=oversight.AREAS.index)


def test_a_supervisor_gets_no_letter_with_the_applicants_name(
    supervisor,
    late_application,
    office,
):
    letter = late_application.letters.first()  # 登记回执 at registration
    assert letter is not None
    url = f"/staff/applications/letters/{letter.pk}/docx/"
    assert signed_in(supervisor).get(url).status_code == 403
    assert signed_in(office).get(url).status_code == 200


def test_each_area_offers_all_subordinates_and_each_one(
    supervisor, late_application, education, teacher_officer, transport
):
    today = timezone.localdate()
    publishing_services.catalogue_apply_template(agency=transport)
    publishing_services.catalogue_apply_template(agency=education)
    for agency, title in ((transport, "交通运输局的通知"), (education, "教育局的通知")):
        drafter = person(f"d{agency.code}", agency, "info_officer", "办公室")
        publishing_services.item_create(
            agency=agency,
            by=drafter,
            data={
                "title": title,
                "entry": column(agency, "其他文件"),
                "body": "正文。",
                "formed_date": today,
                "disclosure": "active",
                "topic": "other",
            },
        )
        WorkPlan.objects.create(agency=agency, year=today.year, title=f"{title}要点")
    client = signed_in(supervisor)

    items = client.get("/staff/publishing/items/?agency=all").text
    assert "交通运输局的通知" in items and "教育局的通知" in items
    assert "全部机关（" in items and "拟稿：新建信息" not in items
    one = client.get("/staff/publishing/items/?agency=SX130").text
    assert "教育局的通知" in one and "交通运输局的通知" not in one
    assert 'href="?agency=SX130&amp;overdue=1"' in one  # the tabs keep the agency

    plans = client.get("/staff/workplans/?agency=all").text
    assert "交通运输局的通知要点" in plans and "教育局的通知要点" in plans
    assert "导入工作要点" not in plans

    stats = client.get(f"/staff/statistics/?agency=all&year={today.year}")
    assert stats.status_code == 200 and "全部机关（" in stats.text
    assert '<option value="SX120"' in stats.text and '<option value="SX130"' in stats.text
    book = client.get(f"/staff/statistics/?agency=all&year={today.year}&format=xlsx")
    assert book.status_code == 200 and "statistics-all-" in book["Content-Disposition"]

    # An officer of one agency: "all" is that agency alone, and no other is named.
    own = signed_in(teacher_officer).get("/staff/publishing/items/?agency=all").text
    assert "教育局的通知" in own and "交通运输局的通知" not in own
    assert (
        signed_in(teacher_officer).get("/staff/publishing/items/?agency=SX120").status_code == 404
    )


def test_masking_keeps_the_writers_own_punctuation():
    masked = mask_numbers("养护资金，联系电话１３９１２３４５６７８。", today=date(2026, 12, 3))
    assert masked == "养护资金，联系电话139****5678。"


def test_masking_never_shifts_onto_the_number():
    text = "㍿㍿㍿㍿ 身份证 11010519491231002X 联系 ﾊﾞ×12"
    masked = mask_numbers(text, today=date(2026, 12, 3))
    assert "11010519491231002X" not in masked and "1949123" not in masked


def _staff_links(html: str) -> list[str]:
    import re
    from html import unescape

    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    return sorted({unescape(h) for h in re.findall(r'href="(/staff/[^"#]*)"', main)})


@pytest.mark.parametrize(
    "who, code",
    [("supervisor", "SX120"), ("supervisor", "SX000"), ("office", "SX120"), ("sysadmin", "SX000")],
)
def test_every_link_on_an_agency_dashboard_opens_for_the_one_who_sees_it(
    request, who, code, late_application, transport
):
    """Each person is offered only what they may follow: every /staff/ link in the page's
    content opens (no 403, no 404) for them."""
    user = request.getfixturevalue(who)
    client = signed_in(user)
    page = client.get(f"/staff/org/{code}/")
    assert page.status_code == 200
    links = _staff_links(page.text)
    broken = {url: client.get(url).status_code for url in links}
    assert {url: s for url, s in broken.items() if s != 200} == {}
    if who == "sysadmin":
        # 三员分立: the administrator neither handles nor reads the agency's work.
        assert "逾期事项" not in page.text and "年工作情况" not in page.text
        assert "三员分立" in page.text and "/staff/applications/" not in str(links)
    else:
        assert "年工作情况" in page.text and links


def test_the_administrators_menu_leaves_out_the_work_they_do_not_do(sysadmin, secadmin, office):
    """三员分立: the 系统管理员 and 安全管理员 keep accounts and settings; the menu offers them no
    信息发布, 依申请公开 … pages (always empty for them); those who do the work keep them."""
    work = ["信息发布", "公开目录", "发布台账", "依申请公开", "年度报告", "工作要点", "互动交流"]
    for admin in (sysadmin, secadmin):
        menu = signed_in(admin).get("/staff/").text.split('aria-label="主导航"', 1)[1]
        menu = menu.split("</nav>", 1)[0]
        assert not any(f">{label}</a>" in menu for label in work), menu
        assert ">管理后台</a>" in menu and ">工作台</a>" in menu
    menu = signed_in(office).get("/staff/").text.split('aria-label="主导航"', 1)[1]
    assert all(f">{label}</a>" in menu.split("</nav>", 1)[0] for label in work)
