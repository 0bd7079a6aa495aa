"""Every kind of user-facing page, on the demo site, in both languages: axe-core finds nothing.

One test loads the demo once and walks the site as a guardian, a teacher and an
editor would, collecting every violation so one run shows them all.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest
import time_machine

from yearclock.models import Task

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


def one_page_per_type(public):
    """The first live page of every page type in every locale, public or staff-only."""
    chosen = {}
    for page in Page.objects.live().filter(depth__gte=2).specific().order_by("path"):
        is_public = not page.get_view_restrictions().exists()
        key = (type(page).__name__, page.locale.language_code)
        if is_public == public and key not in chosen:
            chosen[key] = page
    return list(chosen.values())


def reverse_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def visit(page, url, axe_report, problems, expect_path=None):
    response = page.goto(url)
    if response is None or response.status != 200:
        problems.append(f"{url}: HTTP {response.status if response else 'no response'}")
        return
    if expect_path and expect_path not in page.url:
        problems.append(f"{url}: ended at {page.url}")
        return
    problems.extend(axe_report(page))


def public_task_urls():
    urls = []
    for language in ("fi", "sv"):
        task = Task.objects.filter(
            visibility=Task.Visibility.PUBLIC, locale__language_code=language
        ).first()
        urls.append(task.get_absolute_url(language))
    return urls


def test_every_kind_of_page_is_accessible(browser_page, browser_sign_in, axe_report):
    page = browser_page
    problems = []
    with time_machine.travel(NOW, tick=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

        # A guardian: public pages and tools, in Finnish and Swedish.
        public_pages = one_page_per_type(public=True)
        assert {p.locale.language_code for p in public_pages} == {"fi", "sv"}
        for content in public_pages:
            visit(page, content.url, axe_report, problems)
        for url in [
            "/fi/login/",
            "/sv/login/",
            reverse_in("fi", "accessibility_statement"),
            reverse_in("sv", "accessibility_statement"),
            "/fi/search/?q=tulostus",
            "/sv/search/?q=utskrift",
            "/fi/search/?q=qwertyzxcv",
            reverse_in("fi", "yearclock:index"),
            reverse_in("fi", "yearclock:year_clock", slug="rusko"),
            reverse_in("sv", "yearclock:year_clock", slug="rusko"),
            *public_task_urls(),
        ]:
            visit(page, url, axe_report, problems)

        # Staff pages send an anonymous reader to sign in.
        staff_pages = one_page_per_type(public=False)
        assert staff_pages
        page.goto(staff_pages[0].url)
        assert "/login/" in page.url

        # A teacher: staff pages of every type, their own settings and calendar.
        teacher = get_user_model().objects.get(username="opettaja")
        browser_sign_in(page, teacher)
        for content in staff_pages:
            visit(page, content.url, axe_report, problems, expect_path=content.url)
        for language in ("fi", "sv"):
            visit(page, reverse_in(language, "account"), axe_report, problems)
            visit(page, reverse_in(language, "yearclock:calendar"), axe_report, problems)

        # An editor: the year-clock import page.
        editor = get_user_model().objects.get(username="toimittaja")
        editor.user_permissions.add(
            Permission.objects.get(codename="add_task", content_type__app_label="yearclock")
        )
        browser_sign_in(page, editor)
        visit(page, reverse_in("fi", "yearclock:import"), axe_report, problems)

    assert not problems, "\n".join(problems)
