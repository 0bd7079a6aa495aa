"""Evaluate the search on a JSONL corpus and query set, through the site's own pipeline."""

import json
import logging
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.document import SearchDocument
from search.engines import get_engine
from search.evaluation import ndcg, summarise
from search.indexing import clear_index, index_documents
from search.querying import run_query

K = 10


def read_jsonl(path):
    try:
        with Path(path).open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error


class Command(BaseCommand):
    help = (
        "Index a corpus into a fresh index, run the queries and print nDCG@10, MRR@10, Recall@10."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True)
        parser.add_argument("--queries", required=True)
        parser.add_argument("--engine", choices=["embedded", "elasticsearch"], default="embedded")
        parser.add_argument("--output", help="rankings, one JSON line per query")
        parser.add_argument("--verbose-queries", action="store_true")

    def handle(self, *args, **options):
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
        scores = evaluate(
            options["corpus"],
            options["queries"],
            options["engine"],
            options.get("output"),
            report=self.stdout.write if options["verbose_queries"] else None,
        )
        self.stdout.write(
            f"engine={scores['engine']} queries={scores['queries']} "
            f"nDCG@10={scores['ndcg@10']:.3f} MRR@10={scores['mrr@10']:.3f} "
            f"Recall@10={scores['recall@10']:.3f}"
        )


def evaluate(corpus_path, queries_path, engine_name="embedded", output=None, report=None):
    corpus = read_jsonl(corpus_path)
    queries = read_jsonl(queries_path)
    try:
        engine = get_engine(engine_name)
    except Exception as error:
        raise CommandError(str(error)) from error
    index = f"eval-{uuid.uuid4().hex[:10]}"
    documents = [
        SearchDocument(
            key=str(doc["id"]),
            lang=doc["lang"],
            kind=doc.get("kind", "guide"),
            title=doc.get("title", ""),
            body=doc.get("body", ""),
        )
        for doc in corpus
    ]
    runs, lines = [], []
    try:
        index_documents(documents, index=index, engines=[engine])
        engine.refresh(index)
        for query in queries:
            outcome = run_query(
                query["query"], query["lang"], ["public"], index=index, engine=engine_name, limit=K
            )
            results = [hit.key for hit in outcome.hits]
            runs.append((results, query.get("relevant", {})))
            lines.append(json.dumps({"id": query["id"], "results": results}))
            if report:
                score = ndcg(results, query.get("relevant", {}))
                report(f"{query['id']} {score:.2f} {query['query']!r} {results}")
    finally:
        clear_index(index, engines=[engine])
    if output:
        Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"engine": engine.name, "queries": len(queries), **summarise(runs, K)}
