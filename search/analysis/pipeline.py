"""Index-time and query-time analysis built from the language modules.

Index: every word gives *whole* tokens (as written and its base forms), which go to the
title, heading and body columns, and *related* tokens (the whole tokens again, compound
parts, sub-compounds and derivational roots), which go to one low-weight `part_tokens`
column without any title boost.

Query: each word becomes clauses that engines add up (see Clause):
- WHOLE, weight 1: the word or a base form in the title, headings or body;
- PART, weight 1 on the half-weight part column: the word inside a compound or a
  derivation of the document ("tietosuoja" finds "tietosuojaselosteiden"), and the
  word's own derivational root;
- SPLIT: a compound typed by the reader matches a document only through *both* of its
  halves ("osaamiskysely" ← "osaamisen … kysely"), never through one part alone, so
  "tietosuoja" does not drag in "tietokone".
Variants the reader did not type (synonyms, typo corrections, letters without
å/ä/ö restored) weigh half. Function words ("mistä", "kuka", "och") are dropped when the
query has other words.
"""

from dataclasses import dataclass, field
from itertools import product

from search.analysis import finnish, swedish
from search.analysis.normalise import normalise, words
from search.analysis.words import WordAnalysis

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
MAX_RESTORED_LETTERS = 7  # 2^7 spellings at most are tried against the dictionary

WHOLE, PART = "whole", "part"
SPLIT_WINDOW = 2  # words from one half of a compound to the other: "osaamisen … kysely"
# Which typo corrections a query gets: none, words the dictionary does not know, or
# every word the reader's index lacks (when the query as typed finds nothing).
NO_CORRECTION, CORRECT_UNKNOWN, CORRECT_ALL = "none", "unknown", "all"
TYPED = 1.0
VARIANT = 0.5

# Language code → analysis module. Every code in settings.LANGUAGES needs one
# (search.checks); an unknown code is an error, never silently Finnish.
LANGUAGES = {"fi": finnish, "sv": swedish}


def language(lang):
    try:
        return LANGUAGES[lang]
    except KeyError:
        raise ValueError(f"no search analysis for language {lang!r}") from None


def analyse_word(word, lang):
    """WordAnalysis of one folded word; a hyphenated word is also read part by part."""
    module = language(lang)
    if "-" not in word and "'" not in word and "’" not in word:
        return module.analyse_word(word)
    pieces = [p for p in word.replace("’", "-").replace("'", "-").split("-") if p]
    joined = module.analyse_word("".join(pieces))
    parts = set(joined.parts)
    for piece in pieces:
        found = module.analyse_word(piece)
        parts |= found.whole | found.parts
    splits = list(joined.splits)
    if len(pieces) == 2:
        splits.append((pieces[0], pieces[1]))
    return WordAnalysis(
        whole=joined.whole | {word},
        parts=frozenset(parts - joined.whole),
        splits=tuple(splits),
        roots=joined.roots,
        known=joined.known or all(module.analyse_word(p).known for p in pieces),
    )


def analyse_text(text, lang):
    """(whole tokens, related tokens) of a text, in reading order."""
    whole, related = [], []
    for word in words(text):
        found = analyse_word(word, lang)
        whole.extend(sorted(found.whole))
        related.extend(sorted(found.whole | found.parts | found.roots))
    return whole, related


@dataclass(frozen=True)
class Clause:
    """Terms that must all occur (one term, or the two halves of a compound) in `field`."""

    terms: tuple
    field: str
    weight: float


@dataclass
class AnalysedQuery:
    """One list of clauses per query word (and per synonym variant).

    A document's score is the sum of its matching clauses' scores, so documents that
    cover more of the query rank higher.
    """

    text: str
    lang: str
    groups: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)
    # The query words each group stands for (indexes into `words`): a synonym group
    # covers the words its phrase replaces. Ranking counts covered words (coverage()).
    covers: list = field(default_factory=list)
    # Per group, the clause lists that must all match for it to cover its words: one for
    # a query word, one per word of a synonym phrase ("langaton" and "verkko" for wifi).
    needs: list = field(default_factory=list)
    words: list = field(default_factory=list)
    # Dictionary words the reader's index does not have, left uncorrected: they are
    # corrected only when the query finds nothing (querying.run_query).
    correctable: list = field(default_factory=list)
    # (modifier, head) group indexes: a genitive before a word the reader's vocabulary
    # lacks; the modifier is dropped when the head finds nothing (querying).
    modifiers: list = field(default_factory=list)

    def without(self, dropped):
        """The query without the groups at the `dropped` indexes."""
        kept = [i for i in range(len(self.groups)) if i not in dropped]
        return AnalysedQuery(
            text=self.text,
            lang=self.lang,
            groups=[self.groups[i] for i in kept],
            corrections=self.corrections,
            covers=[self.covers[i] for i in kept],
            needs=[self.needs[i] for i in kept],
            words=self.words,
            correctable=self.correctable,
        )

    def __bool__(self):
        return bool(self.groups)

    @property
    def clauses(self):
        """Each distinct clause once, with its highest weight."""
        best = {}
        for group in self.groups:
            for clause in group:
                key = (clause.terms, clause.field)
                best[key] = max(clause.weight, best.get(key, 0))
        return [Clause(terms, where, weight) for (terms, where), weight in sorted(best.items())]

    @property
    def terms(self):
        """Every single term of the query (for highlighting)."""
        return sorted({t for clause in self.clauses for t in clause.terms})

    def coverage(self, tokens, splits=True):
        """How many query words a document matches; `tokens` is {field: set of tokens}.
        With `splits` off, only single-term clauses count."""
        matched = set()
        for needs, words_covered in zip(self.needs, self.covers, strict=True):
            if words_covered <= matched:
                continue
            if all(
                any(
                    all(t in tokens[c.field] for t in c.terms)
                    for c in clauses
                    if splits or len(c.terms) == 1
                )
                for clauses in needs
            ):
                matched |= words_covered
        return len(matched)

    def suggestion(self):
        """The query with misspelt words replaced ("did you mean"), or ''."""
        if not self.corrections:
            return ""
        return " ".join(self.corrections.get(w, w) for w in words(self.text))


