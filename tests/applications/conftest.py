import pytest

from gongkai.applications import identity, services
from gongkai.org.models import Membership
from tests.conftest import person

ZHANG_ID = identity.make_resident_id("11010519900307123")  # 公民张三


@pytest.fixture
def office(transport):
    """公开办小林 of 示例县交通运输局 (its 政府信息公开工作机构 is 办公室): registers and answers
    applications."""
    transport.disclosure_office = transport.units.get(name="办公室")
    transport.save(update_fields=["disclosure_office"])
    return person("xiaolin", transport, "disclosure_office", "办公室", full_name="林晓")


@pytest.fixture
def office_head(transport, office):
    """赵主任, head of 办公室 (the 政府信息公开工作机构), who signs answers off and agrees to
    extensions; also a member of the 公开办."""
    head = person("laozhao", transport, "unit_head", "办公室", full_name="赵主任")
    Membership.objects.create(
        user=head,
        agency=transport,
        unit=transport.units.get(name="办公室"),
        role="disclosure_office",
    )
    return head


@pytest.fixture
def secrecy(transport):
    """保密审查员老陈: the answer's 保密审查 (第十七条)."""
    return person("laochen", transport, "secrecy_reviewer", "办公室", full_name="陈建国")


@pytest.fixture
def sign_off(secrecy, office_head):
    """Take a drafted answer through the default chain: 保密审查, then the head signs it off."""

    def walk(application):
        application = services.application_review_answer(
            application=application, by=secrecy, approve=True
        )
        return services.application_review_answer(
            application=application, by=office_head, approve=True
        )

    return walk


def zhang_san(**overrides):
    data = {
        "applicant_type": "natural",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": ZHANG_ID,
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        "address": "示例县人民路1号",
        "postcode": "350000",
        "description": "2025年示例县农村公路养护资金安排情况",
        "purpose": "了解养护情况",
        "form_wanted": "email",
        "delivery": "email",
    }
    data.update(overrides)
    return data


@pytest.fixture
def registered(transport, office):
    def make(received, **overrides):
        application, _code = services.application_register(
            agency=transport,
            by=office,
            data=zhang_san(**overrides),
            channel="in_person",
            received=received,
        )
        return application

    return make


from tests.publishing.conftest import catalogue, chain_people, draft_data  # noqa: E402, F401
