from collections.abc import Iterator

from django.utils import timezone

from gongkai.core.request_context import current_actor

from . import chain
from .models import AuditEvent, ChainVerification

#: Rows read per query when walking the chain: memory stays bounded whatever the table's size.
VERIFY_CHUNK = 2000


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
    """Append one event, attributed to the current request's person (or command).

    Inside the caller's transaction when there is one (the event is rolled back with the change it
    records), in a transaction of its own otherwise; AuditEvent.save() chains it under a lock.
    """
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


def chain_rows(*, chunk_size: int = VERIFY_CHUNK) -> Iterator[dict]:
    """Every audit row in id order, as dicts of chain.ROW_FIELDS, ``chunk_size`` rows a query
    (keyset pagination: no OFFSET, no long-lived cursor)."""
    after = 0
    while True:
        chunk = list(
            AuditEvent._base_manager.filter(id__gt=after)
            .order_by("id")
            .values(*chain.ROW_FIELDS)[:chunk_size]
        )
        if not chunk:
            return
        yield from chunk
        after = chunk[-1]["id"]


def chain_verify(*, by: str, chunk_size: int = VERIFY_CHUNK) -> ChainVerification:
    """Walk the whole chain (streaming) and record the outcome; the last intact run is the anchor."""
    started = timezone.now()
    previous = ChainVerification.objects.filter(intact=True, last_id__isnull=False).first()
    anchor = (previous.last_id, previous.last_hash) if previous is not None else None
    result = chain.walk(chain_rows(chunk_size=chunk_size), anchor=anchor)
    broken = result.broken
    return ChainVerification.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        by=by[:150],
        rows_checked=result.rows,
        intact=result.intact,
        broken_id=broken.row_id if broken else None,
        problem=broken.problem if broken else "",
        detail=broken.detail[:300] if broken else "",
        last_id=result.last_id,
        last_hash=result.last_hash if result.last_id is not None else "",
    )


def latest_verification() -> ChainVerification | None:
    return ChainVerification.objects.first()
