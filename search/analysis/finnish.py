"""Finnish: base forms and compound parts from Voikko, Snowball when Voikko is missing."""

import logging
import re
import threading
from functools import lru_cache

import snowballstemmer

logger = logging.getLogger(__name__)

# "+kosket(koskettaa)+us(+us)+näyttö(näyttö)": segments of the base form.
_SEGMENT = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")
_lock = threading.Lock()
_voikko = None
_voikko_failed = False
_stemmer = snowballstemmer.stemmer("finnish")


def _get_voikko():
    global _voikko, _voikko_failed
    if _voikko is None and not _voikko_failed:
        try:
            import libvoikko

            _voikko = libvoikko.Voikko("fi")
        except Exception as error:  # OSError when libvoikko1 / voikko-fi are missing
            _voikko_failed = True
            logger.warning("Voikko is not available (%s); Finnish falls back to Snowball", error)
    return _voikko


def voikko_available():
    return _get_voikko() is not None


def _components(wordbases):
    """Compound components (surface text, lexical root) from a WORDBASES string.

    A lexical segment plus the derivational suffixes after it ("+kosket(koskettaa)+us(+us)")
    form one component: its text "kosketus" and its root "koskettaa". Segments without a
    base ("+tav") continue the component before them.
    """
    components = []
    for text, base in _SEGMENT.findall(wordbases):
        if components and (base.startswith("+") or not base):
            components[-1][0] += text
            continue
        components.append([text, base.lstrip("+") or text])
    return [(text.lower(), root.lower()) for text, root in components if text]


def _component_tokens(components):
    """Secondary tokens of a word's components, including inner sub-compounds.

    "tietosuojaseloste" gives tieto, suoja, seloste and also tietosuoja and suojaseloste,
    so a search for "tietosuoja" finds it. A compound-initial adjective form ("sijais-")
    also gives its dictionary form ("sijainen").
    """
    tokens = set()
    texts = [text for text, _ in components]
    for text, root in components:
        if len(components) > 1 and len(text) > 2:
            tokens.add(text)
            if text.endswith("is") and text == root:
                tokens.add(text[:-2] + "inen")
        if len(root) > 2:
            tokens.add(root)
    for size in range(2, len(texts)):
        for start in range(len(texts) - size + 1):
            tokens.add("".join(texts[start : start + size]))
    return tokens


@lru_cache(maxsize=200_000)
def analyse_word(word):
    """(primary, secondary) tokens for one folded Finnish word.

    Primary: the surface form and its base forms. Secondary: compound parts and
    derivational roots, which widen recall and are weighted lower in queries.
    """
    primary = {word}
    secondary = set()
    voikko = _get_voikko()
    analyses = []
    if voikko is not None:
        with _lock:
            analyses = voikko.analyze(word)
    if not analyses:
        primary.add(_stemmer.stemWord(word))
        return frozenset(primary), frozenset()
    for analysis in analyses:
        base = (analysis.get("BASEFORM") or "").lower()
        if base:
            primary.add(base)
        secondary |= _component_tokens(_components(analysis.get("WORDBASES", "")))
    return frozenset(primary), frozenset(secondary - primary)
