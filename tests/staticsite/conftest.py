import pytest

from tests.publishing.conftest import catalogue, chain_people, draft_data  # noqa: F401
from tests.search.conftest import publish  # noqa: F401

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "site"],
    }
}


@pytest.fixture
def site_dir(settings, tmp_path):
    """The static site on, in a temporary directory; tasks run where they are queued."""
    settings.GONGKAI_STATIC_SITE = str(tmp_path / "site")
    settings.TASKS = IMMEDIATE
    return tmp_path / "site"
