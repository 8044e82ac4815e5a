"""The audit log is tamper-evident: every row is chained to the previous one by a SHA-256 hash, and
`gongkai audit verify` finds the first row that someone with access to the database file changed,
deleted or cut off."""

import io
import itertools
import threading
from datetime import UTC

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError
from django.test import Client
from django.utils import timezone

from gongkai.audit import chain
from gongkai.audit.models import AppendOnlyError, AuditEvent, ChainVerification
from gongkai.audit.services import audit_record, chain_rows

pytestmark = pytest.mark.django_db


def ids() -> list[int]:
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def verify(*args) -> tuple[int, str, str]:
    """Run `gongkai audit verify`: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def logged(xiaoli, laowang):
    """Some history: two people created, a few events recorded."""
    for n in range(5):
        audit_record(action="command", object_repr=f"第{n}次", changes={"n": n})
    assert len(ids()) >= 8
    return ids()


def test_every_row_is_chained_to_the_one_before(logged):
    rows = list(chain_rows())
    assert rows[0]["prev_hash"] == chain.GENESIS
    for before, row in itertools.pairwise(rows):
        assert row["prev_hash"] == before["row_hash"]
    for row in rows:
        assert len(row["row_hash"]) == 64
        assert row["row_hash"] == chain.row_hash(row, row["prev_hash"])


def test_the_hash_covers_the_content_in_canonical_form():
    at = timezone.now()
    content = {
        "at": at,
        "actor_id": 7,
        "actor_name": "小李",
        "ip": "10.1.2.3",
        "action": "change",
        "object_type": "org.agency",
        "object_id": "3",
        "object_repr": "示例县交通运输局",
        "changes": {"phone": ["", "0595"], "name": ["甲", "乙"]},
        "request_id": "abc",
    }
    same = {**content, "changes": {"name": ("甲", "乙"), "phone": ["", "0595"]}}
    assert chain.row_hash(content, chain.GENESIS) == chain.row_hash(same, chain.GENESIS)
    assert chain.row_hash(content, chain.GENESIS) != chain.row_hash(content, "1" * 64)
    for field, other in [("actor_name", "老王"), ("ip", "10.1.2.4"), ("object_id", "4")]:
        changed = {**content, field: other}
        assert chain.row_hash(changed, chain.GENESIS) != chain.row_hash(content, chain.GENESIS)
    text = chain.canonical(content, chain.GENESIS).decode()
    assert at.astimezone(UTC).isoformat(timespec="microseconds") in text
    assert '"changes":{"name":["甲","乙"],"phone":["","0595"]}' in text


def test_addresses_and_odd_json_round_trip_through_the_database(xiaoli):
    for ip in ["2001:DB8::1", "::ffff:10.0.0.1", "10.0.0.1", "", None]:
        AuditEvent.objects.create(
            action="view",
            ip=ip,
            changes={
                "big": 1e16,
                "small": 1e-7,
                "half": 0.5,
                "nested": {"b": [1, (2, 3)], "a": "中"},
            },
        )
    code, out, _ = verify()
    assert code == 0, out


def test_an_intact_chain_verifies_with_exit_code_0(logged):
    code, out, err = verify()
    assert code == 0 and not err
    assert "审计日志完整" in out and f"校验 {len(logged)} 条" in out
    run = ChainVerification.objects.get()
    assert run.intact and run.rows_checked == len(logged) and run.last_id == logged[-1]
    assert run.by == "命令:audit verify"


def test_a_row_altered_with_raw_sql_is_found_exactly(logged, triggers_dropped):
    target = logged[3]
    raw("UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["someone", target])
    code, _, err = verify()
    assert code == 1
    assert f"第 {target} 条内容被篡改" in err
    run = ChainVerification.objects.get()
    assert not run.intact and run.broken_id == target and run.problem == "altered"
    assert run.rows_checked == 3  # the rows before it are intact


def test_changed_json_is_found_too(logged, triggers_dropped):
    target = logged[-1]
    raw("UPDATE audit_auditevent SET changes = %s WHERE id = %s", ['{"n": 99}', target])
    assert verify()[0] == 1
    assert ChainVerification.objects.get().broken_id == target


@pytest.mark.parametrize("chunk", ["1", "2", "2000"])
def test_a_deleted_row_breaks_the_link_of_its_successor(logged, triggers_dropped, chunk):
    raw("DELETE FROM audit_auditevent WHERE id = %s", [logged[4]])
    code, _, err = verify("--chunk", chunk)
    assert code == 1
    run = ChainVerification.objects.get()
    assert run.broken_id == logged[5] and run.problem == "link"
    assert f"第 {logged[5]} 条与前一条的链接断开" in err


def test_a_gap_in_the_ids_alone_is_no_break(logged):
    """A rolled-back transaction uses up an id; the hashes still link."""
    try:
        with transaction.atomic():
            audit_record(action="command", object_repr="回滚")
            raise RuntimeError
    except RuntimeError:
        pass
    audit_record(action="command", object_repr="之后")
    assert verify()[0] == 0


def test_a_cut_off_tail_is_found_from_the_last_verification(logged, triggers_dropped):
    assert verify()[0] == 0
    anchor = ChainVerification.objects.get().last_id
    raw("DELETE FROM audit_auditevent WHERE id >= %s", [logged[-2]])
    code, _, err = verify()
    assert code == 1
    run = ChainVerification.objects.filter(intact=False).get()
    assert run.problem == "missing" and run.broken_id == anchor
    assert "记录缺失" in err


def test_a_rewritten_chain_is_found_from_the_last_verification(logged, triggers_dropped):
    """Whoever re-computes every hash after their change still contradicts the last check."""
    assert verify()[0] == 0
    raw("UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["someone", logged[2]])
    prev = chain.GENESIS
    for row in chain_rows():
        new = chain.row_hash(row, prev)
        raw(
            "UPDATE audit_auditevent SET prev_hash = %s, row_hash = %s WHERE id = %s",
            [prev, new, row["id"]],
        )
        prev = new
    assert verify()[0] == 1
    run = ChainVerification.objects.filter(intact=False).get()
    assert run.problem == "altered" and run.broken_id == logged[-1]


def test_rows_are_appended_one_by_one(xiaoli):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(action="view")])


def test_the_hash_columns_are_append_only_too(logged):
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            raw("UPDATE audit_auditevent SET row_hash = %s", ["0" * 64])


def test_the_auditor_sees_the_last_check_and_runs_one(auditor, sysadmin):
    client = Client()
    client.force_login(auditor)
    assert "尚未校验过" in client.get("/staff/audit/").text
    response = client.post("/staff/audit/verify/")
    assert response.status_code == 302 and response["Location"] == "/staff/audit/"
    page = client.get("/staff/audit/").text
    run = ChainVerification.objects.get()
    assert run.intact and run.by == "auditor"
    assert "校验完成：审计日志完整" in page
    assert f"<dt>校验条数</dt><dd>{run.rows_checked}</dd>" in page
    assert timezone.localtime(run.started_at).strftime("%Y-%m-%d %H:%M:%S") in page
    # Running the check is itself in the log.
    assert AuditEvent.objects.filter(object_type="audit.chainverification", actor_id=auditor.pk)

    other = Client()
    other.force_login(sysadmin)
    assert other.post("/staff/audit/verify/").status_code == 404
    assert client.get("/staff/audit/verify/").status_code == 405


def test_the_page_shows_where_the_chain_broke(auditor, triggers_dropped):
    target = ids()[1]
    raw("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["改过", target])
    client = Client()
    client.force_login(auditor)
    client.post("/staff/audit/verify/")
    page = client.get("/staff/audit/").text
    assert f"已被篡改：第 {target} 条内容被篡改" in page


# --- Concurrency and the migration (transactional: real commits) ------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_make_one_unbroken_chain(audit_triggers_allow_flush):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has a single writer (IMMEDIATE transactions)")
    threads, per_thread, errors = 8, 15, []
    before = AuditEvent.objects.count()
    start = threading.Barrier(threads)

    def work(n):
        try:
            start.wait()
            for i in range(per_thread):
                if i % 2:
                    audit_record(action="command", object_repr=f"线程{n}-{i}")
                else:
                    with transaction.atomic():
                        audit_record(action="command", object_repr=f"线程{n}-{i}")
                        audit_record(action="view", object_repr=f"线程{n}-{i}b")
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    result = chain.walk(chain_rows())
    assert result.intact, result.broken
    assert result.rows == AuditEvent.objects.count()
    assert result.rows - before == threads * (per_thread + per_thread // 2 + 1)
    assert len(set(AuditEvent.objects.values_list("prev_hash", flat=True))) == result.rows


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_the_rows_already_there(audit_triggers_allow_flush):
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0002_append_only_triggers")])
    try:
        for n in range(5):
            raw(
                "INSERT INTO audit_auditevent (at, actor_name, action, object_type, object_id,"
                " object_repr, changes, request_id) VALUES (%s, %s, %s, '', '', %s, %s, '')",
                [timezone.now(), "小李", "login", f"旧记录{n}", '{"k": [1, "二"]}'],
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("audit"))
    result = chain.walk(chain_rows())
    assert result.intact and result.rows == 5
    # The triggers are back.
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            raw("DELETE FROM audit_auditevent")
    audit_record(action="command", object_repr="迁移之后")
    assert chain.walk(chain_rows()).intact
