"""Published 留言 answers on the static site: written when published, removed when taken back;
the personal data the asker gave never reaches a file."""

import pytest

from gongkai.interaction import services
from gongkai.staticsite import services as site
from tests.interaction.conftest import answered, office, registered  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_a_published_answer_is_written_and_removed_when_taken_back(
    answered,  # noqa: F811
    office,  # noqa: F811
    site_dir,
    django_capture_on_commit_callbacks,
):
    message = answered()
    site.build()
    page = site_dir / f"xxgk/{message.agency.code}/hudong/{message.pk}/index.html"
    assert not page.exists()  # answered, not yet published
    with django_capture_on_commit_callbacks(execute=True):
        services.message_publish(
            message=message,
            by=office,
            title="投诉出租车拒载",
            content="11月2日晚在客运站打车，出租车拒载。",
            answer="经调查，该驾驶员拒载属实，已依法处罚。",
        )
    text = page.read_text()
    assert "已依法处罚" in text
    every = "".join(p.read_text(errors="replace") for p in site_dir.rglob("*.html"))
    assert "13812345678" not in every and "张三" not in every
    assert site.check() == []
    with django_capture_on_commit_callbacks(execute=True):
        services.message_unpublish(message=message, by=office, reason="涉及个人隐私")
    assert not page.exists()
    assert site.check() == []
