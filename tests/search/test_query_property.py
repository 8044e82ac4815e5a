"""The query builder can never emit an invalid FTS5 expression or tsquery: any Unicode text a
visitor types is a search (possibly with no results), never a database error — on both databases."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search.query import search

pytestmark = pytest.mark.django_db

#: The strings that broke it before, and the syntax of both engines.
HOSTILE = [
    "αβ交通",
    "αβ",
    "()",
    '"',
    "'",
    "\\",
    "交通 AND",
    "NOT 公开",
    "路 OR 桥",
    "NEAR(公路 养护)",
    "公开*",
    "^公开",
    "title:公开",
    "{title body} : 公开",
    "a & b | !c",
    "<->",
    "''",
    "'a':*",
    "_",
    "＿＿",
    "-",
    "…",
    "ⅷ",
    "²³",
    "〔2025〕",
    "示交[2025]201号",
    "😀交通",
    "\u200b",
    "ﬁ",
    "İstanbul",
    " ".join(["公开"] * 40),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_search_without_error(text):
    results = search(text)
    assert results.total >= 0


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00")))
def test_any_unicode_text_is_a_valid_search(text):
    results = search(text[:100])
    assert results.total >= 0
    results = search(text[:100], sort="date", page=2)
    assert results.total >= 0
