"""How another app makes its model searchable: record it, and keep its entries fresh.

Apart from search.searchables so that the registry (read by search.sources) does not
import the signal receivers that write through search.sources.
"""

from search import searchables, signals


def register(searchable):
    searchables.add(searchable)
    signals.connect_searchable(searchable)
