"""Chain every audit row to the previous one with a SHA-256 hash (tamper evidence).

The append-only triggers forbid the UPDATE that fills the hashes of the rows already there, so this
migration drops them, chains the existing rows in id order and puts the triggers back, all in one
migration (one transaction on PostgreSQL). On SQLite, adding the columns rebuilds the table, which
drops its triggers anyway; they are created again at the end.
"""

import django.utils.timezone
from django.db import migrations, models

from gongkai.audit import chain

SQLITE_CREATE = [
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    """CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete;",
]
POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_auditevent_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();""",
    """CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only();""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_change ON audit_auditevent;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;",
]
BATCH = 2000


def _run(schema_editor, postgres, sqlite):
    for sql in postgres if schema_editor.connection.vendor == "postgresql" else sqlite:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


def create_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_CREATE, SQLITE_CREATE)


def chain_existing_rows(apps, schema_editor):
    """Hash the rows already in the log, in id order, in batches (bounded memory)."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    db = schema_editor.connection.alias
    prev, after = chain.GENESIS, 0
    while True:
        rows = list(AuditEvent.objects.using(db).filter(id__gt=after).order_by("id")[:BATCH])
        if not rows:
            break
        for row in rows:
            content = {name: getattr(row, name) for name in chain.CONTENT_FIELDS}
            row.prev_hash = prev
            row.row_hash = chain.row_hash(content, prev)
            prev = row.row_hash
        AuditEvent.objects.using(db).bulk_update(rows, ["prev_hash", "row_hash"])
        after = rows[-1].id


def forwards(apps, schema_editor):
    chain_existing_rows(apps, schema_editor)
    create_triggers(apps, schema_editor)


def backwards(apps, schema_editor):
    # The schema operations are undone next (on SQLite, dropping the columns rebuilds the table);
    # the first operation's reverse then puts the triggers back.
    drop_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        # Reversed last: the triggers of 0002 come back once the columns are gone.
        migrations.RunPython(drop_triggers, create_triggers),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="前一条哈希"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="row_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="本条哈希"
            ),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="ChainVerification",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="开始时间")),
                ("finished_at", models.DateTimeField(verbose_name="结束时间")),
                ("by", models.CharField(blank=True, max_length=150, verbose_name="执行人")),
                ("rows_checked", models.PositiveBigIntegerField(default=0, verbose_name="校验条数")),
                ("intact", models.BooleanField(verbose_name="链完整")),
                ("broken_id", models.BigIntegerField(blank=True, null=True, verbose_name="断点记录ID")),
                (
                    "problem",
                    models.CharField(
                        blank=True,
                        choices=[("altered", "内容被篡改"), ("link", "与前一条的链接断开"), ("missing", "记录缺失")],
                        max_length=10,
                        verbose_name="问题",
                    ),
                ),
                ("detail", models.CharField(blank=True, max_length=300, verbose_name="说明")),
                ("last_id", models.BigIntegerField(blank=True, null=True, verbose_name="最后一条记录ID")),
                ("last_hash", models.CharField(blank=True, max_length=64, verbose_name="最后一条哈希")),
            ],
            options={
                "verbose_name": "审计日志校验",
                "verbose_name_plural": "审计日志校验",
                "ordering": ["-started_at", "-id"],
                "default_permissions": (),
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
