"""Readers and editors in a real browser: language switch, staff sign-in, verification, axe."""

import datetime
import re

from django.contrib.auth.models import Group, Permission

import pytest
import time_machine

from guides.tests.factories import GuidePageFactory, site_tree, translate
from guides.verification import PageVerification
from kb.tests.factories import SchoolYearFactory

# The live server runs in another thread: data must be committed, and Wagtail's
# migration data (root page, groups) restored after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(db):
    # Freeze the calendar for the school year without stopping the clock (the browser needs it).
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12, 0), tick=True):
        tree = site_tree()
        SchoolYearFactory(start_year=2026)
        translate(tree["home"], title="Skolornas anvisningar", slug="hem")
        translate(tree["public"], title="För vårdnadshavare", slug="for-vardnadshavare")
        guide = GuidePageFactory(
            parent=tree["public"],
            title="Oppilaan henkilökohtainen laite",
            slug="oppilaan-laite",
            intro="Näin laitetta käytetään ja säilytetään kotona.",
        )
        guide.save_revision().publish()
        translate(
            guide,
            title="Elevens personliga enhet",
            slug="elevens-enhet",
            intro="Så här används och förvaras enheten hemma.",
        )
        staff_page = GuidePageFactory(
            parent=tree["staff"], title="Turvatulostus", slug="turvatulostus"
        )
        staff_page.save_revision().publish()
        yield {"guide": guide, "staff_page": staff_page, **tree}


def test_guardian_reads_in_finnish_and_switches_to_swedish(browser_page, axe, site):
    browser_page.goto("/fi/huoltajille/oppilaan-laite/")
    assert browser_page.locator("h1").inner_text() == "Oppilaan henkilökohtainen laite"
    assert browser_page.locator("html").get_attribute("lang") == "fi"
    axe(browser_page)

    browser_page.get_by_role("link", name="Svenska").click()
    browser_page.wait_for_url("**/sv/for-vardnadshavare/elevens-enhet/")
    assert browser_page.locator("h1").inner_text() == "Elevens personliga enhet"
    assert browser_page.locator("html").get_attribute("lang") == "sv"
    axe(browser_page)

    browser_page.goto("/fi/")
    axe(browser_page)


def test_teacher_signs_in_to_read_a_staff_page(browser_page, axe, site, django_user_model):
    django_user_model.objects.create_user("opettaja", password="demo-opettaja-2026")
    browser_page.goto("/fi/henkilostolle/turvatulostus/")
    browser_page.wait_for_url(re.compile(r".*/fi/kirjaudu/\?next=.*turvatulostus"))
    axe(browser_page)

    browser_page.fill("#id_login", "opettaja")
    browser_page.fill("#id_password", "demo-opettaja-2026")
    browser_page.get_by_role("button", name="Kirjaudu").click()
    browser_page.wait_for_url("**/fi/henkilostolle/turvatulostus/")
    assert browser_page.locator("h1").inner_text() == "Turvatulostus"
    axe(browser_page)


def test_editor_verifies_a_page_for_the_current_school_year(
    browser_page, axe, site, django_user_model
):
    editor = django_user_model.objects.create_user(
        "toimittaja", password="demo-toimittaja-2026", is_staff=True
    )
    editor.groups.add(editors_group())
    page = site["guide"]
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12, 0), tick=True):
        browser_page.goto("/admin/login/")
        browser_page.fill("#id_login", "toimittaja")
        browser_page.fill("#id_password", "demo-toimittaja-2026")
        browser_page.locator("#sign-in-form button[type=submit]").click()
        browser_page.wait_for_url("**/admin/")
        # Wagtail's own admin chrome is not ours to fix: scope axe to our panel.
        axe(browser_page, context="[data-kb-review-panel]")

        browser_page.goto(f"/admin/review/{page.pk}/verify/")
        axe(browser_page, context="[data-kb-review-verify]")
        browser_page.locator("[data-kb-review-verify] button[type=submit]").click()
        browser_page.wait_for_url(f"**/admin/pages/{page.pk}/edit/")

    verification = PageVerification.objects.get(page=page)
    assert verification.school_year.label == "2026–2027"
    assert verification.verified_by == editor


def editors_group():
    """Wagtail's Editors group: created by its migrations, recreated if a flush removed it."""
    group, created = Group.objects.get_or_create(name="Editors")
    if created:
        from wagtail.models import GroupPagePermission, Page

        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=Page.get_first_root_node(),
                permission=Permission.objects.get(codename=codename),
            )
    return group
