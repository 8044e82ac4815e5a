"""A message's life through the services: registered with its deadline, assigned, answered,
signed off, published without personal data, or kept private; every step an event."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from gongkai.interaction import services
from gongkai.interaction.choices import MessageStatus
from gongkai.interaction.models import ChannelLimit, Message, MessageEvent
from tests.conftest import person
from tests.interaction.conftest import zhang_san

pytestmark = pytest.mark.django_db
Kind = MessageEvent.Kind


def kinds(message):
    return list(message.events.values_list("kind", flat=True))


# --- Registration and deadlines ------------------------------------------------------------


def test_a_12345_message_is_due_five_working_days_after_it_was_received(registered):
    message = registered(received=date(2026, 9, 30))
    assert message.limit_days == 5
    assert message.due_date == date(2026, 10, 13)  # across the national day
    assert message.number.startswith("SX120-LY2026-")
    assert message.status == MessageStatus.RECEIVED
    assert kinds(message) == [Kind.REGISTERED]


def test_numbers_follow_each_other(registered):
    first, second = registered(), registered()
    assert first.number == "SX120-LY2026-00001"
    assert second.number == "SX120-LY2026-00002"


def test_the_limit_is_set_per_channel_and_an_agencys_own_limit_wins(registered, transport):
    ChannelLimit.objects.create(channel="12345", working_days=3)
    assert registered(received=date(2026, 9, 30)).due_date == date(2026, 10, 10)
    ChannelLimit.objects.create(channel="12345", agency=transport, working_days=10)
    message = registered(received=date(2026, 9, 30))
    assert message.limit_days == 10
    assert message.due_date == date(2026, 10, 20)
    other = registered(received=date(2026, 9, 30), channel="12328")
    assert other.limit_days == 5


@override_settings(GONGKAI_MESSAGE_ANSWER_DAYS=7)
def test_the_default_limit_is_a_setting(registered):
    # 2月14日(1), 春节, 24日(2) 25日(3) 26日(4) 27日(5), 28日 Saturday worked (6), 3月2日(7).
    assert registered(received=date(2026, 2, 13)).due_date == date(2026, 3, 2)


def test_forwarded_messages_need_their_reference_number(transport, office):
    with pytest.raises(ValidationError) as error:
        services.message_register(
            agency=transport,
            by=office,
            data=zhang_san(),
            channel="96128",
            received=date(2026, 11, 2),
        )
    assert "channel_reference" in error.value.message_dict


def test_only_the_office_registers(transport, xiaoli):
    with pytest.raises(PermissionDenied):
        services.message_register(
            agency=transport,
            by=xiaoli,
            data=zhang_san(),
            channel="12345",
            received=date(2026, 11, 2),
            channel_reference="GD1",
        )


@time_machine.travel("2026-10-03 10:00 +0800")
def test_a_website_message_is_received_the_day_it_is_sent_even_on_a_holiday(transport):
    message, created = services.message_submit(
        agency=transport, data=zhang_san(), submission_key="k" * 20
    )
    assert created
    assert message.channel == "website"
    assert message.received_date == date(2026, 10, 3)
    assert message.due_date == date(2026, 10, 13)
    again, created = services.message_submit(
        agency=transport, data=zhang_san(), submission_key="k" * 20
    )
    assert again.pk == message.pk and not created
    assert Message.objects.count() == 1


@time_machine.travel("2026-12-28 10:00 +0800")
def test_a_deadline_in_a_year_nobody_entered_is_left_open(transport):
    from gongkai.workdays.models import HolidayYear
    from gongkai.workdays.services import invalidate_calendar

    HolidayYear.objects.filter(year=2027).delete()
    invalidate_calendar()
    message, _ = services.message_submit(agency=transport, data=zhang_san(), submission_key="")
    assert message.due_date is None


# --- Handling ------------------------------------------------------------------------------


def test_assign_answer_review_and_publish_each_leave_an_event(answered, office):
    message = answered()
    assert message.status == MessageStatus.ANSWERED
    assert message.answered_at is not None
    assert message.reviewed_by.username == "laowang"
    assert kinds(message) == [Kind.REGISTERED, Kind.ASSIGNED, Kind.ANSWER_DRAFTED, Kind.ANSWERED]
    # The public copy was proposed at sign-off, with the personal data gone.
    assert "张三" not in message.public_content + message.public_answer
    assert "13812345678" not in message.public_content
    assert "云E·T1234" not in message.public_content
    assert "×××" in message.public_answer
    services.message_publish(
        message=message,
        by=office,
        title=message.public_title,
        content=message.public_content,
        answer=message.public_answer,
    )
    message.refresh_from_db()
    assert message.is_published and message.is_public
    assert kinds(message)[-1] == Kind.PUBLISHED


def test_nobody_signs_off_their_own_answer(registered, office, transport):
    message = registered()
    services.message_draft_answer(message=message, by=office, text="您好：已处理。")
    with pytest.raises(PermissionDenied, match="本人"):
        services.message_review(message=message, by=office, approve=True)
    other_office = person("laozhao", transport, "disclosure_office", "办公室")
    assert services.message_review(message=message, by=other_office, approve=True).status == (
        MessageStatus.ANSWERED
    )


def test_a_returned_answer_needs_a_reason_and_goes_back_to_the_unit(
    registered, office, xiaoli, laowang
):
    message = registered()
    services.message_assign(
        message=message, by=office, unit=message.agency.units.get(name="运输股")
    )
    services.message_draft_answer(message=message, by=xiaoli, text="已处理。")
    with pytest.raises(ValidationError):
        services.message_review(message=message, by=laowang, approve=False)
    message = services.message_review(
        message=message, by=laowang, approve=False, comment="请写明处理结果"
    )
    assert message.status == MessageStatus.ASSIGNED
    assert message.events.last().note == "请写明处理结果"


def test_another_units_head_may_not_sign_off(registered, office, xiaoli, transport):
    message = registered()
    services.message_assign(message=message, by=office, unit=transport.units.get(name="运输股"))
    services.message_draft_answer(message=message, by=xiaoli, text="已处理。")
    stranger = person("jianshe", transport, "unit_head", "建设股")
    with pytest.raises(PermissionDenied):
        services.message_review(message=message, by=stranger, approve=True)


def test_only_the_assigned_unit_or_the_office_answers(registered, office, transport, xiaoli):
    message = registered()
    services.message_assign(message=message, by=office, unit=transport.units.get(name="建设股"))
    with pytest.raises(PermissionDenied):
        services.message_draft_answer(message=message, by=xiaoli, text="已处理。")


def test_units_of_another_agency_cannot_be_assigned(registered, office, education):
    message = registered()
    with pytest.raises(ValidationError):
        services.message_assign(message=message, by=office, unit=education.units.first())


def test_an_invalid_message_is_closed_and_never_published(registered, office):
    message = services.message_invalidate(
        message=registered(), by=office, reason="duplicate", note="与SX120-LY2026-00001重复"
    )
    assert message.status == MessageStatus.INVALID and not message.is_valid
    with pytest.raises(ValidationError):
        services.message_publish(message=message, by=office, title="a", content="b", answer="c")


# --- Publication -------------------------------------------------------------------------


def test_a_message_kept_private_is_never_published(answered, office):
    message = answered(wants_private=True)
    assert message.public_content == ""
    with pytest.raises(ValidationError, match="不公开"):
        services.message_publish(
            message=message, by=office, title="出租车拒载", content="内容", answer="答复"
        )
    assert not Message.objects.published().exists()


def test_personal_data_left_in_the_public_copy_stops_publication(answered, office):
    message = answered()
    for content in [
        "留言人张三反映出租车拒载",
        "联系电话138 1234 5678",
        "邮箱zhangsan@example.com",
        "身份证530101199003071234",
    ]:
        with pytest.raises(ValidationError, match="个人信息"):
            services.message_publish(
                message=message, by=office, title="出租车拒载", content=content, answer="已处理。"
            )
    assert not Message.objects.published().exists()


def test_the_office_edits_the_public_copy_and_it_is_recorded(answered, office):
    message = services.message_publish(
        message=answered(),
        by=office,
        title="关于出租车拒载的投诉",
        content="网友反映客运站出租车拒载。",
        answer="您好：已依法处罚。",
    )
    assert message.public_title == "关于出租车拒载的投诉"
    assert kinds(message)[-2:] == [Kind.PUBLIC_TEXT_EDITED, Kind.PUBLISHED]


def test_only_the_office_publishes(answered, xiaoli):
    message = answered()
    with pytest.raises(PermissionDenied):
        services.message_publish(
            message=message,
            by=xiaoli,
            title=message.public_title,
            content=message.public_content,
            answer=message.public_answer,
        )


def test_unpublish_and_keep_private_on_request(answered, office):
    message = answered()
    services.message_publish(
        message=message,
        by=office,
        title=message.public_title,
        content=message.public_content,
        answer=message.public_answer,
    )
    with pytest.raises(ValidationError):
        services.message_unpublish(message=message, by=office, reason=" ")
    services.message_unpublish(message=message, by=office, reason="答复内容需更正")
    assert not Message.objects.published().exists()
    services.message_keep_private(message=message, by=office, note="留言人来电要求不公开")
    message.refresh_from_db()
    assert message.wants_private
    with pytest.raises(ValidationError):
        services.message_publish(
            message=message,
            by=office,
            title=message.public_title,
            content=message.public_content,
            answer=message.public_answer,
        )


def test_the_gate_requires_every_condition(answered, office):
    message = answered()
    services.message_publish(
        message=message,
        by=office,
        title=message.public_title,
        content=message.public_content,
        answer=message.public_answer,
    )
    assert Message.objects.published().count() == 1
    for change in [
        {"wants_private": True},
        {"is_valid": False},
        {"status": MessageStatus.ANSWER_REVIEW},
        {"public_title": ""},
    ]:
        Message.objects.filter(pk=message.pk).update(**change)
        assert not Message.objects.published().exists(), change
        Message.objects.filter(pk=message.pk).update(
            wants_private=False, is_valid=True, status=MessageStatus.ANSWERED, public_title="x"
        )
    message.agency.is_active = False
    message.agency.save()
    assert not Message.objects.published().exists()


def test_the_agencys_own_telephone_stays_in_the_answer(registered, office, transport):
    transport.phone = "0000-1234567"
    transport.save()
    message = registered()
    services.message_draft_answer(message=message, by=office, text="请拨打0000-1234567咨询。")
    reviewer = person("laozhao", transport, "disclosure_office", "办公室")
    message = services.message_review(message=message, by=reviewer, approve=True)
    assert message.public_answer == "请拨打0000-1234567咨询。"
    services.message_publish(
        message=message,
        by=office,
        title=message.public_title,
        content=message.public_content,
        answer=message.public_answer,
    )
