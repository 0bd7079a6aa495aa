"""Writing to the search index: entry rows first, then every active engine."""

import logging

from django.db import transaction

from search import vocabulary
from search.engines import EngineUnavailable, active_engines
from search.models import Entry, Facet

logger = logging.getLogger(__name__)

SITE_INDEX = "site"


def _facet_rows(entry):
    return [
        Facet(entry=entry, name=name, value=str(value)[:100], label=str(label)[:200])
        for name, values in entry.facets.items()
        for value, label in values
    ]


def store_entries(documents, index=SITE_INDEX):
    """Create or update the entry rows of `documents` (SearchDocument) in one transaction,
    with their facet rows and vocabulary counts."""
    entries = []
    with transaction.atomic():
        previous = {
            (e.key, e.lang): e
            for e in Entry.objects.filter(index=index, key__in={d.key for d in documents})
        }
        counts = vocabulary.count(previous.values(), sign=-1)
        for document in documents:
            entry = previous.get((document.key, document.lang)) or Entry(
                index=index, key=document.key, lang=document.lang
            )
            entry.kind = document.kind
            entry.scopes = " ".join(sorted(document.scopes))
            entry.title = document.title[:500]
            entry.url = document.url[:500]
            entry.summary = document.summary
            entry.body = document.body
            entry.facets = document.facets
            for name, value in document.tokens().items():
                setattr(entry, name, value)
            entry.save()
            entries.append(entry)
        Facet.objects.filter(entry__in=entries).delete()
        Facet.objects.bulk_create([row for entry in entries for row in _facet_rows(entry)])
        counts.update(vocabulary.count(entries))
        vocabulary.apply(counts)
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
    with transaction.atomic():
        vocabulary.apply(vocabulary.count(entries, sign=-1))
        Entry.objects.filter(pk__in=[e.pk for e in entries]).delete()


def clear_index(index=SITE_INDEX, engines=None):
    for engine in engines or active_engines():
        try:
            engine.clear(index)
        except EngineUnavailable as error:
            logger.warning("search engine %s unreachable, clear skipped: %s", engine.name, error)
    Entry.objects.filter(index=index).delete()
    vocabulary.clear(index)
