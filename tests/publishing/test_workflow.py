"""The review chain: 拟稿 → 股室负责人审核 → 保密审查 → 分管领导审核 → 主要领导审批 → 公开办发布."""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.publishing import services
from gongkai.publishing.models import InformationItem, ItemEvent, ReviewStep
from tests.conftest import person
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db
Status = InformationItem.Status


def submitted(people, draft_data, **overrides):
    item = services.item_create(
        agency=people["drafter"].memberships.first().agency,
        by=people["drafter"],
        data=draft_data(**overrides),
    )
    return services.item_submit(item=item, by=people["drafter"])


def test_an_item_goes_from_draft_to_published_through_every_step(chain_people, draft_data):
    item = submitted(chain_people, draft_data)
    assert item.status == Status.IN_REVIEW and item.current_step == 1
    assert item.index_number is None  # never before publication
    item = walk_chain(item, chain_people)
    assert item.status == Status.PUBLISHED
    assert re.fullmatch(r"SX120-0203-\d{4}-00001", item.index_number)
    assert item.published_by == chain_people["office"]
    actions = list(item.events.values_list("action", "step_name", "actor__username"))
    assert actions == [
        ("created", "", "xiaoli"),
        ("submitted", "", "xiaoli"),
        ("approved", "股室负责人审核", "laowang"),
        ("approved", "保密审查", "laochen"),
        ("approved", "分管领导审核", "liufj"),
        ("approved", "主要领导审批", "zhoujz"),
        ("approved", "公开办发布", "xiaolin"),
        ("published", "公开办发布", "xiaolin"),
    ]
    assert InformationItem.objects.published().filter(pk=item.pk).exists()


def test_nobody_approves_their_own_draft(chain_people, draft_data, catalogue):
    # The office drafts; the office is also the last step: it may not publish its own draft.
    # As the only member of the 公开办 (and with no head of 办公室) nobody else could finish the
    # chain, so the draft is stopped at submission, where the drafter can still act on it.
    office = chain_people["office"]
    item = services.item_create(agency=catalogue, by=office, data=draft_data())
    with pytest.raises(ValidationError, match="“股室负责人审核”、“公开办发布”"):
        services.item_submit(item=item, by=office)
    person("zhaozr", catalogue, "unit_head", "办公室")
    person("zhoumin", catalogue, "disclosure_office", "办公室")
    item = services.item_submit(item=item, by=office)
    with pytest.raises(PermissionDenied, match="不能审核本人拟稿"):
        services.item_approve(item=item, by=office)


def test_each_step_belongs_to_its_role(chain_people, draft_data):
    item = submitted(chain_people, draft_data)
    with pytest.raises(PermissionDenied, match="股室负责人"):
        services.item_approve(item=item, by=chain_people["principal"])
    item = walk_chain(item, chain_people, upto=2)
    with pytest.raises(PermissionDenied, match="保密审查"):
        services.item_approve(item=item, by=chain_people["unit_head"])


def test_unit_head_of_another_unit_cannot_approve(chain_people, draft_data, catalogue):
    other_head = person("jianshe", catalogue, "unit_head", "建设股")
    item = submitted(chain_people, draft_data)
    with pytest.raises(PermissionDenied, match="拟稿股室"):
        services.item_approve(item=item, by=other_head)


def test_the_system_admin_cannot_approve_even_with_a_role(chain_people, draft_data, sysadmin):
    item = submitted(chain_people, draft_data)
    with pytest.raises(PermissionDenied, match="三员分立"):
        services.item_approve(item=item, by=sysadmin)


def test_returning_needs_a_comment_and_resubmission_starts_over(chain_people, draft_data):
    item = submitted(chain_people, draft_data)
    item = walk_chain(item, chain_people, upto=3)  # at 分管领导审核
    with pytest.raises(ValidationError, match="退回时必须填写"):
        services.item_return(item=item, by=chain_people["deputy"], comment=" ")
    item = services.item_return(item=item, by=chain_people["deputy"], comment="请补充政策依据")
    assert item.status == Status.RETURNED and item.current_step is None
    event = item.events.get(action="returned")
    assert (event.step_name, event.comment) == ("分管领导审核", "请补充政策依据")
    services.item_update(item=item, by=chain_people["drafter"], data={"body": "补充了依据。"})
    item = services.item_submit(item=item, by=chain_people["drafter"])
    assert item.current_step == 1


def test_non_public_items_cannot_go_forward_without_a_reason(chain_people, draft_data, catalogue):
    with pytest.raises(ValidationError) as error:
        services.item_create(
            agency=catalogue, by=chain_people["drafter"], data=draft_data(disclosure="withheld")
        )
    assert "withhold_ground" in error.value.message_dict
    assert "withhold_explanation" in error.value.message_dict


def test_non_public_items_are_recorded_not_published(chain_people, draft_data):
    item = submitted(
        chain_people,
        draft_data,
        disclosure="on_request",
        withhold_ground="process_info",
        withhold_explanation="属于讨论稿，条例第十六条",
    )
    item = walk_chain(item, chain_people)
    assert item.status == Status.RECORDED
    assert item.index_number is None
    assert not InformationItem.objects.published().filter(pk=item.pk).exists()


