"""What one analysed word contributes to the index and to a query, in any language."""

from dataclasses import dataclass


@dataclass(frozen=True)
class WordAnalysis:
    whole: frozenset  # the word as written and its base forms
    parts: frozenset  # compound parts, sub-compounds and derivational roots
    splits: tuple  # two-part readings of a compound: (("tietosuoja", "sopimus"), …)
    roots: frozenset  # what the word itself is derived from ("tulostus" → "tulostaa")
    known: bool  # the language's dictionary knows the word
