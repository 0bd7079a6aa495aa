"""One text analysis pipeline for indexing and querying, in Finnish and Swedish.

The engines only ever see the tokens produced here (whitespace-separated, lowercase),
so SQLite FTS5, PostgreSQL and Elasticsearch rank the same words.
"""

from search.analysis.pipeline import (
    QueryTerm,
    analyse_query,
    analyse_text,
    highlight_terms,
    normalise,
    words,
)

__all__ = [
    "QueryTerm",
    "analyse_query",
    "analyse_text",
    "highlight_terms",
    "normalise",
    "words",
]
