"""Ranking quality metrics: nDCG@k (gain 2^g - 1), MRR@k and Recall@k."""

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


def summarise(runs, k=10):
    """Mean metrics over [(results, relevant), ...]."""
    count = max(len(runs), 1)
    return {
        f"ndcg@{k}": sum(ndcg(r, rel, k) for r, rel in runs) / count,
        f"mrr@{k}": sum(reciprocal_rank(r, rel, k) for r, rel in runs) / count,
        f"recall@{k}": sum(recall(r, rel, k) for r, rel in runs) / count,
    }
