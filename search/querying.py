"""Running a reader's query: analysis, the engine, and the fallback when it is down."""

import logging
from dataclasses import dataclass, field

from search.analysis import analyse_query, synonyms
from search.engines import EMBEDDED, EngineUnavailable, get_engine
from search.indexing import SITE_INDEX
from search.vocabulary import reader_vocabulary

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    query: object
    hits: list = field(default_factory=list)
    total: int = 0
    facets: dict = field(default_factory=dict)
    engine: str = ""


def analyse(text, lang, scopes, index=SITE_INDEX, completion=False):
    """The AnalysedQuery of `text`, corrected only towards words the reader may see."""
    vocabulary = reader_vocabulary(index, lang, scopes)
    return analyse_query(
        text, lang, vocabulary, synonyms=synonyms.groups(lang), completion=completion
    )


def _run(engine, query, scopes, index, filters, offset, limit, with_facets):
    results = engine.search(index, query.lang, query, scopes, filters, offset, limit)
    counts = engine.facet_counts(index, query.lang, query, scopes) if with_facets else {}
    return Outcome(query, results.hits, results.total, counts, engine.name)


def run_query(
    text,
    lang,
    scopes,
    index=SITE_INDEX,
    engine="default",
    filters=None,
    offset=0,
    limit=10,
    completion=False,
    facets=False,
):
    """Hits for `text` in `lang` among entries the reader's `scopes` may see (None: all).

    An unreachable Elasticsearch is logged and the embedded engine answers instead.
    """
    query = analyse(text, lang, scopes, index, completion)
    chosen = get_engine(engine)
    arguments = (query, scopes, index, filters, offset, limit, facets)
    try:
        return _run(chosen, *arguments)
    except EngineUnavailable as error:
        if chosen.alias == EMBEDDED:
            raise
        logger.warning(
            "search engine %s unreachable, answering from embedded: %s", chosen.name, error
        )
        return _run(get_engine(EMBEDDED), *arguments)