def test_redacted_items_need_their_public_text(chain_people, draft_data, catalogue):
    item = services.item_create(
        agency=catalogue,
        by=chain_people["drafter"],
        data=draft_data(
            disclosure="redacted", withhold_ground="third_party", withhold_explanation="含个人信息"
        ),
    )
    with pytest.raises(ValidationError, match="删减后"):
        services.item_submit(item=item, by=chain_people["drafter"])
    services.item_update(
        item=item, by=chain_people["drafter"], data={"redacted_body": "删减后的正文"}
    )
    item = walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    assert item.status == Status.PUBLISHED
    assert "删减后的正文" in item.public_body and "冬季" not in item.public_body


def test_a_bad_doc_number_is_refused_with_its_correction(chain_people, draft_data, catalogue):
    with pytest.raises(ValidationError) as error:
        services.item_create(
            agency=catalogue,
            by=chain_people["drafter"],
            data=draft_data(doc_number="示县交〔2026〕第12号"),
        )
    assert "应为“示县交〔2026〕12号”" in error.value.message_dict["doc_number"][0]


def test_policy_documents_carry_validity(chain_people, draft_data, catalogue):
    normative = column(catalogue, "行政规范性文件")
    item = services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(entry=normative)
    )
    with pytest.raises(ValidationError, match="有效性"):
        services.item_submit(item=item, by=chain_people["drafter"])
    with pytest.raises(ValidationError, match="废止日期"):
        services.item_update(item=item, by=chain_people["drafter"], data={"validity": "repealed"})


def test_withdrawal_needs_a_reason_keeps_the_record_and_the_index(chain_people, draft_data):
    item = walk_chain(submitted(chain_people, draft_data), chain_people)
    number = item.index_number
    with pytest.raises(ValidationError):
        services.item_withdraw(item=item, by=chain_people["office"], reason="")
    with pytest.raises(PermissionDenied):
        services.item_withdraw(item=item, by=chain_people["drafter"], reason="错误")
    item = services.item_withdraw(item=item, by=chain_people["office"], reason="内容有误")
    assert item.status == Status.WITHDRAWN and item.index_number == number
    assert not InformationItem.objects.published().filter(pk=item.pk).exists()
    # The next publication gets a new serial: a withdrawn item's number is never reused.
    again = walk_chain(submitted(chain_people, draft_data, title="另一条信息"), chain_people)
    assert again.index_number.endswith("-00002")


def test_correction_creates_a_version_and_keeps_history(chain_people, draft_data):
    item = walk_chain(submitted(chain_people, draft_data), chain_people)
    with pytest.raises(ValidationError):
        services.item_correct(item=item, by=chain_people["office"], data={}, reason="")
    item = services.item_correct(
        item=item,
        by=chain_people["office"],
        reason="标题错字",
        data={"title": "关于做好2026年冬季农村公路养护工作的通知（更正）"},
    )
    assert item.version == 2
    old = item.versions.get()
    assert old.number == 1 and old.title == "关于做好2026年冬季农村公路养护工作的通知"
    assert item.events.filter(action="corrected", comment="标题错字").exists()
    assert item.status == Status.PUBLISHED and item.index_number.endswith("-00001")


def test_the_chain_is_configurable_per_agency(chain_people, draft_data, catalogue):
    services.review_chain_ensure(agency=catalogue)
    ReviewStep.objects.filter(agency=catalogue, name__in=["分管领导审核", "主要领导审批"]).delete()
    item = submitted(chain_people, draft_data)
    item = services.item_approve(item=item, by=chain_people["unit_head"])
    item = services.item_approve(item=item, by=chain_people["secrecy"])
    assert services.item_approve(item=item, by=chain_people["office"]).status == Status.PUBLISHED


def test_a_chain_must_keep_secrecy_review_and_end_with_the_office():
    assert services.chain_problems([("审核", "unit_head"), ("发布", "disclosure_office")]) == [
        "审核流程必须包含保密审查环节（先审查、后公开）。"
    ]
    assert "最后一个环节" in services.chain_problems([("保密", "secrecy_reviewer")])[0]


def test_due_date_follows_the_column_limit_across_holidays(chain_people, draft_data, catalogue):
    item = services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(formed_date=date(2024, 9, 20))
    )
    assert item.due_date == date(2024, 10, 23)
    entry = item.entry
    entry.limit_days = 3
    entry.save()
    services.item_update(
        item=item, by=chain_people["drafter"], data={"formed_date": date(2024, 9, 25)}
    )
    item.refresh_from_db()
    assert item.due_date == date(2024, 9, 29)  # a Sunday worked (国庆调休)


def test_body_is_sanitised(chain_people, draft_data, catalogue):
    item = services.item_create(
        agency=catalogue,
        by=chain_people["drafter"],
        data=draft_data(body='<p onclick="x()">正文<script>alert(1)</script></p>'),
    )
    assert "<script" not in item.body and "onclick" not in item.body and "正文" in item.body


def test_every_event_records_status_change(chain_people, draft_data):
    item = walk_chain(submitted(chain_people, draft_data), chain_people)
    last = ItemEvent.objects.filter(item=item).last()
    assert (last.from_status, last.to_status) == ("in_review", "published")
