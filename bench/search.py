"""Search benchmark: query latency (p50/p95) and indexing throughput.

Engines: the embedded engine (SQLite FTS5 in a temporary file, or PostgreSQL with
DATABASE_URL), Elasticsearch (when ELASTICSEARCH_TEST_URL answers), and as the baseline
Wagtail's stock database search backend on the same synthetic documents in the same run.
A measured query is what the search page runs: analysis, the ranked page of 10 hits,
the total and the facet counts, for an anonymous reader (scope filter on).

    python bench/search.py                 # 10,000 and 100,000 documents
    python bench/search.py --docs 2000     # a quick run
"""

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import run_in_test_database, search_eval_file  # sets Django up

# isort: split
from django.conf import settings
from django.db import connection

from wagtail.search import index
from wagtail.search.backends import get_search_backend

from search import engines, vocabulary
from search.document import SearchDocument
from search.models import Entry, Facet
from search.querying import run_query

CORPUS = search_eval_file("corpus.jsonl")
ES_URL = os.environ.get("ELASTICSEARCH_TEST_URL", "")
READER = frozenset({"public"})
BASELINE_QUERY_BUDGET = 100
KINDS = ["guidepage", "processpage", "memopage", "task"]


class BaselineEntry(Entry, index.Indexed):
    """The same rows, searched by Wagtail's stock database backend."""

    search_fields = [
        index.SearchField("title", boost=10),
        index.SearchField("body"),
        index.FilterField("index"),
    ]

    class Meta:
        proxy = True
        app_label = "kbsearch"


def corpus_words():
    """Finnish words of the evaluation corpus (beside the project), the documents' vocabulary."""
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: the benchmark draws its words from the evaluation corpus")
    found = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["lang"] == "fi":
            found += re.findall(r"\w{3,}", f"{doc['title']} {doc['body']}".lower())
    return sorted(set(found))


def zipf_picker(words, rng):
    """Word choice with a Zipf-like distribution: a few common words, a long tail."""
    weights = [1 / (rank + 1) for rank in range(len(words))]
    shuffled = words[:]
    rng.shuffle(shuffled)
    return lambda k: rng.choices(shuffled, weights=weights, k=k)


def synthetic(count, words, seed=7):
    rng = random.Random(seed)
    pick = zipf_picker(words, rng)
    for number in range(count):
        scopes = {"public"} if number % 5 else {"signed_in"}
        kind = KINDS[number % len(KINDS)]
        yield SearchDocument(
            f"bench:{number}",
            "fi",
            kind,
            " ".join(pick(4)).capitalize(),
            " ".join(pick(60)),
            scopes=frozenset(scopes),
            facets={"kind": [[kind, kind]]},
        )


def queries(words, count=100, seed=11):
    rng = random.Random(seed)
    return [" ".join(rng.sample(words, rng.choice([1, 1, 2]))) for _ in range(count)]


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def build(count, index_name, engine_list, words):
    """Analyse and store entries in batches; returns {stage: seconds}."""
    timings = {"analyse+store": 0.0, **{e.name: 0.0 for e in engine_list}}
    batch = []

    def flush():
        start = time.perf_counter()
        rows = [
            Entry(
                index=index_name,
                key=d.key,
                lang=d.lang,
                kind=d.kind,
                scopes=" ".join(sorted(d.scopes)),
                title=d.title,
                body=d.body,
                facets=d.facets,
                **d.tokens(),
            )
            for d in batch
        ]
        rows = Entry.objects.bulk_create(rows)
        if not rows[0].pk:
            rows = list(Entry.objects.filter(index=index_name, key__in=[d.key for d in batch]))
        Facet.objects.bulk_create(
            Facet(entry=row, name=name, value=value, label=label)
            for row in rows
            for name, values in row.facets.items()
            for value, label in values
        )
        vocabulary.apply(vocabulary.count(rows))
        timings["analyse+store"] += time.perf_counter() - start
        for engine in engine_list:
            start = time.perf_counter()
            engine.index_entries(index_name, rows)
            timings[engine.name] += time.perf_counter() - start
        batch.clear()

    for document in synthetic(count, words):
        batch.append(document)
        if len(batch) >= 1000:
            flush()
    if batch:
        flush()
    for engine in engine_list:
        engine.refresh(index_name)
    return timings


