"""Quality test: nDCG@10 on the development queries with both engines (not a timed test)."""

from pathlib import Path

import pytest

from search.engines import get_engine
from search.management.commands.search_eval import evaluate

EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "search-eval"
if not EVAL_DIR.exists():
    EVAL_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "search-eval"

pytestmark = pytest.mark.django_db


@pytest.fixture
def eval_files():
    corpus, queries = EVAL_DIR / "corpus.jsonl", EVAL_DIR / "queries-dev.jsonl"
    if not corpus.exists():
        pytest.skip(f"evaluation data not found in {EVAL_DIR}")
    return corpus, queries


def test_dev_queries_reach_the_target(engine, eval_files, tmp_path):
    corpus, queries = eval_files
    output = tmp_path / "rankings.jsonl"
    scores = evaluate(corpus, queries, engine, output)
    assert scores["ndcg@10"] >= 0.92, scores
    lines = output.read_text().splitlines()
    assert len(lines) == scores["queries"]


def test_engines_agree(engine, eval_files, settings):
    if engine != "elasticsearch":
        pytest.skip("compares the embedded engine with Elasticsearch")
    corpus, queries = eval_files
    elastic = evaluate(corpus, queries, "elasticsearch")["ndcg@10"]
    embedded = evaluate(corpus, queries, "embedded")["ndcg@10"]
    assert abs(elastic - embedded) <= 0.02, (elastic, embedded, get_engine("embedded").name)
