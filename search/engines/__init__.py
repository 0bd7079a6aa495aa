"""A registry of search engines with a guaranteed default, like Django's caches.

- "embedded": SQLite FTS5 or PostgreSQL full text, whichever database the site uses.
  Always written to, so it can answer when Elasticsearch is unreachable.
- "elasticsearch": only when settings.ELASTICSEARCH_URL is set.
- "default": Elasticsearch when configured, the embedded engine otherwise.
"""

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from search.engines.base import EngineUnavailable, Hit, SearchEngine

__all__ = ["EngineUnavailable", "Hit", "SearchEngine", "get_engine", "active_engines", "reset"]

_engines = {}
_lock = threading.Lock()


def _build(name, **options):
    if name == "embedded":
        if connection.vendor == "postgresql":
            from search.engines.postgres import PostgresEngine

            return PostgresEngine(**options)
        from search.engines.sqlite import SQLiteEngine

        return SQLiteEngine(**options)
    if name == "elasticsearch":
        url = options.pop("url", None) or settings.ELASTICSEARCH_URL
        if not url:
            raise ImproperlyConfigured("The elasticsearch engine needs ELASTICSEARCH_URL.")
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(url=url, **options)
    raise ImproperlyConfigured(f"Unknown search engine {name!r}")


def default_name():
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "embedded"


def get_engine(name="default"):
    """The shared engine instance called `name`."""
    if name == "default":
        name = default_name()
    key = (name, connection.vendor, settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    with _lock:
        if key not in _engines:
            _engines[key] = _build(name)
        return _engines[key]


def active_engines():
    """Engines every write goes to: the embedded one, and Elasticsearch when configured."""
    engines = [get_engine("embedded")]
    if settings.ELASTICSEARCH_URL:
        engines.append(get_engine("elasticsearch"))
    return engines


def reset():
    with _lock:
        _engines.clear()
