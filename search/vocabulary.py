"""The index vocabulary: words readers may be offered, per scope.

Every word of an entry is counted under each scope of the entry (search.models.Term),
when the entry is written. A reader's vocabulary holds only the words of scopes they
hold, so typo corrections, "did you mean", restored å/ä/ö and completions never offer a
word that appears only in entries the reader may not see.

Typo lookups use SymSpell (symspellpy): deletions up to two edits, checked by
Damerau-Levenshtein distance. Completions are a binary search in the sorted word list.
"""

import threading
import time
from bisect import bisect_left
from collections import Counter

from django.db import connection, transaction

from symspellpy import SymSpell, Verbosity

from search.analysis.normalise import unaccented
from search.models import Term

MAX_EDITS = 2
PREFIX_LENGTH = 7
TTL = 300  # seconds before another process's writes show here
MAX_COMPLETION_SCAN = 5_000
MAX_WORD = 60

_cache = {}
_lock = threading.Lock()
_generation = 0
_symspells = {}  # (index, lang) -> (SymSpell, words added), kept across reloads


def max_distance(word):
    """Edits allowed for a word: none below 5 letters, 1 for 5–7, 2 from 8."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 8 else 2


def entry_words(entry):
    """Distinct vocabulary words of an entry: whole words of letters only."""
    text = f"{entry.title_tokens} {entry.heading_tokens} {entry.body_tokens}"
    return {w for w in text.split() if w.isalpha() and 2 <= len(w) <= MAX_WORD}


def count(entries, sign=1):
    """Counter of (index, lang, scope, word) for entries, each counted once per scope."""
    counts = Counter()
    for entry in entries:
        found = entry_words(entry)
        for scope in entry.scope_set:
            for word in found:
                counts[(entry.index, entry.lang, scope, word)] += sign
    return counts


def apply(counts):
    """Add the counted documents to the Term table (negative counts remove them)."""
    rows = [(*key, n) for key, n in counts.items() if n]
    if not rows:
        return
    table = Term._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f'INSERT INTO {table} ("index", lang, scope, word, documents)'  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s)"
            ' ON CONFLICT ("index", lang, scope, word)'
            f" DO UPDATE SET documents = {table}.documents + excluded.documents",
            rows,
        )
        if any(n < 0 for *_, n in rows):
            Term.objects.filter(documents__lte=0).delete()
    changed()


def clear(index):
    Term.objects.filter(index=index).delete()
    with _lock:
        for key in [k for k in _symspells if k[0] == index]:
            del _symspells[key]
    changed()


def changed():
    global _generation
    with _lock:
        _generation += 1


class Vocabulary:
    """All words of one index and language, with the scopes each is visible in."""

    def __init__(self, rows, key=None):
        self.key = key  # (index, lang) shares its SymSpell index across reloads
        self._own_symspell = (None, set())
        self.scopes = {}
        self.frequency = Counter()
        for word, scope, documents in rows:
            self.scopes.setdefault(word, set()).add(scope)
            self.frequency[word] += documents
        self.sorted_words = sorted(self.scopes)
        self.accents = {}
        for word in self.sorted_words:
            plain = unaccented(word)
            if plain != word:
                self.accents.setdefault(plain, []).append(word)

    def symspell(self):
        """The SymSpell index of the words, shared by the reloads of one vocabulary.

        Building it costs about 0.1 ms a word, so a reload after a write only adds the new
        words; words that left the index stay in it but are never offered (a correction
        must be in the reader's vocabulary).
        """
        with _lock:
            shared = _symspells if self.key is not None else {None: self._own_symspell}
            symspell, added = shared.get(self.key) or (None, set())
            if symspell is None:
                symspell = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=7)
            for word in self.frequency.keys() - added:
                if max_distance(word):
                    symspell.create_dictionary_entry(word, 1)
                    added.add(word)
            if self.key is None:
                self._own_symspell = (symspell, added)
            else:
                _symspells[self.key] = (symspell, added)
            return symspell

    def for_reader(self, scopes):
        """What a reader holding `scopes` may be offered (None: every word)."""
        return ReaderVocabulary(self, None if scopes is None else frozenset(scopes))


class ReaderVocabulary:
    def __init__(self, vocabulary, scopes):
        self.vocabulary = vocabulary
        self.scopes = scopes

    def __contains__(self, word):
        found = self.vocabulary.scopes.get(word)
        return bool(found) and (self.scopes is None or not found.isdisjoint(self.scopes))

    def __len__(self):
        return len(self.vocabulary.scopes)

    def _ranked(self, candidates, limit):
        frequency = self.vocabulary.frequency
        visible = [w for w in candidates if w in self]
        return sorted(visible, key=lambda w: (-frequency[w], w))[:limit]

    def corrections(self, word, limit=3, edits=None):
        """Visible words within the allowed edit distance (at most `edits`), nearest and
        most frequent first."""
        allowed = max_distance(word) if edits is None else min(edits, max_distance(word))
        if not allowed or not word.isalpha():
            return []
        found = self.vocabulary.symspell().lookup(
            word, Verbosity.ALL, max_edit_distance=allowed, transfer_casing=False
        )
        frequency = self.vocabulary.frequency
        visible = [s for s in found if s.term != word and s.term in self]
        visible.sort(key=lambda s: (s.distance, -frequency[s.term], s.term))
        return [s.term for s in visible[:limit]]

    def completions(self, prefix, limit=5):
        """Visible words that begin with `prefix`, most frequent first."""
        if len(prefix) < 2:
            return []
        words = self.vocabulary.sorted_words
        start = bisect_left(words, prefix)
        found = []
        for word in words[start : start + MAX_COMPLETION_SCAN]:
            if not word.startswith(prefix):
                break
            if word != prefix:
                found.append(word)
        return self._ranked(found, limit)

    def accented(self, word):
        """Visible words that are `word` with å, ä or ö where it has a or o."""
        return self._ranked(self.vocabulary.accents.get(word, []), 3)


def vocabulary(index, lang):
    """The shared Vocabulary of an index and language, reloaded after writes."""
    key = (index, lang)
    with _lock:
        cached = _cache.get(key)
        generation = _generation
    if cached and cached[0] == generation and time.monotonic() - cached[1] < TTL:
        return cached[2]
    rows = Term.objects.filter(index=index, lang=lang).values_list("word", "scope", "documents")
    loaded = Vocabulary(rows.iterator(), key)
    with _lock:
        _cache[key] = (generation, time.monotonic(), loaded)
    return loaded


def reader_vocabulary(index, lang, scopes):
    return vocabulary(index, lang).for_reader(scopes)
