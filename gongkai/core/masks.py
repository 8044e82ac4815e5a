"""Masks for personal data (个人信息): how an applicant's or a message writer's details are shown
to whoever does not need them in full (lists, exports, notices, the audit log).

Pure functions, no Django, and idempotent (masking a masked value gives it back unchanged), so the
audit log can mask old rows on display the same way it masks new rows before writing them.

Models that hold personal data declare it for the audit log (``gongkai.audit.signals``) as a class
attribute naming each field's kind, e.g. ``personal_fields = {"id_number": "id", "phone": "phone"}``;
``mask(kind, value)`` applies the mask of that kind.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "KINDS",
    "mask",
    "mask_address",
    "mask_email",
    "mask_id",
    "mask_name",
    "mask_phone",
]


def _normalise(text: str) -> str:
    """Full-width → half-width, then drop every whitespace character (as identity.py does)."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _keep_ends(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_id(text: str) -> str:
    """First 3 and last 4 characters, one ``*`` for each in between: "110***********1234".

    Works for any identity number (身份证号码, 统一社会信用代码, passport); a value of 7 characters
    or fewer is masked entirely, since keeping 3 + 4 would show all of it.
    """
    return _keep_ends(_normalise(text).upper(), 3, 4)


def mask_name(name: str) -> str:
    """A person's name: first character, then one ``*`` per remaining character (张三 → 张*,
    欧阳娜娜 → 欧***)."""
    value = "".join((name or "").split())
    return value[:1] + "*" * (len(value) - 1) if value else ""


def mask_phone(text: str) -> str:
    """First 3 and last 4 digits kept: "13812345678" → "138****5678"."""
    return _keep_ends(_normalise(text), 3, 4)


def mask_email(text: str) -> str:
    """First character of the local part, one ``*`` per remaining one, domain kept:
    "zhangsan@example.com" → "z*******@example.com"."""
    value = _normalise(text)
    local, at, domain = value.rpartition("@")
    if not at:
        return mask_name(value)
    return mask_name(local) + "@" + domain


def mask_address(text: str) -> str:
    """The first third of an address (at most 6 characters: usually the county or the town) and
    one ``*`` per remaining character: "示例县人民路1号" → "示例******"."""
    value = "".join((text or "").split())
    keep = min(6, len(value) // 3)
    return value[:keep] + "*" * (len(value) - keep)


#: The kinds a model's ``personal_fields`` may name.
KINDS = {
    "id": mask_id,
    "name": mask_name,
    "phone": mask_phone,
    "email": mask_email,
    "address": mask_address,
}


def mask(kind: str, value):
    """``value`` masked as ``kind``; None and "" stay as they are."""
    if value is None or value == "":
        return value
    return KINDS[kind](str(value))
