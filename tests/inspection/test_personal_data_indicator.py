"""The ``personal_data`` indicator: what the public sees of the agency's published items, and only
that, with each finding pointing at the public page and the staff page that fixes it."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.identity import make_resident_id
from gongkai.inspection.base import REGISTRY, Context, Kind
from gongkai.inspection.content import AttachmentScan
from gongkai.inspection.indicators.personal_data import personal_data
from gongkai.publishing import services
from gongkai.publishing.models import InformationItem
from tests.inspection.conftest import docx_bytes, pdf_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)
ZHANG = make_resident_id("11010519491231002")
LI = make_resident_id("35052119800101123")
WANG = make_resident_id("35052119750615321")


def run(agency):
    return list(personal_data(Context(agency=agency, today=TODAY)))


def test_the_indicator_is_registered_as_a_deduction():
    spec = REGISTRY["personal_data"]
    assert spec.kind == Kind.DEDUCT and spec.name == "公开内容含个人信息"
    assert "第十五条" in spec.basis


def test_a_published_item_and_its_attachments_showing_personal_data_is_one_finding(
    publish, catalogue
):
    item = publish(
        body=f"<p>经营者：张三，身份证号{ZHANG}，联系电话13812345678。</p>",
        files=[
            ("许可名单.docx", docx_bytes(rows=[("姓名", "身份证号"), ("李四", LI)])),
            ("从业人员.xlsx", xlsx_bytes({"名单": [["姓名", "身份证号"], ["王五", WANG]]})),
            ("公示.pdf", pdf_bytes(f"<p>王五 {WANG}</p>")),
        ],
    )
    [found] = run(catalogue)
    assert found.key == f"item:{item.pk}"
    assert found.object == item.title
    assert found.url == reverse("portal:item", args=[catalogue.code, item.pk])
    assert found.fix_url == reverse("publishing:item_detail", args=[item.pk])
    assert "身份证号4处、手机号码1处" in found.detail
    assert "正文：身份证号110***********002X" in found.detail
    assert "附件“许可名单.docx”表1第2行：身份证号350***********" in found.detail
    assert "姓名与上述号码同列（李*等1行）" in found.detail
    assert "附件“从业人员.xlsx”工作表“名单”第2行" in found.detail
    assert "附件“公示.pdf”第1页" in found.detail
    assert "隐去第7至14位" in found.fix
    for number in (ZHANG, LI, WANG, "13812345678"):
        assert number not in found.detail + found.object + found.fix


def test_what_the_public_does_not_see_is_not_scanned(publish, chain_people, catalogue, draft_data):
    # A draft, never published.
    services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(body=f"身份证号{ZHANG}")
    )
    # 删减后公开: the original (kept internal, body and file) names people; the public text does not.
    publish(
        body=f"<p>申请人张三，身份证号{ZHANG}</p>",
        redacted_body="<p>申请人张*，身份证号110105********002X</p>",
        disclosure="redacted",
        withhold_ground="third_party",
        withhold_explanation="涉及个人隐私，删减后公开。",
        files=[("原件.xlsx", xlsx_bytes({"名单": [["张三", ZHANG]]}), True)],
    )
    # Withdrawn: no longer public.
    withdrawn = publish(body=f"<p>身份证号{LI}</p>")
    services.item_withdraw(item=withdrawn, by=chain_people["office"], reason="含个人信息")
    assert run(catalogue) == []
    assert not AttachmentScan.objects.exists()  # the internal original was never opened


def test_scans_are_kept_by_content_so_unchanged_files_are_not_reopened(publish, catalogue):
    names = xlsx_bytes({"名单": [["姓名", "身份证号"], ["张三", ZHANG]]})
    first = publish(files=[("名单.xlsx", names)])
    assert len(run(catalogue)) == 1
    scan = AttachmentScan.objects.get()
    assert scan.outcome == "read" and ZHANG not in str(scan.hits)
    # The stored file goes; the kept scan still answers, so the file was not opened again.
    first.attachments.get().file.delete(save=False)
    assert len(run(catalogue)) == 1
    # The same file attached to another item is the same scan.
    publish(title="关于公示2026年第二批道路运输经营许可的通知", files=[("名单（续）.xlsx", names)])
    assert len(run(catalogue)) == 2
    assert AttachmentScan.objects.count() == 1


def test_a_broken_attachment_is_listed_as_unreadable_and_a_scan_passes(publish, catalogue):
    broken = b"%PDF-1.4\n" + b"\x00garbage" * 50
    item = publish(
        files=[
            ("损坏.pdf", broken),
            ("扫描件.pdf", pdf_bytes("<div style='height:1cm;background:#000'></div>")),
        ]
    )
    [found] = run(catalogue)
    attachment = item.attachments.get(original_name="损坏.pdf")
    assert found.key == f"attachment:{attachment.pk}"
    assert found.detail.startswith("附件无法读取")
    assert found.count == 0  # listed for a person to check, not scored as personal data
    assert found.url == reverse("portal:attachment", args=[attachment.pk])
    assert InformationItem.objects.published().filter(pk=item.pk).exists()
