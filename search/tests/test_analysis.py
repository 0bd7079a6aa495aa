import pytest

from search.analysis import analyse_query, analyse_text, finnish, swedish
from search.analysis.normalise import fold, unaccented, words
from search.analysis.pipeline import (
    CORRECT_ALL,
    PART,
    WHOLE,
    query_words,
    restored_spellings,
)
from search.vocabulary import Vocabulary, max_distance

pytestmark = pytest.mark.django_db


def terms(query, where=None):
    return {t for c in query.clauses if where in (None, c.field) for t in c.terms}


def vocabulary(*words, scopes=("public",)):
    rows = [(w, scope, 1) for w in words for scope in scopes]
    return Vocabulary(rows).for_reader(frozenset({"public"}))


def test_fold_keeps_nordic_letters_and_folds_other_accents():
    assert fold("Åbo ÄÖ Café Müller") == "åbo äö cafe muller"
    assert unaccented("työpöytä åtgärd") == "tyopoyta atgard"


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
        ("käyttöönoton", {"käyttöönotto"}),  # Voikko's "=" boundary is not kept
        ("oppilashallinto-ohjelmasta", {"oppilashallinto-ohjelma"}),
        ("yhteiskäyttöisiä", {"yhteiskäyttöinen"}),  # written as libvoikko writes it
    ],
)
def test_finnish_base_forms_are_whole_words(word, expected):
    found = finnish.analyse_word(word)
    assert expected <= found.whole and word in found.whole


def test_finnish_compound_parts_and_sub_compounds_are_related_tokens():
    found = finnish.analyse_word("tietosuojaselosteiden")
    assert {"tieto", "suoja", "seloste", "tietosuoja"} <= found.parts
    assert "tietosuoja" not in found.whole
    assert ("tietosuoja", "seloste") in found.splits


def test_finnish_readings_libvoikko_rejects_are_dropped():
    # "koko|ontumisista" would need a hyphen (koko-ontuminen): only "kokoontua" remains.
    assert {a.base for a in finnish.analyse("kokoontumisista")} == {"kokoontua"}


def test_finnish_derivation_roots_join_related_words():
    whole, related = analyse_text("Turvatulostaminen koulussa", "fi")
    query = analyse_query("tulostus", "fi")
    assert "tulostaa" in terms(query, PART) and "tulostaa" in related


def test_unknown_words_get_a_stem():
    found = finnish.analyse_word("ipadin")
    assert not found.known and "ipad" in found.whole


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("mistä saan lainakoneen sijaiselle", ["lainakoneen", "sijaiselle"]),
        ("kuka hyväksyy uuden sovelluksen", ["hyväksyy", "uuden", "sovelluksen"]),
        ("tulostin ei toimi", ["tulostin"]),
        ("kuka", ["kuka"]),  # nothing but function words: keep them
    ],
)
def test_questions_lose_their_function_words(text, kept):
    assert query_words(text, "fi") == kept


def test_swedish_questions_lose_their_function_words():
    assert query_words("var hittar jag årshjulet", "sv") == ["hittar", "årshjulet"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("konsekvensbedömning", ("konsekvens", "bedömning")),
        ("kompetensmärken", ("kompetens", "märken")),
        ("vikariekoder", ("vikarie", "koder")),
        ("ersättning", ()),  # a dictionary word is not "ersätt|ning"
    ],
)
def test_swedish_compounds_split_on_the_word_list(word, parts):
    assert swedish.split_compound(word) == parts


def test_synonyms_expand_both_ways(db):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(language="fi", variants="mfa, monivaiheinen tunnistautuminen")
    groups = [("mfa", "monivaiheinen tunnistautuminen")]
    assert {"monivaiheinen", "tunnistautuminen"} <= terms(analyse_query("MFA", "fi", None, groups))
    assert "mfa" in terms(analyse_query("monivaiheinen tunnistautuminen", "fi", None, groups))
    assert "printteri" not in terms(analyse_query("tulostin", "fi", None, groups))


def test_typos_are_corrected_from_the_vocabulary_with_lower_weight():
    # "salsana" is a word (salsa + -na): corrected only when asked to (it found nothing).
    found = vocabulary("salasana", "salaatti", "sana")
    assert analyse_query("salsana", "fi", found).corrections == {}
    assert analyse_query("salsana", "fi", found).correctable == ["salsana"]
    query = analyse_query("salsana", "fi", found, correct=CORRECT_ALL)
    weights = {c.terms: c.weight for c in query.clauses if c.field == WHOLE}
    assert weights[("salasana",)] < weights[("salsana",)]
    assert query.suggestion() == "salasana"


