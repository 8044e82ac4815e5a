from gongkai.core.request_context import current_actor

from .models import AuditEvent


def audit_record(
    *,
    action: str,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    actor_id: int | None = None,
    actor_name: str | None = None,
) -> AuditEvent:
    """Append one event, attributed to the current request's person (or command)."""
    actor = current_actor()
    return AuditEvent.objects.create(
        action=action,
        actor_id=actor_id if actor_id is not None else actor.user_id,
        actor_name=actor_name if actor_name is not None else actor.username,
        ip=actor.ip,
        request_id=actor.request_id,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:300],
        changes=changes or {},
    )
