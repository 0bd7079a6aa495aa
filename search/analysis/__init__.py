"""One text analysis pipeline for indexing and querying, in Finnish and Swedish.

The engines only ever see the tokens produced here (whitespace-separated, lowercase),
so SQLite FTS5, PostgreSQL and Elasticsearch rank the same words.
"""

from search.analysis import synonyms
from search.analysis.pipeline import (
    AnalysedQuery,
    Clause,
    analyse_query,
    analyse_text,
    analyse_word,
    highlight_terms,
    normalise,
    words,
)

__all__ = [
    "AnalysedQuery",
    "Clause",
    "analyse_query",
    "analyse_text",
    "analyse_word",
    "highlight_terms",
    "normalise",
    "synonyms",
    "words",
]
