"""The interface every search engine implements."""

import math
from dataclasses import dataclass, field

# Column weights: a word in the title counts ten times a word in the body, a heading
# five; related tokens (compound parts, roots) half a body word, with no title boost.
TITLE_WEIGHT = 10.0
HEADING_WEIGHT = 5.0
BODY_WEIGHT = 1.0
PART_WEIGHT = 0.5


class EngineUnavailable(Exception):
    """The engine cannot be reached; callers fall back to the embedded engine."""


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


@dataclass
class Results:
    hits: list = field(default_factory=list)
    total: int = 0


def idf(total, frequency):
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))


# A word in more than 5% of the documents of a large index (2,000 documents or more) is
# treated like a stop word (the idea of Lucene's "common terms" query): documents must
# match one of the query's rarer clauses, and the common ones are left out of the match.
# A query of common words only matches titles and headings. On a small site nothing is
# common, so results do not change; on a large one this bounds the rows to rank.
COMMON_SHARE = 0.05
COMMON_MINIMUM = 2_000


def common_cutoff(total):
    """Documents above which a clause is common, or None when the index is small."""
    if total <= COMMON_MINIMUM:
        return None
    return max(total * COMMON_SHARE, COMMON_MINIMUM)


def plan(clauses, total, frequency):
    """(clauses to match, headings only?) for an index of `total` documents.

    `frequency(clause)` gives the documents a clause matches (an upper bound will do).
    """
    cutoff = common_cutoff(total)
    if cutoff is None:
        return clauses, False
    rare = [c for c in clauses if frequency(c) <= cutoff]
    if rare:
        return rare, False
    return clauses, True


def repeats(weight):
    """A clause's weight as a whole number of copies (FTS5 and PostgreSQL add copies up),
    the same steps on every engine: 1.0 → 2, 0.5 → 1."""
    return max(1, round(weight * 2))


class SearchEngine:
    """Indexes pre-analysed entries (search.models.Entry) and ranks them for a query.

    `index` names a separate index ("site", or a throw-away one for evaluation); each
    language is indexed apart, so word statistics stay within one language.
    `scopes` is the reader's scopes (entries sharing none are never returned, counted or
    suggested), or None for readers who see everything. `filters` is {facet: value}.
    """

    name = "base"

    def __init__(self, alias="", **options):
        self.alias = alias
        self.options = options

    # Writing
    def index_entries(self, index, entries):
        raise NotImplementedError

    def delete_entries(self, index, entries):
        raise NotImplementedError

    def clear(self, index):
        raise NotImplementedError

    def refresh(self, index):
        """Make writes visible to searches at once (tests, evaluation)."""

    # Reading
    def search(self, index, lang, query, scopes, filters=None, offset=0, limit=10):
        """Results (hits best first, total) for an AnalysedQuery within one language."""
        raise NotImplementedError

    def facet_counts(self, index, lang, query, scopes):
        """{(facet, value): number of matching entries} for an AnalysedQuery."""
        raise NotImplementedError