def word_clauses(found, weight=TYPED):
    """The word or its base forms anywhere; the word inside compounds; the halves of a
    compound the reader typed (see near_halves); and, weaker, the word a derivation
    comes from ("tulostus" → "tulostaa", never "tulos")."""
    clauses = [Clause((t,), WHOLE, weight) for t in sorted(found.whole)]
    clauses += [Clause((t,), PART, weight) for t in sorted(found.whole)]
    clauses += [Clause((t,), PART, weight * VARIANT) for t in sorted(found.roots)]
    clauses += [Clause(split, PART, weight) for split in found.splits]
    return clauses


def near_halves(query, text):
    """True when some split clause's halves stand within SPLIT_WINDOW words in `text`.

    Engines match the halves anywhere in a document; a document that matches *only*
    through them is kept when they stand together ("Osaamisen kehittämisen kysely" for
    "osaamiskysely"), not when they meet by chance ("oppilas saa lainakoneen huollon
    ajaksi" is no answer to "oppilashuolto").
    """
    splits = {c.terms for c in query.clauses if len(c.terms) == 2}
    if not splits:
        return False
    readings = []
    for word in words(text):
        found = analyse_word(word, query.lang)
        readings.append(found.whole | found.parts | found.roots)
    for left, right in splits:
        lefts = [i for i, tokens in enumerate(readings) if left in tokens]
        if not lefts:
            continue
        for j, tokens in enumerate(readings):
            if right in tokens and any(abs(i - j) <= SPLIT_WINDOW for i in lefts):
                return True
    return False


def restored_spellings(word, lang):
    """Dictionary words that are `word` with å, ä or ö put back ("tyopoyta" → "työpöytä")."""
    options = {"a": "aä", "o": "oö"} if lang == "fi" else {"a": "aåä", "o": "oö"}
    slots = [i for i, char in enumerate(word) if char in options]
    if not slots or len(slots) > MAX_RESTORED_LETTERS:
        return []
    found = []
    for letters in product(*(options[word[i]] for i in slots)):
        candidate = list(word)
        for index, letter in zip(slots, letters, strict=True):
            candidate[index] = letter
        candidate = "".join(candidate)
        if candidate != word and language(lang).is_known(candidate):
            found.append(candidate)
    return found[:3]


def _variants(word, found, lang, vocabulary, correct=CORRECT_UNKNOWN):
    """Half-weight readings of a word the reader's vocabulary does not have.

    First the word with å/ä/ö put back (from the vocabulary, or from the dictionary when
    it does not know the word as typed); failing that, typo corrections from the
    vocabulary, which also make the "did you mean" suggestion. A dictionary word is
    corrected only with CORRECT_ALL: "tulostus" is a word, not a typo of "tulostaa",
    but "salsana" (salsa + -na) that finds nothing is most likely "salasana".
    """
    if vocabulary is None or any(w in vocabulary for w in found.whole):
        return [], ""
    restored = set(vocabulary.accented(word))
    if not found.known:
        restored |= set(restored_spellings(word, lang))
    if restored:
        return sorted(restored), ""
    if correct == NO_CORRECTION or (found.known and correct != CORRECT_ALL):
        return [], ""
    # A dictionary word is one edit from what was meant or it is no typo at all.
    fixes = vocabulary.corrections(word, edits=1 if found.known else None)
    return fixes, (fixes[0] if fixes else "")


def _synonym_groups(analysed, lang, synonyms):
    """[(clause group, indexes of the query words it covers, clause lists per word of
    the variant)] for the other variants of
    synonym phrases that occur in the query. A one-word variant counts as the word
    typed ("printteri" = "tulostin"); the words of a longer phrase count half."""
    extra = []
    for variants in synonyms:
        keys = [[analyse_word(w, lang).whole for w in words(v)] for v in variants]
        for index, key in enumerate(keys):
            start = _occurs(key, analysed) if key else None
            if start is None:
                continue
            covered = frozenset(range(start, start + len(key)))
            for other_index, other in enumerate(keys):
                if other_index == index or not other:
                    continue
                weight = TYPED if len(other) == 1 else VARIANT
                needs = tuple(
                    tuple(
                        [Clause((t,), WHOLE, weight) for t in sorted(whole)]
                        + [Clause((t,), PART, weight) for t in sorted(whole)]
                    )
                    for whole in other
                )
                extra.append(([c for clauses in needs for c in clauses], covered, needs))
    return extra


