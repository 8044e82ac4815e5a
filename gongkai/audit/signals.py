"""Every login, logout, failed login, lockout, create, change and delete becomes an AuditEvent."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save

from .models import AuditEvent
from .personal import mask_values, personal_fields
from .services import audit_record

#: Apps whose models are audited: ours, and Django's auth (accounts is ours).
AUDITED_APP_PREFIX = "gongkai."
SECRET_FIELDS = {"password"}
#: Changes that other events already describe (a login updates last_login).
IGNORED_FIELDS = {"last_login"}


def is_audited(model) -> bool:
    return (
        model is not AuditEvent
        and model.__module__.startswith(AUDITED_APP_PREFIX)
        and not model._meta.proxy
        and getattr(model, "audit_log", True)
    )


def snapshot(instance, *, masked: bool = True) -> dict[str, str | None]:
    """The instance's fields as text; passwords hidden, declared personal data masked (unmasked
    only for comparing before and after in memory: what is written is always masked)."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            values[field.attname] = "******" if getattr(instance, field.attname) else ""
            continue
        value = field.value_from_object(instance)
        values[field.attname] = None if value is None else field.value_to_string(instance)
    return mask_values(personal_fields(type(instance)), values) if masked else values


def label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def on_pre_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender) or instance._state.adding or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old, masked=False) if old is not None else None
    if old is not None and "password" in {f.name for f in sender._meta.concrete_fields}:
        instance._audit_password_changed = old.password != instance.password


def on_post_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    after = snapshot(instance, masked=False)
    before = None if created else getattr(instance, "_audit_before", None)
    if before is None:
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
        action = AuditEvent.Action.CREATE
    else:
        # Compared in full, written masked: 13812345678 → 13800005678 is still a change.
        changes = {
            k: [before.get(k), v]
            for k, v in after.items()
            if before.get(k) != v and k not in IGNORED_FIELDS
        }
        if getattr(instance, "_audit_password_changed", False):
            changes["password"] = ["******", "****** (已修改)"]
        action = AuditEvent.Action.CHANGE
        if not changes:
            return
    audit_record(
        action=action,
        object_type=label(sender),
        object_id=instance.pk,
        object_repr=str(instance),
        changes=mask_values(personal_fields(sender), changes),
    )


def on_post_delete(sender, instance, **kwargs):
    if not is_audited(sender):
        return
    audit_record(
        action=AuditEvent.Action.DELETE,
        object_type=label(sender),
        object_id=instance.pk,
        object_repr=str(instance),
        changes={k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "")},
    )


def on_login(sender, request, user, **kwargs):
    audit_record(
        action=AuditEvent.Action.LOGIN,
        object_type=label(user),
        object_id=user.pk,
        object_repr=user.get_username(),
        actor_id=user.pk,
        actor_name=user.get_username(),
    )


def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    audit_record(
        action=AuditEvent.Action.LOGOUT,
        object_type=label(user),
        object_id=user.pk,
        object_repr=user.get_username(),
        actor_id=user.pk,
        actor_name=user.get_username(),
    )


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        action=AuditEvent.Action.LOGIN_FAILED,
        object_repr=username,
        actor_id=None,
        actor_name=username,
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(
        action=AuditEvent.Action.LOCKED_OUT,
        object_repr=str(username or "")[:150],
        actor_id=None,
        actor_name=str(username or "")[:150],
    )


def connect() -> None:
    from axes.signals import user_locked_out

    pre_save.connect(on_pre_save, dispatch_uid="audit_pre_save")
    post_save.connect(on_post_save, dispatch_uid="audit_post_save")
    post_delete.connect(on_post_delete, dispatch_uid="audit_post_delete")
    user_logged_in.connect(on_login, dispatch_uid="audit_login")
    user_logged_out.connect(on_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit_locked_out")
