"""Evaluate the search on a JSONL corpus and query sets, through the site's own pipeline."""

import json
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.access import PUBLIC
from search.document import SearchDocument
from search.engines import get_engine
from search.evaluation import ndcg, summarise
from search.indexing import clear_index, index_documents
from search.querying import run_query

K = 10
NO_ANSWER_QUERIES = Path(__file__).resolve().parents[2] / "eval" / "queries-no-answer.jsonl"


def read_jsonl(path):
    try:
        with Path(path).open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error


class Command(BaseCommand):
    help = (
        "Index a corpus into a fresh index, run the queries and print nDCG@10, MRR@10, "
        "Recall@10, precision, and how many results the no-answer queries get."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True)
        parser.add_argument(
            "--queries",
            required=True,
            action="append",
            help="a JSONL query set; repeat for several",
        )
        parser.add_argument(
            "--no-answer",
            action="store_true",
            help=f"also run the no-answer queries of {NO_ANSWER_QUERIES.name}",
        )
        parser.add_argument(
            "--engine",
            action="append",
            choices=[*sorted(settings.SEARCH_ENGINES), "all"],
            help="an engine alias (default embedded); repeat, or 'all' for every configured one",
        )
        parser.add_argument("--output", help="rankings, one JSON line per query")
        parser.add_argument("--verbose-queries", action="store_true")

    def handle(self, *args, **options):
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
        query_files = list(options["queries"])
        if options["no_answer"]:
            query_files.append(NO_ANSWER_QUERIES)
        aliases = options["engine"] or ["embedded"]
        if "all" in aliases:
            aliases = list(settings.SEARCH_ENGINES)
        for alias in dict.fromkeys(aliases):
            output = options.get("output")
            if output and len(aliases) > 1:
                output = f"{output}.{alias}"
            self.report(
                evaluate(
                    options["corpus"],
                    query_files,
                    alias,
                    output,
                    report=self.stdout.write if options["verbose_queries"] else None,
                )
            )

    def report(self, scores):
        self.stdout.write(
            f"engine={scores['engine']} queries={scores['answerable']} "
            f"nDCG@10={scores['ndcg@10']:.3f} MRR@10={scores['mrr@10']:.3f} "
            f"Recall@10={scores['recall@10']:.3f} P@10={scores['precision@10']:.3f}"
        )
        if scores["no_answer"]:
            self.stdout.write(
                f"no-answer queries={scores['no_answer']} "
                f"empty={scores['no_answer_empty']:.0%} "
                f"mean results={scores['no_answer_hits']:.1f}"
            )


def evaluate(corpus_path, queries_paths, engine_name="embedded", output=None, report=None):
    """Scores of one engine; `queries_paths` is one JSONL path or a list of them."""
    if isinstance(queries_paths, (str, Path)):
        queries_paths = [queries_paths]
    corpus = read_jsonl(corpus_path)
    queries = [query for path in queries_paths for query in read_jsonl(path)]
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
                query["query"], query["lang"], {PUBLIC}, index=index, engine=engine_name, limit=K
            )
            results = [hit.key for hit in outcome.hits]
            relevant = query.get("relevant", {})
            runs.append((results, relevant, outcome.total))
            lines.append(json.dumps({"id": query["id"], "results": results}))
            if report:
                score = ndcg(results, relevant) if relevant else float(outcome.total == 0)
                report(f"{query['id']} {score:.2f} {query['query']!r} {results}")
    finally:
        clear_index(index, engines=[engine])
    if output:
        Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"engine": engine.name, "queries": len(queries), **summarise(runs, K)}
