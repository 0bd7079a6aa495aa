"""The engines behind one interface: same answers on the embedded engine and Elasticsearch."""

import logging

from django.core.exceptions import ImproperlyConfigured

import pytest

from search import engines
from search.document import SearchDocument
from search.engines import get_engine
from search.indexing import delete_keys, index_documents
from search.models import Entry, Term
from search.querying import run_query
from search.tests.conftest import EMBEDDED, use_elasticsearch

pytestmark = pytest.mark.django_db

PUBLIC = frozenset({"public"})  # an anonymous reader's scopes, and a public entry's
SIGNED_IN = frozenset({"signed_in"})  # an entry for signed-in readers only
STAFF = frozenset({"public", "signed_in"})  # a signed-in reader's scopes


def doc(key, title, body, lang="fi", kind="guide", scopes=PUBLIC, **facets):
    return SearchDocument(
        key,
        lang,
        kind,
        title,
        body,
        scopes=scopes,
        facets={"kind": [[kind, kind]], **{k: [[v, v.title()]] for k, v in facets.items()}},
    )


DOCUMENTS = [
    doc("g1", "Turvatulostaminen koulussa", "Tulosteet haetaan."),
    doc("g2", "Lyhytaikaiset sijaistunnukset", "Sijaiselle tunnus."),
    doc("g3", "Salasanan vaihtaminen", "Uusi salasana 14 merkkiä."),
    doc("g4", "Rehtorikokouksen muistio", "Salasanat ja palkat.", kind="memo", scopes=SIGNED_IN),
    doc("s1", "Byta lösenord", "Lärarens lösenord byts.", lang="sv"),
]


def keys(text, lang="fi", scopes=PUBLIC, engine="default", **options):
    return [hit.key for hit in run_query(text, lang, scopes, engine=engine, **options).hits]


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
    assert keys("lösenord", "fi") == []
    assert keys("salasana", "fi")[0] == "g3"  # positive control for the same engine


def test_entries_need_a_shared_scope(indexed):
    assert keys("muistio") == []
    assert keys("muistio", scopes=STAFF) == ["g4"]
    assert keys("muistio", scopes=None) == ["g4"]  # readers who see everything
    assert keys("muistio", scopes=frozenset()) == []


def test_typo_expansion_finds_the_intended_word(indexed):
    assert keys("salsana")[0] == "g3"


def test_title_weighs_more_than_body(indexed):
    index_documents(
        [
            doc("b1", "Kokous", "Tulostin on käytävällä."),
            doc("b2", "Tulostin", "Käytävällä."),
        ]
    )
    found = keys("tulostin")
    assert found.index("b2") < found.index("b1")


def test_a_whole_word_outranks_the_same_word_inside_a_compound(engine):
    index_documents(
        [
            doc("w1", "Ohjeita", "Tietosuoja koskee kaikkia."),
            doc("w2", "Tietosuojaselosteet", "Selosteet laaditaan."),
            doc("w3", "Tietokoneet", "Koneiden suojaus."),
        ]
    )
    found = keys("tietosuoja")
    assert found[:2] == ["w1", "w2"]
    # "tieto-" and "suoja-" are parts of unrelated words: no match through one part alone.
    assert "w3" not in found


def test_a_compound_matches_through_both_of_its_halves_only(engine):
    index_documents(
        [
            doc("c1", "Osaamisen kehittämisen kysely", "Vuosittain."),
            doc("c2", "Osaamismerkit", "Merkit."),
        ]
    )
    assert keys("osaamiskysely") == ["c1"]


def test_deleted_entries_disappear(indexed):
    assert "g3" in keys("salasana")
    delete_keys(["g3"])
    assert "g3" not in keys("salasana")
    assert not Entry.objects.filter(key="g3").exists()


def test_paging_and_total(engine):
    index_documents([doc(f"p{n}", f"Tulostin {n}", "Tulostin.") for n in range(13)])
    first = run_query("tulostin", "fi", PUBLIC, limit=10)
    second = run_query("tulostin", "fi", PUBLIC, offset=10, limit=10)
    assert (first.total, len(first.hits), len(second.hits)) == (13, 10, 3)
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_facet_counts_and_filters_come_from_the_engine(engine):
    index_documents(
        [
            doc("f1", "Tulostin A", "x", school="maunu"),
            doc("f2", "Tulostin B", "x", school="maunu"),
            doc("f3", "Tulostin C", "x", school="laukola"),
            doc("f4", "Tulostin D", "x", school="laukola", scopes=SIGNED_IN),
        ]
    )
    outcome = run_query("tulostin", "fi", PUBLIC, facets=True)
    assert outcome.facets[("school", "maunu")] == 2
    assert outcome.facets[("school", "laukola")] == 1  # the staff entry is not counted
    assert outcome.facets[("kind", "guide")] == 3
    assert keys("tulostin", filters={"school": "laukola"}) == ["f3"]
    assert sorted(keys("tulostin", scopes=STAFF, filters={"school": "laukola"})) == ["f3", "f4"]


def test_vocabulary_counts_follow_writes(engine):
    index_documents([doc("v1", "Kalibrointi", "Näytön kalibrointi.")])
    term = Term.objects.get(index="site", lang="fi", scope="public", word="kalibrointi")
    assert term.documents == 1
    index_documents([doc("v1", "Kalibrointi", "Näytön säätö.", scopes=SIGNED_IN)])
    assert not Term.objects.filter(scope="public", word="kalibrointi").exists()
    assert Term.objects.get(scope="signed_in", word="kalibrointi").documents == 1
    delete_keys(["v1"])
    assert not Term.objects.filter(word="kalibrointi").exists()


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
        "{title_tokens}: x",
        "'; DROP TABLE kbsearch_entry;--",
        "x" * 9000,
        "ä" * 500,
    ],
)
def test_any_query_text_is_safe(indexed, text):
    outcome = run_query(text, "fi", PUBLIC)
    assert outcome.total == len(outcome.hits)
    assert run_query(f"salasana {text}", "fi", PUBLIC).hits  # the engine still answers


def test_both_engines_are_written_when_elasticsearch_is_configured(indexed):
    if indexed != "elasticsearch":
        pytest.skip("only meaningful with Elasticsearch")
    assert keys("tulostus", engine="embedded")[0] == "g1"
    assert keys("tulostus", engine="elasticsearch")[0] == "g1"


def test_unreachable_elasticsearch_falls_back_to_embedded(engine, settings, caplog):
    index_documents(DOCUMENTS)
    use_elasticsearch(settings, "http://127.0.0.1:9")  # nothing listens on the discard port
    with caplog.at_level(logging.WARNING, logger="search.querying"):
        outcome = run_query("tulostus", "fi", PUBLIC)
    assert outcome.engine in {"sqlite", "postgres"}
    assert outcome.hits[0].key == "g1"
    assert "unreachable" in caplog.text


def test_registry_builds_engines_from_settings(settings):
    settings.SEARCH_ENGINES = {"embedded": EMBEDDED}
    settings.SEARCH_DEFAULT_ENGINE = "embedded"
    engines.reset()
    assert get_engine().name in {"sqlite", "postgres"}
    assert get_engine("embedded") is get_engine()
    with pytest.raises(ImproperlyConfigured):
        get_engine("elasticsearch")
