"""Swedish: Snowball stems plus compound splitting against the hunspell-sv word list.

The word list comes from the `hunspell-sv` package on PyPI, which installs `sv_SE.dic`
under the environment's `share/hunspell/`. Only its stems are read (the part of each
line before `/`); affix rules are not needed to find where a compound splits.
"""

import sysconfig
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import snowballstemmer

from search.analysis.words import WordAnalysis

MIN_PART = 3
# Words up to this length that the dictionary knows are not split ("ersättning", not
# "ersätt|ning"); longer ones may still be compounds the dictionary lists
# ("konsekvensbedömning").
LEXICALISED = 13
_stemmer = snowballstemmer.stemmer("swedish")

# Snowball's Swedish stop words (the list PostgreSQL and Lucene use), plus question words
# and "fungerar (inte)": the thing that does not work is the topic.
_STOP_LIST = """
och det att i en jag hon som han på den med var sig för så till är men ett om hade de
av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
ert era vilkas varifrån måste ska skall
fungerar fungera fungerade
"""
FUNCTION_WORDS = frozenset(_STOP_LIST.split())


def dictionary_path():
    return Path(sysconfig.get_path("data")) / "share" / "hunspell" / "sv_SE.dic"


def stem(word):
    return _stemmer.stemWord(word)


@lru_cache(maxsize=1)
def lexicon():
    """Dictionary words and their stems."""
    path = dictionary_path()
    if not path.exists():
        raise ImproperlyConfigured(
            f"The Swedish word list {path} is missing: install the project's dependencies "
            "(pip install -e .), which include hunspell-sv."
        )
    found = set()
    with path.open(encoding="utf-8", errors="ignore") as lines:
        next(lines, None)  # the first line is the entry count
        for line in lines:
            word = line.split("/", 1)[0].strip().lower()
            if word.isalpha() and len(word) >= 2:
                found.add(word)
    return frozenset(found), frozenset(stem(w) for w in found if len(w) >= MIN_PART)


def is_known(word):
    known, stems = lexicon()
    return word in known or stem(word) in stems


def is_function_word(word):
    return word in FUNCTION_WORDS


def is_modifier(word):
    """Swedish genitives (-s) cannot be told from other words without a tagger: none."""
    return False


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
    if len(word) < 2 * MIN_PART or depth > 2:
        return ()
    if depth == 0 and len(word) < LEXICALISED and (word in known or stem(word) in stems):
        return ()  # a dictionary word (or its inflection) is more likely a word than a compound
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
    whole = {word, stem(word)}
    parts = split_compound(word)
    tokens = set()
    for part in parts:
        tokens |= {part, stem(part)}
    splits = []
    for cut in range(1, len(parts)):
        splits.append((stem("".join(parts[:cut])), stem("".join(parts[cut:]))))
    return WordAnalysis(
        whole=frozenset(whole),
        parts=frozenset(tokens - whole),
        splits=tuple(splits),
        roots=frozenset(),
        known=is_known(word),
    )
