"""A registry of search engines configured in settings, like Wagtail's search backends.

    SEARCH_ENGINES = {
        "embedded": {"ENGINE": "search.engines.embedded.for_connection"},
        "elasticsearch": {"ENGINE": "search.engines.elasticsearch.ElasticsearchEngine",
                          "URL": "http://…:9200", "INDEX_PREFIX": "vuosikello"},
    }
    SEARCH_DEFAULT_ENGINE = "elasticsearch"

`ENGINE` is a dotted path (import_string) to a callable that takes the other keys,
lowercased, as keyword arguments. Every configured engine is written to; "embedded"
(SQLite FTS5 or PostgreSQL full text, from the database connection) must always be
there, so search can answer when Elasticsearch is unreachable.
"""

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.module_loading import import_string

from search.engines.base import EngineUnavailable, Hit, Results, SearchEngine

__all__ = [
    "EMBEDDED",
    "EngineUnavailable",
    "Hit",
    "Results",
    "SearchEngine",
    "active_engines",
    "get_engine",
    "reset",
]

EMBEDDED = "embedded"
_engines = {}
_lock = threading.Lock()


def _config(alias):
    try:
        return settings.SEARCH_ENGINES[alias]
    except KeyError:
        raise ImproperlyConfigured(
            f"Search engine {alias!r} is not in SEARCH_ENGINES ({sorted(settings.SEARCH_ENGINES)})"
        ) from None


def _build(alias):
    config = dict(_config(alias))
    factory = import_string(config.pop("ENGINE"))
    return factory(alias=alias, **{name.lower(): value for name, value in config.items()})


def get_engine(alias="default"):
    """The shared engine instance called `alias` ("default": SEARCH_DEFAULT_ENGINE)."""
    if alias == "default":
        alias = settings.SEARCH_DEFAULT_ENGINE
    key = (alias, connection.vendor, repr(_config(alias)))
    with _lock:
        if key not in _engines:
            _engines[key] = _build(alias)
        return _engines[key]


def active_engines():
    """Every configured engine: writes go to all of them."""
    return [get_engine(alias) for alias in settings.SEARCH_ENGINES]


def reset():
    with _lock:
        _engines.clear()
