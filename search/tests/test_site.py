"""Pages, tasks and attachments in the index, privacy, freshness and the search page."""

import io
import re

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

import pytest

from kb.access import organisation_scope
from search.indexing import SITE_INDEX
from search.models import Entry
from search.querying import run_query
from search.tests.conftest import add_guide, publish, restrict

pytestmark = pytest.mark.django_db


ANONYMOUS = frozenset({"public"})
SIGNED_IN = frozenset({"public", "signed_in"})


def found(text, lang="fi", scopes=ANONYMOUS):
    return [hit.key for hit in run_query(text, lang, scopes, limit=50).hits]


@pytest.fixture
def guide(engine, site_tree):
    return add_guide(
        site_tree["section"],
        "Turvatulostaminen koulussa",
        "turvatulostaminen",
        ("h", "Tulostimen käyttöönotto"),
        ("p", "Tulosteet haetaan tulostimelta kortilla."),
        intro="Luottamukselliset paperit eivät jää luukkuun.",
    )


def test_published_page_is_indexed_with_headings(guide):
    entry = Entry.objects.get(index=SITE_INDEX, key=f"page:{guide.pk}", lang="fi")
    assert "käyttöönotto" in entry.heading_tokens
    assert entry.kind == "guidepage"
    assert entry.url.endswith("/turvatulostaminen/")
    assert found("tulostus")[0] == f"page:{guide.pk}"


def test_unpublished_and_deleted_pages_leave_the_index(guide, site_tree):
    guide.unpublish()
    assert f"page:{guide.pk}" not in found("tulostus")
    publish(guide)
    assert f"page:{guide.pk}" in found("tulostus")
    guide.delete()
    assert not Entry.objects.filter(key=f"page:{guide.pk}").exists()


def test_view_restriction_makes_the_subtree_staff_only(guide, site_tree):
    restriction = restrict(site_tree["section"])
    assert f"page:{guide.pk}" not in found("tulostus")
    assert f"page:{guide.pk}" in found("tulostus", scopes=SIGNED_IN)
    restriction.delete()
    assert f"page:{guide.pk}" in found("tulostus")


def test_moved_page_follows_its_new_parents_privacy(guide, site_tree):
    from guides.models import SectionPage

    private = SectionPage(title="Henkilöstö", slug="henkilosto", locale=site_tree["home"].locale)
    site_tree["home"].add_child(instance=private)
    publish(private)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    guide.move(private, pos="last-child")
    entry = Entry.objects.get(key=f"page:{guide.pk}")
    assert entry.scopes == "signed_in"
    assert "/henkilosto/" in entry.url


def test_tasks_are_indexed_with_their_audience(engine, locales):
    from yearclock.tests.factories import TaskFactory

    task = TaskFactory(title="Tietosuojasopimusten tarkistus", visibility="public")
    secret = TaskFactory(title="Palkkaneuvottelujen valmistelu", visibility="staff")
    staff = SIGNED_IN | {organisation_scope(secret.year_clock.organisation.translation_key)}
    assert found("tietosuojasopimus")[0] == f"task:{task.pk}"
    assert f"task:{secret.pk}" not in found("palkkaneuvottelu")
    assert f"task:{secret.pk}" not in found("palkkaneuvottelu", scopes=SIGNED_IN)  # other staff
    assert f"task:{secret.pk}" in found("palkkaneuvottelu", scopes=staff)
    task.delete()
    assert f"task:{task.pk}" not in found("tietosuojasopimus")


def docx_bytes(text):
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_attached_docx_text_is_searchable(engine, site_tree):
    document = get_document_model().objects.create(
        title="Liite", file=ContentFile(docx_bytes("Kosketusnäytön kalibrointi"), name="ohje.docx")
    )
    page = add_guide(
        site_tree["section"],
        "Näytöt",
        "naytot",
        ("p", f'<a linktype="document" id="{document.pk}">ohje</a>'),
    )
    call_command("search_reindex", verbosity=0)
    assert f"document:{document.pk}" in found("kalibrointi")
    assert f"page:{page.pk}" in found("näytöt")


def test_reindex_rebuilds_everything(guide):
    Entry.objects.all().delete()
    call_command("search_reindex", verbosity=0)
    assert found("tulostus")[0] == f"page:{guide.pk}"


def search_page(client, query, **params):
    with translation.override("fi"):
        url = reverse("search")
    return client.get(url, {"q": query, **params})


def test_search_page_highlights_and_badges(client, guide):
    response = search_page(client, "tulostus")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Turvatulostaminen</mark>" in html
    assert 'class="badge"' in html


def test_search_page_escapes_before_marking(client, engine, site_tree):
    add_guide(site_tree["section"], "Ohje <b>lihava</b>", "lihava", ("p", "teksti"))
    html = search_page(client, "lihava").content.decode()
    assert "&lt;b&gt;<mark>lihava</mark>&lt;/b&gt;" in html
    assert "<b>lihava</b>" not in html


def test_anonymous_readers_never_see_staff_pages(client, guide, site_tree, django_user_model):
    restrict(site_tree["section"])
    html = search_page(client, "turvatulostaminen").content.decode()
    assert "Turvatulostaminen" not in html.split("<main", 1)[1]
    user = django_user_model.objects.create_user("opettaja", password="x")
    client.force_login(user)
    html = search_page(client, "turvatulostaminen").content.decode()
    assert "Turvatulostaminen" in html


def test_did_you_mean_links_to_the_corrected_search(client, guide):
    html = search_page(client, "tulostimelta tulostin zzqxv").content.decode()
    assert 'class="search-result"' in html
    html = search_page(client, "tulostimeltx").content.decode()
    assert '<a href="?q=tulostimelta">tulostimelta</a>' in html
    assert "??" not in html
    html = search_page(client, "qqqqzzzz").content.decode()
    assert "search-empty" in html and 'class="search-result"' not in html


