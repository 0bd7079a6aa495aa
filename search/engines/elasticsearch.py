"""Elasticsearch 8 engine through elasticsearch-dsl.

Only core analysis is used (the `whitespace` analyzer over pre-analysed tokens), because
the integ-test distribution has no analysis-common module. One index per site index and
language; the entry's `scopes` are a keyword field filtered with one `terms` clause,
never per page (wagtail#14108). A whole-word clause is a `combined_fields` query (BM25F
over title, headings and body), the same model as FTS5's bm25 with column weights;
related tokens are one more field at half a body word's weight. Facet counts are
`terms` aggregations over a `facets` keyword field ("kind=guidepage").
"""

import logging

import elastic_transport
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch_dsl import Q, Search

from search.analysis.pipeline import WHOLE
from search.engines.base import (
    BODY_WEIGHT,
    HEADING_WEIGHT,
    PART_WEIGHT,
    TITLE_WEIGHT,
    EngineUnavailable,
    Hit,
    Results,
    SearchEngine,
    repeats,
)

logger = logging.getLogger(__name__)

TOKEN_FIELD = {"type": "text", "analyzer": "whitespace"}
MAPPING = {
    "properties": {
        "key": {"type": "keyword"},
        "id": {"type": "long"},
        "kind": {"type": "keyword"},
        "scopes": {"type": "keyword"},
        "facets": {"type": "keyword"},
        "title_tokens": TOKEN_FIELD,
        "heading_tokens": TOKEN_FIELD,
        "body_tokens": TOKEN_FIELD,
        "part_tokens": TOKEN_FIELD,
    }
}
FACET_BUCKETS = 500
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}
FIELDS = [
    f"title_tokens^{TITLE_WEIGHT:g}",
    f"heading_tokens^{HEADING_WEIGHT:g}",
    f"body_tokens^{BODY_WEIGHT:g}",
]
UNREACHABLE = (elastic_transport.TransportError, ConnectionError)


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url, index_prefix, force_refresh=False, timeout=5, **options):
        super().__init__(**options)
        self.url = url
        self.prefix = index_prefix.lower()
        self.refresh_writes = force_refresh
        self.client = Elasticsearch(
            self.url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
        self._created = set()

    def index_name(self, index, lang):
        return f"{self.prefix}-{index}-{lang}".lower()

    def _call(self, action, *args, **kwargs):
        try:
            return action(*args, **kwargs)
        except UNREACHABLE as error:
            raise EngineUnavailable(str(error)) from error

    def _ensure(self, name):
        if name in self._created:
            return
        if not self._call(self.client.indices.exists, index=name):
            try:
                self._call(
                    self.client.indices.create,
                    index=name,
                    settings=INDEX_SETTINGS,
                    mappings=MAPPING,
                )
            except ApiError as error:
                if "resource_already_exists" not in str(error):
                    raise
        self._created.add(name)

    def index_entries(self, index, entries):
        actions = []
        for entry in entries:
            name = self.index_name(index, entry.lang)
            self._ensure(name)
            actions.append(
                {
                    "_index": name,
                    "_id": entry.key,
                    "_source": {
                        "key": entry.key,
                        "id": entry.pk,
                        "kind": entry.kind,
                        "scopes": sorted(entry.scope_set),
                        "facets": [
                            f"{facet}={value}"
                            for facet, values in entry.facets.items()
                            for value, _label in values
                        ],
                        "title_tokens": entry.title_tokens,
                        "heading_tokens": entry.heading_tokens,
                        "body_tokens": entry.body_tokens,
                        "part_tokens": entry.part_tokens,
                    },
                }
            )
        if actions:
            self._call(
                helpers.bulk,
                self.client,
                actions,
                refresh=bool(self.refresh_writes),
            )

    def delete_entries(self, index, entries):
        actions = [
            {"_op_type": "delete", "_index": self.index_name(index, e.lang), "_id": e.key}
            for e in entries
        ]
        if actions:
            self._call(
                helpers.bulk,
                self.client,
                actions,
                raise_on_error=False,
                refresh=bool(self.refresh_writes),
            )

    def clear(self, index):
        pattern = f"{self.prefix}-{index}-*".lower()
        self._call(self.client.indices.delete, index=pattern, ignore_unavailable=True)
        self._created = {n for n in self._created if not n.startswith(pattern[:-1])}

    def refresh(self, index):
        self._call(
            self.client.indices.refresh,
            index=f"{self.prefix}-{index}-*".lower(),
            ignore_unavailable=True,
            allow_no_indices=True,
        )

    def _query(self, query, scopes, filters):
        should = []
        for clause in query.clauses:
            boost = repeats(clause.weight)
            if clause.field == WHOLE:
                parts = [Q("combined_fields", query=t, fields=FIELDS) for t in clause.terms]
            else:
                parts = [Q("term", part_tokens=t) for t in clause.terms]
                boost *= PART_WEIGHT
            should.append(parts[0] if len(parts) == 1 else Q("bool", must=parts))
            should[-1] = Q("bool", must=[should[-1]], boost=boost)
        filter_ = [] if scopes is None else [Q("terms", scopes=sorted(scopes))]
        filter_ += [Q("term", facets=f"{n}={v}") for n, v in sorted((filters or {}).items())]
        return Q("bool", should=should, minimum_should_match=1, filter=filter_)

    def search(self, index, lang, query, scopes, filters=None, offset=0, limit=10):
        if not query.clauses or (scopes is not None and not scopes):
            return Results()
        search = (
            Search(using=self.client, index=self.index_name(index, lang))
            .query(self._query(query, scopes, filters))
            .sort("_score", {"id": "asc"})
            .source(["key"])
            .extra(from_=offset, size=limit, track_total_hits=True)
            .params(ignore_unavailable=True)
        )
        response = self._call(search.execute)
        hits = [Hit(hit.key, hit.meta.score) for hit in response]
        return Results(hits, response.hits.total.value if response.hits.total else 0)

    def facet_counts(self, index, lang, query, scopes):
        if not query.clauses or (scopes is not None and not scopes):
            return {}
        search = (
            Search(using=self.client, index=self.index_name(index, lang))
            .query(self._query(query, scopes, None))
            .extra(size=0)
            .params(ignore_unavailable=True)
        )
        search.aggs.bucket("facets", "terms", field="facets", size=FACET_BUCKETS)
        response = self._call(search.execute)
        if "aggregations" not in response.to_dict():
            return {}
        counts = {}
        for bucket in response.aggregations.facets.buckets:
            name, _, value = bucket.key.partition("=")
            counts[(name, value)] = bucket.doc_count
        return counts

    def available(self):
        try:
            self.client.cluster.health(timeout="2s")
        except (*UNREACHABLE, ApiError):
            return False
        return True
