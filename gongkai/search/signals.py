"""The index follows the items in the same transaction: publication adds, anything else removes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gongkai.publishing.models import InformationItem

from . import indexer, synonyms
from .models import Synonym


@receiver(post_save, sender=InformationItem, dispatch_uid="search_follow_item")
def follow_item(sender, instance: InformationItem, raw=False, **kwargs):
    if raw:
        return
    if instance.is_public:
        indexer.index(instance)
    else:
        indexer.unindex(instance.pk)


@receiver([post_save, post_delete], sender=Synonym, dispatch_uid="search_synonyms_changed")
def synonyms_changed(sender, **kwargs):
    synonyms.forget()
