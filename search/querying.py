"""Running a reader's query: analysis, the engine, and the fallback when it is down.

Every engine ranks by its own BM25; the first RERANK_WINDOW hits are then ordered by
how many of the query's words they match (coverage) before the engine's score, the
same step on every engine (like Elasticsearch's rescore window). A page that answers
"tietoturva ohjeet opettajille" with all three words comes before pages that only
say "opettajille" in their title.
"""

import logging
from dataclasses import dataclass, field

from search.analysis import analyse_query, analyse_word, synonyms
from search.analysis.pipeline import (
    CORRECT_ALL,
    CORRECT_UNKNOWN,
    NO_CORRECTION,
    PART,
    TYPED,
    WHOLE,
    AnalysedQuery,
    Clause,
    near_halves,
)
from search.engines import EMBEDDED, EngineUnavailable, get_engine
from search.indexing import SITE_INDEX
from search.models import Entry
from search.vocabulary import reader_vocabulary

logger = logging.getLogger(__name__)

RERANK_WINDOW = 50
# "Did you mean" is offered when the query as typed finds nothing, or less than this
# share of what the correction finds.
FAR_LESS = 0.25
# What a page that found nothing offers instead (entry kinds, search.sources).
CLOSEST_KINDS = ("guidepage", "task")


@dataclass
class Outcome:
    query: object
    hits: list = field(default_factory=list)
    total: int = 0
    facets: dict = field(default_factory=dict)
    engine: str = ""
    suggestion: str = ""


def analyse(text, lang, scopes, index=SITE_INDEX, completion=False, correct=CORRECT_UNKNOWN):
    """The AnalysedQuery of `text`, corrected only towards words the reader may see."""
    vocabulary = reader_vocabulary(index, lang, scopes)
    return analyse_query(
        text,
        lang,
        vocabulary,
        synonyms=synonyms.groups(lang),
        completion=completion,
        correct=correct,
    )


def entry_tokens(entry):
    """{clause field: tokens} of an entry, as the engines match them."""
    text = f"{entry.title_tokens} {entry.heading_tokens} {entry.body_tokens}"
    return {WHOLE: set(text.split()), PART: set(entry.part_tokens.split())}


def reranked(query):
    """Whether ranking needs more than the engine: several words, or compound halves."""
    return len(query.words) > 1 or any(len(c.terms) == 2 for c in query.clauses)


def rerank(query, hits, index):
    """(hits ordered by query words covered, then by the engine's score; how many were
    dropped because they matched only through the halves of a compound far apart)."""
    has_splits = any(len(c.terms) == 2 for c in query.clauses)
    if not hits or not reranked(query):
        return hits, 0
    rows = Entry.objects.filter(index=index, lang=query.lang, key__in=[h.key for h in hits])
    covered = {}
    for row in rows:
        tokens = entry_tokens(row)
        only_halves = has_splits and not query.coverage(tokens, splits=False)
        if only_halves and not near_halves(query, f"{row.title} {row.body}"):
            continue
        covered[row.key] = query.coverage(tokens)
    kept = [hit for hit in hits if hit.key in covered]
    return sorted(kept, key=lambda hit: -covered[hit.key]), len(hits) - len(kept)


class Searcher:
    """One reader's search on one engine, with the fallback to the embedded engine."""

    def __init__(self, scopes, index, engine, filters):
        self.scopes, self.index, self.filters = scopes, index, filters
        self.engine = get_engine(engine)

    def _call(self, method, query, *args):
        try:
            return getattr(self.engine, method)(self.index, query.lang, query, self.scopes, *args)
        except EngineUnavailable as error:
            if self.engine.alias == EMBEDDED:
                raise
            logger.warning(
                "search engine %s unreachable, answering from embedded: %s", self.engine.name, error
            )
            self.engine = get_engine(EMBEDDED)
            return getattr(self.engine, method)(self.index, query.lang, query, self.scopes, *args)

    def total(self, query):
        return self._call("search", query, self.filters, 0, 0).total

    def search(self, query, offset, limit):
        if offset >= RERANK_WINDOW or not reranked(query):
            return self._call("search", query, self.filters, offset, limit)
        results = self._call("search", query, self.filters, 0, max(RERANK_WINDOW, offset + limit))
        hits, dropped = rerank(query, results.hits, self.index)
        results.hits, results.total = hits[offset : offset + limit], results.total - dropped
        return results

    def unanswered_modifiers(self, query):
        """The query without genitives whose head finds nothing ("opettajien palkat")."""
        dropped = set()
        for modifier, head in query.modifiers:
            alone = query.without(set(range(len(query.groups))) - {head})
            if not self.total(alone):
                dropped.add(modifier)
        return query.without(dropped) if dropped else query

    def facets(self, query):
        return self._call("facet_counts", query)


def suggestion(query, found, searcher, analyse_text):
    """The corrected query when it helps: the query as typed finds nothing, or far less."""
    text = query.suggestion()
    if not text:
        return ""
    if found:
        typed = searcher.total(analyse_text(query.text, NO_CORRECTION))
        if typed and typed > FAR_LESS * searcher.total(analyse_text(text, NO_CORRECTION)):
            return ""
    return text


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
    suggest=True,
):
    """Hits for `text` in `lang` among entries the reader's `scopes` may see (None: all).

    Words the dictionary does not know get typo corrections at once; dictionary words
    the reader's index lacks only when the query finds nothing ("tulostus" stays
    "tulostus" while it finds pages about printing). An unreachable Elasticsearch is
    logged and the embedded engine answers instead.
    """

    def analyse_text(typed, correct=CORRECT_UNKNOWN):
        return analyse(typed, lang, scopes, index, completion, correct)

    searcher = Searcher(scopes, index, engine, filters)
    query = searcher.unanswered_modifiers(analyse_text(text))
    results = searcher.search(query, offset, limit)
    if not results.total and query.correctable:
        retried = searcher.unanswered_modifiers(analyse_text(text, CORRECT_ALL))
        if retried.corrections:
            query, results = retried, searcher.search(retried, offset, limit)
    # Facets count what the engine matched; with no hits left there is nothing to filter.
    counts = searcher.facets(query) if facets and results.total else {}
    offered = suggestion(query, results.total, searcher, analyse_text) if suggest else ""
    return Outcome(query, results.hits, results.total, counts, searcher.engine.name, offered)


def relaxed(query, vocabulary):
    """A looser query for a page that found nothing: every base form, compound part and
    half, derivational root and typo correction of the words, each on its own."""
    loose = AnalysedQuery(text=query.text, lang=query.lang, words=query.words)
    for index, word in enumerate(query.words):
        found = analyse_word(word, query.lang)
        tokens = set(found.whole | found.parts | found.roots)
        tokens |= {half for split in found.splits for half in split}
        for fix in vocabulary.corrections(word):
            tokens |= analyse_word(fix, query.lang).whole
        group = [Clause((t,), where, TYPED) for t in sorted(tokens) for where in (WHOLE, PART)]
        loose.groups.append(group)
        loose.covers.append(frozenset({index}))
        loose.needs.append((tuple(group),))
    return loose


def closest(text, lang, scopes, index=SITE_INDEX, engine="default", limit=3):
    """{kind: hits} of guides and year-clock tasks nearest to a query that found
    nothing, among entries the reader's `scopes` may see."""
    query = relaxed(analyse(text, lang, scopes, index), reader_vocabulary(index, lang, scopes))
    if not query:
        return {}
    found = {}
    for kind in CLOSEST_KINDS:
        searcher = Searcher(scopes, index, engine, {"kind": kind})
        found[kind] = searcher.search(query, 0, limit).hits
    return found
