"""Running a reader's query: analysis, the engine, and the fallback when it is down."""

import logging
from dataclasses import dataclass, field

from search.analysis import analyse_query
from search.engines import EngineUnavailable, get_engine
from search.indexing import SITE_INDEX

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    query: object
    hits: list = field(default_factory=list)
    engine: str = ""


def _run(engine, text, lang, visibilities, index, limit, completion):
    vocabulary = engine.vocabulary(index, lang)
    query = analyse_query(text, lang, vocabulary, completion=completion)
    return Outcome(query, engine.search(index, lang, query, visibilities, limit), engine.name)


def run_query(
    text, lang, visibilities, index=SITE_INDEX, engine="default", limit=1000, completion=False
):
    """Hits for `text` in `lang` among entries with one of `visibilities`.

    An unreachable Elasticsearch is logged and the embedded engine answers instead.
    """
    chosen = get_engine(engine)
    try:
        return _run(chosen, text, lang, visibilities, index, limit, completion)
    except EngineUnavailable as error:
        if chosen.name == "sqlite" or chosen.name == "postgres":
            raise
        logger.warning(
            "search engine %s unreachable, answering from embedded: %s", chosen.name, error
        )
        return _run(get_engine("embedded"), text, lang, visibilities, index, limit, completion)
