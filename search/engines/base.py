"""The interface every search engine implements."""

import math
import threading
import time
from dataclasses import dataclass

from search.analysis.typos import Vocabulary

# Column weights: a word in the title counts ten times a word in the body, a heading five.
TITLE_WEIGHT = 10.0
HEADING_WEIGHT = 5.0
BODY_WEIGHT = 1.0
VOCABULARY_TTL = 300  # seconds before another process's writes show in typo corrections


class EngineUnavailable(Exception):
    """The engine cannot be reached; callers fall back to the embedded engine."""


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


def idf(total, frequency):
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))


class SearchEngine:
    """Indexes pre-analysed entries (search.models.Entry) and ranks them for a query.

    `index` names a separate index ("site", or a throw-away one for evaluation);
    each language is indexed apart, so word statistics stay within one language.
    """

    name = "base"

    def __init__(self, **options):
        self.options = options
        self._vocabularies = {}
        self._lock = threading.Lock()
        self._generation = 0

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
    def search(self, index, lang, query, visibilities, limit=1000):
        """Hits for an AnalysedQuery within one language, best first."""
        raise NotImplementedError

    def term_frequencies(self, index, lang):
        """{token: number of documents} and the number of documents, for one language."""
        raise NotImplementedError

    def vocabulary(self, index, lang):
        key = (index, lang)
        with self._lock:
            cached = self._vocabularies.get(key)
            if (
                cached
                and cached[0] == self._generation
                and time.monotonic() - cached[1] < (VOCABULARY_TTL)
            ):
                return cached[2]
        frequencies, total = self.term_frequencies(index, lang)
        vocabulary = Vocabulary(frequencies)
        vocabulary.total = total
        with self._lock:
            self._vocabularies[key] = (self._generation, time.monotonic(), vocabulary)
        return vocabulary

    def changed(self):
        with self._lock:
            self._generation += 1