def test_facets_are_counted_and_filter_results(client, engine, site_tree):
    from yearclock.tests.factories import TaskFactory

    add_guide(site_tree["section"], "Tulostus A", "a", ("p", "tulostus"))
    add_guide(site_tree["section"], "Tulostus B", "b", ("p", "tulostus"))
    TaskFactory(title="Tulostuksen tarkistus", visibility="public")
    html = search_page(client, "tulostus").content.decode()
    assert re.search(r"ohje\s*<span class=\"search-facet__count\">\(2\)</span>", html)
    html = search_page(client, "tulostus", kind="guidepage").content.decode()
    assert 'aria-current="true"' in html and html.count('class="search-result"') == 2
    html = search_page(client, "tulostus", kind="task").content.decode()
    assert html.count('class="search-result"') == 1 and "tarkistus" in html


def test_pagination(client, engine, site_tree):
    for number in range(12):
        add_guide(site_tree["section"], f"Tulostusohje {number}", f"t{number}", ("p", "tulostus"))
    html = search_page(client, "tulostus").content.decode()
    assert 'rel="next"' in html
    html = search_page(client, "tulostus", page=2).content.decode()
    assert 'rel="prev"' in html and html.count('class="search-result"') == 2


@pytest.mark.parametrize("query", ['"', "x" * 5000, "NEAR(", "<script>", "%00"])
def test_search_page_never_fails(client, guide, query):
    response = search_page(client, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_autocomplete_json(client, guide):
    with translation.override("fi"):
        url = reverse("search_suggest")
    data = client.get(url, {"q": "turvatulo"}).json()
    assert data["results"][0]["title"] == "Turvatulostaminen koulussa"
    assert client.get(url, {"q": "t"}).json() == {"results": []}


def test_reindex_drops_what_no_longer_exists_and_keeps_the_rest(guide, site_tree):
    other = add_guide(site_tree["section"], "Salasanan vaihtaminen", "salasana", ("p", "Ohje."))
    # Unpublished behind the signals' back: only a rebuild can notice.
    Page.objects.filter(pk=guide.pk).update(live=False)
    assert found("tulostus")[0] == f"page:{guide.pk}"
    call_command("search_reindex", verbosity=0)
    assert f"page:{guide.pk}" not in found("tulostus")
    assert found("salasana")[0] == f"page:{other.pk}"


def test_results_show_kind_and_verification_state(client, engine, site_tree, django_user_model):
    import time_machine

    from guides.review import verify_page
    from kb.tests.factories import SchoolYearFactory

    with time_machine.travel("2026-09-01 12:00 +03:00", tick=False):
        SchoolYearFactory(start_year=2026)
        checked = add_guide(site_tree["section"], "Tulostus tarkistettu", "t1", ("p", "x"))
        add_guide(site_tree["section"], "Tulostus tarkistamatta", "t2", ("p", "x"))
        verify_page(checked, django_user_model.objects.create_user("toimittaja"))
        html = search_page(client, "tulostus").content.decode()
    verified, due = html.split("Tulostus tarkistamatta", 1)[0], html.split("tarkistamatta", 1)[1]
    assert "Tarkistettu lukuvuodelle 2026–2027" in verified
    assert "Odottaa tarkistusta lukuvuodelle 2026–2027" in due
    assert "Tarkistettu lukuvuodelle" not in due.split("</li>", 1)[0]
    assert '<span class="badge">ohje</span>' in html


def test_a_task_belongs_to_the_school_years_it_occurs_in(engine, locales):
    import time_machine

    from kb.tests.factories import SchoolYearFactory
    from yearclock.tests.factories import TaskFactory

    with time_machine.travel("2026-07-31 12:00 +03:00", tick=False):
        SchoolYearFactory(start_year=2025)
        SchoolYearFactory(start_year=2026)
        yearly = TaskFactory(title="Lukuvuosisuunnitelma", visibility="public")
        once = TaskFactory(
            title="Lukuvuosisuunnitelman kertaluonteinen tarkistus",
            visibility="public",
            rule="once",
            once_date="2026-08-20",
        )
    for day in ("2026-07-31 12:00 +03:00", "2026-08-01 09:00 +03:00"):
        with time_machine.travel(day, tick=False):  # the facet does not go stale on 1.8.
            entry = Entry.objects.get(key=f"task:{yearly.pk}")
            assert entry.facets["school_year"] == [["2025", "2025–2026"], ["2026", "2026–2027"]]
            outcome = run_query(
                "lukuvuosisuunnitelma", "fi", ANONYMOUS, filters={"school_year": "2026"}
            )
            assert {h.key for h in outcome.hits} == {f"task:{yearly.pk}", f"task:{once.pk}"}
            outcome = run_query(
                "lukuvuosisuunnitelma", "fi", ANONYMOUS, filters={"school_year": "2025"}
            )
            assert [h.key for h in outcome.hits] == [f"task:{yearly.pk}"]


def test_a_new_school_year_reindexes_the_tasks(engine, locales):
    from kb.tests.factories import SchoolYearFactory
    from yearclock.tests.factories import TaskFactory

    task = TaskFactory(title="Lukuvuosisuunnitelma", visibility="public")
    assert Entry.objects.get(key=f"task:{task.pk}").facets["school_year"] == []
    SchoolYearFactory(start_year=2027)
    assert Entry.objects.get(key=f"task:{task.pk}").facets["school_year"] == [["2027", "2027–2028"]]
