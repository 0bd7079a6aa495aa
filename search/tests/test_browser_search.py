"""The search page and the header box in a real browser, with axe-core."""

import pytest

from search.tests.conftest import add_guide

# serialized_rollback: start from the migrated database (root page, locales, groups),
# whatever transactional test ran before.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def guides(engine, site_tree):
    section = site_tree["section"]
    add_guide(section, "Turvatulostaminen koulussa", "turva", ("p", "Tulosteet haetaan kortilla."))
    for number in range(11):
        add_guide(section, f"Tulostusohje {number}", f"ohje-{number}", ("p", "Tulostus."))
    return section


def test_search_page_is_accessible(browser_page, axe, guides):
    browser_page.goto("/fi/haku/?q=tulostus")
    assert browser_page.locator(".search-result").count() == 10
    assert browser_page.locator(".search-result mark").count() > 0
    axe(browser_page)
    browser_page.goto("/fi/haku/?q=qqqzzz")
    assert browser_page.locator(".search-empty").is_visible()
    axe(browser_page)
    # Nothing found, but the closest guides are offered ("tulostus|jono": no queue here).
    browser_page.goto("/fi/haku/?q=tulostusjono")
    assert browser_page.locator(".search-result").count() == 0
    assert browser_page.locator(".search-closest a").count() > 0
    axe(browser_page)
    browser_page.goto("/sv/sok/")
    axe(browser_page)


def test_autocomplete_works_with_the_keyboard(browser_page, axe, guides):
    browser_page.goto("/fi/haku/")
    box = browser_page.locator("#site-search")
    box.click()
    box.type("turvatulo")
    browser_page.locator("#site-search-suggestions [role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    axe(browser_page)
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "site-search-option-0"
    box.press("Enter")
    browser_page.wait_for_url("**/turva/")


def test_search_without_javascript(browser, live_server, guides):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/fi/haku/")
    page.fill("#site-search", "tulostus")
    page.press("#site-search", "Enter")
    page.wait_for_url("**q=tulostus**")
    assert page.locator(".search-result").count() > 0
    context.close()


def test_first_result_is_visible_on_a_phone(browser, live_server, axe, guides):
    """390 × 844 CSS pixels (a current phone): no scrolling to reach the first result."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="fi-FI"
    )
    page = context.new_page()
    page.goto("/fi/haku/?q=tulostus")
    first = page.locator(".search-result").first
    box = first.locator(".search-result__title").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    assert page.evaluate("window.scrollY") == 0
    # One search box on the page, the header's; the filters come before the results,
    # folded into one line, and open with a tap.
    assert page.locator("input[type=search]").count() == 1
    facets = page.locator(".search-facets").bounding_box()
    assert facets is not None and facets["y"] < box["y"] and facets["height"] < 60
    page.locator(".search-facets summary").click()
    assert page.locator(".search-facet a").first.is_visible()
    axe(page)
    page.goto("/fi/haku/?q=tulostusjono")  # the closest guides fit the phone too
    assert page.locator(".search-closest a").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    context.close()
