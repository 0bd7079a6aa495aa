"""Signal receivers that keep the search index fresh (connected in SearchConfig.ready)."""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import updates


def on_published(sender, instance, **kwargs):
    updates.schedule(updates.refresh_pages, instance.pk)


def on_unpublished(sender, instance, **kwargs):
    # Descendants of an unpublished page stay live in Wagtail but are unreachable;
    # reindexing the subtree keeps their URLs and privacy right.
    updates.schedule(updates.refresh_pages, instance.pk, True)


def on_page_deleted(sender, instance, **kwargs):
    # Deleting any page type deletes its wagtailcore.Page row, which sends this.
    updates.schedule(updates.remove_page, instance.pk)


def on_moved(sender, instance, **kwargs):
    # URLs and inherited view restrictions change for the whole subtree.
    updates.schedule(updates.refresh_pages, instance.pk, True)


def on_restriction_changed(sender, instance, **kwargs):
    updates.schedule(updates.refresh_pages, instance.page_id, True)


def on_document_saved(sender, instance, **kwargs):
    updates.schedule(updates.refresh_attachment, instance.pk)


def on_document_deleted(sender, instance, **kwargs):
    updates.schedule(updates.refresh_attachment, instance.pk)


def connect():
    uid = "kbsearch"
    page_published.connect(on_published, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(on_unpublished, dispatch_uid=f"{uid}-unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid=f"{uid}-page-deleted")
    post_page_move.connect(on_moved, dispatch_uid=f"{uid}-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}-restriction-{id(signal)}",
        )
    document = get_document_model()
    post_save.connect(on_document_saved, sender=document, dispatch_uid=f"{uid}-doc-saved")
    post_delete.connect(on_document_deleted, sender=document, dispatch_uid=f"{uid}-doc-deleted")


def connect_searchable(searchable):
    """Keep a registered model's entries fresh (called by search.registration.register)."""
    prefix = searchable.prefix

    def saved(sender, instance, **kwargs):
        updates.schedule(updates.refresh_object, prefix, instance.pk)

    def deleted(sender, instance, **kwargs):
        updates.schedule(updates.remove_object, prefix, instance.pk)

    def dependency_changed(sender, **kwargs):
        updates.schedule(updates.refresh_all, prefix)

    uid = f"kbsearch-{prefix}"
    model = searchable.model
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-saved")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-deleted")
    for dependency in searchable.refresh_on:
        name = dependency._meta.label_lower
        for signal in (post_save, post_delete):
            signal.connect(
                dependency_changed,
                sender=dependency,
                weak=False,
                dispatch_uid=f"{uid}-{name}-{id(signal)}",
            )
