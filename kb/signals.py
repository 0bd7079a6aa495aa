"""Receivers of kb, connected in KbConfig.ready() with explicit senders."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page
from wagtail.signals import post_page_move

from kb import page_cache
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

    # The page cache forgets every page when anything that may show on one commits
    # (kb.page_cache); auto-created models are the many-to-many tables.
    for model in apps.get_models(include_auto_created=True):
        if page_cache.is_ignored(model):
            continue
        uid = f"kb-page-cache-{model._meta.label_lower}"
        post_save.connect(page_cache.changed, sender=model, dispatch_uid=uid)
        post_delete.connect(page_cache.changed, sender=model, dispatch_uid=uid)
        m2m_changed.connect(page_cache.changed, sender=model, dispatch_uid=uid)
        if issubclass(model, Page):
            post_page_move.connect(page_cache.changed, sender=model, dispatch_uid=uid)