def timed_queries(texts, engine, index_name):
    run_query(texts[0], "fi", READER, index=index_name, engine=engine.alias, facets=True)
    samples = []
    for text in texts:
        start = time.perf_counter()
        run_query(text, "fi", READER, index=index_name, engine=engine.alias, facets=True)
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def measure(count, engine_list, words, baseline_queries=None):
    index_name = f"bench{count}"
    for engine in engine_list:
        engine.clear(index_name)
    Entry.objects.filter(index=index_name).delete()

    print(f"\n{count:,} documents", flush=True)
    timings = build(count, index_name, engine_list, words)
    analyse = timings.pop("analyse+store")
    print(f"  analysis + entry rows: {count / analyse:8.0f} docs/s")
    for name, seconds in timings.items():
        print(f"  index {name:13}: {count / max(seconds, 1e-9):8.0f} docs/s (after analysis)")

    texts = queries(words)
    results = {engine.name: timed_queries(texts, engine, index_name) for engine in engine_list}
    # The stock backend takes seconds per query on large indexes: a sample keeps runs short.
    sample = max(10, BASELINE_QUERY_BUDGET * 10_000 // count)
    sample = sample if baseline_queries is None else baseline_queries
    if sample:
        results["wagtail-db"] = baseline(index_name, count, texts[:sample])
    base_p50, base_p95 = results.get("wagtail-db", (float("nan"), float("nan")))
    for name, (p50, p95) in results.items():
        print(
            f"  query {name:13}: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
            f"  ({p50 / base_p50:5.3f}x / {p95 / base_p95:5.3f}x baseline)"
        )
    for engine in engine_list:
        engine.clear(index_name)
    Entry.objects.filter(index=index_name).delete()


def baseline(index_name, count, texts):
    """Wagtail's stock database backend on the same rows (raw title and body)."""
    backend = get_search_backend("default")
    start = time.perf_counter()
    rows = BaselineEntry.objects.filter(index=index_name)
    for offset in range(0, count, 2000):
        backend.add_bulk(BaselineEntry, list(rows.order_by("pk")[offset : offset + 2000]))
    seconds = time.perf_counter() - start
    print(f"  index wagtail-db     : {count / seconds:8.0f} docs/s (stock, raw text)", flush=True)
    samples = []
    base_query = BaselineEntry.objects.filter(index=index_name)
    for text in texts:
        start = time.perf_counter()
        list(backend.search(text, base_query, operator="or")[:10])
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def configured_engines():
    settings.SEARCH_ENGINES = {"embedded": {"ENGINE": "search.engines.embedded.for_connection"}}
    if ES_URL:
        settings.SEARCH_ENGINES["elasticsearch"] = {
            "ENGINE": "search.engines.elasticsearch.ElasticsearchEngine",
            "URL": ES_URL,
            "INDEX_PREFIX": f"bench-{os.getpid()}",
        }
    engines.reset()
    found = [engines.get_engine("embedded")]
    if ES_URL:
        elastic = engines.get_engine("elasticsearch")
        if elastic.available():
            found.append(elastic)
        else:
            print(f"Elasticsearch at {ES_URL} does not answer: skipped")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="10000,100000", help="comma-separated sizes")
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=None,
        help="queries timed on the stock backend (default: 100 at 10,000 documents, fewer above)",
    )
    args = parser.parse_args()
    words = corpus_words()

    def run():
        print(f"database: {connection.vendor}; elasticsearch: {ES_URL or '-'}")
        engine_list = configured_engines()
        for size in [int(s) for s in args.docs.split(",") if s.strip()]:
            measure(size, engine_list, words, args.baseline_queries)

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # A file, as a site has, rather than the in-memory test database.
        folder = tempfile.mkdtemp(prefix="bench-search-")
        connection.settings_dict["TEST"]["NAME"] = str(Path(folder) / "bench.sqlite3")
    run_in_test_database(run)


if __name__ == "__main__":
    main()
