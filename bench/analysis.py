"""Search analysis: start-up cost and per-word speed of the PyPI linguistics.

Finnish: pyvoikko (the voikko-fi transducer on kfst, kfst-rs when installed) against
Snowball Finnish (the stemmer used when nothing better is there) in the same run, and
against Debian's libvoikko when its Python binding and library happen to be installed
(never required). Swedish: loading the hunspell-sv word list and splitting compounds.
Typos: building the SymSpell index and looking words up.

    python bench/analysis.py
"""

import json
import re
import time

from harness import search_eval_file  # sets Django up (test settings)

# isort: split
import snowballstemmer

from search.analysis import finnish, swedish
from search.vocabulary import Vocabulary

CORPUS = search_eval_file("corpus.jsonl")


def corpus_words(lang):
    found = set()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["lang"] == lang:
            found |= set(re.findall(r"[^\W\d_]+", f"{doc['title']} {doc['body']}".lower()))
    return sorted(found)


def per_word(function, words, repeats=3):
    """Microseconds per word, best of `repeats` cold passes (caches cleared by the caller)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for word in words:
            function(word)
        best = min(best, time.perf_counter() - start)
    return best / len(words) * 1e6


def finnish_figures(words):
    import kfst

    start = time.perf_counter()
    finnish.analyser()
    loaded = time.perf_counter() - start
    print(f"pyvoikko transducer load: {loaded * 1000:.0f} ms (kfst back end: {kfst.BACKEND})")

    def voikko(word):
        finnish.analyse.cache_clear()
        finnish.analyse_word.cache_clear()
        finnish.analyse_word(word)

    stemmer = snowballstemmer.stemmer("finnish")
    baseline = per_word(stemmer.stemWord, words)
    speed = per_word(voikko, words)
    print(f"Finnish, {len(words)} corpus words: pyvoikko {speed:.0f} µs/word")
    print(f"  baseline Snowball Finnish {baseline:.1f} µs/word ({speed / baseline:.0f}×)")
    try:
        import libvoikko

        native = libvoikko.Voikko("fi")
    except (ImportError, OSError) as error:
        print(f"  libvoikko: not installed here ({type(error).__name__}), no comparison")
        return
    print(f"  libvoikko (Debian) {per_word(native.analyze, words):.0f} µs/word")


def swedish_figures(words):
    swedish.lexicon.cache_clear()
    start = time.perf_counter()
    known, _ = swedish.lexicon()
    loaded = time.perf_counter() - start
    print(f"hunspell-sv word list load: {loaded * 1000:.0f} ms ({len(known):,} words)")

    def split(word):
        swedish.split_compound.cache_clear()
        swedish.split_compound(word)

    baseline = per_word(swedish.stem, words)
    speed = per_word(split, words)
    print(f"Swedish, {len(words)} corpus words: compound split {speed:.0f} µs/word")
    print(f"  baseline Snowball Swedish {baseline:.1f} µs/word")
    return sorted(known)


def typo_figures(words):
    for size in (1_000, 10_000, 50_000):
        sample = words[:: max(1, len(words) // size)][:size]
        vocabulary = Vocabulary((w, "public", 1) for w in sample)
        start = time.perf_counter()
        vocabulary.symspell()
        built = time.perf_counter() - start
        reader = vocabulary.for_reader(frozenset({"public"}))
        probes = [w[:2] + w[3:] + "x" for w in sample[:200] if len(w) >= 8]
        start = time.perf_counter()
        for probe in probes:
            reader.corrections(probe)
        lookup = (time.perf_counter() - start) / max(len(probes), 1) * 1000
        print(
            f"SymSpell, {len(sample):,} words: index built in {built * 1000:.0f} ms,"
            f" a two-edit lookup {lookup:.2f} ms"
        )


def main():
    finnish_figures(corpus_words("fi"))
    lexicon = swedish_figures(corpus_words("sv"))
    typo_figures(lexicon)


if __name__ == "__main__":
    main()
