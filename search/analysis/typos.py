"""Typo tolerance: the closest words of the index vocabulary within a small edit distance.

Lookups use the symmetric-delete idea (SymSpell): every vocabulary word is filed under
itself and its one-letter deletions; a query word's deletions (up to two) meet them, and
the real Damerau-Levenshtein distance decides.
"""

from collections import defaultdict


def max_distance(word):
    if len(word) < 5:
        return 0
    return 1 if len(word) < 8 else 2


def _deletes(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def distance(a, b, limit=2):
    """Optimal string alignment distance, giving up past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class Vocabulary:
    """Indexed words with their document frequencies, for corrections and prefixes."""

    def __init__(self, frequencies):
        self.frequencies = {w: n for w, n in frequencies.items() if w.isalpha()}
        self._index = None

    def keys(self):
        return self.frequencies.keys()

    def __contains__(self, word):
        return word in self.frequencies

    def __len__(self):
        return len(self.frequencies)

    def _build(self):
        index = defaultdict(set)
        for word in self.frequencies:
            if len(word) >= 4:
                index[word].add(word)
                for deleted in _deletes(word):
                    index[deleted].add(word)
        self._index = index

    def corrections(self, word, limit=3):
        """Known words close to `word`, nearest and most frequent first."""
        allowed = max_distance(word)
        if not allowed or not word.isalpha():
            return []
        if self._index is None:
            self._build()
        probes = {word} | _deletes(word)
        if allowed > 1:
            probes |= {d for p in list(probes) for d in _deletes(p)}
        candidates = set()
        for probe in probes:
            candidates |= self._index.get(probe, set())
        scored = []
        for candidate in candidates:
            if candidate == word:
                continue
            gap = distance(word, candidate, allowed)
            if gap <= allowed:
                scored.append((gap, -self.frequencies[candidate], candidate))
        return [c for _, _, c in sorted(scored)[:limit]]

    def completions(self, prefix, limit=5):
        if len(prefix) < 2:
            return []
        found = [(-n, w) for w, n in self.frequencies.items() if w.startswith(prefix)]
        return [w for _, w in sorted(found)[:limit]]
