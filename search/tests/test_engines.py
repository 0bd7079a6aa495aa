"""The engines behind one interface: same answers on the embedded engine and Elasticsearch."""

import logging

import pytest

from search.document import SearchDocument
from search.engines import get_engine
from search.indexing import delete_keys, index_documents
from search.models import Entry
from search.querying import run_query

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    SearchDocument("g1", "fi", "guide", "Turvatulostaminen koulussa", "Tulosteet haetaan."),
    SearchDocument("g2", "fi", "guide", "Lyhytaikaiset sijaistunnukset", "Sijaiselle tunnus."),
    SearchDocument("g3", "fi", "guide", "Salasanan vaihtaminen", "Uusi salasana 14 merkkiä."),
    SearchDocument(
        "g4", "fi", "memo", "Rehtorikokouksen muistio", "Salasanat ja palkat.", visibility="staff"
    ),
    SearchDocument("s1", "sv", "guide", "Byta lösenord", "Lärarens lösenord byts."),
]


def keys(text, lang="fi", visibilities=("public",), engine="default"):
    return [hit.key for hit in run_query(text, lang, list(visibilities), engine=engine).hits]


@pytest.fixture
def indexed(engine):
    index_documents(DOCUMENTS)
    return engine


def test_inflected_and_compound_words_match(indexed):
    assert keys("tulostus")[0] == "g1"
    assert keys("sijaisen tunnukset")[0] == "g2"
    assert keys("salasanat")[0] == "g3"


def test_queries_stay_within_their_language(indexed):
    assert keys("lösenord", "sv") == ["s1"]
    assert "s1" not in keys("lösenord", "fi")


def test_staff_entries_need_the_staff_visibility(indexed):
    assert "g4" not in keys("muistio")
    assert keys("muistio", visibilities=("public", "staff")) == ["g4"]


def test_typo_expansion_finds_the_intended_word(indexed):
    assert keys("salsana")[0] == "g3"


def test_title_weighs_more_than_body(indexed):
    index_documents(
        [
            SearchDocument("b1", "fi", "guide", "Kokous", "Tulostin on käytävällä."),
            SearchDocument("b2", "fi", "guide", "Tulostin", "Käytävällä."),
        ]
    )
    found = keys("tulostin")
    assert found.index("b2") < found.index("b1")


def test_deleted_entries_disappear(indexed):
    delete_keys(["g3"])
    assert "g3" not in keys("salasana")
    assert not Entry.objects.filter(key="g3").exists()


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "AND",
        "OR NOT",
        "NEAR(",
        "*",
        "a:b",
        "-x",
        "'; DROP TABLE kbsearch_entry;--",
        "x" * 9000,
    ],
)
def test_any_query_text_is_safe(indexed, text):
    run_query(text, "fi", ["public"])


def test_both_engines_are_written_when_elasticsearch_is_configured(indexed):
    if indexed != "elasticsearch":
        pytest.skip("only meaningful with Elasticsearch")
    assert keys("tulostus", engine="embedded")[0] == "g1"
    assert keys("tulostus", engine="elasticsearch")[0] == "g1"


def test_unreachable_elasticsearch_falls_back_to_embedded(engine, settings, caplog):
    index_documents(DOCUMENTS)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    from search import engines

    engines.reset()
    with caplog.at_level(logging.WARNING, logger="search.querying"):
        outcome = run_query("tulostus", "fi", ["public"])
    assert outcome.engine in {"sqlite", "postgres"}
    assert outcome.hits[0].key == "g1"
    assert "unreachable" in caplog.text


def test_registry_has_a_default(settings):
    settings.ELASTICSEARCH_URL = ""
    from search import engines

    engines.reset()
    assert get_engine().name in {"sqlite", "postgres"}
    assert get_engine("embedded") is get_engine()
