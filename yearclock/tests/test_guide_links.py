"""A task's guides follow the visibility rule on every surface that names them."""

import datetime

from django.core.cache import cache

import pytest
import time_machine

from guides.tests.factories import GuidePageFactory, site_tree
from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock.models import Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 10, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def task(locales):
    cache.clear()
    tree = site_tree()
    SchoolYearFactory(start_year=2026)
    rehtori = RoleFactory(slug="rehtori")
    task = TaskFactory(
        year_clock=YearClockFactory(slug="rusko"),
        title="Laitteiden palautus",
        visibility=Task.Visibility.PUBLIC,
        month=12,
        day=1,
        roles=[rehtori],
    )
    public = GuidePageFactory(parent=tree["public"], title="Palautusohje huoltajille")
    staff = GuidePageFactory(parent=tree["staff"], title="Inventaarion sisäinen ohje")
    task.guides.set([public, staff])
    return task


def unfolded(body):
    """iCalendar text with folded lines joined again."""
    return body.decode().replace("\r\n ", "")


@time_machine.travel(NOW, tick=False)
def test_public_feed_and_anonymous_export_name_public_guides_only(client, task):
    feed = unfolded(client.get("/feeds/rusko.ics").content)
    export = unfolded(client.get("/fi/vuosikello/rusko/export.ics").content)
    for body in (feed, export):
        assert "Palautusohje huoltajille" in body
        assert "Inventaarion sisäinen ohje" not in body
        assert "henkilostolle" not in body


@time_machine.travel(NOW, tick=False)
def test_staff_get_the_staff_guide_in_their_export_and_personal_feed(client, task):
    from yearclock.models import FeedToken

    user = staff_user(roles=[RoleFactory(slug="rehtori")])
    client.force_login(user)
    export = unfolded(client.get("/fi/vuosikello/rusko/export.ics").content)
    assert "Inventaarion sisäinen ohje" in export
    _token, raw = FeedToken.issue(user)
    personal = unfolded(client.get(f"/feeds/personal/{raw}.ics").content)
    assert "Inventaarion sisäinen ohje" in personal and "Laitteiden palautus" in personal
    # The public feed, fetched after the personal one, still leaves it out.
    assert "Inventaarion sisäinen ohje" not in unfolded(client.get("/feeds/rusko.ics").content)


@time_machine.travel(NOW, tick=False)
def test_task_page_lists_each_guide_to_those_who_may_open_it(client, task):
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Palautusohje huoltajille" in html and "Inventaarion sisäinen ohje" not in html
    client.force_login(staff_user())
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Palautusohje huoltajille" in html and "Inventaarion sisäinen ohje" in html


@time_machine.travel(NOW, tick=False)
def test_restricting_a_guide_later_removes_it_from_the_cached_public_feed(client, task):
    from wagtail.models import PageViewRestriction

    public = task.guides.get(title="Palautusohje huoltajille")
    assert "Palautusohje huoltajille" in unfolded(client.get("/feeds/rusko.ics").content)
    PageViewRestriction.objects.create(page=public, restriction_type=PageViewRestriction.LOGIN)
    feed = unfolded(client.get("/feeds/rusko.ics").content)
    assert "Laitteiden palautus" in feed  # positive control: the task is still there
    assert "Palautusohje huoltajille" not in feed
