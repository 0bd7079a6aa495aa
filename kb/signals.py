"""Receivers of kb, connected in KbConfig.ready() with explicit senders."""

from django.db.models.signals import post_save

from kb.models import Organisation, Role, School
from kb.translation import adopt_translation, sync_translations


def translatable_saved(sender, instance, created, raw=False, **kwargs):
    """Keep wagtail-localize's records and the translations in step (kb.translation).

    A new translation made by copying becomes a recorded Translation; a saved
    source brings its translations up to date in the same transaction.
    """
    if raw:
        return
    if created:
        adopt_translation(instance)
    sync_translations(instance)


def connect():
    for model in (Organisation, School, Role):
        post_save.connect(
            translatable_saved,
            sender=model,
            dispatch_uid=f"kb-translation-{model._meta.model_name}",
        )
