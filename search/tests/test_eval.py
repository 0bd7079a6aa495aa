"""Quality test: nDCG@10 on the development queries with both engines (not a timed test),
and precision on queries that have no answer in the corpus."""

from pathlib import Path

import pytest

from search.management.commands.search_eval import NO_ANSWER_QUERIES, evaluate

# The evaluation set (shared/search-eval) is kept in the repository, so a clean clone has it.
EVAL_DIR = Path(__file__).resolve().parents[1] / "eval"


pytestmark = pytest.mark.django_db


@pytest.fixture
def eval_files():
    return EVAL_DIR / "corpus.jsonl", EVAL_DIR / "queries-dev.jsonl"


def test_dev_queries_reach_the_target(engine, eval_files, tmp_path):
    corpus, queries = eval_files
    output = tmp_path / "rankings.jsonl"
    scores = evaluate(corpus, [queries, NO_ANSWER_QUERIES], engine, output)
    assert scores["ndcg@10"] >= 0.95, scores
    # Most queries without an answer get nothing at all; none gets a page of noise.
    assert scores["no_answer_empty"] >= 0.7, scores
    assert scores["no_answer_hits"] <= 3, scores
    lines = output.read_text().splitlines()
    assert len(lines) == scores["queries"] == scores["answerable"] + scores["no_answer"]


def test_engines_agree(engine, eval_files):
    if engine != "elasticsearch":
        pytest.skip("compares the embedded engine with Elasticsearch")
    corpus, queries = eval_files
    elastic = evaluate(corpus, queries, "elasticsearch")["ndcg@10"]
    embedded = evaluate(corpus, queries, "embedded")["ndcg@10"]
    assert abs(elastic - embedded) <= 0.02, (elastic, embedded)
