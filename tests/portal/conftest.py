from tests.publishing.conftest import catalogue, chain_people, draft_data  # noqa: F401
from tests.search.conftest import publish  # noqa: F401
