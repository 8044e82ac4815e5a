"""Queue a refresh of the static site after each change the public may see.

Changes are gathered per thread and handed to one task per agency when the transaction commits
(a publication saves its item several times). A rolled-back change leaves its entry behind; the
next commit then refreshes it too, which is harmless: a refresh only renders what is public."""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from gongkai.interaction.models import Message
from gongkai.org.models import Agency
from gongkai.publishing.models import Attachment, CatalogueEntry, InformationItem

from . import services

_pending = threading.local()


def _queue(agency_id: int, *, item=None, catalogue=False, message=None) -> None:
    if not services.enabled():
        return
    table = getattr(_pending, "table", None)
    if table is None:
        table = _pending.table = {}
    entry = table.setdefault(agency_id, {"items": set(), "catalogue": False, "messages": set()})
    if item is not None:
        entry["items"].add(item)
    if message is not None:
        entry["messages"].add(message)
    entry["catalogue"] |= catalogue
    transaction.on_commit(_flush)


def _flush() -> None:
    from .tasks import refresh_site

    table = getattr(_pending, "table", None) or {}
    _pending.table = {}
    for agency_id, entry in table.items():
        refresh_site.enqueue(
            agency_id=agency_id,
            item_ids=sorted(entry["items"]),
            catalogue=entry["catalogue"],
            message_ids=sorted(entry["messages"]),
            home=bool(entry["items"] or entry["catalogue"]),
        )


@receiver(pre_save, sender=InformationItem, dispatch_uid="site_item_before")
def item_before(sender, instance, raw=False, **kwargs):
    """The policy an interpretation explained before this save: a correction that points it at
    another one must take it off the old policy's page too."""
    if raw or not instance.pk or not services.enabled():
        return
    instance._site_old_interprets = (
        InformationItem.objects.filter(pk=instance.pk)
        .values_list("interprets_id", flat=True)
        .first()
    )


@receiver(post_save, sender=InformationItem, dispatch_uid="site_item_changed")
def item_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.status in (InformationItem.Status.PUBLISHED, InformationItem.Status.WITHDRAWN):
        _queue(instance.agency_id, item=instance.pk)
        old = getattr(instance, "_site_old_interprets", None)
        if old and old != instance.interprets_id:
            row = InformationItem.objects.filter(pk=old).values_list("agency_id").first()
            if row:
                _queue(row[0], item=old)


@receiver([post_save, post_delete], sender=Attachment, dispatch_uid="site_file_changed")
def file_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    row = InformationItem.objects.filter(pk=instance.item_id).values_list("agency_id").first()
    if row:
        _queue(row[0], item=instance.item_id)


@receiver([post_save, post_delete], sender=CatalogueEntry, dispatch_uid="site_entry_changed")
def entry_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue(instance.agency_id, catalogue=True)


@receiver(post_save, sender=Agency, dispatch_uid="site_agency_changed")
def agency_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue(instance.pk, catalogue=True)


@receiver(post_save, sender=Message, dispatch_uid="site_message_changed")
def message_changed(sender, instance, raw=False, **kwargs):
    # Published, corrected or taken back: the answer's page is rendered again (or removed).
    if not raw and (instance.is_published or instance.published_at):
        _queue(instance.agency_id, message=instance.pk)
