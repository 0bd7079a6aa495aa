"""The embedded engine: SQLite FTS5 or PostgreSQL full text, whichever the site runs on."""

from django.db import connection


def for_connection(**options):
    if connection.vendor == "postgresql":
        from search.engines.postgres import PostgresEngine

        return PostgresEngine(**options)
    from search.engines.sqlite import SQLiteEngine

    return SQLiteEngine(**options)
