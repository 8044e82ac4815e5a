"""互动交流's people and data: 公开办小周 registers and publishes, 信息员小李 of 运输股 answers,
股室负责人老王 signs 运输股's answers off, 公民张三 leaves a message."""

from datetime import date

import pytest
from django.core.cache import cache

from gongkai.interaction import services
from tests.conftest import person
from tests.publishing.conftest import catalogue, chain_people, walk_chain  # noqa: F401

ZHANG_SAN = {
    "kind": "complaint",
    "title": "投诉出租车拒载",
    "content": "我叫张三，电话13812345678，11月2日晚在客运站打车，车牌云E·T1234的出租车拒载。",
    "asker_name": "张三",
    "asker_phone": "13812345678",
    "asker_email": "zhangsan@example.com",
    "wants_private": False,
}


def zhang_san(**overrides) -> dict:
    return {**ZHANG_SAN, **overrides}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def office(transport):
    """公开办小周 of 示例县交通运输局."""
    return person("xiaozhou", transport, "disclosure_office", "办公室", full_name="公开办小周")


@pytest.fixture
def deputy(transport):
    return person("liufj", transport, "deputy_leader", full_name="刘副局长")


@pytest.fixture
def registered(transport, office):
    """A message forwarded by 12345 and registered by the office on ``received``."""

    def make(received: date = date(2026, 11, 2), channel="12345", **overrides):
        return services.message_register(
            agency=transport,
            by=office,
            data=zhang_san(**overrides),
            channel=channel,
            received=received,
            channel_reference="GD20261102001",
        )

    return make


@pytest.fixture
def answered(registered, office, xiaoli, laowang):
    """Assigned to 运输股, answered by 小李, signed off by 老王: ready to publish."""

    def make(**overrides):
        message = registered(**overrides)
        unit = message.agency.units.get(name="运输股")
        services.message_assign(message=message, by=office, unit=unit)
        services.message_draft_answer(
            message=message,
            by=xiaoli,
            text="张三同志，您好：经调查，该驾驶员拒载属实，已依法处罚。",
        )
        return services.message_review(message=message, by=laowang, approve=True)

    return make
