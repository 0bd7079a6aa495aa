# ruff: noqa: S608 -- table names come from table_name() (\w only); values are parameters
"""Embedded engine on SQLite: one FTS5 table per index and language, ranked by bm25."""

import re

from django.db import connection, transaction
from django.db.utils import OperationalError

from search.engines.base import BODY_WEIGHT, HEADING_WEIGHT, TITLE_WEIGHT, Hit, SearchEngine

TOKEN_COLUMNS = ("title_tokens", "heading_tokens", "body_tokens")


def table_name(index, lang):
    return "kbsearch_fts_" + re.sub(r"\W", "_", f"{index}_{lang}".lower())[:60]


def match_expression(query):
    """An FTS5 query of quoted terms only, so no input can be a syntax error.

    FTS5's bm25 sums over the phrases of a query, so a term's weight is expressed by
    repeating it: a term of weight 1.0 twice, of weight 0.5 once.
    """
    phrases = []
    for item in query.terms:
        quoted = '"' + item.term.replace('"', '""') + '"'
        phrases += [quoted] * max(1, round(item.weight * 2))
    return " OR ".join(phrases)


class SQLiteEngine(SearchEngine):
    name = "sqlite"

    def _ensure(self, cursor, table):
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            "visibility UNINDEXED, title_tokens, heading_tokens, body_tokens,"
            " tokenize = 'unicode61 remove_diacritics 0')"
        )
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_vocab USING fts5vocab({table}, 'row')"
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
                    f"INSERT INTO {table} (rowid, visibility, title_tokens, heading_tokens,"
                    " body_tokens) VALUES (%s, %s, %s, %s, %s)",
                    [
                        (e.pk, e.visibility, e.title_tokens, e.heading_tokens, e.body_tokens)
                        for e in rows
                    ],
                )
        self.changed()

    def delete_entries(self, index, entries):
        with transaction.atomic(), connection.cursor() as cursor:
            for entry in entries:
                table = table_name(index, entry.lang)
                self._ensure(cursor, table)
                cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [entry.pk])
        self.changed()

    def clear(self, index):
        prefix = table_name(index, "")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE %s",
                [prefix + "%"],
            )
            tables = [row[0] for row in cursor.fetchall() if not row[0].endswith("_vocab")]
            tables = [t for t in tables if not re.search(r"_(data|idx|content|docsize|config)$", t)]
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {table}_vocab")
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
        self.changed()

    def search(self, index, lang, query, visibilities, limit=1000):
        expression = match_expression(query)
        if not expression or not visibilities:
            return []
        table = table_name(index, lang)
        marks = ", ".join(["%s"] * len(visibilities))
        sql = (
            f"SELECT e.key, bm25({table}, 0, {TITLE_WEIGHT}, {HEADING_WEIGHT}, {BODY_WEIGHT})"
            f" AS score FROM {table} JOIN kbsearch_entry e ON e.id = {table}.rowid"
            f" WHERE {table} MATCH %s AND {table}.visibility IN ({marks})"
            " ORDER BY score, e.key LIMIT %s"
        )
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, [expression, *visibilities, limit])
                return [Hit(key, -score) for key, score in cursor.fetchall()]
        except OperationalError as error:
            if "no such table" in str(error):
                return []
            raise

    def term_frequencies(self, index, lang):
        table = table_name(index, lang)
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT term, doc FROM {table}_vocab")
                frequencies = dict(cursor.fetchall())
                cursor.execute(f"SELECT count(*) FROM {table}")
                total = cursor.fetchone()[0]
        except OperationalError:
            return {}, 0
        return frequencies, total
