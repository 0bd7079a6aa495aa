"""Every kind of user-facing page, on the demo site, in both languages: axe-core finds nothing.

One test loads the demo once and walks the site as a guardian, a teacher and an
editor would, collecting every violation so one run shows them all. Each page is
looked at on a phone (390 × 844) and on a desktop (1280 × 800): no sideways
scrolling, content within the first 200 px on the phone, axe-core clean at both.
"""

import datetime
import io
import os

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest
import time_machine
from pypdf import PdfReader

from services.models import DigitalService
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


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
CONTENT_WITHIN = 200  # px from the top of a phone screen to the start of the content


def layout_problems(page, url, size):
    """Sideways scrolling, and on a phone a header taller than CONTENT_WITHIN."""
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > size["width"]:
        found.append(f"{url} at {size['width']} px: {width} px wide")
    if size is PHONE:
        top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
        if top > CONTENT_WITHIN:
            found.append(f"{url} at {size['width']} px: content starts at {top:.0f} px")
    return found


def visit(page, url, axe_report, problems, expect_path=None):
    page.set_viewport_size(PHONE)
    response = page.goto(url)
    if response is None or response.status != 200:
        problems.append(f"{url}: HTTP {response.status if response else 'no response'}")
        return
    if expect_path and expect_path not in page.url:
        problems.append(f"{url}: ended at {page.url}")
        return
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        problems.extend(layout_problems(page, url, size))
        problems.extend(axe_report(page))


def wheel_problems(page, url):
    """On a phone: every wheel target at least 24 × 24 px, named, its text shown on focus."""
    found = []
    page.set_viewport_size(PHONE)
    targets = page.locator("svg.wheel a.wheel__target")
    if targets.count() == 0:
        return [f"{url}: no wheel targets"]
    for index in range(targets.count()):
        target = targets.nth(index)
        box = target.bounding_box()
        if box is None or box["width"] < 24 or box["height"] < 24:
            found.append(f"{url}: wheel target {index} is {box}")
        if not (target.get_attribute("aria-label") or "").strip():
            found.append(f"{url}: wheel target {index} has no name")
    targets.first.focus()
    if not targets.first.locator(".wheel__tip").is_visible():
        found.append(f"{url}: the focused wheel target shows no text")
    return found


def menu_problems(page, url):
    """On a phone the menu is folded into one button that opens it; on a desktop it is open."""
    found = []
    page.set_viewport_size(PHONE)
    nav = page.locator(".main-nav")
    if nav.is_visible():
        found.append(f"{url}: the menu is not folded on a phone")
    page.locator(".site-menu__toggle").click()
    if not nav.is_visible():
        found.append(f"{url}: the menu button does not open the menu")
    page.locator(".site-menu__toggle").click()
    page.set_viewport_size(DESKTOP)
    if not nav.is_visible() or page.locator(".site-menu__toggle").is_visible():
        found.append(f"{url}: the menu is not shown as a bar on a desktop")
    return found


def register_urls():
    """The service register's list, a service and a privacy notice, in both languages."""
    service = DigitalService.objects.filter(privacy_notice_fi__gt="").order_by("slug").first()
    urls = []
    for language in ("fi", "sv"):
        urls.append(reverse_in(language, "services:list"))
        urls.append(reverse_in(language, "services:service", slug=service.slug))
        urls.append(reverse_in(language, "services:privacy_notice", slug=service.slug))
    return urls


MAX_PRINTED_PAGES = 8  # the whole unfiltered year on A4


def print_problems(page, url):
    """The year clock as a PDF: the wheel and the first month on page 1, few pages."""
    page.goto(url)
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    first = reader.pages[0].extract_text()
    found = []
    # "Elo"/"Hei" are the wheel's month labels, "Elokuu 2026" the list's first month.
    if not all(word in first for word in ("Elo", "Hei", "2026–2027", "Elokuu 2026")):
        found.append(f"{url}: page 1 of the print lacks the wheel or the first month")
    if "Tulostettu" not in first:
        found.append(f"{url}: the print has no print date in its header")
    if len(reader.pages) > MAX_PRINTED_PAGES:
        found.append(f"{url}: the print takes {len(reader.pages)} pages")
    return found


def take_screenshots(page, language):
    """The phone layout and the wheel as PNGs, for docs/images/ (README): written where
    SCREENSHOT_DIR points (`SCREENSHOT_DIR=docs/images pytest tests/test_browser_every_page.py`)."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/")
    page.screenshot(path=f"{directory}/phone-home-{language}.png")
    page.locator(".site-menu__toggle").click()
    page.screenshot(path=f"{directory}/phone-menu-{language}.png")
    page.goto(reverse_in(language, "yearclock:year_clock", slug="rusko"))
    page.locator(".wheel-figure").screenshot(path=f"{directory}/phone-wheel-{language}.png")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"{directory}/desktop-year-clock-{language}.png")


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
        problems.extend(menu_problems(page, public_pages[0].url))
        for url in [
            "/fi/kirjaudu/",
            "/sv/logga-in/",
            reverse_in("fi", "accessibility_statement"),
            reverse_in("sv", "accessibility_statement"),
            "/fi/haku/?q=tulostus",
            "/sv/sok/?q=utskrift",
            "/fi/haku/?q=qwertyzxcv",
            reverse_in("fi", "yearclock:index"),
            reverse_in("fi", "yearclock:year_clock", slug="rusko"),
            reverse_in("sv", "yearclock:year_clock", slug="rusko"),
            *public_task_urls(),
            *register_urls(),
        ]:
            visit(page, url, axe_report, problems)
        for language in ("fi", "sv"):
            url = reverse_in(language, "yearclock:year_clock", slug="rusko")
            page.goto(url)
            problems.extend(wheel_problems(page, url))
        take_screenshots(page, "fi")

        # Staff pages send an anonymous reader to sign in.
        staff_pages = one_page_per_type(public=False)
        assert staff_pages
        page.goto(staff_pages[0].url)
        assert any(path in page.url for path in ("/fi/kirjaudu/", "/sv/logga-in/"))

        # A teacher: staff pages of every type, their own settings and calendar.
        teacher = get_user_model().objects.get(username="opettaja")
        browser_sign_in(page, teacher)
        for content in staff_pages:
            visit(page, content.url, axe_report, problems, expect_path=content.url)
        for language in ("fi", "sv"):
            visit(page, reverse_in(language, "account"), axe_report, problems)
            visit(page, reverse_in(language, "yearclock:calendar"), axe_report, problems)
        # Every task a teacher may see, all roles and schools, on paper.
        clock_url = reverse_in("fi", "yearclock:year_clock", slug="rusko")
        problems.extend(print_problems(page, clock_url + "?role=&school=&category="))

        # The year-clock import is an admin page now: tests/test_browser_admin.py.

    assert not problems, "\n".join(problems)
