import pytest

from gongkai.applications import identity, services
from tests.conftest import person

ZHANG_ID = identity.make_resident_id("11010519900307123")  # 公民张三


@pytest.fixture
def office(transport):
    """公开办小林 of 示例县交通运输局: registers and answers applications."""
    return person("xiaolin", transport, "disclosure_office", "办公室", full_name="林晓")


@pytest.fixture
def office_head(transport):
    """The office's head who signs answers off (another 公开办 member)."""
    return person("laozhao", transport, "disclosure_office", "办公室", full_name="赵主任")


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