def test_words_the_dictionary_does_not_know_are_corrected_at_once():
    query = analyse_query("tietosuja", "fi", vocabulary("tietosuoja"))
    assert query.suggestion() == "tietosuoja"


def test_a_dictionary_word_is_not_a_typo_of_its_neighbour():
    # "tulostus" (printing) is two edits from "tulostaa" and near "tulokset" (results).
    found = vocabulary("tulostaa", "tulokset", "tulosta")
    assert analyse_query("tulostus", "fi", found).corrections == {}
    assert analyse_query("utskrift", "sv", vocabulary("skrift")).corrections == {}
    # Asked to correct a dictionary word, one edit at most: never tulostus → tulostaa.
    assert analyse_query("tulostus", "fi", found, correct=CORRECT_ALL).corrections == {}


def test_derivations_are_a_weaker_relation_and_never_share_a_stem():
    query = analyse_query("tulostus", "fi")
    weights = {(c.terms, c.field): c.weight for c in query.clauses}
    assert weights[(("tulostaa",), PART)] < weights[(("tulostus",), PART)]
    assert "tulos" not in terms(query)
    assert "skrift" not in terms(analyse_query("utskrift", "sv"))


def test_genitive_modifiers_of_an_unknown_head_are_marked():
    query = analyse_query("opettajien palkat", "fi", vocabulary("opettaja", "opettajien"))
    assert query.modifiers == [(0, 1)]
    assert analyse_query("lukuvuoden alku", "fi", vocabulary("lukuvuosi", "alku")).modifiers == []


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("tietpsuojz", "tietosuoja"), ("tulostsminem", "tulostaminen"), ("salsana", "salasana")],
)
def test_one_and_two_edit_typos(typed, meant):
    found = vocabulary("tietosuoja", "tulostaminen", "salasana").corrections(typed)
    assert found[0] == meant
    assert max_distance(typed) == (1 if len(typed) < 8 else 2)


def test_corrections_offer_only_words_the_reader_may_see():
    rows = [("palkkaneuvottelu", "signed_in", 3), ("palkkaus", "public", 1)]
    anonymous = Vocabulary(rows).for_reader(frozenset({"public"}))
    staff = Vocabulary(rows).for_reader(frozenset({"public", "signed_in"}))
    assert "palkkaneuvottelu" not in anonymous.corrections("palkkaneuvotelu")
    assert staff.corrections("palkkaneuvotelu") == ["palkkaneuvottelu"]
    assert anonymous.completions("palk") == ["palkkaus"]
    assert staff.completions("palk") == ["palkkaneuvottelu", "palkkaus"]


def test_known_words_are_not_corrected():
    query = analyse_query("salasanan", "fi", vocabulary("salasana", "salasanan"))
    assert query.corrections == {}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("tyopoyta", "työpöytä"), ("kayttajatunnus", "käyttäjätunnus"), ("tyopoydan", "työpöydän")],
)
def test_words_typed_without_nordic_letters_are_restored(typed, meant):
    assert meant in restored_spellings(typed, "fi")
    query = analyse_query(typed, "fi", vocabulary("salasana"))
    assert meant in terms(query, WHOLE)
    assert query.corrections == {}


def test_swedish_letters_are_restored_too():
    assert "lösenord" in restored_spellings("losenord", "sv")


def test_completions_come_from_an_index_of_visible_words():
    found = vocabulary("turvatulostaminen", "turvatulostus", "turva", "tulostus")
    assert found.completions("turvatul") == ["turvatulostaminen", "turvatulostus"]
    query = analyse_query("turvatulo", "fi", found, completion=True)
    assert "turvatulostus" in terms(query, WHOLE)


@pytest.mark.parametrize(
    "text", ['"', "AND OR NOT", "NEAR(a b", "*", "'; DROP TABLE x; --", "ä" * 5000, "\x00\u200b"]
)
def test_any_input_gives_a_query_of_plain_terms(text):
    query = analyse_query(text, "fi")
    for clause in query.clauses:
        for term in clause.terms:
            assert term.replace(" ", "") == term
            assert '"' not in term
    assert len(query.groups) <= 12


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError):
        analyse_query("hello", "en")
