"""保密审查 and personal data (条例第十五条): an item that would show 身份证号, 手机号码, 银行卡号 or a
名单 is not approved as it is. The 保密审查员 returns it for 去标识化, or confirms that the disclosure
is intended, with the reason, and the confirmation is kept in the item's history."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.applications.identity import make_resident_id
from gongkai.publishing import services
from gongkai.publishing.models import InformationItem, ItemEvent, ReviewStep
from tests.publishing.conftest import walk_chain

pytestmark = pytest.mark.django_db
Status = InformationItem.Status
CONFIRMED = ItemEvent.Action.PERSONAL_DATA_CONFIRMED
ZHANG = make_resident_id("11010519491231002")
REASON = "行政许可公示须载明经营者，经营者本人同意公开"


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def at_secrecy_review(people, draft_data, files=(), **overrides):
    """An item submitted and past 股室负责人审核, waiting on 保密审查."""
    drafter = people["drafter"]
    item = services.item_create(
        agency=drafter.memberships.first().agency, by=drafter, data=draft_data(**overrides)
    )
    for name, content, internal in files:
        services.attachment_add(
            item=item, by=drafter, upload=services.Upload(name, content), internal_only=internal
        )
    item = services.item_submit(item=item, by=drafter)
    return walk_chain(item, people, upto=2)


def finish(item, people):
    for who in ["deputy", "principal", "office"]:
        item = services.item_approve(item=item, by=people[who])
    return item


def test_an_id_number_in_the_body_stops_the_secrecy_review(chain_people, draft_data):
    item = at_secrecy_review(chain_people, draft_data, body=f"经营者张三，身份证号{ZHANG}。")
    with pytest.raises(ValidationError) as refused:
        services.item_approve(item=item, by=chain_people["secrecy"], comment="同意")
    message = refused.value.message_dict["disclose_personal_data"][0]
    assert "身份证号1处" in message and "退回拟稿人" in message and "勾选确认" in message
    item.refresh_from_db()
    assert item.current_step == 2
    assert not item.events.filter(step_name="保密审查").exists()


def test_the_confirmation_needs_a_reason(chain_people, draft_data):
    item = at_secrecy_review(chain_people, draft_data, body="联系人张三 13812345678")
    with pytest.raises(ValidationError) as refused:
        services.item_approve(
            item=item,
            by=chain_people["secrecy"],
            disclose_personal_data=True,
            personal_data_reason=" ",
        )
    assert "必须填写理由" in refused.value.message_dict["personal_data_reason"][0]


def test_a_confirmed_disclosure_is_an_event_with_the_reason_and_the_chain_goes_on(
    chain_people, draft_data
):
    item = at_secrecy_review(chain_people, draft_data, body=f"经营者张三，身份证号{ZHANG}。")
    item = services.item_approve(
        item=item,
        by=chain_people["secrecy"],
        comment="同意",
        disclose_personal_data=True,
        personal_data_reason=REASON,
    )
    assert item.current_step == 3
    confirmed = item.events.get(action=CONFIRMED)
    assert confirmed.actor == chain_people["secrecy"] and confirmed.step_name == "保密审查"
    assert confirmed.comment == f"{REASON}（身份证号1处）"
    assert ZHANG not in confirmed.comment
    actions = list(item.events.values_list("action", "step_name"))[-2:]
    assert actions == [(CONFIRMED, "保密审查"), ("approved", "保密审查")]
    item = finish(item, chain_people)
    assert item.status == Status.PUBLISHED


def test_a_list_of_names_in_an_attachment_stops_it_too(chain_people, draft_data):
    names = xlsx_bytes([["姓名", "身份证号"], ["张三", ZHANG]])
    item = at_secrecy_review(chain_people, draft_data, files=[("名单.xlsx", names, False)])
    with pytest.raises(ValidationError, match="身份证号1处"):
        services.item_approve(item=item, by=chain_people["secrecy"])
    # Returning it is always possible.
    item = services.item_return(item=item, by=chain_people["secrecy"], comment="请去标识化处理")
    assert item.status == Status.RETURNED


def test_the_internal_original_of_a_redacted_item_does_not_stop_it(chain_people, draft_data):
    original = xlsx_bytes([["张三", ZHANG]])
    item = at_secrecy_review(
        chain_people,
        draft_data,
        files=[("原件.xlsx", original, True)],
        body=f"申请人张三，身份证号{ZHANG}",
        redacted_body="申请人张*，身份证号110105********002X",
        disclosure="redacted",
        withhold_ground="third_party",
        withhold_explanation="涉及个人隐私，删减后公开。",
    )
    item = services.item_approve(item=item, by=chain_people["secrecy"])
    assert item.current_step == 3
    assert finish(item, chain_people).status == Status.PUBLISHED


def test_a_resubmitted_item_is_confirmed_again(chain_people, draft_data):
    item = at_secrecy_review(chain_people, draft_data, body=f"身份证号{ZHANG}")
    item = services.item_approve(
        item=item,
        by=chain_people["secrecy"],
        disclose_personal_data=True,
        personal_data_reason=REASON,
    )
    services.item_return(item=item, by=chain_people["deputy"], comment="请核实")
    item = services.item_submit(item=item, by=chain_people["drafter"])
    item = walk_chain(item, chain_people, upto=2)
    with pytest.raises(ValidationError):
        services.item_approve(item=item, by=chain_people["secrecy"])


def test_nothing_is_published_with_personal_data_no_secrecy_review_confirmed(
    chain_people, draft_data, catalogue
):
    # A chain written straight into the database, without its 保密审查 (the admin refuses one).
    ReviewStep.objects.create(agency=catalogue, order=1, name="股室负责人审核", role="unit_head")
    ReviewStep.objects.create(
        agency=catalogue, order=2, name="公开办发布", role="disclosure_office"
    )
    drafter = chain_people["drafter"]
    item = services.item_create(
        agency=catalogue, by=drafter, data=draft_data(body=f"身份证号{ZHANG}")
    )
    item = services.item_submit(item=item, by=drafter)
    item = services.item_approve(item=item, by=chain_people["unit_head"])
    with pytest.raises(ValidationError, match="未经保密审查确认公开的个人信息"):
        services.item_approve(item=item, by=chain_people["office"])
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW and item.index_number is None
    assert not item.events.filter(step_name="公开办发布").exists()


def test_a_correction_cannot_add_personal_data(chain_people, draft_data):
    item = at_secrecy_review(chain_people, draft_data)
    item = finish(services.item_approve(item=item, by=chain_people["secrecy"]), chain_people)
    with pytest.raises(ValidationError) as refused:
        services.item_correct(
            item=item,
            by=chain_people["office"],
            data={"body": f"联系人张三，身份证号{ZHANG}"},
            reason="补充联系人",
        )
    assert "新增了个人信息（身份证号110***********002X）" in refused.value.message_dict["body"][0]
    item = services.item_correct(
        item=item, by=chain_people["office"], data={"body": "联系人张*"}, reason="补充联系人"
    )
    assert item.version == 2


# --- Through the pages ----------------------------------------------------------------------------


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_secrecy_reviewer_sees_the_masked_hits_and_is_asked_to_confirm(
    chain_people, draft_data
):
    item = at_secrecy_review(chain_people, draft_data, body=f"经营者张三，身份证号{ZHANG}。")
    page = signed_in(chain_people["secrecy"]).get(f"/staff/publishing/items/{item.pk}/").text
    assert "个人信息检查" in page
    assert "正文：身份证号110***********002X" in page
    assert "确认依法公开上述个人信息" in page and 'name="personal_data_reason"' in page
    # The 股室负责人 who already signed sees the hits, but no confirmation to give.
    other = signed_in(chain_people["deputy"]).get(f"/staff/publishing/items/{item.pk}/").text
    assert "身份证号110***********002X" in other and "personal_data_reason" not in other


def test_approving_without_confirming_is_refused_and_keeps_what_was_typed(chain_people, draft_data):
    item = at_secrecy_review(chain_people, draft_data, body=f"经营者张三，身份证号{ZHANG}。")
    client = signed_in(chain_people["secrecy"])
    url = f"/staff/publishing/items/{item.pk}/review/"
    response = client.post(
        url, {"decision": "approve", "comment": "经核，无涉密内容", "personal_data_reason": REASON}
    )
    assert response.status_code == 400
    assert "不能直接通过" in response.text
    assert "经核，无涉密内容" in response.text and REASON in response.text
    response = client.post(
        url, {"decision": "approve", "comment": "经核，无涉密内容", "disclose_personal_data": "on"}
    )
    assert response.status_code == 400
    assert "确认公开个人信息时必须填写理由" in response.text
    assert "经核，无涉密内容" in response.text and "checked" in response.text
    item.refresh_from_db()
    assert item.current_step == 2 and not item.events.filter(action=CONFIRMED).exists()


def test_confirming_with_a_reason_through_the_page(chain_people, draft_data):
    item = at_secrecy_review(chain_people, draft_data, body=f"经营者张三，身份证号{ZHANG}。")
    client = signed_in(chain_people["secrecy"])
    response = client.post(
        f"/staff/publishing/items/{item.pk}/review/",
        {
            "decision": "approve",
            "comment": "同意",
            "disclose_personal_data": "on",
            "personal_data_reason": REASON,
        },
        follow=True,
    )
    assert "审核通过，已转下一环节" in response.text
    assert "确认公开个人信息" in response.text and REASON in response.text  # the history
    item.refresh_from_db()
    assert item.current_step == 3
    assert item.events.get(action=CONFIRMED).comment.startswith(REASON)


def test_the_drafter_is_warned_before_submitting(chain_people, draft_data, catalogue):
    item = services.item_create(
        agency=catalogue,
        by=chain_people["drafter"],
        data=draft_data(body="联系电话13812345678"),
    )
    page = signed_in(chain_people["drafter"]).get(f"/staff/publishing/items/{item.pk}/").text
    assert "个人信息检查" in page and "正文：手机号码138****5678" in page


def test_the_secrecy_reviewer_is_told_which_attachments_no_one_has_checked(
    chain_people, draft_data
):
    """A broken PDF (it passed the upload's type check) cannot be read for personal data: the
    保密审查 page says so as an alert, in Chinese, and that the public could not open it either.
    A reason kept by an older version (with the parser's class name) is shown without it."""
    import hashlib

    from gongkai.inspection.content import AttachmentScan
    from gongkai.inspection.detect import VERSION

    broken = b"%PDF-1.4\n" + b"\x00garbage" * 50
    kept = b"%PDF-1.4\n" + b"\x01older" * 40
    AttachmentScan.objects.create(
        sha256=hashlib.sha256(kept).hexdigest(),
        size=len(kept),
        version=VERSION,
        outcome=AttachmentScan.Outcome.UNREADABLE,
        reason="文件已损坏或格式不符（PdfminerException）",
        hits=[],
    )
    item = at_secrecy_review(
        chain_people,
        draft_data,
        files=[("损坏.pdf", broken, False), ("旧扫描.pdf", kept, False)],
    )
    page = signed_in(chain_people["secrecy"]).get(f"/staff/publishing/items/{item.pk}/").text
    section = page.split('id="personal-data"', 1)[1].split("</section>", 1)[0]
    assert 'role="alert">以下附件未能自动检查个人信息，保密审查时须人工逐页核查' in section
    assert "附件“损坏.pdf”：附件无法读取（" in section
    assert "附件“旧扫描.pdf”：附件无法读取（文件已损坏或格式不符）" in section
    assert "公众下载后很可能同样无法打开" in section
    assert "Exception" not in section and "Error" not in section
