"""The staff pages of 主动公开, as a clerk uses them."""

import io
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.publishing import services
from gongkai.publishing.models import InformationItem
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(entry, **overrides):
    data = {
        "title": "关于2026年春运期间道路客运安全管理的通知",
        "entry": entry.pk,
        "doc_number": "示县交〔2026〕3号",
        "formed_date": "2026-11-02",
        "written_date": "2026-11-02",
        "topic": "industry_transport",
        "disclosure": "active",
        "body": "各客运企业：\n请做好春运安全工作。",
    }
    data.update(overrides)
    return data


def test_drafting_with_bad_input_answers_in_chinese_and_keeps_everything(chain_people, catalogue):
    client = signed_in(chain_people["drafter"])
    entry = column(catalogue, "其他文件")
    response = client.post(
        "/staff/publishing/items/new/",
        form_data(
            entry, doc_number="示县交[2026]3号", disclosure="withheld", formed_date="2026-13-01"
        ),
    )
    assert response.status_code == 200
    text = response.text
    assert "形成或变更日期格式不正确" in text
    assert 'value="关于2026年春运期间道路客运安全管理的通知"' in text
    assert 'value="示县交[2026]3号"' in text
    assert "请做好春运安全工作" in text
    response = client.post(
        "/staff/publishing/items/new/",
        form_data(entry, doc_number="示县交[2026]3号", disclosure="withheld"),
    )
    assert "应为“示县交〔2026〕3号”" in response.text
    assert "必须选择不公开理由" in response.text
    assert not InformationItem.objects.exists()


def test_drafting_and_submitting_through_the_pages(chain_people, catalogue):
    client = signed_in(chain_people["drafter"])
    response = client.post("/staff/publishing/items/new/", form_data(column(catalogue, "其他文件")))
    item = InformationItem.objects.get()
    assert response["Location"] == f"/staff/publishing/items/{item.pk}/"
    assert item.due_date == date(2026, 11, 30)
    client.post(f"/staff/publishing/items/{item.pk}/submit/")
    item.refresh_from_db()
    assert item.status == "in_review"
    page = signed_in(chain_people["unit_head"]).get(f"/staff/publishing/items/{item.pk}/")
    assert "当前环节：股室负责人审核" in page.text and 'value="approve"' in page.text
    principal_page = signed_in(chain_people["principal"]).get(f"/staff/publishing/items/{item.pk}/")
    assert 'value="approve"' not in principal_page.text
    assert "须由拟稿股室的股室负责人办理" in principal_page.text


def test_returning_without_a_comment_keeps_the_page_and_says_why(
    chain_people, catalogue, draft_data
):
    item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=draft_data())
    services.item_submit(item=item, by=chain_people["drafter"])
    client = signed_in(chain_people["unit_head"])
    response = client.post(
        f"/staff/publishing/items/{item.pk}/review/", {"decision": "return", "comment": ""}
    )
    assert response.status_code == 400
    assert "退回时必须填写退回意见" in response.text
    response = client.post(
        f"/staff/publishing/items/{item.pk}/review/",
        {"decision": "return", "comment": "文号有误"},
        follow=True,
    )
    assert "已退回拟稿人" in response.text
    item.refresh_from_db()
    assert item.status == "returned"


def test_workbench_shows_what_waits_on_each_person(chain_people, catalogue, draft_data):
    item = services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(formed_date=date(2026, 10, 8))
    )
    drafter_page = signed_in(chain_people["drafter"]).get("/staff/").text
    assert item.title in drafter_page and "已逾期" in drafter_page
    services.item_submit(item=item, by=chain_people["drafter"])
    assert item.title in signed_in(chain_people["unit_head"]).get("/staff/").text
    assert item.title not in signed_in(chain_people["secrecy"]).get("/staff/").text


def test_another_agencys_staff_cannot_see_the_items(
    chain_people, catalogue, draft_data, teacher_officer
):
    item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=draft_data())
    client = signed_in(teacher_officer)
    assert client.get(f"/staff/publishing/items/{item.pk}/").status_code == 404
    assert client.get("/staff/publishing/items/?agency=SX120").status_code == 404
    assert item.title not in client.get("/staff/publishing/items/").text


