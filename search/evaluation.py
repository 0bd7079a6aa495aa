"""Ranking quality metrics: nDCG@k (gain 2^g - 1), MRR@k, Recall@k and precision.

Queries with no relevant document ("no-answer" queries) are kept apart: they have no
nDCG; what counts for them is that the search returns nothing, or very little.
"""

import math


def dcg(gains):
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains))


def ndcg(results, relevant, k=10):
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if not ideal:
        return 0.0
    return dcg([relevant.get(doc, 0) for doc in results[:k]]) / ideal


def reciprocal_rank(results, relevant, k=10):
    for rank, doc in enumerate(results[:k], 1):
        if relevant.get(doc, 0) > 0:
            return 1 / rank
    return 0.0


def recall(results, relevant, k=10):
    wanted = {doc for doc, grade in relevant.items() if grade > 0}
    if not wanted:
        return 0.0
    return len(wanted & set(results[:k])) / len(wanted)


def precision(results, relevant, k=10):
    """Share of the returned results (at most k) that are relevant; 0 when none returned."""
    shown = results[:k]
    if not shown:
        return 0.0
    return sum(1 for doc in shown if relevant.get(doc, 0) > 0) / len(shown)


def summarise(runs, k=10):
    """Mean metrics over [(results, relevant, total hits), ...]."""
    answerable = [(r, rel) for r, rel, _ in runs if any(g > 0 for g in rel.values())]
    unanswerable = [total for _, rel, total in runs if not any(g > 0 for g in rel.values())]
    count = max(len(answerable), 1)
    return {
        "answerable": len(answerable),
        f"ndcg@{k}": sum(ndcg(r, rel, k) for r, rel in answerable) / count,
        f"mrr@{k}": sum(reciprocal_rank(r, rel, k) for r, rel in answerable) / count,
        f"recall@{k}": sum(recall(r, rel, k) for r, rel in answerable) / count,
        f"precision@{k}": sum(precision(r, rel, k) for r, rel in answerable) / count,
        "no_answer": len(unanswerable),
        "no_answer_empty": (
            sum(1 for total in unanswerable if total == 0) / len(unanswerable)
            if unanswerable
            else 1.0
        ),
        "no_answer_hits": sum(unanswerable) / len(unanswerable) if unanswerable else 0.0,
    }
