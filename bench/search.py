"""Search benchmark: query latency (p50/p95) and indexing throughput.

Engines: the embedded engine (SQLite FTS5, or PostgreSQL with DATABASE_URL), Elasticsearch
(when ELASTICSEARCH_URL or ELASTICSEARCH_TEST_URL answers), and as the baseline Wagtail's
stock database search backend on the same synthetic documents in the same run.

    python bench/search.py                 # 10,000 and 100,000 documents
    python bench/search.py --docs 2000     # a quick run
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.base")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
if not os.environ.get("DATABASE_URL"):
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-search-")
os.environ.setdefault("ELASTICSEARCH_URL", os.environ.get("ELASTICSEARCH_TEST_URL", ""))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from wagtail.search import index  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from search import engines  # noqa: E402
from search.document import SearchDocument  # noqa: E402
from search.models import Entry  # noqa: E402
from search.querying import run_query  # noqa: E402

WORDS = [
    "opettaja",
    "oppilas",
    "koulu",
    "salasana",
    "tulostin",
    "tulostaminen",
    "kannettava",
    "tietokone",
    "lukuvuosi",
    "tietosuoja",
    "sopimus",
    "vaikutustenarviointi",
    "osaamismerkki",
    "kysely",
    "verkko",
    "langaton",
    "huoltopyyntö",
    "näyttö",
    "kosketusnäyttö",
    "rehtori",
    "kokous",
    "muistio",
    "tekoäly",
    "opetus",
    "arviointi",
    "portfolio",
    "huoltaja",
    "viestintä",
    "hankinta",
    "palvelu",
    "pilvipalvelu",
    "tallentaminen",
    "tunnus",
    "sijainen",
    "ohje",
    "tehtävä",
    "vuosikello",
    "kalenteri",
    "syksy",
    "kevät",
    "elokuu",
    "tammikuu",
    "laite",
    "palautus",
    "jakaminen",
    "rahoitus",
    "hanke",
    "kokeilu",
    "saavutettavuus",
    "materiaali",
    "oppimisalusta",
    "kurssi",
    "video",
    "animaatio",
    "tietoturva",
    "huijaus",
    "viesti",
]
ENDINGS = ["", "n", "t", "ssa", "lla", "lle", "sta", "an"]


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


def vocabulary():
    """Words of the evaluation corpus when it is beside the project, else the list above."""
    corpus = ROOT.parent / "shared" / "search-eval" / "corpus.jsonl"
    if not corpus.exists():
        return [w + e for w in WORDS for e in ENDINGS]
    import json
    import re

    found = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
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


def synthetic(count, seed=7):
    rng = random.Random(seed)
    pick = zipf_picker(vocabulary(), rng)
    for number in range(count):
        title = " ".join(pick(4))
        body = " ".join(pick(60))
        yield SearchDocument(f"bench:{number}", "fi", "guide", title.capitalize(), body)


def queries(count=100, seed=11):
    rng = random.Random(seed)
    words = vocabulary()
    return [" ".join(rng.sample(words, rng.choice([1, 1, 2]))) for _ in range(count)]


BASELINE_QUERY_BUDGET = 100


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def build(count, index_name, engine_list):
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
                title=d.title,
                body=d.body,
                **d.tokens(),
            )
            for d in batch
        ]
        rows = Entry.objects.bulk_create(rows)
        if connection.vendor == "sqlite" or not rows[0].pk:
            rows = list(Entry.objects.filter(index=index_name, key__in=[d.key for d in batch]))
        timings["analyse+store"] += time.perf_counter() - start
        for engine in engine_list:
            start = time.perf_counter()
            engine.index_entries(index_name, rows)
            timings[engine.name] += time.perf_counter() - start
        batch.clear()

    for document in synthetic(count):
        batch.append(document)
        if len(batch) >= 1000:
            flush()
    if batch:
        flush()
    for engine in engine_list:
        engine.refresh(index_name)
    return timings


def measure(count):
    index_name = f"bench{count}"
    engine_list = [engines.get_engine("embedded")]
    elastic = None
    if os.environ.get("ELASTICSEARCH_URL"):
        candidate = engines.get_engine("elasticsearch")
        if candidate.available():
            elastic = candidate
            engine_list.append(elastic)
    for engine in engine_list:
        engine.clear(index_name)
    Entry.objects.filter(index=index_name).delete()

    print(f"\n{count:,} documents")
    timings = build(count, index_name, engine_list)
    analyse = timings.pop("analyse+store")
    print(f"  analysis + entry rows: {count / analyse:8.0f} docs/s")
    for name, seconds in timings.items():
        print(f"  index {name:13}: {count / max(seconds, 1e-9):8.0f} docs/s (after analysis)")

    backend = get_search_backend("default")
    start = time.perf_counter()
    rows = BaselineEntry.objects.filter(index=index_name)
    for offset in range(0, count, 2000):
        backend.add_bulk(BaselineEntry, list(rows.order_by("pk")[offset : offset + 2000]))
    baseline_index = time.perf_counter() - start
    print(f"  index wagtail-db     : {count / baseline_index:8.0f} docs/s (stock, raw text)")

    texts = queries()
    results = {}
    for engine in engine_list:
        run_query(texts[0], "fi", ["public"], index=index_name, engine=engine_alias(engine))
        samples = []
        for text in texts:
            start = time.perf_counter()
            run_query(
                text, "fi", ["public"], index=index_name, engine=engine_alias(engine), limit=10
            )
            samples.append(time.perf_counter() - start)
        results[engine.name] = percentiles(samples)
    samples = []
    base_query = BaselineEntry.objects.filter(index=index_name)
    # The stock backend takes seconds per query on large indexes: a sample keeps runs short.
    for text in texts[: max(10, BASELINE_QUERY_BUDGET * 10_000 // count)]:
        start = time.perf_counter()
        list(backend.search(text, base_query, operator="or")[:10])
        samples.append(time.perf_counter() - start)
    results["wagtail-db"] = percentiles(samples)
    base_p50, base_p95 = results["wagtail-db"]
    for name, (p50, p95) in results.items():
        print(
            f"  query {name:13}: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
            f"  ({p50 / base_p50:4.2f}x / {p95 / base_p95:4.2f}x baseline)"
        )
    for engine in engine_list:
        engine.clear(index_name)
    Entry.objects.filter(index=index_name).delete()


def engine_alias(engine):
    return "elasticsearch" if engine.name == "elasticsearch" else "embedded"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="10000,100000", help="comma-separated sizes")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    elastic = os.environ.get("ELASTICSEARCH_URL") or "-"
    print(f"database: {connection.vendor}; elasticsearch: {elastic}")
    for size in [int(s) for s in args.docs.split(",") if s.strip()]:
        measure(size)


if __name__ == "__main__":
    main()