def _occurs(phrase, analysed):
    """Where the phrase (a list of whole-form sets) starts in the query, or None."""
    size = len(phrase)
    for start in range(len(analysed) - size + 1):
        window = analysed[start : start + size]
        if all(p & w for p, w in zip(phrase, window, strict=True)):
            return start
    return None


def query_words(text, lang):
    """The words of a query, without function words unless they are all there is."""
    typed = words((text or "")[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
    content = [w for w in typed if not language(lang).is_function_word(w)]
    return content or typed


def _modifiers(chosen, found, variants, covered, vocabulary, lang):
    """(modifier, head) word indexes where the head may be missing from the index.

    In "opettajien palkat" (teachers' salaries) the topic is the head, "palkat"; when
    no entry has it, the genitive "opettajien" alone would answer with every page about
    teachers. Whether the head finds anything is the engine's to say (querying).
    """
    if vocabulary is None:
        return []
    module = language(lang)
    pairs = []
    for index in range(len(chosen) - 1):
        head = index + 1
        unknown = (
            not any(w in vocabulary for w in found[head].whole)
            and not variants[head][0]
            and head not in covered
        )
        if unknown and module.is_modifier(chosen[index]):
            pairs.append((index, head))
    return pairs


def analyse_query(
    text, lang, vocabulary=None, synonyms=(), completion=False, correct=CORRECT_UNKNOWN
):
    """Analyse what a reader typed.

    `vocabulary` (search.vocabulary.ReaderVocabulary, only words the reader may see)
    gives typo corrections, restored å/ä/ö and completions; `synonyms` are groups of
    equivalent phrases; with `completion` (autocomplete) the last word also matches
    indexed words it begins; `correct` says which words get typo corrections.
    """
    text = (text or "")[:MAX_QUERY_CHARS]
    query = AnalysedQuery(text=text, lang=lang)
    chosen = query_words(text, lang)
    query.words = chosen
    found = [analyse_word(word, lang) for word in chosen]
    variants = [
        _variants(w, f, lang, vocabulary, correct) for w, f in zip(chosen, found, strict=True)
    ]
    # Synonyms see the typed words and their restored å/ä/ö ("kayttajatunnus"); a word a
    # synonym covers keeps its meaning and is not "corrected" ("rikki", not "riski").
    typed = [
        f.whole if correction else f.whole.union(*(analyse_word(v, lang).whole for v in options))
        for f, (options, correction) in zip(found, variants, strict=True)
    ]
    extra = _synonym_groups(typed, lang, synonyms)
    covered = set().union(*(c for _, c, _ in extra))
    query.modifiers = _modifiers(chosen, found, variants, covered, vocabulary, lang)
    corrected = []
    for index, (word, analysis) in enumerate(zip(chosen, found, strict=True)):
        options, correction = variants[index]
        reading = typed[index]
        if correction and index in covered:
            options = []
        elif correction:
            query.corrections[word] = correction
            reading = reading.union(*(analyse_word(v, lang).whole for v in options))
        corrected.append(reading)
        if (
            vocabulary is not None
            and analysis.known
            and not options
            and not any(w in vocabulary for w in analysis.whole)
        ):
            query.correctable.append(word)
        group = word_clauses(analysis)
        for option in options:
            group += word_clauses(analyse_word(option, lang), VARIANT)
        query.groups.append(group)
        query.covers.append(frozenset({index}))
        query.needs.append((tuple(group),))
    if query.corrections:  # synonyms of the corrected words too ("printeri" → tulostin)
        more = _synonym_groups(corrected, lang, synonyms)
        extra += [item for item in more if item not in extra]
    for group, words_covered, needs in extra:
        query.groups.append(group)
        query.covers.append(words_covered)
        query.needs.append(needs)
    if completion and vocabulary is not None and chosen and not text[-1:].isspace():
        last = len(chosen) - 1  # the last word's own group, before any synonym group
        completions = [Clause((w,), WHOLE, VARIANT) for w in vocabulary.completions(chosen[-1])]
        query.groups[last] += completions
        query.needs[last] = (tuple(query.groups[last]),)
    return query


def highlight_terms(query):
    """(whole-word terms, related terms) whose words should be marked in snippets.

    The halves of a split compound are left out: they match only together, so marking
    every "tieto…" for "tietosuoja" would show matches that are not there.
    """
    whole = {c.terms[0] for c in query.clauses if c.field == WHOLE}
    related = {c.terms[0] for c in query.clauses if c.field == PART and len(c.terms) == 1}
    return frozenset(whole), frozenset(related)


__all__ = [
    "AnalysedQuery",
    "Clause",
    "analyse_query",
    "analyse_text",
    "analyse_word",
    "normalise",
    "words",
]
