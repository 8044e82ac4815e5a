from tests.applications.conftest import office, office_head, registered  # noqa: F401
from tests.publishing.conftest import catalogue, chain_people, draft_data  # noqa: F401
