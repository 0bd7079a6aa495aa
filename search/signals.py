"""Signal receivers that keep the search index fresh (connected in SearchConfig.ready)."""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import sources, updates


def on_published(sender, instance, **kwargs):
    updates.schedule(updates.refresh_pages, instance.pk)


def on_unpublished(sender, instance, **kwargs):
    # Descendants of an unpublished page stay live in Wagtail but are unreachable;
    # reindexing the subtree keeps their URLs and privacy right.
    updates.schedule(updates.refresh_pages, instance.pk, True)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        updates.schedule(updates.remove_page, instance.pk)


def on_moved(sender, instance, **kwargs):
    # URLs and inherited view restrictions change for the whole subtree.
    updates.schedule(updates.refresh_pages, instance.pk, True)


def on_restriction_changed(sender, instance, **kwargs):
    updates.schedule(updates.refresh_pages, instance.page_id, True)


def on_task_saved(sender, instance, **kwargs):
    updates.schedule(updates.refresh_task, instance.pk)


def on_task_deleted(sender, instance, **kwargs):
    updates.schedule(updates.remove_task, instance.pk)


def on_document_saved(sender, instance, **kwargs):
    updates.schedule(updates.refresh_attachment, instance.pk)


def on_document_deleted(sender, instance, **kwargs):
    updates.schedule(updates.refresh_attachment, instance.pk)


def connect():
    uid = "kbsearch"
    page_published.connect(on_published, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(on_unpublished, dispatch_uid=f"{uid}-unpublished")
    post_delete.connect(on_page_deleted, dispatch_uid=f"{uid}-page-deleted")
    post_page_move.connect(on_moved, dispatch_uid=f"{uid}-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}-restriction-{id(signal)}",
        )
    task = sources.task_model()
    if task is not None:
        post_save.connect(on_task_saved, sender=task, dispatch_uid=f"{uid}-task-saved")
        post_delete.connect(on_task_deleted, sender=task, dispatch_uid=f"{uid}-task-deleted")
    document = get_document_model()
    post_save.connect(on_document_saved, sender=document, dispatch_uid=f"{uid}-doc-saved")
    post_delete.connect(on_document_deleted, sender=document, dispatch_uid=f"{uid}-doc-deleted")
