"""The review report guides the editor: pairs, overdue first, filters, changes since verified."""

import datetime

from django.urls import reverse
from django.utils import translation

import pytest
import time_machine

from guides.review import review_queryset, verify_page
from guides.tests.factories import GuidePageFactory, site_tree, translate
from kb.models import SchoolYear, StaffProfile
from kb.tests.factories import OrganisationFactory, SchoolYearFactory

pytestmark = pytest.mark.django_db
AUGUST = datetime.datetime(2026, 8, 20, 12, 0)
OCTOBER = datetime.datetime(2026, 10, 20, 12, 0)  # past the 60-day grace: overdue


@pytest.fixture
def world(django_user_model):
    with time_machine.travel(AUGUST - datetime.timedelta(days=10), tick=False):
        return build_world(django_user_model)


def build_world(django_user_model):
    tree = site_tree()
    SchoolYearFactory(start_year=2026)
    rusko = OrganisationFactory(slug="rusko", name="Ruskon kunta")
    kangasala = OrganisationFactory(slug="kangasala", name="Kangasalan kaupunki")
    owners = {}
    for username, organisation in (("eeva", rusko), ("kaisu", kangasala)):
        owners[username] = django_user_model.objects.create_user(
            username, first_name=username.capitalize(), last_name="Omistaja"
        )
        StaffProfile.objects.create(user=owners[username], organisation=organisation)
    for name in ("home", "public", "staff"):
        translate(tree[name], title=f"{tree[name].title} (sv)", slug=f"{tree[name].slug}-sv")
    pages = {}
    for slug, section, owner in (
        ("tulostus", "public", "eeva"),
        ("mfa", "staff", "eeva"),
        ("tunnukset", "staff", "kaisu"),
    ):
        fi = GuidePageFactory(
            parent=tree[section], title=slug.capitalize(), slug=slug, content_owner=owners[owner]
        )
        fi.save_revision().publish()
        sv = translate(fi, title=f"{slug.capitalize()} (sv)", slug=f"{slug}-sv")
        pages[slug] = (GuidePageFactory._meta.model.objects.get(pk=fi.pk), sv)
    admin = django_user_model.objects.create_superuser("admin", password="x")
    return {"pages": pages, "owners": owners, "admin": admin, "tree": tree}


def verify_all(world, *slugs):
    for slug in slugs:
        for page in world["pages"][slug]:
            verify_page(page, world["admin"])


def finnish(text):
    with translation.override("fi"):
        return translation.gettext(text)


def report(client, world, query=""):
    client.force_login(world["admin"])
    return client.get(reverse("review_report_results") + query).content.decode()


def rows(world):
    queryset = review_queryset(world["admin"], SchoolYear.objects.current())
    return [(p.slug, p.needs_review) for p in queryset]


def test_one_row_per_finnish_page_with_its_translation_awaiting_first(world):
    with time_machine.travel(AUGUST, tick=False):
        verify_all(world, "tulostus", "tunnukset")
        assert rows(world) == [("mfa", True), ("tulostus", False), ("tunnukset", False)]


def test_a_translation_whose_source_changed_since_it_was_verified_is_due(world, client):
    with time_machine.travel(AUGUST, tick=False):
        verify_all(world, "tulostus", "mfa", "tunnukset")
        assert not any(needs for _slug, needs in rows(world))
    with time_machine.travel(AUGUST + datetime.timedelta(days=1), tick=False):
        fi, _sv = world["pages"]["mfa"]
        fi.title = "MFA uusi"
        fi.save_revision().publish()
        assert rows(world)[0] == ("mfa", True)
        html = report(client, world)
    assert finnish("The source page has changed since the translation was verified.") in html
    # The Finnish page changed since it was verified too: a link to the difference.
    assert finnish("Changes since then") in html
    assert "/revisions/compare/" in html


def test_overdue_rows_come_first_with_a_visible_status(world, client):
    with time_machine.travel(OCTOBER, tick=False):
        verify_all(world, "tulostus", "tunnukset")
        html = report(client, world)
    assert html.index("Mfa") < html.index("Tulostus")
    assert "kb-review-status--overdue" in html and f"⚠ {finnish('Overdue')}" in html
    assert "kb-review-status--verified" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?language=fi", {"mfa"}),
        ("?language=sv", {"mfa", "tunnukset"}),
        ("?owner={kaisu}", {"tunnukset"}),
        ("?municipality={kangasala}", {"tunnukset"}),
        ("?section={staff}", {"mfa", "tunnukset"}),
        ("", {"mfa", "tunnukset", "tulostus"}),
    ],
)
def test_filters(world, client, query, expected):
    with time_machine.travel(AUGUST, tick=False):
        verify_all(world, "tulostus")
        verify_page(world["pages"]["tunnukset"][0], world["admin"])
        from kb.models import Organisation

        query = query.format(
            kaisu=world["owners"]["kaisu"].pk,
            kangasala=Organisation.objects.get(slug="kangasala").pk,
            staff=world["tree"]["staff"].pk,
        )
        html = report(client, world, query)
    shown = {slug for slug in ("mfa", "tunnukset", "tulostus") if f">{slug.capitalize()}<" in html}
    assert shown == expected


def test_a_new_school_year_in_one_sitting(world, client):
    """1 August: the year with its terms, what became due, what changed since verified."""
    with time_machine.travel(AUGUST, tick=False):
        verify_all(world, "tulostus", "mfa", "tunnukset")
        fi, _sv = world["pages"]["tulostus"]
        fi.title = "Tulostus kotona"
        fi.save_revision().publish()
    url = reverse("review_new_year")
    with time_machine.travel(datetime.datetime(2027, 8, 2, 9, 0), tick=False):
        client.force_login(world["admin"])
        html = client.get(url).content.decode()
        assert reverse("wagtailsnippets_kb_schoolyear:add") in html  # no 2027–2028 yet
        SchoolYearFactory(start_year=2027)
        html = client.get(url).content.decode()
    assert "2027–2028" in html and "12.8.2027" in html
    assert 'data-due-count="3"' in html  # every pair became due on 1 August
    assert reverse("review_report") + "?verified=no" in html
    revisions = fi.revisions.order_by("created_at")
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[fi.pk, revisions[0].pk, "live"],
    )
    assert compare in html and "Tulostus kotona" in html
    assert ">Mfa<" not in html  # unchanged since verified: not listed
    with time_machine.travel(datetime.datetime(2027, 8, 2, 9, 0), tick=False):
        assert client.get(compare).status_code == 200
