"""Keeping the index fresh: small update jobs, run inline or through django-q2.

Each job re-reads the database, so a job that runs late (in a worker) still writes the
current state; a job for something that no longer exists removes it from the index.
"""

import logging

from django.conf import settings
from django.db import transaction

from wagtail.models import Page

from search import searchables, sources
from search.indexing import delete_keys, replace_documents

logger = logging.getLogger(__name__)


def schedule(job, *args):
    """Run `job` (a function of this module) now, or queue it after the commit."""
    if getattr(settings, "TASK_QUEUE", False):
        from django_q.tasks import async_task

        transaction.on_commit(lambda: async_task(f"search.updates.{job.__name__}", *args))
        return
    try:
        job(*args)
    except Exception:  # indexing must never break publishing or saving
        logger.exception("search: %s%s failed", job.__name__, args)


def _document_ids(pages):
    found = set()
    for page in pages:
        found |= sources.linked_document_ids(page)
    return found


def refresh_pages(page_id, subtree=False):
    """Reindex a page (and its descendants): live pages in, others out."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        delete_keys([f"page:{page_id}"])
        return
    pages = list(page.get_descendants(inclusive=True)) if subtree else [page]
    live = [p.specific for p in pages if p.live]
    documents = [d for d in (sources.page_document(p) for p in live) if d]
    gone = [f"page:{p.pk}" for p in pages if not p.live]
    if gone:
        delete_keys(gone)
    replace_documents([d.key for d in documents], documents)
    for document_id in _document_ids(live):
        refresh_attachment(document_id)


def remove_page(page_id):
    delete_keys([f"page:{page_id}"])


def refresh_object(prefix, pk):
    """Reindex one object of a registered model (search.searchables); gone means removed."""
    searchable = searchables.get(prefix)
    obj = searchable.queryset().filter(pk=pk).first()
    key = searchable.key(pk)
    if obj is None:
        delete_keys([key])
        return
    replace_documents([key], searchable.documents(obj))


def remove_object(prefix, pk):
    delete_keys([searchables.get(prefix).key(pk)])


def refresh_all(prefix):
    """Reindex every object of a registered model (something they all depend on changed)."""
    for pk in searchables.get(prefix).queryset().values_list("pk", flat=True).iterator():
        refresh_object(prefix, pk)


def refresh_attachment(document_id):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(pk=document_id).first()
    key = f"document:{document_id}"
    if document is None:
        delete_keys([key])
        return
    found = sources.attachment_documents(document)
    if not found:
        delete_keys([key])
        return
    replace_documents([key], found)
