"""How another app makes its model searchable: record it, and keep its entries fresh.

Apart from search.registry so that the registry (read by search.sources) does not
import the signal receivers that write through search.sources.
"""

from search import registry, signals


def register(searchable):
    registry.add(searchable)
    signals.connect_searchable(searchable)
