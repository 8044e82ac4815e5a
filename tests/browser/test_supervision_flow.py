"""The county's 上级督查 (孙主任) follows a subordinate's overdue application from the workbench to
its page, where the applicant is masked and nothing can be done; then gives the 年报督查 page the
report 教育局 made outside the system and downloads a roll-up that counts it."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from gongkai.annual_reports import export
from gongkai.annual_reports import services as report_services
from gongkai.applications import identity
from gongkai.applications import services as application_services
from gongkai.demo.county import build_county
from gongkai.org.models import Agency
from tests.browser.conftest import screenshot
from tests.browser.test_staff_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county(tmp_path):
    build_county()
    office = get_user_model().objects.get(username="xiaolin")
    transport = Agency.objects.get(code="SX120")
    application, _code = application_services.application_register(
        agency=transport,
        by=office,
        data={
            "applicant_type": "natural",
            "name": "张三",
            "id_type": "resident_id",
            "id_number": identity.make_resident_id("11010519900307123"),
            "phone": "13812345678",
            "email": "zhangsan@example.com",
            "address": "示例县人民路1号",
            "postcode": "350000",
            "description": "2025年示例县农村公路养护资金安排情况，联系电话13812345678",
            "purpose": "了解养护情况",
            "form_wanted": "email",
            "delivery": "email",
        },
        channel="in_person",
        received=timezone.localdate() - timedelta(days=90),
    )
    # The report 教育局 sent as a DOCX: the format this system exports, another agency's figures.
    report = report_services.report_prepare(agency=transport, year=2025, by=office)
    path = tmp_path / "示例县教育局2025年政府信息公开工作年度报告.docx"
    path.write_bytes(export.report_docx(report, report_services.tables_of(report)))
    return {"application": application, "docx": path}


def test_the_supervisor_follows_an_overdue_request_and_rolls_up_an_outside_report(page, county):
    application = county["application"]
    log_in(page, "sunzr")
    subordinates = page.locator("#subordinates")
    expect(subordinates).to_contain_text("下级机关逾期事项")
    expect(subordinates).to_contain_text("示例县交通运输局")
    expect(subordinates).to_contain_text("超过法定答复期限（条例第三十三条）")
    screenshot(page, "supervisor-workbench")

    subordinates.get_by_role("link", name=re.compile(application.number)).click()
    expect(page).to_have_url(re.compile(rf"/staff/applications/{application.pk}/$"))
    main = page.locator("main")
    expect(main).to_contain_text("上级督查只读")
    expect(main).to_contain_text("张*")
    expect(main).to_contain_text("138****5678")
    text = main.inner_text()
    assert "张三" not in text and "13812345678" not in text and "示例县人民路1号" not in text
    assert page.locator("form[action*='/action/']").count() == 0
    assert page.get_by_role("link", name="DOCX").count() == 0
    screenshot(page, "supervisor-application")

    # The agency's dashboard, from the workbench's heading.
    page.goto(page.base + "/staff/")
    page.locator("#subordinates").get_by_role("link", name="示例县交通运输局", exact=True).click()
    expect(page.locator("#overdue")).to_contain_text(application.number)
    expect(page.locator("#figures")).to_contain_text("收到申请")

    page.goto(page.base + "/staff/reports/supervision/?year=2025")
    row = page.locator("tr", has_text="示例县教育局")
    row.get_by_text("上传该机关的报告文件").click()
    row.locator("input[type=file]").set_input_files(str(county["docx"]))
    row.get_by_role("button", name="读取并检查").click()
    expect(page.locator(".messages")).to_contain_text("已读取示例县教育局2025年度报告")
    expect(page.locator(".messages")).to_contain_text("表格一致")
    expect(page.locator("tr", has_text="示例县教育局")).to_contain_text("系统外编制（督查上传）")
    screenshot(page, "supervisor-reports")

    # The roll-up is built by a background worker; its page refreshes itself until it is ready.
    page.get_by_role("button", name="生成汇总表（XLSX）").click()
    expect(page.locator("main")).to_contain_text("文件在后台生成")
    call_command("worker", "--batch", "--interval", "0")
    expect(
        page.get_by_role(
            "link", name="下载 示例县人民政府2025年度政府信息公开工作年度报告汇总表.xlsx"
        )
    ).to_be_visible(timeout=10_000)
    screenshot(page, "supervisor-rollup-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载 示例县人民政府2025年度")).click()
    book = load_workbook(BytesIO(open(download.value.path(), "rb").read()))
    listed = {r[0]: r for r in book["汇总"].iter_rows(values_only=True) if r and r[0]}
    assert listed["示例县教育局"][2] == "表格一致" and listed["示例县教育局"][4] == "是"
    assert listed["示例县交通运输局"][4] == "是"
    assert "县教育局" in book.sheetnames  # named by the short name
