# ruff: noqa: S608 -- the SQL is assembled from fixed fragments; every value is a parameter
"""Embedded engine on PostgreSQL: a weighted tsvector over the pre-analysed tokens.

The `simple` configuration only lowercases, because the tokens are already analysed.
The column `search_vector` (title A, headings B, body C, related tokens D), the array
`scope_array` and their GIN indexes come from migrations (PostgreSQL only). ts_rank knows
no document frequencies, so each clause's rank is multiplied by its terms' inverse
document frequency: a BM25-like sum, close to what FTS5 and Elasticsearch compute.
"""

import threading
import time

from django.db import connection

from search.analysis.pipeline import WHOLE
from search.engines.base import (
    BODY_WEIGHT,
    HEADING_WEIGHT,
    PART_WEIGHT,
    TITLE_WEIGHT,
    Hit,
    Results,
    SearchEngine,
    idf,
    plan,
    repeats,
)

RANK_WEIGHTS = (
    f"{{{PART_WEIGHT / TITLE_WEIGHT}, {BODY_WEIGHT / TITLE_WEIGHT},"
    f" {HEADING_WEIGHT / TITLE_WEIGHT}, 1}}"
)
# 1 = divide by 1 + log(document length), the nearest to BM25's length normalisation.
RANK_NORMALISATION = 1
STATISTICS_TTL = 300


def lexeme(term, weights):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "':" + weights


def clause_query(clause, headings_only=False):
    """to_tsquery() text of a clause: whole words in A–C (A–B: headings only), related
    tokens in D."""
    weights = ("AB" if headings_only else "ABC") if clause.field == WHOLE else "D"
    return " & ".join(lexeme(t, weights) for t in clause.terms)


class PostgresEngine(SearchEngine):
    name = "postgres"

    def __init__(self, **options):
        super().__init__(**options)
        self._statistics = {}
        self._lock = threading.Lock()
        self._generation = 0

    def _changed(self):
        with self._lock:
            self._generation += 1

    def index_entries(self, index, entries):
        self._changed()  # the generated columns follow the rows

    def delete_entries(self, index, entries):
        self._changed()

    def clear(self, index):
        self._changed()

    def frequencies(self, index, lang):
        """({lexeme: documents}, documents) of an index and language, cached."""
        key = (index, lang)
        with self._lock:
            cached = self._statistics.get(key)
            generation = self._generation
        if cached and cached[0] == generation and time.monotonic() - cached[1] < STATISTICS_TTL:
            return cached[2]
        with connection.cursor() as cursor:
            cursor.execute(
                'SELECT count(*) FROM kbsearch_entry WHERE "index" = %s AND lang = %s',
                [index, lang],
            )
            total = cursor.fetchone()[0]
            inner = cursor.mogrify(
                'SELECT search_vector FROM kbsearch_entry WHERE "index" = %s AND lang = %s',
                [index, lang],
            )
            if isinstance(inner, bytes):
                inner = inner.decode()
            cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [inner])
            found = (dict(cursor.fetchall()), total)
        with self._lock:
            self._statistics[key] = (generation, time.monotonic(), found)
        return found

    def _plan(self, index, lang, query):
        """(clauses, headings only) after the common-word rule (base.plan)."""
        frequencies, total = self.frequencies(index, lang)
        clauses, headings_only = plan(
            query.clauses, total, lambda c: min(frequencies.get(t, 0) for t in c.terms)
        )
        if headings_only:
            clauses = [c for c in clauses if c.field == WHOLE]
        return clauses, headings_only

    def _where(self, index, lang, clauses, headings_only, scopes, filters):
        sql = (
            '"index" = %s AND lang = %s AND search_vector @@ ('
            + " || ".join(["to_tsquery('simple', %s)"] * len(clauses))
            + ")"
        )
        params = [index, lang, *[clause_query(c, headings_only) for c in clauses]]
        if scopes is not None:
            sql += " AND scope_array && %s::text[]"
            params.append(sorted(scopes))
        for name, value in sorted((filters or {}).items()):
            sql += " AND id IN (SELECT entry_id FROM kbsearch_facet WHERE name = %s AND value = %s)"
            params += [name, value]
        return sql, params

    def search(self, index, lang, query, scopes, filters=None, offset=0, limit=10):
        if not query.clauses or (scopes is not None and not scopes):
            return Results()
        frequencies, total = self.frequencies(index, lang)
        clauses, headings_only = self._plan(index, lang, query)
        ranks, rank_params = [], []
        for clause in clauses:
            factor = repeats(clause.weight) * sum(
                idf(max(total, 1), frequencies.get(t, 0)) for t in clause.terms
            )
            ranks.append(
                f"%s * ts_rank('{RANK_WEIGHTS}', search_vector,"
                f" to_tsquery('simple', %s), {RANK_NORMALISATION})"
            )
            rank_params += [factor, clause_query(clause, headings_only)]
        where, params = self._where(index, lang, clauses, headings_only, scopes, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT key, ({' + '.join(ranks)}) AS score FROM kbsearch_entry WHERE {where}"
                " ORDER BY score DESC, id LIMIT %s OFFSET %s",
                [*rank_params, *params, limit, offset],
            )
            hits = [Hit(key, float(score)) for key, score in cursor.fetchall()]
            cursor.execute(f"SELECT count(*) FROM kbsearch_entry WHERE {where}", params)
            return Results(hits, cursor.fetchone()[0])

    def facet_counts(self, index, lang, query, scopes):
        if not query.clauses or (scopes is not None and not scopes):
            return {}
        clauses, headings_only = self._plan(index, lang, query)
        where, params = self._where(index, lang, clauses, headings_only, scopes, None)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, value, count(*) FROM kbsearch_facet WHERE entry_id IN"
                f" (SELECT id FROM kbsearch_entry WHERE {where}) GROUP BY name, value",
                params,
            )
            return {(name, value): n for name, value, n in cursor.fetchall()}
