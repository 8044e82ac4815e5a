from tests.publishing.conftest import catalogue, chain_people, draft_data  # noqa: F401