def test_attachments_are_checked_by_content(chain_people, catalogue, draft_data):
    item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=draft_data())
    client = signed_in(chain_people["drafter"])
    fake = io.BytesIO(b"MZ\x90\x00 this is an exe")
    fake.name = "通知.pdf"
    response = client.post(
        f"/staff/publishing/items/{item.pk}/attachments/", {"file": fake}, follow=True
    )
    assert "不是允许的类型" in response.text
    real = io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    real.name = "通知.pdf"
    response = client.post(
        f"/staff/publishing/items/{item.pk}/attachments/", {"file": real}, follow=True
    )
    assert "已上传附件“通知.pdf”" in response.text
    attachment = item.attachments.get()
    assert attachment.file_type == "pdf"
    assert "通知" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    download = client.get(f"/staff/publishing/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_withdrawing_from_the_page(chain_people, catalogue, draft_data):
    item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=draft_data())
    item = walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    client = signed_in(chain_people["office"])
    response = client.post(f"/staff/publishing/items/{item.pk}/withdraw/", {"reason": ""})
    assert "请填写撤回理由" in response.text
    client.post(f"/staff/publishing/items/{item.pk}/withdraw/", {"reason": "发布错误"})
    item.refresh_from_db()
    assert item.status == "withdrawn"
    assert (
        signed_in(chain_people["drafter"])
        .get(f"/staff/publishing/items/{item.pk}/withdraw/")
        .status_code
        == 403
    )


def test_catalogue_template_and_editing(transport, xiaoli):
    from tests.conftest import person

    office = person("gkb", transport, "disclosure_office", "办公室")
    client = signed_in(office)
    response = client.post("/staff/publishing/catalogue/apply/", follow=True)
    assert "已应用标准目录" in response.text
    page = client.get("/staff/publishing/catalogue/").text
    for name in [
        "机构职能",
        "规章",
        "行政规范性文件",
        "政策解读",
        "财政预决算及三公经费",
        "政府信息公开年报",
        "形成或变更之日起20个工作日",
    ]:
        assert name in page
    again = client.post("/staff/publishing/catalogue/apply/", follow=True)
    assert "都已存在" in again.text
    entry = column(transport, "公示公告")
    bad = client.post(
        f"/staff/publishing/catalogue/{entry.pk}/",
        {
            "name": "公示公告",
            "code": "1800",
            "kind": "general",
            "limit_days": "99",
            "limit_text": "x",
            "update_frequency": "realtime",
            "sort_order": "1",
            "carrier": "网站",
        },
    )
    assert "公开时限应在1至60个工作日之间" in bad.text and 'value="99"' in bad.text
    assert signed_in(xiaoli).post("/staff/publishing/catalogue/apply/").status_code == 403


def test_ledger_on_screen_and_as_xlsx(chain_people, catalogue, draft_data):
    from openpyxl import load_workbook

    item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=draft_data())
    item = walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    client = signed_in(chain_people["office"])
    today = timezone.localdate(item.published_at).isoformat()
    page = client.get("/staff/publishing/ledger/", {"start": "2026-01-01", "end": today})
    assert item.index_number in page.text and "老王" in page.text and "陈建国" in page.text
    xlsx = client.get(
        "/staff/publishing/ledger/", {"start": "2026-01-01", "end": today, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    headers = [c.value for c in sheet[2]]
    assert headers[:6] == ["序号", "标题", "索引号", "文号", "公开属性", "拟稿人"]
    assert headers[-3:] == ["发布人", "发布时间", "来源"]
    assert "保密审查" in headers
    row = [c.value for c in sheet[3]]
    assert row[2] == item.index_number and row[5] == "小李" and row[-3] == "林晓"
    bad = client.get("/staff/publishing/ledger/", {"start": "2026-12-01", "end": "2026-01-01"})
    assert "截止日期不能早于起始日期" in bad.text


def test_reminders_are_mailed_to_people_with_overdue_work(
    chain_people, catalogue, draft_data, mailoutbox
):
    from django.core.management import call_command

    chain_people["unit_head"].email = "laowang@example.gov.cn"
    chain_people["unit_head"].save()
    item = services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(formed_date=date(2026, 10, 8))
    )
    services.item_submit(item=item, by=chain_people["drafter"])
    call_command("remind", "--date", "2026-11-23")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["laowang@example.gov.cn"]
    assert "已逾期" in message.body and item.title in message.body
    assert f"/staff/publishing/items/{item.pk}/" in message.body
