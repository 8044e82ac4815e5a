"""The audit log (安全审计, 等保2.0): append-only, readable only by the 审计管理员."""

from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("审计日志只能追加，不能删除。")


class AuditEvent(models.Model):
    """One login, logout, failed login, lockout, create, change or delete (who, when, where, what).

    Append-only three times over: this model refuses updates and deletes, its queryset does too,
    and database triggers (migration 0002) reject UPDATE and DELETE on the table.
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

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        default_permissions = ()

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能删除。")

    @property
    def object_type_label(self) -> str:
        """The object's kind in Chinese (its model's verbose_name), or the raw label."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type
