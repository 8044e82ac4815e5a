"""Each leg of `make test` runs on the database it claims to (no silent fallback to SQLite)."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_the_expected_database():
    expected = os.environ.get("GONGKAI_EXPECT_DB")
    if expected is None:
        pytest.skip("GONGKAI_EXPECT_DB not set (run through make test)")
    assert connection.vendor == expected


def test_sqlite_runs_in_wal_mode_with_foreign_keys():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    # The test database lives in memory (journal "memory"); files under var/ use WAL.
    assert mode in {"wal", "memory"}
