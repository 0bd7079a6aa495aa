"""Finnish: base forms, compound parts and derivational roots from Voikko (pyvoikko).

pyvoikko runs the voikko-fi transducer it ships on kfst (kfst-rs when its wheel is
installed), so `pip install` gives the full analysis. It returns Voikko's raw transducer
output (FSTOUTPUT), the same string libvoikko parses; the parts we need are read from it
here: each `[Bc]` starts a compound component, `[Xp]…[X]` holds a lexeme's dictionary
form and `[Xj]` marks a derivational suffix (tulost|us ← tulostaa).
"""

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from search.analysis.words import WordAnalysis

_lock = threading.Lock()
_stemmer = snowballstemmer.stemmer("finnish")
_LEXEME = re.compile(r"\[Xp\]([^\[]*)\[X\]")

# Word classes that carry no topic: pronouns (incl. mikä, kuka, mistä), conjunctions,
# the negation verb and interjections. Their every inflected form is recognised, which a
# stop-word list cannot do for Finnish.
FUNCTION_CLASSES = frozenset({"asemosana", "sidesana", "kieltosana", "huudahdussana"})
# Verbs and adverbs that frame a question rather than name its topic
# ("mistä saan …", "miten voin …", "milloin pitää …", "… ei toimi").
FRAME_WORDS = frozenset(
    {
        "olla",
        "voida",
        "saada",
        "pitää",
        "täytyä",
        "kannattaa",
        "toimia",  # "… ei toimi": the broken thing is the topic
        "miten",
        "milloin",
        "kuinka",
        "missä",
        "minne",
        "mihin",
        "miksi",
        "myös",
        "vain",
        "jo",
        "nyt",
        "sitten",
        "kun",
        "jos",
        "vai",
    }
)


def _transducer():
    # Loading the transducer takes about half a second: only when Finnish is first analysed.
    import pyvoikko

    return pyvoikko


@lru_cache(maxsize=1)
def analyser():
    with _lock:
        return _transducer()


@dataclass(frozen=True)
class Component:
    text: str  # as written inside the compound ("tietosuoja|selosteiden" → "selosteiden")
    base: str  # dictionary form ("seloste")
    root: str  # the lexeme a derivation comes from ("tulostus" → "tulostaa"), or ""


@dataclass(frozen=True)
class Analysis:
    base: str
    word_class: str
    components: tuple  # of Component; more than one for a compound
    case: str = ""  # Voikko's SIJAMUOTO: "omanto" is the genitive


def clean_base(text):
    """Voikko marks morpheme boundaries with '=' (käyttöön=otto); pyvoikko doubles hyphens."""
    text = text.replace("=", "").lower()
    while "--" in text:
        text = text.replace("--", "-")
    return text.strip("-")


def _component(part):
    output = part.FSTOUTPUT
    root = ""
    if "[Xj]" in output:
        lexemes = _LEXEME.findall(output)
        root = clean_base(lexemes[0]) if lexemes else ""
    text = clean_base(part.FORM)
    base = clean_base(part.BASEFORM)
    # A compound-initial adjective form stands for its dictionary form (sijais- → sijainen).
    if text.endswith("is") and base == text and "[Lp]" in output:
        base = text[:-2] + "inen"
    return Component(text=text, base=base, root=root if root != base else "")


def _written(part):
    return part.FORM.replace("=", "").lower()


def _analysis(raw):
    """One reading, or None when libvoikko would reject it.

    The base form of a compound is written as libvoikko writes it: every component as it
    stands, the last one in its dictionary form ("yhteis|käyttöisiä" → "yhteiskäyttöinen").
    """
    parts = raw.COMPOUND_PARTS or [raw]
    for left, right in zip(parts, parts[1:], strict=False):
        if not _valid_boundary(_written(left), _written(right)):
            return None
    head = "".join(_written(p) for p in parts[:-1])
    return Analysis(
        base=clean_base(head + parts[-1].BASEFORM),
        word_class=raw.CLASS or "",
        components=tuple(_component(p) for p in parts),
        case=raw.SIJAMUOTO or "",
    )


