"""Swedish: Snowball stems plus compound splitting against the hunspell-sv word list."""

import logging
from functools import lru_cache
from pathlib import Path

import snowballstemmer

logger = logging.getLogger(__name__)

DICTIONARY_PATHS = (
    Path("/usr/share/hunspell/sv_SE.dic"),
    Path("/usr/share/hunspell/sv_FI.dic"),
)
MIN_PART = 3
_stemmer = snowballstemmer.stemmer("swedish")


def stem(word):
    return _stemmer.stemWord(word)


@lru_cache(maxsize=1)
def lexicon():
    """Dictionary words and their stems; empty (no splitting) without hunspell-sv."""
    for path in DICTIONARY_PATHS:
        if path.exists():
            break
    else:
        logger.warning("hunspell-sv word list not found; Swedish compounds are not split")
        return frozenset(), frozenset()
    found = set()
    with path.open(encoding="utf-8", errors="ignore") as lines:
        next(lines, None)  # the first line is the entry count
        for line in lines:
            word = line.split("/", 1)[0].strip().lower()
            if word.isalpha() and len(word) >= 2:
                found.add(word)
    return frozenset(found), frozenset(stem(w) for w in found if len(w) >= MIN_PART)


def _is_head(part, known, stems):
    # A head matched only through its stem must be long enough not to be a bare ending
    # ("utskrift|erna").
    return (len(part) >= MIN_PART and part in known) or (len(part) >= 5 and stem(part) in stems)


def _is_modifier(part, known):
    if len(part) >= MIN_PART and part in known:
        return part
    # Linking -s and -e: "års|hjul", "dataskydds|avtal", "skol|e".
    if part[-1:] in ("s", "e") and len(part) >= MIN_PART and part[:-1] in known:
        return part[:-1]
    return None


@lru_cache(maxsize=100_000)
def split_compound(word, depth=0):
    """Parts of a compound, or () when the word does not split.

    Of the possible two-part splits the most balanced wins ("konsekvens|bedömning",
    not "kon|sekvensbedömning"); a head that does not split is tried as a compound itself.
    """
    known, stems = lexicon()
    if not known or len(word) < 2 * MIN_PART or depth > 2:
        return ()
    if depth == 0 and word in known and len(word) < 10:
        return ()  # a short dictionary word is more likely a word than a compound
    best = None
    nested = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:cut], word[cut:]
        modifier = _is_modifier(left, known)
        if modifier is None:
            continue
        if _is_head(right, known, stems):
            balance = min(len(left), len(right))
            if best is None or balance > best[0]:
                best = (balance, (modifier, right))
        elif nested is None:
            rest = split_compound(right, depth + 1)
            if rest:
                nested = (modifier, *rest)
    if best:
        return best[1]
    return nested or ()


@lru_cache(maxsize=200_000)
def analyse_word(word):
    primary = {word, stem(word)}
    secondary = set()
    for part in split_compound(word):
        secondary.add(part)
        secondary.add(stem(part))
    return frozenset(primary), frozenset(secondary - primary)
