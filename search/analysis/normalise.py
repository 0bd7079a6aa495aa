"""Lowercasing, accent folding and word splitting shared by both languages."""

import re
import unicodedata

# å, ä and ö are letters of their own in Finnish and Swedish; other accents are folded
# (é → e, ü → u), so "café" and "cafe" meet.
_KEEP = frozenset("åäö")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
MAX_WORD_LENGTH = 60


def fold(text):
    text = unicodedata.normalize("NFC", text.lower())
    out = []
    for char in text:
        if char in _KEEP or char.isascii():
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out).replace("_", " ")


def normalise(text):
    return fold(text or "")


def words(text):
    """Words of a text in reading order, folded; hyphenated words stay whole here."""
    return [w[:MAX_WORD_LENGTH] for w in _WORD.findall(normalise(text))]


_UNACCENT = str.maketrans("åäö", "aao")


def unaccented(word):
    """The word as typed without å, ä and ö (on a phone or a foreign keyboard)."""
    return word.translate(_UNACCENT)
