"""舆情: registered, assessed, answered, reported upward and closed, each step logged."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from gongkai.interaction import services
from gongkai.interaction.choices import OpinionStatus
from gongkai.interaction.models import OpinionEventLog

pytestmark = pytest.mark.django_db
Kind = OpinionEventLog.Kind


def seen():
    return timezone.make_aware(datetime(2026, 4, 8, 20, 0))


@pytest.fixture
def rumour(transport, office):
    return services.opinion_register(
        agency=transport,
        by=office,
        data={
            "title": "网传城区公交线路将大面积停运",
            "source": "weibo",
            "source_detail": "转发约2000次",
            "first_seen": seen(),
            "summary": "有网民发布城区公交将停运的消息。",
            "level": "medium",
            "assessment": "",
        },
    )


def test_each_step_is_logged_as_what_it_is(rumour, deputy):
    assert rumour.status == OpinionStatus.MONITORING
    assert list(rumour.log.values_list("kind", flat=True)) == [Kind.REGISTERED]
    services.opinion_update(
        opinion=rumour,
        by=deputy,
        data={"assessment": "系线网调整被误读，需澄清。", "level": "high"},
    )
    opinion = services.opinion_update(
        opinion=rumour,
        by=deputy,
        data={
            "response": "发布线网优化说明。",
            "reported_upward": True,
            "reported_at": seen() + timedelta(hours=2),
            "reported_to": "县委宣传部",
        },
    )
    assert opinion.status == OpinionStatus.RESPONDED
    assert opinion.responded_at is not None
    opinion = services.opinion_update(
        opinion=opinion, by=deputy, data={"status": OpinionStatus.CLOSED}
    )
    assert list(opinion.log.values_list("kind", flat=True)) == [
        Kind.REGISTERED,
        Kind.ASSESSED,
        Kind.RESPONDED,
        Kind.REPORTED,
        Kind.CLOSED,
    ]
    assert "县委宣传部" in opinion.log.get(kind=Kind.REPORTED).note


def test_reporting_upward_needs_its_time_and_cannot_precede_the_event(rumour, office):
    with pytest.raises(ValidationError) as error:
        services.opinion_update(opinion=rumour, by=office, data={"reported_upward": True})
    assert "reported_at" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.opinion_update(
            opinion=rumour,
            by=office,
            data={"reported_upward": True, "reported_at": seen() - timedelta(days=1)},
        )


def test_closing_needs_a_response(rumour, office):
    with pytest.raises(ValidationError) as error:
        services.opinion_update(opinion=rumour, by=office, data={"status": OpinionStatus.CLOSED})
    assert "response" in error.value.message_dict


def test_only_the_office_and_the_leaders_keep_opinion_records(rumour, xiaoli, transport):
    with pytest.raises(PermissionDenied):
        services.opinion_update(opinion=rumour, by=xiaoli, data={"assessment": "x"})
    client = Client()
    client.force_login(xiaoli)
    assert client.get(f"/staff/interaction/opinions/{rumour.pk}/").status_code == 404
    assert client.get("/staff/interaction/opinions/").status_code == 403


def test_the_pages(rumour, office, transport):
    client = Client()
    client.force_login(office)
    assert (
        "网传城区公交线路将大面积停运"
        in client.get("/staff/interaction/opinions/").content.decode()
    )
    response = client.post(
        f"/staff/interaction/opinions/{rumour.pk}/",
        {
            "edit-title": rumour.title,
            "edit-source": "weibo",
            "edit-first_seen": "2026-04-08T20:00",
            "edit-summary": rumour.summary,
            "edit-level": "medium",
            "edit-response": "当晚发布线网优化说明。",
            "edit-status": "responded",
            "edit-reported_upward": "on",
            "edit-reported_at": "2026-04-08T22:00",
            "edit-reported_to": "县人民政府办公室",
        },
    )
    assert response.status_code == 302
    rumour.refresh_from_db()
    assert rumour.reported_upward and rumour.reported_to == "县人民政府办公室"
    response = client.post(
        "/staff/interaction/opinions/register/",
        {
            "title": "短视频反映路面坑洼",
            "source": "video",
            "first_seen": "2026-06-17T11:00",
            "summary": "县道X203线龙潭段雨后积水。",
            "level": "low",
        },
    )
    assert response.status_code == 302
    assert transport.opinion_events.count() == 2
