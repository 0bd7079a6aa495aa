# ruff: noqa: S608 -- the SQL is assembled from fixed fragments; every value is a parameter
"""Embedded engine on PostgreSQL: a weighted tsvector over the pre-analysed tokens.

The `simple` configuration only lowercases, because the tokens are already analysed.
The column `search_vector` (title A, headings B, body C) and its GIN index come from
migration 0002. PostgreSQL's ts_rank knows no document frequencies, so each term's
rank is multiplied by its inverse document frequency: a BM25-like sum, close to what
FTS5 and Elasticsearch compute.
"""

from django.db import connection

from search.engines.base import BODY_WEIGHT, HEADING_WEIGHT, TITLE_WEIGHT, Hit, SearchEngine, idf

RANK_WEIGHTS = f"{{0, {BODY_WEIGHT / TITLE_WEIGHT}, {HEADING_WEIGHT / TITLE_WEIGHT}, 1}}"
# 1 = divide by 1 + log(document length), the nearest to BM25's length normalisation.
RANK_NORMALISATION = 1


class PostgresEngine(SearchEngine):
    name = "postgres"

    def index_entries(self, index, entries):
        self.changed()  # the generated column follows the row

    def delete_entries(self, index, entries):
        self.changed()

    def clear(self, index):
        self.changed()

    def search(self, index, lang, query, visibilities, limit=1000):
        terms = query.terms
        if not terms or not visibilities:
            return []
        vocabulary = self.vocabulary(index, lang)
        total = max(vocabulary.total, 1)
        ranks, params = [], []
        for item in terms:
            frequency = vocabulary.frequencies.get(item.term, 0)
            factor = item.weight * idf(total, frequency)
            ranks.append(
                f"%s * ts_rank('{RANK_WEIGHTS}', search_vector,"
                f" plainto_tsquery('simple', %s), {RANK_NORMALISATION})"
            )
            params += [factor, item.term]
        matches = " || ".join(["plainto_tsquery('simple', %s)"] * len(terms))
        marks = ", ".join(["%s"] * len(visibilities))
        sql = (
            f"SELECT key, ({' + '.join(ranks)}) AS score FROM kbsearch_entry"
            f' WHERE "index" = %s AND lang = %s AND visibility IN ({marks})'
            f" AND search_vector @@ ({matches}) ORDER BY score DESC, key LIMIT %s"
        )
        params += [index, lang, *visibilities, *[t.term for t in terms], limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Hit(key, float(score)) for key, score in cursor.fetchall()]

    def term_frequencies(self, index, lang):
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
            return dict(cursor.fetchall()), total
