"""Browser tests (Playwright + axe-core): wheel page, task page, marking done, subscribing."""

import pytest

from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock.models import Completion, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

# serialized_rollback: start from the migrated database (root page, locales, groups),
# whatever transactional test ran before.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def clock(locales):
    SchoolYearFactory(start_year=2025)
    SchoolYearFactory(start_year=2026)
    clock = YearClockFactory(slug="rusko", name="Ruskon vuosikello")
    rehtori = RoleFactory(slug="rehtori", name="Rehtori")
    for month, category in [(8, "devices"), (9, "data_protection"), (1, "finance")]:
        TaskFactory(
            year_clock=clock,
            title=f"Tehtävä {month}",
            category=category,
            visibility=Task.Visibility.PUBLIC,
            month=month,
            day=10,
            roles=[rehtori],
            checklist="Tarkista sopimukset\nKirjaa tulos",
        )
    return clock


def test_wheel_page_and_filters(browser_page, axe, clock):
    page = browser_page
    page.goto("/fi/vuosikello/rusko/?year=2026&all=1")  # all public tasks, not only guardians'
    assert page.locator("svg.wheel").is_visible()
    assert page.locator("svg.wheel a.wheel__target").count() == 3
    assert page.locator(".occurrence").count() == 3
    axe(page)
    page.select_option("#id_category", "finance")
    page.get_by_role("button", name="Näytä").click()
    page.wait_for_load_state()
    assert "category=finance" in page.url
    assert page.locator(".occurrence").count() == 1
    assert "category=finance" in page.locator("#public-feed-url").input_value()
    axe(page)
    page.goto("/sv/arshjul/rusko/?year=2026")
    assert page.locator("h2#list-heading").inner_text() == "Uppgifter per månad"
    axe(page)


def test_task_page_and_marking_done(browser_page, browser_sign_in, axe, clock):
    page = browser_page
    task = Task.objects.get(title="Tehtävä 9")
    page.goto(task.get_absolute_url())
    assert page.get_by_role("heading", name="Tehtävä 9").is_visible()
    axe(page)
    browser_sign_in(page, staff_user(username="riikka", roles=list(task.roles.all())))
    page.goto(task.get_absolute_url() + "?year=2026&date=2026-09-10")
    # The date the reader came from is highlighted and is the one the form marks.
    assert page.locator("#occurrence-2026-09-10[aria-current=date]").is_visible()
    mark = page.locator("#mark")
    mark.locator("textarea").fill("Sopimukset kunnossa")
    mark.get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()
    assert Completion.objects.get().note == "Sopimukset kunnossa"
    assert "Sopimukset kunnossa" in page.locator("#occurrence-2026-09-10").inner_text()
    axe(page)
    page.locator("#mark").get_by_role("button").click()
    page.wait_for_load_state()
    assert not Completion.objects.exists()


def test_subscribe_and_personal_feed(browser_page, browser_sign_in, axe, clock):
    page = browser_page
    page.goto("/fi/vuosikello/rusko/")
    subscribe = page.locator(".subscribe a.button").first
    assert subscribe.get_attribute("href").startswith("webcal://")
    page.locator(".subscribe summary").click()
    assert page.get_by_text("Google ei hyväksy webcal-osoitetta", exact=False).is_visible()
    axe(page)
    browser_sign_in(page, staff_user(username="maija"))
    page.goto("/fi/tili/")
    page.get_by_role("link", name="Oma kalenteri ja muistutukset").click()
    page.wait_for_load_state()
    axe(page)
    page.fill("#token-label", "Outlook")
    page.get_by_role("button", name="Luo kalenteriosoite").click()
    page.wait_for_load_state()
    url = page.locator("#new-feed-url").input_value()
    assert "/feeds/personal/" in url and url.endswith(".ics")
    axe(page)
    feed = page.request.get("/" + url.split("://", 1)[1].split("/", 1)[1])
    assert feed.status == 200 and "BEGIN:VCALENDAR" in feed.text()
    page.goto("/fi/tili/kalenteri/")
    assert page.locator("#new-feed-url").count() == 0  # shown once only
    page.get_by_role("button", name="Poista käytöstä").click()
    page.wait_for_load_state()
    assert page.request.get("/" + url.split("://", 1)[1].split("/", 1)[1]).status == 404
