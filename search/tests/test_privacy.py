"""Canary: a word that exists only in staff-only content never reaches an anonymous reader
through search: not in results, titles, snippets, facets, "did you mean" or autocomplete,
not even when the reader types it with one or two letters wrong. Signed-in staff do get
it (the positive control), on every engine."""

import re

from django.urls import reverse
from django.utils import translation

import pytest

from search.tests.conftest import add_guide, publish, restrict

pytestmark = pytest.mark.django_db

MARKER = "vartijakoodisto"
ONE_EDIT = "vartijakodisto"  # one letter missing
TWO_EDITS = "vartjakodisto"  # two letters missing
ROLE = "Vartijakoodistovastaava"


@pytest.fixture
def canary(engine, site_tree, locales):
    from kb.models import Role
    from yearclock.tests.factories import TaskFactory

    section = site_tree["section"]
    add_guide(section, "Julkinen ohje", "julkinen", ("p", "Tämä ohje on kaikille."))
    staff = add_guide(site_tree["home"], "Henkilöstön ohjeet", "henkilosto", ("p", "Ohje."))
    restrict(staff)
    role = Role.objects.create(name=ROLE, slug="vartija", locale=locales["fi"])
    page = add_guide(
        staff,
        f"{MARKER.capitalize()} rehtoreille",
        "koodisto",
        ("h", f"{MARKER.capitalize()} käytössä"),
        ("p", f"Ohje: {MARKER} päivitetään syksyllä."),
    )
    page.audiences.set([role])
    publish(page)
    task = TaskFactory(title=f"{MARKER.capitalize()}n päivitys", visibility="staff")
    page.task_organisation = task.year_clock.organisation
    return page


def get(client, name, **params):
    with translation.override("fi"):
        url = reverse(name)
    response = client.get(url, params)
    assert response.status_code == 200
    return response


SURFACES = (
    r'<ol class="search-result-list".*?</ol>',
    r'<nav class="search-facets".*?</nav>',
    r'<p class="search-suggestion">.*?</p>',
)


def results_part(html):
    """Results, facets and "did you mean" as text: what the search shows, not the query
    the reader typed (echoed in the box, the heading and the sign-in link)."""
    found = " ".join(m for pattern in SURFACES for m in re.findall(pattern, html, re.S))
    return re.sub(r"<[^>]+>", "", found)


def test_staff_words_never_reach_an_anonymous_reader(client, canary):
    for typed in (MARKER, ONE_EDIT, TWO_EDITS, MARKER[:6], "ohje"):
        html = get(client, "search", q=typed).content.decode().lower()
        assert MARKER not in results_part(html), typed
        if typed != MARKER:
            assert MARKER not in html, typed  # not even as "did you mean"
        assert ROLE.lower() not in html, typed
        suggestions = get(client, "search_suggest", q=typed).content.decode().lower()
        assert MARKER not in suggestions, typed
    # Positive control on the same engine: the public page is found and shown.
    assert "Julkinen ohje" in results_part(get(client, "search", q="ohje").content.decode())


def test_signed_in_staff_get_the_same_words(client, canary):
    from kb.tests.factories import staff_user

    client.force_login(staff_user(organisation=canary.task_organisation))
    html = get(client, "search", q=MARKER).content.decode()
    assert f"{MARKER.capitalize()} rehtoreille" in results_part(html)
    assert f"{MARKER.capitalize()}n päivitys" in results_part(html)  # the staff task
    for typed in (ONE_EDIT, TWO_EDITS):
        html = get(client, "search", q=typed).content.decode()
        assert re.search(r"Did you mean|Tarkoititko", html), typed
        assert f'href="?q={MARKER}"' in html, typed
    assert ROLE in results_part(get(client, "search", q="ohje").content.decode())
    suggestions = get(client, "search_suggest", q=MARKER[:9]).json()["results"]
    assert any(MARKER in s["title"].lower() for s in suggestions)
