"""Pages that link each other: a policy and its interpretation (政策文件 / 政策解读)."""

import pytest

from gongkai.publishing import services as publishing
from gongkai.staticsite import services
from tests.portal.test_portal import site  # noqa: F401 (fixture)
from tests.publishing.conftest import column

pytestmark = pytest.mark.django_db


def test_an_interpretation_moved_to_another_policy_leaves_the_old_ones_page(
    site,  # noqa: F811
    site_dir,
    publish,
    chain_people,
    draft_data,
    catalogue,
    django_capture_on_commit_callbacks,
):
    services.build()
    policy, reading = site["policy"], site["reading"]
    old_page = site_dir / f"xxgk/{catalogue.code}/item/{policy.pk}/index.html"
    assert "政策解读" in old_page.read_text() and reading.title in old_page.read_text()
    other = publish("示例县农村公路路政管理办法", "第一条……", "示县交〔2026〕6号")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_correct(
            item=reading,
            by=chain_people["office"],
            data=draft_data(
                title=reading.title,
                body="一、制定背景……",
                entry=column(catalogue, "政策解读"),
                interprets=other,
            ),
            reason="解读的文件有误",
        )
    assert reading.title not in old_page.read_text()
    new_page = site_dir / f"xxgk/{catalogue.code}/item/{other.pk}/index.html"
    assert reading.title in new_page.read_text()
    assert services.check() == []
