import pytest

from gongkai.publishing import services
from tests.publishing.conftest import catalogue, chain_people, column, draft_data, walk_chain  # noqa: F401


@pytest.fixture
def publish(chain_people, draft_data, catalogue):  # noqa: F811 (fixtures)
    def make(title, body, doc_number="", entry="其他文件", **extra):
        data = draft_data(
            title=title, body=body, doc_number=doc_number, entry=column(catalogue, entry), **extra
        )
        item = services.item_create(agency=catalogue, by=chain_people["drafter"], data=data)
        item = services.item_submit(item=item, by=chain_people["drafter"])
        return walk_chain(item, chain_people)

    return make