def _valid_boundary(left, right):
    """Voikko's spelling rule for compounds: the same vowel or digits across a boundary
    need a hyphen ("koko-ontuminen"), which libvoikko checks after the transducer."""
    if not left or not right or left.endswith("-"):
        return True
    last, first = left[-1], right[0]
    return not ((last == first and last in "aeiouyäö") or last.isdigit())


@lru_cache(maxsize=200_000)
def analyse(word):
    """Voikko's analyses of one lowercase word, deduplicated; () for unknown words."""
    found = []
    for raw in analyser().analyse(word):
        analysis = _analysis(raw)
        if analysis is not None and analysis not in found:
            found.append(analysis)
    return tuple(found)


def is_known(word):
    return bool(analyse(word))


def is_function_word(word):
    """True for pronouns, conjunctions and the like (every reading), and for the verbs
    and adverbs that frame a question (any reading: "toimi" is rarely the noun)."""
    analyses = analyse(word)
    if word in FRAME_WORDS or any(a.base in FRAME_WORDS for a in analyses):
        return True
    return bool(analyses) and all(a.word_class in FUNCTION_CLASSES for a in analyses)


NOMINALS = frozenset({"nimisana", "laatusana", "nimisana_laatusana", "etunimi", "sukunimi"})


def is_modifier(word):
    """A genitive that can only qualify the next word ("opettajien palkat",
    "koulun ruokalista"): every reading of it is a genitive noun or adjective."""
    analyses = analyse(word)
    return bool(analyses) and all(a.case == "omanto" and a.word_class in NOMINALS for a in analyses)


def _part_tokens(components):
    """Compound parts of one analysis, with inner sub-compounds and derivational roots.

    "tietosuojaselosteiden": tieto, suoja, seloste, and the sub-compounds tietosuoja and
    suojaseloste, so a search for "tietosuoja" finds it (as a part, at a lower weight).
    """
    tokens = set()
    if len(components) > 1:
        for component in components[:-1]:
            tokens |= {f for f in (component.text, component.base) if len(f) > 2}
        if len(components[-1].base) > 2:
            tokens.add(components[-1].base)
        # Written forms for every component but the last, which is taken in its base form.
        forms = [c.text for c in components[:-1]] + [components[-1].base]
        for size in range(2, len(forms)):
            for start in range(len(forms) - size + 1):
                tokens.add("".join(forms[start : start + size]))
    for component in components:
        if len(component.root) > 2:
            tokens.add(component.root)
    return tokens


def _splits(components):
    forms = [c.text for c in components[:-1]] + [components[-1].base]
    found = []
    for cut in range(1, len(forms)):
        left, right = "".join(forms[:cut]), "".join(forms[cut:])
        if len(left) > 2 and len(right) > 2:
            found.append((left, right))
        # The left part's own base form too ("sijais|tunnus" → "sijainen").
        base = components[cut - 1].base
        if cut == 1 and base != left and len(base) > 2 and len(right) > 2:
            found.append((base, right))
    return found


@lru_cache(maxsize=200_000)
def analyse_word(word):
    analyses = analyse(word)
    whole, parts, splits, roots = {word}, set(), [], set()
    if not analyses:
        # Names, brands and loans Voikko does not know ("iPadin", "Teamsissa"): a stem.
        whole.add(_stemmer.stemWord(word))
    for analysis in analyses:
        if analysis.base:
            whole.add(analysis.base)
        parts |= _part_tokens(analysis.components)
        if len(analysis.components) > 1:
            splits += [s for s in _splits(analysis.components) if s not in splits]
        elif analysis.components[0].root:
            roots.add(analysis.components[0].root)
    return WordAnalysis(
        whole=frozenset(whole),
        parts=frozenset(parts - whole),
        splits=tuple(splits),
        roots=frozenset(roots - whole),
        known=bool(analyses),
    )
