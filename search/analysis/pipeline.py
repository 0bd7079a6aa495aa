"""Index-time and query-time analysis built from the language modules."""

from dataclasses import dataclass, field

from search.analysis import finnish, swedish, synonyms
from search.analysis.normalise import normalise, words

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12

# Query weights: what the reader typed (and its base forms) counts most; compound parts,
# derivational roots, synonyms and typo corrections widen recall at a lower weight.
PRIMARY = 1.0
SECONDARY = 0.5
CORRECTION = 0.5


def _language(lang):
    return swedish if (lang or "").startswith("sv") else finnish


def analyse_word(word, lang):
    """(primary, secondary) token sets of one folded word; hyphenated words split too."""
    module = _language(lang)
    if "-" not in word and "'" not in word and "’" not in word:
        return module.analyse_word(word)
    parts = [p for p in word.replace("’", "-").replace("'", "-").split("-") if p]
    joined = "".join(parts)
    primary, secondary = set(module.analyse_word(joined)[0]), set()
    for part in parts:
        part_primary, part_secondary = module.analyse_word(part)
        secondary |= part_primary | part_secondary
    return frozenset(primary), frozenset(secondary - primary)


def analyse_text(text, lang):
    """Tokens to index for a text: every word's primary and secondary tokens, in order."""
    tokens = []
    for word in words(text):
        primary, secondary = analyse_word(word, lang)
        tokens.extend(sorted(primary))
        tokens.extend(sorted(secondary))
    return tokens


@dataclass(frozen=True)
class QueryTerm:
    term: str
    weight: float


@dataclass
class AnalysedQuery:
    """Groups of alternative terms, one group per query word (plus synonym groups).

    A document scores for a group when it contains any of its terms; engines sum the
    weighted term scores, so documents that cover more of the query rank higher.
    """

    text: str
    lang: str
    groups: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        """Each distinct term once, with its highest weight."""
        best = {}
        for group in self.groups:
            for item in group:
                best[item.term] = max(item.weight, best.get(item.term, 0))
        return [QueryTerm(t, w) for t, w in sorted(best.items())]

    def suggestion(self):
        """The query with misspelt words replaced ("did you mean"), or ''."""
        if not self.corrections:
            return ""
        return " ".join(self.corrections.get(w, w) for w in words(self.text))


def _group(primary, secondary, weight=PRIMARY):
    group = [QueryTerm(t, weight) for t in sorted(primary)]
    group += [QueryTerm(t, weight * SECONDARY) for t in sorted(secondary)]
    return group


def _synonym_groups(analysed_words, lang):
    """Groups for synonym variants of phrases that occur in the query."""
    extra = []
    for variants in synonyms.groups(lang):
        keys = [[analyse_word(w, lang)[0] for w in words(v)] for v in variants]
        for index, key in enumerate(keys):
            if not key or not _occurs(key, analysed_words):
                continue
            for other_index, other in enumerate(keys):
                if other_index == index or not other:
                    continue
                weight = max(SECONDARY, PRIMARY / len(other))
                group = []
                for primary in other:
                    group += _group(primary, (), weight)
                extra.append(group)
    return extra


def _occurs(phrase, analysed_words):
    size = len(phrase)
    for start in range(len(analysed_words) - size + 1):
        window = analysed_words[start : start + size]
        if all(p & w for p, w in zip(phrase, window, strict=True)):
            return True
    return False


def analyse_query(text, lang, vocabulary=None, completion=False):
    """Analyse what a reader typed; `vocabulary` (typos.Vocabulary) enables corrections.

    With `completion` (autocomplete), the last word also matches indexed words it begins.
    """
    text = (text or "")[:MAX_QUERY_CHARS]
    query = AnalysedQuery(text=text, lang=lang)
    analysed_words = []
    for word in words(text)[:MAX_QUERY_WORDS]:
        primary, secondary = analyse_word(word, lang)
        analysed_words.append(primary)
        group = _group(primary, secondary)
        if vocabulary is not None and len(vocabulary) and not (primary & vocabulary.keys()):
            fixes = vocabulary.corrections(word)
            if fixes:
                query.corrections[word] = fixes[0]
                group += [QueryTerm(fix, CORRECTION) for fix in fixes]
        query.groups.append(group)
    query.groups += _synonym_groups(analysed_words, lang)
    if completion and vocabulary is not None and query.groups and not text[-1:].isspace():
        last = words(text)[:MAX_QUERY_WORDS][-1]
        query.groups[-1] += [QueryTerm(w, CORRECTION) for w in vocabulary.completions(last)]
    return query


def highlight_terms(query):
    """Tokens whose words should be marked in snippets."""
    return {item.term for item in query.terms}


__all__ = ["AnalysedQuery", "QueryTerm", "analyse_query", "analyse_text", "normalise", "words"]
