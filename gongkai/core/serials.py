"""Serial numbers per scope and year, shared by every numbered record (索引号, 申请编号, 留言编号,
文书文号): one way to take the next number, safe with many workers on both databases."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import SerialCounter


def serial_next(scope: str, year: int) -> int:
    """The next serial of ``scope`` in ``year``. Inside the caller's transaction the counter row
    stays locked until it commits (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions serialise writers), so two callers never get the same number; the records'
    own unique constraints are the last line of defence."""
    for _ in range(5):
        try:
            with transaction.atomic():
                counter, _ = SerialCounter.objects.select_for_update().get_or_create(
                    scope=scope, year=year
                )
                SerialCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
                return SerialCounter.objects.values_list("last", flat=True).get(pk=counter.pk)
        except IntegrityError:  # two first numbers of the year raced to create the row
            continue
    raise RuntimeError(f"could not allocate a serial in {scope} {year}")


def serial_last(scope: str, year: int) -> int:
    """The last serial given in ``scope`` and ``year`` (0 if none)."""
    found = SerialCounter.objects.filter(scope=scope, year=year).values_list("last", flat=True)
    return found.first() or 0


def serial_give_back(scope: str, year: int, serial: int) -> bool:
    """Hand back ``serial`` if it is the last one given and nobody can have seen it (the demo
    moving a record it just made into another year). True if it was handed back."""
    return bool(
        SerialCounter.objects.filter(scope=scope, year=year, last=serial).update(last=F("last") - 1)
    )
