"""The audit log (安全审计, 等保2.0): append-only, hash-chained, readable only by the 审计管理员."""

import json

from django.db import connections, models, router, transaction
from django.utils import timezone

from . import chain

#: Key of the PostgreSQL advisory lock that serialises appends to the chain (any constant will do;
#: this one is "gkaudit" in ASCII, so it does not collide with other users of advisory locks).
CHAIN_LOCK_KEY = 0x676B6175646974


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("审计日志只能追加，不能删除。")

    def bulk_create(self, objs, *args, **kwargs):
        # Each row's hash needs its predecessor's: rows are appended one by one (save()).
        raise AppendOnlyError("审计日志只能逐条追加。")


class AuditEvent(models.Model):
    """One login, logout, failed login, lockout, create, change or delete (who, when, where, what).

    Append-only three times over: this model refuses updates and deletes, its queryset does too,
    and database triggers (migration 0002) reject UPDATE and DELETE on the table. And tamper-evident:
    each row is chained to the previous one by a SHA-256 hash (``chain.py``, migration 0003), which
    ``gongkai audit verify`` checks.
    """

    class Action(models.TextChoices):
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKED_OUT = "locked_out", "账号锁定"
        CREATE = "create", "新增"
        CHANGE = "change", "修改"
        DELETE = "delete", "删除"
        VIEW = "view", "查阅"
        COMMAND = "command", "命令"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField("操作人ID", null=True, blank=True, db_index=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    request_id = models.CharField("请求ID", max_length=32, blank=True)
    prev_hash = models.CharField("前一条哈希", max_length=64, editable=False)
    row_hash = models.CharField("本条哈希", max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        default_permissions = ()

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        """Append the row to the chain: under a lock, read the last row's hash and hash this one.

        Appends are serialised so that two transactions never chain to the same predecessor: on
        PostgreSQL by an advisory lock held to the end of the transaction; on SQLite by the write
        lock that the project's IMMEDIATE transactions take at BEGIN (settings.DATABASES). Works
        inside a caller's transaction (a savepoint) and outside one.
        """
        if not self._state.adding:
            raise AppendOnlyError("审计日志只能追加，不能修改。")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            connection = connections[using]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
            self._prepare_content()
            last = (
                type(self)
                ._base_manager.using(using)
                .order_by("-id")
                .values_list("row_hash", flat=True)
                .first()
            )
            self.prev_hash = last or chain.GENESIS
            self.row_hash = chain.row_hash(self.content(), self.prev_hash)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能删除。")

    def content(self) -> dict:
        """What the row's hash covers, besides the previous row's hash (chain.CONTENT_FIELDS)."""
        return {name: getattr(self, name) for name in chain.CONTENT_FIELDS}

    def _prepare_content(self) -> None:
        """Bring the values to the form the database gives back, so that the hash computed now is
        the hash verification computes later from the stored row."""
        if timezone.is_naive(self.at):
            self.at = timezone.make_aware(self.at, timezone.get_default_timezone())
        self.ip = self._meta.get_field("ip").get_prep_value(self.ip) or None
        self.changes = json.loads(chain.canonical_json(self.changes or {}))
        self.object_id = str(self.object_id)

    @property
    def object_type_label(self) -> str:
        """The object's kind in Chinese (its model's verbose_name), or the raw label."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type


class ChainVerification(models.Model):
    """One run of the hash-chain check (审计日志完整性校验): by ``gongkai audit verify`` or from the
    audit log page. The last intact run's last row is the next run's anchor."""

    class Problem(models.TextChoices):
        ALTERED = chain.Problem.ALTERED, chain.PROBLEM_LABELS[chain.Problem.ALTERED]
        LINK = chain.Problem.LINK, chain.PROBLEM_LABELS[chain.Problem.LINK]
        MISSING = chain.Problem.MISSING, chain.PROBLEM_LABELS[chain.Problem.MISSING]

    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间")
    by = models.CharField("执行人", max_length=150, blank=True)
    rows_checked = models.PositiveBigIntegerField("校验条数", default=0)
    intact = models.BooleanField("链完整")
    broken_id = models.BigIntegerField("断点记录ID", null=True, blank=True)
    problem = models.CharField("问题", max_length=10, choices=Problem.choices, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)
    last_id = models.BigIntegerField("最后一条记录ID", null=True, blank=True)
    last_hash = models.CharField("最后一条哈希", max_length=64, blank=True)

    class Meta:
        verbose_name = "审计日志校验"
        verbose_name_plural = "审计日志校验"
        ordering = ["-started_at", "-id"]
        default_permissions = ()

    def __str__(self):
        outcome = "完整" if self.intact else f"第 {self.broken_id} 条{self.get_problem_display()}"
        return f"{timezone.localtime(self.started_at):%Y-%m-%d %H:%M:%S} 审计日志校验：{outcome}"
