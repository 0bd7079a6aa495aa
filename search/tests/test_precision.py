"""Issue 21 on every engine: inflection not derivation, suggestions only when they
help, the hardest questions, and nothing for a question the site cannot answer."""

import pytest

from search.document import SearchDocument
from search.indexing import index_documents
from search.querying import closest, run_query

pytestmark = pytest.mark.django_db

PUBLIC = frozenset({"public"})
STAFF = frozenset({"public", "signed_in"})


def doc(key, title, body, lang="fi", kind="guidepage", scopes=PUBLIC):
    return SearchDocument(
        key, lang, kind, title, body, scopes=scopes, facets={"kind": [[kind, kind]]}
    )


DOCUMENTS = [
    doc("print", "Kotitehtävät", "Ei tulostinta kotona? Koulu tulostaa tehtävän."),
    doc("survey", "Hyvinvointikysely", "Kyselyn tulokset esitellään huoltajille."),
    doc("game", "Sanapeli", "Pelin tulosten perusteella opettaja näkee osaamisen."),
    doc("secure", "Turvatulostus", "Tulosteet haetaan kortilla.", scopes=STAFF - PUBLIC),
    doc("password", "Salasanan vaihtaminen", "Opettajan salasana vaihdetaan työpöydältä."),
    doc("privacy", "Tietosuoja koulussa", "Tietosuoja koskee oppilaiden tietoja."),
    doc("chat", "Chat-tuki opettajille", "Kysymyksiin vastataan arkipäivisin."),
    doc("security", "Tietoturvaohje opettajalle", "Lukitse kone, kun poistut luokasta."),
    doc("screen", "Kosketusnäytön käyttö", "Jos kuva ei näy, tarkista kaapeli."),
    doc("loan", "Kannettavat yläkoulussa", "Oppilas saa lainakoneen huollon ajaksi."),
    doc("survey2", "Osaamisen kehittämisen kysely", "Opettajille vuosittain."),
    doc("sv-print", "Säker utskrift", "Utskrifterna hämtas från skrivaren.", lang="sv"),
    doc("sv-writing", "Skrift och läsning", "Eleverna övar skrift.", lang="sv"),
    doc("sv-password", "Byta lösenord", "Lärarens lösenord byts.", lang="sv"),
    doc("sv-privacy", "Dataskyddsavtal", "Experten ansvarar för dataskyddet.", lang="sv"),
    doc("sv-buy", "Anskaffning", "Dataskydd granskas före köpet.", lang="sv"),
    doc("bus", "Retkien kuljetus", "Bussi tilataan ajoissa."),
    doc("bus-task", "Kuljetusten tilaaminen", "Tilaa bussit.", kind="task"),
    doc("bus-staff", "Kuljetussopimus", "Hinnat.", scopes=STAFF - PUBLIC),
]


@pytest.fixture
def indexed(engine):
    index_documents(DOCUMENTS)
    return engine


def keys(text, lang="fi", scopes=PUBLIC):
    return [hit.key for hit in run_query(text, lang, scopes).hits]


def test_printing_is_not_results(indexed):
    outcome = run_query("tulostus", "fi", PUBLIC)
    assert [h.key for h in outcome.hits] == ["print"]  # tulostaa, never tulokset
    assert outcome.suggestion == ""  # a word with results is not a typo
    staff = [h.key for h in run_query("tulostus", "fi", STAFF).hits]
    assert staff == ["secure", "print"]  # the inflection first, the derivation after
    assert set(keys("tulokset")) == {"survey", "game"}  # positive control


def test_swedish_printing_is_not_writing(indexed):
    assert keys("utskrift", "sv") == ["sv-print"]
    assert keys("skrift", "sv") == ["sv-writing"]
    assert run_query("utskrift", "sv", PUBLIC).suggestion == ""


def test_typos_are_corrected_only_for_non_words_or_when_nothing_is_found(indexed):
    unknown = run_query("tietosuja", "fi", PUBLIC)  # not a word: corrected at once
    assert unknown.hits[0].key == "privacy" and unknown.suggestion == "tietosuoja"
    word = run_query("salsana", "fi", PUBLIC)  # a word (salsa + -na) that finds nothing
    assert word.hits[0].key == "password" and word.suggestion == "salasana"
    right = run_query("salasana", "fi", PUBLIC)
    assert right.hits[0].key == "password" and right.suggestion == ""


def test_questions_rank_the_page_that_answers_first(indexed):
    assert keys("tietoturva ohjeet opettajille")[0] == "security"  # not "opettajille" alone
    assert keys("kosketusnaytto ei toimi")[0] == "screen"  # no ä/ö typed
    assert keys("hur byter jag mitt losenord", "sv")[0] == "sv-password"
    assert keys("vem ansvarar för dataskyddet", "sv")[0] == "sv-privacy"


def test_questions_without_an_answer_find_nothing(indexed):
    assert keys("opettajien palkat") == []  # the topic is the salaries
    assert keys("oppilashuolto") == []  # "oppilas … huollon" is another matter
    assert keys("osaamiskysely") == ["survey2"]  # halves together: positive control
    assert keys("opettajien salasana")[0] == "password"  # a head that is found keeps both


def test_a_page_that_finds_nothing_offers_the_closest_guides_and_tasks(indexed):
    assert keys("koulukuljetus") == []
    offered = closest("koulukuljetus", "fi", PUBLIC)
    guides = [h.key for h in offered["guidepage"]]
    assert "bus" in guides and "bus-staff" not in guides  # only what the reader may see
    assert [h.key for h in offered["task"]] == ["bus-task"]
    staff = closest("koulukuljetus", "fi", STAFF, limit=5)
    assert "bus-staff" in {h.key for h in staff["guidepage"]}  # positive control
