"""Pages, tasks and attachments in the index, privacy, freshness and the search page."""

import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

import pytest

from search.indexing import SITE_INDEX
from search.models import Entry
from search.querying import run_query
from search.tests.conftest import add_guide, publish, restrict

pytestmark = pytest.mark.django_db


def found(text, lang="fi", visibilities=("public",)):
    return [hit.key for hit in run_query(text, lang, list(visibilities)).hits]


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
    assert f"page:{guide.pk}" in found("tulostus", visibilities=("public", "staff"))
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
    assert entry.visibility == "staff"
    assert "/henkilosto/" in entry.url


def test_tasks_are_indexed_with_their_visibility(engine, locales):
    from yearclock.tests.factories import TaskFactory

    task = TaskFactory(title="Tietosuojasopimusten tarkistus", visibility="public")
    secret = TaskFactory(title="Palkkaneuvottelujen valmistelu", visibility="staff")
    assert found("tietosuojasopimus")[0] == f"task:{task.pk}"
    assert f"task:{secret.pk}" not in found("palkkaneuvottelu")
    assert f"task:{secret.pk}" in found("palkkaneuvottelu", visibilities=("public", "staff"))
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
    assert "&lt;b&gt;<mark>lihava</mark>&lt;/b&gt;" in html or "&lt;" in html
    assert "<b>lihava</b>" not in html


def test_anonymous_readers_never_see_staff_pages(client, guide, site_tree, django_user_model):
    restrict(site_tree["section"])
    html = search_page(client, "turvatulostaminen").content.decode()
    assert "Turvatulostaminen" not in html.split("<main", 1)[1]
    user = django_user_model.objects.create_user("opettaja", password="x")
    client.force_login(user)
    html = search_page(client, "turvatulostaminen").content.decode()
    assert "Turvatulostaminen" in html


def test_did_you_mean_and_empty_state(client, guide):
    html = search_page(client, "tulostimelta tulostin zzqxv").content.decode()
    assert response_ok(html)
    html = search_page(client, "tulostinx").content.decode()
    assert "tulostin" in html
    html = search_page(client, "qqqqzzzz").content.decode()
    assert "search-empty" in html


def response_ok(html):
    return "search-result" in html


def test_facets_filter_results(client, engine, site_tree):
    add_guide(site_tree["section"], "Tulostus A", "a", ("p", "tulostus"))
    html = search_page(client, "tulostus", kind="guidepage").content.decode()
    assert 'aria-current="true"' in html
    html = search_page(client, "tulostus", kind="task").content.decode()
    assert "search-empty" in html


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
