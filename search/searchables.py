"""Searchable things declared beside their app.

Pages and the documents they link are searched generically (search.sources). Any
other model is registered by its own app in AppConfig.ready() through
search.registration.register, e.g. yearclock/search.py:

    register(Searchable(model=Task, prefix="task", documents=task_documents,
                        queryset=Task.objects.all, refresh_on=(SchoolYear,)))

Registering also connects the signals that keep its entries fresh (search.signals).
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Searchable:
    model: Any
    prefix: str  # entry keys are "<prefix>:<pk>"
    documents: Any  # object -> [SearchDocument] (one per language it exists in), [] for none
    queryset: Any  # () -> QuerySet of everything to index
    refresh_on: tuple = ()  # models whose changes alter every document (reindex them all)

    def key(self, pk):
        return f"{self.prefix}:{pk}"


_registry = {}


def add(searchable):
    """Record `searchable` (search.registration.register also keeps its entries fresh)."""
    known = _registry.get(searchable.prefix)
    if known is not None and known.model is not searchable.model:
        raise ValueError(f"search prefix {searchable.prefix!r} is already {known.model}")
    _registry[searchable.prefix] = searchable


def registered():
    return list(_registry.values())


def get(prefix):
    return _registry[prefix]
