"""Result snippets: escape first, then mark the words that match the query."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.analysis.normalise import normalise
from search.analysis.pipeline import analyse_word

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
SNIPPET_WORDS = 32


def _matches(word, lang, terms):
    """`terms` is (whole-word terms, related terms) of the query (highlight_terms)."""
    whole_terms, related_terms = terms
    found = analyse_word(normalise(word), lang)
    return bool(found.whole & whole_terms) or bool(
        (found.whole | found.parts | found.roots) & related_terms
    )


def highlight(text, lang, terms):
    """HTML of `text` with matching words in <mark>; everything else escaped.

    `terms`: (whole-word terms, related terms), see search.analysis.highlight_terms.
    """
    out, position = [], 0
    for match in WORD.finditer(text):
        out.append(escape(text[position : match.start()]))
        word = match.group(0)
        out.append(f"<mark>{escape(word)}</mark>" if _matches(word, lang, terms) else escape(word))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 -- every piece was escaped above


def snippet(entry, terms):
    """A short passage of the entry around its first matching word, highlighted."""
    for text in (entry.summary, entry.body):
        tokens = text.split()
        for index, token in enumerate(tokens):
            found = WORD.search(token)
            if found and _matches(found.group(0), entry.lang, terms):
                start = max(0, index - 8)
                passage = " ".join(tokens[start : start + SNIPPET_WORDS])
                prefix = "… " if start else ""
                suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
                return prefix, highlight(passage, entry.lang, terms), suffix
    tokens = (entry.summary or entry.body).split()
    suffix = " …" if len(tokens) > SNIPPET_WORDS else ""
    return "", highlight(" ".join(tokens[:SNIPPET_WORDS]), entry.lang, terms), suffix
