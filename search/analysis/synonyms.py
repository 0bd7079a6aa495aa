"""Synonym groups per language, kept by editors as snippets (search.SynonymGroup).

Every variant of a group finds the others at query time ("mfa" finds "monivaiheinen
tunnistautuminen" and the other way round), so the same expansion reaches every engine.
Groups are read again whenever one is saved or deleted, in any process: each query
compares a cheap stamp (count and latest change) with the loaded one.
"""

import threading

from django.db.models import Count, Max

_lock = threading.Lock()
_loaded = {}


def _stamp(lang):
    from search.models import SynonymGroup

    found = SynonymGroup.objects.filter(language=lang).aggregate(
        count=Count("pk"), latest=Max("updated_at")
    )
    return found["count"], found["latest"]


def groups(lang):
    """Tuple of variant tuples for one language."""
    from search.models import SynonymGroup

    stamp = _stamp(lang)
    with _lock:
        cached = _loaded.get(lang)
    if cached and cached[0] == stamp:
        return cached[1]
    found = tuple(
        tuple(group.variant_list)
        for group in SynonymGroup.objects.filter(language=lang)
        if len(group.variant_list) > 1
    )
    with _lock:
        _loaded[lang] = (stamp, found)
    return found
