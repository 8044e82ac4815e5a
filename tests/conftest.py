import os
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import override_settings

from tests.factories import AgencyFactory, MembershipFactory, UnitFactory, UserFactory

PASSWORD = "Gongkai@2026"
#: The real documents every CI run has at ../shared/seeds (shared/README.md); tests read them.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ROOT = Path(__file__).resolve().parents[1]


def pytest_sessionstart(session):
    """Outside CI the seed tests skip when ../shared is absent; in CI that would hide them."""
    if os.environ.get("CI") and not SEEDS.is_dir():
        raise pytest.UsageError(f"CI: {SEEDS} is missing, so the tests on the seeds would skip.")


@pytest.fixture(autouse=True, scope="session")
def _test_today():
    """GONGKAI_TEST_TODAY=YYYY-MM-DD runs the suite as if on that day (the clock keeps ticking), to
    see what a later day brings — e.g. a December before next year's holidays are entered."""
    day = os.environ.get("GONGKAI_TEST_TODAY")
    if not day:
        yield
        return
    import time_machine

    with time_machine.travel(f"{day}T10:00:00+08:00", tick=True):
        yield


@pytest.fixture(autouse=True, scope="session")
def _test_settings(tmp_path_factory):
    """Plain static storage (no collectstatic in tests), a fast hasher (argon2 is tested alone),
    uploads and the shared (disk) cache in temporary directories rather than var/, and text
    messages kept in memory."""
    from gongkai.settings import cache_from_url

    with override_settings(
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        CACHES={"default": cache_from_url(f"disk:{tmp_path_factory.mktemp('cache')}")},
        STORAGES={
            "default": {"BACKEND": "gongkai.core.storage.AtomicFileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Text messages stay in gongkai.core.sms.outbox, as e-mail stays in mail.outbox.
        GONGKAI_SMS_BACKEND="gongkai.core.sms.LocmemBackend",
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    from gongkai.core import sms

    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _clear_calendar_cache():
    from gongkai.workdays.services import invalidate_calendar

    invalidate_calendar()
    yield
    invalidate_calendar()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test rolls its rows back, so primary keys and the portal's generation counter repeat
    from one test to the next: a page cached by an earlier test must not answer a later one."""
    from django.core.cache import cache

    from gongkai.search import synonyms

    cache.clear()
    synonyms.forget()  # the synonyms a rolled-back test added are gone: ask the table again
    yield


# --- A database for other processes -------------------------------------------------------------


@pytest.fixture
def fresh_database(tmp_path):
    """A database of the same kind as the suite's, outside the test transaction, for processes."""
    env = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    if connection.vendor == "postgresql":
        import psycopg

        name = f"gongkai_conc_{uuid.uuid4().hex[:8]}"
        params = connection.settings_dict
        dsn = f"host={params['HOST']} port={params['PORT']} user={params['USER']} dbname=postgres"
        if params.get("PASSWORD"):
            dsn += f" password={params['PASSWORD']}"
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = (
            f"postgres://{params['USER']}:{params.get('PASSWORD') or ''}@{params['HOST']}:"
            f"{params['PORT']}/{name}"
        )
        env["DATABASE_URL"] = url
        yield env
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    else:
        env.pop("DATABASE_URL", None)
        yield env


# --- The county and its people (DOMAIN.md "Who uses it") -------------------------------------


@pytest.fixture
def county(db):
    return AgencyFactory(name="示例县人民政府", code="SX000", level="county", kind="government")


@pytest.fixture
def transport(county):
    """示例县交通运输局 with its 股室."""
    agency = AgencyFactory(
        name="示例县交通运输局", code="SX120", parent=county, doc_prefix="示县交"
    )
    for name in ["办公室", "运输股", "建设股", "路政股"]:
        UnitFactory(agency=agency, name=name)
    return agency


@pytest.fixture
def education(county):
    agency = AgencyFactory(name="示例县教育局", code="SX130", parent=county, doc_prefix="示县教")
    UnitFactory(agency=agency, name="办公室")
    return agency


def person(username, agency, role, unit_name=None, **kwargs):
    user = UserFactory(username=username, **kwargs)
    unit = agency.units.get(name=unit_name) if unit_name else None
    MembershipFactory(user=user, agency=agency, unit=unit, role=role)
    return user


@pytest.fixture
def xiaoli(transport):
    """信息员小李 of 运输股."""
    return person("xiaoli", transport, "info_officer", "运输股", full_name="小李")


@pytest.fixture
def laowang(transport):
    """股室负责人老王 of 运输股."""
    return person("laowang", transport, "unit_head", "运输股", full_name="老王")


@pytest.fixture
def teacher_officer(education):
    """教育局's 信息员, who must never see 交通运输局's data."""
    return person("jiaoyu", education, "info_officer", "办公室", full_name="教育局信息员")


@pytest.fixture
def supervisor(county):
    return person("sunzr", county, "supervisor", full_name="孙主任")


@pytest.fixture
def sysadmin(county):
    return person("sysadmin", county, "system_admin", full_name="系统管理员")


@pytest.fixture
def secadmin(county):
    return person("secadmin", county, "security_admin", full_name="安全管理员")


@pytest.fixture
def auditor(county):
    return person("auditor", county, "audit_admin", full_name="审计管理员")


def answered_challenge(purpose: str = "login") -> dict:
    """A fresh challenge of the guard with its right answer, as a form posts them."""
    from gongkai.core.guard import challenge_new

    challenge = challenge_new(purpose)
    a, op, b = challenge.question.removesuffix(" 等于几？").split(" ")
    answer = int(a) + int(b) if op == "加" else int(a) - int(b)
    return {"challenge_token": challenge.token, "challenge_answer": str(answer)}


def pytest_report_header(config):
    return f"database: {os.environ.get('DATABASE_URL', 'SQLite (embedded default)')}"


# --- The audit log's triggers --------------------------------------------------------------


def audit_triggers(action: str) -> None:
    """Drop (``"drop"``) or re-create (``"create"``) the audit table's append-only triggers, with the
    SQL of migration 0002 — what someone with write access to the database could do."""
    import importlib

    from django.db import connection

    triggers = importlib.import_module("gongkai.audit.migrations.0002_append_only_triggers")
    postgres = connection.vendor == "postgresql"
    statements = triggers.POSTGRES_REVERSE if postgres else triggers.SQLITE_REVERSE
    if action == "create":
        statements = statements + (triggers.POSTGRES if postgres else triggers.SQLITE)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture
def triggers_dropped(db):
    """Someone with file access drops the triggers; the test's rollback puts them back."""
    audit_triggers("drop")


@pytest.fixture
def audit_triggers_allow_flush(transactional_db):
    """For transactional tests: the triggers are there during the test, and dropped afterwards so
    that Django can empty the tables (the next transactional test creates them again)."""
    audit_triggers("create")
    yield
    audit_triggers("drop")


@pytest.fixture(autouse=True)
def _fresh_fulltext_table(request):
    """Django's flush after a transactional test empties the models' tables but not SQLite's
    FTS5 table (it is no model): empty it before the next one, so that the index holds exactly
    the entries SearchEntry holds, as it does outside tests."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    yield
