# ruff: noqa: S608 -- table names come from table_name() (\w only); values are parameters
"""Embedded engine on SQLite: one FTS5 table per index and language, ranked by bm25.

The reader's scopes are an indexed FTS5 column, so the privacy filter is part of the
full-text match itself; facet filters and counts use the kbsearch_facet table.
"""

import re
import threading
import time

from django.db import connection, transaction
from django.db.utils import OperationalError

from search.analysis.pipeline import WHOLE
from search.engines.base import (
    BODY_WEIGHT,
    HEADING_WEIGHT,
    PART_WEIGHT,
    TITLE_WEIGHT,
    Hit,
    Results,
    SearchEngine,
    plan,
    repeats,
)

WHOLE_COLUMNS = "{title_tokens heading_tokens body_tokens}"
HEADING_COLUMNS = "{title_tokens heading_tokens}"
PART_COLUMNS = "{part_tokens}"
WHOLE_COLUMN_NAMES = ("title_tokens", "heading_tokens", "body_tokens")
STATISTICS_TTL = 300  # seconds before another process's writes count here
RANK = f"bm25(%(table)s, 0, {TITLE_WEIGHT}, {HEADING_WEIGHT}, {BODY_WEIGHT}, {PART_WEIGHT})"


def table_name(index, lang):
    return "kbsearch_fts_" + re.sub(r"\W", "_", f"{index}_{lang}".lower())[:60]


def quoted(term):
    return '"' + term.replace('"', '""') + '"'


def match_expression(clauses, scopes, headings_only=False):
    """An FTS5 query of quoted terms only, so no input can be a syntax error.

    FTS5's bm25 sums over the phrases of a query, so a clause's weight is expressed by
    repeating it (search.engines.base.repeats).
    """
    phrases = []
    for clause in clauses:
        if clause.field == WHOLE:
            columns = HEADING_COLUMNS if headings_only else WHOLE_COLUMNS
        elif headings_only:
            continue
        else:
            columns = PART_COLUMNS
        terms = " AND ".join(quoted(t) for t in clause.terms)
        phrases += [f"{columns} : ({terms})"] * repeats(clause.weight)
    if not phrases:
        return ""
    expression = " OR ".join(phrases)
    if scopes is None:
        return expression
    allowed = " OR ".join(quoted(s) for s in sorted(scopes))
    return f"{{scopes}} : ({allowed}) AND ({expression})"


def facet_filter(column, filters):
    """SQL (" AND …") keeping rows whose entry id `column` has every {facet: value}."""
    sql, params = "", []
    for name, value in sorted((filters or {}).items()):
        sql += (
            f" AND {column} IN (SELECT entry_id FROM kbsearch_facet WHERE name = %s AND value = %s)"
        )
        params += [name, value]
    return sql, params


class SQLiteEngine(SearchEngine):
    name = "sqlite"

    def __init__(self, **options):
        super().__init__(**options)
        self._statistics = {}  # table -> (documents, {(term, field): documents}, loaded at)
        self._lock = threading.Lock()

    def _changed(self, table=None):
        with self._lock:
            if table is None:
                self._statistics.clear()
            else:
                self._statistics.pop(table, None)

    def _frequency(self, table, cache, clause):
        """Documents matching a clause at most: its rarest term's count in its columns."""
        found = []
        for term in clause.terms:
            key = (term, clause.field)
            if key not in cache:
                rows = self._run(f"SELECT col, doc FROM {table}_vocab WHERE term = %s", [term])
                columns = WHOLE_COLUMN_NAMES if clause.field == WHOLE else ("part_tokens",)
                cache[key] = sum(documents for column, documents in rows if column in columns)
            found.append(cache[key])
        return min(found)

    def _expression(self, index, lang, query, scopes):
        table = table_name(index, lang)
        with self._lock:
            statistics = self._statistics.get(table)
        if statistics is None or time.monotonic() - statistics[2] > STATISTICS_TTL:
            total = self._run(f"SELECT count(*) FROM {table}", [])
            statistics = (total[0][0] if total else 0, {}, time.monotonic())
            with self._lock:
                self._statistics[table] = statistics
        total, cache, _ = statistics
        clauses, headings_only = plan(
            query.clauses, total, lambda c: self._frequency(table, cache, c)
        )
        return match_expression(clauses, scopes, headings_only)

    def _ensure(self, cursor, table):
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            "scopes, title_tokens, heading_tokens, body_tokens, part_tokens,"
            " tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")"
        )
        # Per-column document counts of each term, for the common-word rule (base.plan).
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_vocab USING fts5vocab({table}, 'col')"
        )

    def index_entries(self, index, entries):
        by_table = {}
        for entry in entries:
            by_table.setdefault(table_name(index, entry.lang), []).append(entry)
        with transaction.atomic(), connection.cursor() as cursor:
            for table, rows in by_table.items():
                self._ensure(cursor, table)
                cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(e.pk,) for e in rows])
                cursor.executemany(
                    f"INSERT INTO {table} (rowid, scopes, title_tokens, heading_tokens,"
                    " body_tokens, part_tokens) VALUES (%s, %s, %s, %s, %s, %s)",
                    [
                        (
                            e.pk,
                            e.scopes,
                            e.title_tokens,
                            e.heading_tokens,
                            e.body_tokens,
                            e.part_tokens,
                        )
                        for e in rows
                    ],
                )
                self._changed(table)

    def delete_entries(self, index, entries):
        with transaction.atomic(), connection.cursor() as cursor:
            for entry in entries:
                table = table_name(index, entry.lang)
                self._ensure(cursor, table)
                cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [entry.pk])
                self._changed(table)

    def clear(self, index):
        prefix = table_name(index, "")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE %s",
                [prefix + "%"],
            )
            tables = [row[0] for row in cursor.fetchall()]
            tables = [
                t for t in tables if not re.search(r"_(data|idx|content|docsize|config|vocab)$", t)
            ]
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {table}_vocab")
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
        self._changed()

    def _run(self, sql, params):
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except OperationalError as error:
            if "no such table" in str(error):
                return []
            raise

    def search(self, index, lang, query, scopes, filters=None, offset=0, limit=10):
        expression = self._expression(index, lang, query, scopes)
        if not expression or (scopes is not None and not scopes):
            return Results()
        table = table_name(index, lang)
        extra, extra_params = facet_filter(f"{table}.rowid", filters)
        matches = (
            f"SELECT {table}.rowid AS id, {RANK % {'table': table}} AS score FROM {table}"
            f" WHERE {table} MATCH %s{extra}"
        )
        # Rank inside FTS5 and join only the page of hits; ties go by entry id (as on
        # every engine).
        rows = self._run(
            f"SELECT e.key, m.score FROM ({matches} ORDER BY score, id LIMIT %s OFFSET %s) m"
            " JOIN kbsearch_entry e ON e.id = m.id ORDER BY m.score, m.id",
            [expression, *extra_params, limit, offset],
        )
        total = self._run(f"SELECT count(*) FROM ({matches})", [expression, *extra_params])
        return Results([Hit(key, -score) for key, score in rows], total[0][0] if total else 0)

    def facet_counts(self, index, lang, query, scopes):
        expression = self._expression(index, lang, query, scopes)
        if not expression or (scopes is not None and not scopes):
            return {}
        table = table_name(index, lang)
        rows = self._run(
            "SELECT name, value, count(*) FROM kbsearch_facet WHERE entry_id IN"
            f" (SELECT rowid FROM {table} WHERE {table} MATCH %s) GROUP BY name, value",
            [expression],
        )
        return {(name, value): n for name, value, n in rows}
