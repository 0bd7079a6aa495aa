"""Writing to the search index: entry rows first, then every active engine."""

import logging

from django.db import transaction

from search.engines import EngineUnavailable, active_engines
from search.models import Entry

logger = logging.getLogger(__name__)

SITE_INDEX = "site"


def store_entries(documents, index=SITE_INDEX):
    """Create or update the entry rows of `documents` (SearchDocument) in one transaction."""
    entries = []
    with transaction.atomic():
        for document in documents:
            entry, _ = Entry.objects.update_or_create(
                index=index,
                key=document.key,
                lang=document.lang,
                defaults={
                    "kind": document.kind,
                    "visibility": document.visibility,
                    "title": document.title[:500],
                    "url": document.url[:500],
                    "summary": document.summary,
                    "body": document.body,
                    "facets": document.facets,
                    **document.tokens(),
                },
            )
            entries.append(entry)
    return entries


def _each_engine(action, engines, index, entries):
    for engine in engines:
        try:
            getattr(engine, action)(index, entries)
        except EngineUnavailable as error:
            # The embedded engine has the change; a reindex brings Elasticsearch back in line.
            logger.warning(
                "search engine %s unreachable, %s skipped: %s", engine.name, action, error
            )


def index_documents(documents, index=SITE_INDEX, engines=None):
    entries = store_entries(documents, index)
    _each_engine("index_entries", engines or active_engines(), index, entries)
    return entries


def replace_documents(keys, documents, index=SITE_INDEX, engines=None):
    """Index `documents` and drop every other language version of the same `keys`."""
    fresh = {(d.key, d.lang) for d in documents}
    stale = [
        e for e in Entry.objects.filter(index=index, key__in=keys) if (e.key, e.lang) not in fresh
    ]
    if stale:
        delete_entries(stale, index, engines)
    return index_documents(documents, index, engines)


def delete_keys(keys, index=SITE_INDEX, engines=None):
    delete_entries(list(Entry.objects.filter(index=index, key__in=keys)), index, engines)


def delete_entries(entries, index=SITE_INDEX, engines=None):
    if not entries:
        return
    _each_engine("delete_entries", engines or active_engines(), index, entries)
    Entry.objects.filter(pk__in=[e.pk for e in entries]).delete()


def clear_index(index=SITE_INDEX, engines=None):
    for engine in engines or active_engines():
        try:
            engine.clear(index)
        except EngineUnavailable as error:
            logger.warning("search engine %s unreachable, clear skipped: %s", engine.name, error)
    Entry.objects.filter(index=index).delete()
