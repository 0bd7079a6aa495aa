"""Each demo editor does their documented job in a real browser, in Finnish and in Swedish.

README's accounts: Rusko's editor edits and publishes Rusko's pages, verifies them and
keeps Rusko's year clock; Kangasala's editor submits changes to Kangasala's approver,
who approves them; the regional team starts the school year and reads the review.
Every request the admin makes is recorded: anything not on this machine fails the test
(no Gravatar, no fonts, no analytics). axe checks our own admin components.
"""

import datetime
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest
import time_machine

from guides.verification import PageVerification
from yearclock.models import Task

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.datetime(2026, 11, 23, 9, 0)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/admin/login/")
    # /admin/login/ is the site's sign-in (identity): one form for the site and the admin.
    page.wait_for_url(lambda url: "/kirjaudu/?next=" in url)
    page.fill("#id_login", username)
    page.fill("#id_password", f"demo-{username}-2026")
    page.locator("#sign-in-form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def publish(page):
    # Publish sits in the footer's dropdown; its button submits the edit form.
    page.evaluate("document.querySelector('button[name=action-publish]').click()")
    page.wait_for_load_state("networkidle")


def submit_snippet(page):
    # Wait for the navigation the submit starts: "networkidle" alone may be met by the
    # page before the post has even left, and the test would read the old row.
    with page.expect_navigation():
        page.locator("form[data-edit-form]").evaluate("form => form.requestSubmit()")
    page.wait_for_load_state("networkidle")


def live(slug, language="fi"):
    return Page.objects.get(slug=slug, locale__language_code=language).specific


@pytest.mark.parametrize("admin_language", ["fi", "sv"])
def test_demo_editors_do_their_jobs(browser_page, axe, settings, admin_language):
    page = browser_page
    outside = []
    page.context.on(
        "request",
        lambda request: (
            urlsplit(request.url).hostname not in LOCAL_HOSTS
            and not request.url.startswith(("data:", "blob:", "about:"))
            and outside.append(request.url)
        ),
    )
    with time_machine.travel(NOW, tick=True):
        settings.DEBUG = True  # the documented demo passwords
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        settings.DEBUG = False
        for user in get_user_model().objects.filter(is_staff=False, groups__isnull=False):
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = admin_language
            profile.save()

        # -- Rusko's editor ---------------------------------------------------------------
        sign_in(page, "toimittaja")
        assert page.locator("html").get_attribute("lang") == admin_language
        axe(page, context="[data-kb-review-panel]")
        guide = live("oppilaan-laite")
        page.goto(f"/admin/pages/{guide.pk}/edit/")
        page.fill("#id_intro", "Ruskossa 3.–9.-luokkalaisilla on koulun henkilökohtainen laite.")
        publish(page)
        assert live("oppilaan-laite").intro.startswith("Ruskossa 3.–9.")

        due = live("kotitehtavien-palautus")
        page.goto(reverse("review_report") + "?verified=no")
        axe(page, context="[data-kb-review-report]")
        assert due.title in page.content()
        page.goto(reverse("review_verify_page", args=[due.pk]))
        axe(page, context="[data-kb-review-verify]")
        page.locator("[data-kb-review-verify] button[type=submit]").click()
        page.wait_for_url(f"**/admin/pages/{due.pk}/edit/")
        assert PageVerification.objects.filter(page=due, school_year__start_year=2026).exists()

        task = Task.objects.get(title="Laitteiden palautus", locale__language_code="fi")
        page.goto(reverse("wagtailsnippets_yearclock_task:list") + "?language=fi")
        listed = page.locator("main table").inner_text()
        first = Task.objects.filter(locale__language_code="fi", year_clock__slug="rusko")
        assert first.order_by("title").first().title in listed
        assert "Tietoturvan ja tietosuojan koulutus henkilöstölle" not in listed  # Kangasala's
        page.goto(reverse("wagtailsnippets_yearclock_task:edit", args=[task.pk]))
        page.fill("#id_reminder_days", "14,1")
        submit_snippet(page)
        swedish = Task.objects.get(translation_key=task.translation_key, locale__language_code="sv")
        assert swedish.reminder_days == "14,1"  # synchronised at once
        kangasala_task = Task.objects.filter(year_clock__slug="kangasala").first()
        page.goto(reverse("wagtailsnippets_yearclock_task:edit", args=[kangasala_task.pk]))
        assert "/admin/snippets/" not in page.url or page.url.endswith("/admin/")

        # -- Kangasala's editor submits, Kangasala's approver approves ---------------------
        plan = live("digitaalisen-osaamisen-suunnitelma")
        new_intro = "Kangasala noudattaa seudun suunnitelmaa 2024–2027 kaikissa kouluissaan."
        sign_in(page, "kangasala-toimittaja")
        page.goto(f"/admin/pages/{plan.pk}/edit/")
        assert page.locator("button[name=action-publish]").count() == 0
        page.fill("#id_intro", new_intro)
        page.evaluate("document.querySelector('button[name=action-submit]').click()")
        page.wait_for_load_state("networkidle")
        assert live("digitaalisen-osaamisen-suunnitelma").intro != new_intro  # waits
        assert Page.objects.get(pk=plan.pk).workflow_in_progress

        sign_in(page, "kangasala-rehtori")
        page.goto(f"/admin/pages/{plan.pk}/edit/")
        page.evaluate("document.querySelector('[data-workflow-action-name=approve]').click()")
        page.wait_for_load_state("networkidle")
        assert live("digitaalisen-osaamisen-suunnitelma").intro == new_intro

        # -- The regional team: the new school year and the review ------------------------
        sign_in(page, "seututiimi")
        page.goto(reverse("review_new_year"))
        axe(page, context="[data-kb-new-school-year]")
        assert "2026–2027" in page.content()
        page.goto(reverse("review_report"))
        axe(page, context="[data-kb-review-report]")
        skill = live("digitaidot-1-2")
        page.goto(f"/admin/pages/{skill.pk}/edit/")
        assert page.locator("button[name=action-publish]").count() == 1

    assert outside == [], f"the admin asked for outside addresses: {sorted(set(outside))}"
