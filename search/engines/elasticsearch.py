"""Elasticsearch 8 engine through elasticsearch-dsl.

Only core analysis is used (the `whitespace` analyzer over pre-analysed tokens), because
the integ-test distribution has no analysis-common module. One index per site index and
language; `visibility` is an indexed keyword filtered in one clause, never per page.
Each term is a `combined_fields` query (BM25F over title, headings and body), the same
model as FTS5's bm25 with column weights.
"""

import logging

from django.conf import settings

import elastic_transport
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch_dsl import Q, Search

from search.engines.base import (
    BODY_WEIGHT,
    HEADING_WEIGHT,
    TITLE_WEIGHT,
    EngineUnavailable,
    Hit,
    SearchEngine,
)

logger = logging.getLogger(__name__)

TOKEN_FIELD = {"type": "text", "analyzer": "whitespace"}
MAPPING = {
    "properties": {
        "key": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "visibility": {"type": "keyword"},
        "title_tokens": TOKEN_FIELD,
        "heading_tokens": TOKEN_FIELD,
        "body_tokens": TOKEN_FIELD,
        # Distinct tokens, for the typo vocabulary (terms aggregation on doc values).
        "vocabulary": {"type": "keyword", "index": False},
    }
}
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}
FIELDS = [
    f"title_tokens^{TITLE_WEIGHT:g}",
    f"heading_tokens^{HEADING_WEIGHT:g}",
    f"body_tokens^{BODY_WEIGHT:g}",
]
UNREACHABLE = (elastic_transport.TransportError, ConnectionError)


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url=None, prefix=None, refresh=None, timeout=5, **options):
        super().__init__(**options)
        self.url = url or settings.ELASTICSEARCH_URL
        self.prefix = (prefix or settings.SEARCH_INDEX_PREFIX).lower()
        self.refresh_writes = (
            refresh if refresh is not None else getattr(settings, "SEARCH_FORCE_REFRESH", False)
        )
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
            tokens = f"{entry.title_tokens} {entry.heading_tokens} {entry.body_tokens}"
            actions.append(
                {
                    "_index": name,
                    "_id": entry.key,
                    "_source": {
                        "key": entry.key,
                        "kind": entry.kind,
                        "visibility": entry.visibility,
                        "title_tokens": entry.title_tokens,
                        "heading_tokens": entry.heading_tokens,
                        "body_tokens": entry.body_tokens,
                        "vocabulary": sorted(set(tokens.split())),
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
        self.changed()

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
        self.changed()

    def clear(self, index):
        pattern = f"{self.prefix}-{index}-*".lower()
        self._call(self.client.indices.delete, index=pattern, ignore_unavailable=True)
        self._created = {n for n in self._created if not n.startswith(pattern[:-1])}
        self.changed()

    def refresh(self, index):
        self._call(
            self.client.indices.refresh,
            index=f"{self.prefix}-{index}-*".lower(),
            ignore_unavailable=True,
            allow_no_indices=True,
        )

    def search(self, index, lang, query, visibilities, limit=1000):
        terms = query.terms
        if not terms or not visibilities:
            return []
        should = [
            Q("combined_fields", query=item.term, fields=FIELDS, boost=item.weight)
            for item in terms
        ]
        search = (
            Search(using=self.client, index=self.index_name(index, lang))
            .query(Q("bool", should=should, minimum_should_match=1))
            .filter("terms", visibility=list(visibilities))
            .sort("_score", {"key": "asc"})
            .source(["key"])
            .extra(size=limit, track_total_hits=False)
            .params(ignore_unavailable=True)
        )
        response = self._call(search.execute)
        return [Hit(hit.key, hit.meta.score) for hit in response]

    def term_frequencies(self, index, lang):
        name = self.index_name(index, lang)
        if not self._call(self.client.indices.exists, index=name):
            return {}, 0
        total = self._call(self.client.count, index=name)["count"]
        frequencies, after = {}, None
        while True:
            composite = {"size": 10_000, "sources": [{"t": {"terms": {"field": "vocabulary"}}}]}
            if after:
                composite["after"] = after
            response = self._call(
                self.client.search, index=name, size=0, aggs={"v": {"composite": composite}}
            )
            buckets = response["aggregations"]["v"]["buckets"]
            frequencies.update((b["key"]["t"], b["doc_count"]) for b in buckets)
            after = response["aggregations"]["v"].get("after_key")
            if not buckets or not after:
                return frequencies, total

    def available(self):
        try:
            self.client.cluster.health(timeout="2s")
        except (*UNREACHABLE, ApiError):
            return False
        return True
