"""What invalidates cached feeds (only what they show), and how they are served."""

import datetime
import gzip
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import transaction

import pytest
import time_machine

from kb.tests.factories import SchoolYearFactory, staff_user
from yearclock import feed_cache, feeds, occurrences
from yearclock.models import FeedVersion, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=HELSINKI)
pytestmark = pytest.mark.django_db


@pytest.fixture
def clocks(locales):
    with time_machine.travel(NOW, tick=False):
        SchoolYearFactory(start_year=2026)
        first = YearClockFactory(slug="rusko")
        second = YearClockFactory(slug="vahto", organisation=first.organisation)
        tasks = [
            TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC, title=f"{slug} {n}")
            for clock, slug in ((first, "rusko"), (second, "vahto"))
            for n in range(2)
        ]
        yield first, second, tasks


@pytest.fixture
def renders(monkeypatch):
    """Titles of the feeds built (not served from memory or the cache)."""
    built = []
    original = feeds.build_calendar

    def counting(tasks, **kwargs):
        built.append(kwargs["name"])
        return original(tasks, **kwargs)

    monkeypatch.setattr(feeds, "build_calendar", counting)
    return built


def tokens():
    return dict(FeedVersion.objects.values_list("scope", "token"))


def get(client, clock, **headers):
    with time_machine.travel(NOW, tick=False):
        return client.get(f"/feeds/{clock.slug}.ics", **headers)


def test_a_completion_invalidates_no_feed(client, clocks, renders):
    first, _second, tasks = clocks
    user = staff_user()
    user.is_superuser = True
    user.save()
    get(client, first)
    before = tokens()
    with time_machine.travel(NOW, tick=False):
        occurrence_date = next(
            item.original_date
            for item in feeds.occurrences_for([tasks[0]], NOW.date(), NOW.date().replace(2027))
        )
        occurrences.mark_done(tasks[0], occurrence_date, user)
    assert tokens() == before
    get(client, first)
    assert len(renders) == 1  # positive control below: an edit does re-render
    tasks[0].title = "Uusi"
    tasks[0].save()
    assert b"Uusi" in get(client, first).content
    assert len(renders) == 2


def test_a_task_edit_re_renders_its_clock_only(client, clocks, renders):
    first, second, tasks = clocks
    get(client, first)
    get(client, second)
    assert len(renders) == 2
    with transaction.atomic():
        tasks[2].title = "vahto muutettu"
        tasks[2].save()
    assert b"rusko 0" in get(client, first).content
    assert len(renders) == 2  # rusko's feed was not touched
    assert b"vahto muutettu" in get(client, second).content
    assert len(renders) == 3


def test_versions_change_with_the_transaction_not_before(client, clocks):
    first, _second, tasks = clocks
    scope = feed_cache.clock_scope(first.translation_key)
    get(client, first)
    before = tokens()[scope]
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks[0].title = "Ei koskaan"
        tasks[0].save()
        raise RuntimeError("the edit is rolled back")
    assert tokens()[scope] == before
    assert b"Ei koskaan" not in get(client, first).content
    tasks[0].title = "Tallennettu"
    tasks[0].save()
    assert tokens()[scope] != before


def test_an_old_etag_never_matches_again_even_after_the_cache_is_emptied(client, clocks):
    first, _second, tasks = clocks
    old = get(client, first)["ETag"]
    tasks[0].title = "Muutettu"
    tasks[0].save()
    assert get(client, first)["ETag"] != old
    cache.clear()
    feed_cache.MEMO.clear()
    response = get(client, first, HTTP_IF_NONE_MATCH=old)
    assert response.status_code == 200
    assert b"Muutettu" in response.content


@pytest.mark.parametrize(
    "accept, compressed",
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("*", True),
        ("br;q=1.0, gzip;q=0.5", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
        ("*;q=0, identity", False),
    ],
)
def test_gzip_when_accepted_with_vary_and_its_own_etag(client, clocks, accept, compressed):
    first, _second, _tasks = clocks
    plain = get(client, first)
    response = get(client, first, HTTP_ACCEPT_ENCODING=accept)
    assert "Accept-Encoding" in response["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    if compressed:
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain.content
        assert response["ETag"] != plain["ETag"]
        assert len(response.content) * 3 < len(plain.content)
    else:
        assert not response.has_header("Content-Encoding")
        assert response.content == plain.content
        assert response["ETag"] == plain["ETag"]
    revalidated = get(
        client, first, HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert revalidated.status_code == 304
    assert "Accept-Encoding" in revalidated["Vary"]
    assert revalidated["ETag"] == response["ETag"]


def test_a_cache_hit_costs_no_compression(client, clocks, monkeypatch):
    first, _second, _tasks = clocks
    get(client, first, HTTP_ACCEPT_ENCODING="gzip")
    calls = []
    monkeypatch.setattr(feed_cache.gzip, "compress", lambda *args, **kwargs: calls.append(1) or b"")
    feed_cache.MEMO.clear()  # from the shared cache, as another process would
    assert get(client, first, HTTP_ACCEPT_ENCODING="gzip").status_code == 200
    assert get(client, first, HTTP_ACCEPT_ENCODING="gzip").status_code == 200
    assert calls == []


def test_a_profile_change_re_renders_that_persons_feed(client, clocks, renders):
    from django.urls import reverse

    from kb.tests.factories import RoleFactory
    from yearclock.models import FeedToken

    role = RoleFactory()
    first, _second, tasks = clocks
    tasks[0].roles.set([role])
    user = staff_user()
    _token, raw = FeedToken.issue(user)
    url = reverse("yearclock_feeds:personal", kwargs={"token": raw})
    with time_machine.travel(NOW, tick=False):
        assert b"rusko 0" not in client.get(url).content
        user.staff_profile.roles.add(role)
        assert b"rusko 0" in client.get(url).content
