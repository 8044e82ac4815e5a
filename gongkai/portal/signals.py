"""Bump the public generation when anything the public sees may have changed."""

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from gongkai.org.models import Agency
from gongkai.publishing.models import Attachment, CatalogueEntry, InformationItem

from .models import Generation


def bump(agency_id: int) -> None:
    now = timezone.now()
    for key in (agency_id, 0):
        updated = Generation.objects.filter(agency_id=key).update(
            number=F("number") + 1, changed_at=now
        )
        if not updated:
            Generation.objects.get_or_create(
                agency_id=key, defaults={"number": 1, "changed_at": now}
            )


@receiver(post_save, sender=InformationItem, dispatch_uid="portal_item_changed")
def item_changed(sender, instance, raw=False, **kwargs):
    # Drafts and reviews do not touch the public; publication, withdrawal and correction do.
    if raw:
        return
    if instance.status in (InformationItem.Status.PUBLISHED, InformationItem.Status.WITHDRAWN):
        bump(instance.agency_id)


@receiver([post_save, post_delete], sender=CatalogueEntry, dispatch_uid="portal_entry_changed")
@receiver([post_save, post_delete], sender=Attachment, dispatch_uid="portal_file_changed")
def entry_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if isinstance(instance, Attachment):
        agency_id = (
            InformationItem.objects.filter(pk=instance.item_id)
            .values_list("agency_id", flat=True)
            .first()
        )
        if agency_id is None:
            return
    else:
        agency_id = instance.agency_id
    bump(agency_id)


@receiver(post_save, sender=Agency, dispatch_uid="portal_agency_changed")
def agency_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(instance.pk)
