"""Quality test: nDCG@10 on the development, hard and held-out queries on every engine
(not a timed test), and no result at all for the queries the corpus cannot answer."""

from pathlib import Path

import pytest

from search.management.commands.search_eval import NO_ANSWER_QUERIES, evaluate

# The evaluation set (shared/search-eval, plus ours) is kept in the repository, so a
# clean clone has it.
EVAL_DIR = Path(__file__).resolve().parents[1] / "eval"
CORPUS = EVAL_DIR / "corpus.jsonl"
DEV = EVAL_DIR / "queries-dev.jsonl"
HARD = EVAL_DIR / "queries-hard.jsonl"
HELD_OUT = EVAL_DIR / "queries-heldout.jsonl"


pytestmark = pytest.mark.django_db


def test_dev_queries_reach_the_target(engine, tmp_path):
    output = tmp_path / "rankings.jsonl"
    scores = evaluate(CORPUS, [DEV, NO_ANSWER_QUERIES], engine, output)
    assert scores["ndcg@10"] >= 0.97, scores
    # No query without an answer gets any result.
    assert scores["no_answer_empty"] == 1.0, scores
    lines = output.read_text().splitlines()
    assert len(lines) == scores["queries"] == scores["answerable"] + scores["no_answer"]


def test_hard_and_held_out_queries(engine):
    # Measured 0.93–0.94 (hard) and 0.967–0.991 (held-out) across the engines: see
    # docs/search.md for what is still missed.
    assert evaluate(CORPUS, HARD, engine)["ndcg@10"] >= 0.92
    assert evaluate(CORPUS, HELD_OUT, engine)["ndcg@10"] >= 0.96


def test_engines_agree(engine):
    if engine != "elasticsearch":
        pytest.skip("compares the embedded engine with Elasticsearch")
    for queries in (DEV, HELD_OUT):
        elastic = evaluate(CORPUS, queries, "elasticsearch")["ndcg@10"]
        embedded = evaluate(CORPUS, queries, "embedded")["ndcg@10"]
        assert abs(elastic - embedded) <= 0.03, (queries.name, elastic, embedded)
