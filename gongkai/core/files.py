"""``gongkai files check``: uploaded files that no row names (orphans), and rows whose file is gone.

Streams both sides: rows through ``values_list(...).iterator()``, files through ``os.walk``. Only
the set of referenced paths is kept in memory (a string per file).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.db import models

from .storage import PART_SUFFIX

#: Rows read per round trip.
CHUNK = 2000


class Kind:
    MISSING = "missing"  # a row names a file that is not there
    UNMOVED = "unmoved"  # a committed row's file is still under its temporary name
    ORPHAN = "orphan"  # a file no row names (a leftover .part included)
    RECENT = "recent"  # a file no row names yet, younger than the grace period: left alone


@dataclass(frozen=True)
class Finding:
    kind: str
    path: str
    row: str = ""  # "app.model.field#pk" for a row's finding


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every FileField (ImageField included) of every installed model."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def _full(storage: FileSystemStorage, name: str) -> str:
    return os.path.normpath(os.path.join(storage.location, name))


def scan(*, root: Path, min_age_seconds: float, now: float | None = None) -> Iterator[Finding]:
    """Findings under ``root`` (MEDIA_ROOT): first the rows' missing files, then orphans.

    A file no row names is an orphan only when older than ``min_age_seconds``: a younger one may
    belong to an upload whose transaction is still open, or that committed after the rows were read.
    """
    now = time.time() if now is None else now
    root = os.path.normpath(os.path.abspath(root))
    referenced: set[str] = set()
    for model, field in file_fields():
        storage = field.storage
        if not isinstance(storage, FileSystemStorage):
            continue
        label = f"{model._meta.label_lower}.{field.name}"
        rows = (
            model._base_manager.exclude(**{field.attname: ""})
            .exclude(**{f"{field.attname}__isnull": True})
            .values_list("pk", field.attname)
            .iterator(chunk_size=CHUNK)
        )
        for pk, name in rows:
            path = _full(storage, name)
            referenced.add(path)
            if os.path.lexists(path):
                continue
            kind = Kind.UNMOVED if os.path.lexists(path + PART_SUFFIX) else Kind.MISSING
            yield Finding(kind, path, f"{label}#{pk}")
    for directory, _dirs, files in os.walk(root):
        for filename in files:
            path = os.path.join(directory, filename)
            if path in referenced:
                continue
            if path.endswith(PART_SUFFIX) and path[: -len(PART_SUFFIX)] in referenced:
                continue  # reported above as UNMOVED: the row's only copy
            try:
                age = now - os.lstat(path).st_mtime
            except FileNotFoundError:
                continue
            yield Finding(Kind.ORPHAN if age >= min_age_seconds else Kind.RECENT, path)
