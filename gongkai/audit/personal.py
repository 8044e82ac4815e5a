"""Personal data in the audit log: masked before a row is written, and masked again on display.

Each model that holds personal data declares it (``personal_fields = {"phone": "phone", …}``,
field name → kind of mask, see ``gongkai.core.masks``). ``snapshot()`` (signals.py) masks those
fields before a change is recorded. Rows written before that declaration hold the values in full
and cannot be rewritten (the log is append-only and hash-chained), so the log page and its CSV
export show every row through ``masked_changes()``; masks are idempotent, so masked rows are
shown unchanged.
"""

from __future__ import annotations

from django.apps import apps

from gongkai.core import masks


def personal_fields(model) -> dict[str, str]:
    """{attname: mask kind} of a model's declared personal data."""
    declared = getattr(model, "personal_fields", None) or {}
    out = {}
    for name, kind in declared.items():
        out[model._meta.get_field(name).attname] = kind
    return out


def personal_fields_for(object_type: str) -> dict[str, str]:
    """The same for an audit row's ``object_type`` ("applications.application")."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    return personal_fields(model)


def _masked(kind: str, value):
    if isinstance(value, str):
        return masks.mask(kind, value)
    if isinstance(value, list):
        return [_masked(kind, v) for v in value]
    return value


def mask_values(declared: dict[str, str], values: dict) -> dict:
    """``values`` (attname → text, or [before, after]) with the declared fields masked."""
    if not declared:
        return values
    return {key: _masked(declared[key], v) if key in declared else v for key, v in values.items()}


def masked_changes(event) -> dict:
    """An audit row's changes with the declared personal data masked (for display and export)."""
    if not event.object_type or not isinstance(event.changes, dict):
        return event.changes
    return mask_values(personal_fields_for(event.object_type), event.changes)
