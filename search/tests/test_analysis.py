import logging

import pytest

from search.analysis import analyse_query, analyse_text, finnish, swedish
from search.analysis.normalise import fold, words
from search.analysis.typos import Vocabulary, distance


def test_fold_keeps_nordic_letters_and_folds_other_accents():
    assert fold("Åbo ÄÖ Café Müller") == "åbo äö cafe muller"


def test_words_split_text_and_keep_hyphenated_words():
    assert words("TVT-vastaava ja iPad, 5.–6. luokka!") == [
        "tvt-vastaava",
        "ja",
        "ipad",
        "5",
        "6",
        "luokka",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("lukuvuoden", {"lukuvuosi"}),
        ("salasanan", {"salasana"}),
        ("alussa", {"alku"}),
    ],
)
def test_finnish_base_forms_are_primary(word, expected):
    primary, _ = finnish.analyse_word(word)
    assert expected <= primary and word in primary


def test_finnish_compound_parts_and_sub_compounds_are_secondary():
    _, secondary = finnish.analyse_word("tietosuojaselosteiden")
    assert {"tieto", "suoja", "seloste", "tietosuoja"} <= secondary


def test_finnish_derivation_roots_join_related_words():
    doc = set(analyse_text("Turvatulostaminen koulussa", "fi"))
    query = analyse_query("tulostus", "fi")
    assert doc & {t.term for t in query.terms}


def test_finnish_falls_back_to_snowball_without_voikko(monkeypatch, caplog):
    monkeypatch.setattr(finnish, "_voikko", None)
    monkeypatch.setattr(finnish, "_voikko_failed", False)

    def broken(*args, **kwargs):
        raise OSError("libvoikko.so.1: cannot open shared object file")

    import libvoikko

    monkeypatch.setattr(libvoikko, "Voikko", broken)
    finnish.analyse_word.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="search.analysis.finnish"):
            first = finnish.analyse_word("lukuvuoden")
            finnish.analyse_word("salasanan")
        assert "lukuvuod" in first[0]
        warnings = [r for r in caplog.records if "Voikko" in r.getMessage()]
        assert len(warnings) == 1
    finally:
        finnish.analyse_word.cache_clear()
        monkeypatch.setattr(finnish, "_voikko_failed", False)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("konsekvensbedömning", ("konsekvens", "bedömning")),
        ("kompetensmärken", ("kompetens", "märken")),
        ("vikariekoder", ("vikarie", "koder")),
    ],
)
def test_swedish_compounds_split_on_the_word_list(word, parts):
    if not swedish.lexicon()[0]:
        pytest.skip("hunspell-sv is not installed")
    assert swedish.split_compound(word) == parts


def test_swedish_without_word_list_still_stems(monkeypatch):
    monkeypatch.setattr(swedish, "DICTIONARY_PATHS", ())
    swedish.lexicon.cache_clear()
    swedish.split_compound.cache_clear()
    try:
        assert swedish.split_compound("konsekvensbedömning") == ()
        assert "utskrift" in swedish.analyse_word.__wrapped__("utskrifterna")[0]
    finally:
        swedish.lexicon.cache_clear()
        swedish.split_compound.cache_clear()


def test_synonyms_expand_acronyms_both_ways():
    terms = {t.term for t in analyse_query("MFA", "fi").terms}
    assert {"monivaiheinen", "tunnistautuminen"} <= terms
    back = {t.term for t in analyse_query("monivaiheinen tunnistautuminen", "fi").terms}
    assert "mfa" in back
    assert "konsekvensbedömning" in {t.term for t in analyse_query("DPIA", "sv").terms}


def test_typos_are_corrected_from_the_vocabulary_with_lower_weight():
    vocabulary = Vocabulary({"salasana": 3, "salaatti": 1, "sana": 5})
    query = analyse_query("salsana", "fi", vocabulary)
    weights = {t.term: t.weight for t in query.terms}
    assert weights["salasana"] < weights["salsana"]
    assert query.suggestion() == "salasana"


def test_known_words_are_not_corrected():
    vocabulary = Vocabulary({"salasana": 3, "salasanan": 2})
    assert analyse_query("salasanan", "fi", vocabulary).corrections == {}


def test_distance_is_damerau_levenshtein_with_a_limit():
    assert distance("salsana", "salasana") == 1
    assert distance("tietosuja", "tietosuoja") == 1
    assert distance("ab", "ba") == 1
    assert distance("kissa", "koira", limit=2) == 3


@pytest.mark.parametrize(
    "text", ['"', "AND OR NOT", "NEAR(a b", "*", "'; DROP TABLE x; --", "ä" * 5000, "\x00\u200b"]
)
def test_any_input_gives_a_query_of_plain_terms(text):
    query = analyse_query(text, "fi")
    for item in query.terms:
        assert item.term.replace(" ", "") == item.term
        assert '"' not in item.term
    assert len(query.groups) <= 12
