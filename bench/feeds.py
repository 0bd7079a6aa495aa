"""Feed generation for a year clock of 300 tasks: uncached, after an edit, cached, 304.

Run: python bench/feeds.py   (own temporary SQLite database; a minute or two on 2 cores)

The baseline is a plain Django view returning the same bytes through the same test
client and middleware, measured in the same run; ratios are feed time / baseline.

"Uncached (cold)" clears the whole cache first: every task's events are rendered.
"After a single task edit" is the realistic case: an editor saves one task, which
invalidates every cached feed, and the next subscriber fetch re-renders only that
task's events and joins the rest from the per-task chunks.
"""

import statistics
import time

from django.http import HttpResponse

from harness import run_in_test_database  # sets Django up (test settings)

REPEATS = 5
BODY = {}


def plain_view(request):
    return HttpResponse(BODY["ics"], content_type="text/calendar; charset=utf-8")


def timed(call, repeats=REPEATS, before=None):
    samples = []
    for _ in range(repeats):
        if before:
            before()
        start = time.perf_counter()
        response = call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), response


def build_year_clock(tasks=300):
    import datetime

    from wagtail.models import Locale

    from kb.models import Organisation, Role, SchoolYear
    from yearclock.models import Task, YearClock

    fi = Locale.objects.get_or_create(language_code="fi")[0]
    for start_year in (2026, 2027):
        SchoolYear.objects.create(
            start_year=start_year,
            autumn_term_start=datetime.date(start_year, 8, 12),
            autumn_term_end=datetime.date(start_year, 12, 19),
            spring_term_start=datetime.date(start_year + 1, 1, 7),
            spring_term_end=datetime.date(start_year + 1, 5, 29),
        )
    organisation = Organisation.objects.create(name="Rusko", slug="rusko", locale=fi)
    roles = [
        Role.objects.create(name=f"Rooli {n}", slug=f"rooli-{n}", locale=fi) for n in range(10)
    ]
    clock = YearClock.objects.create(
        name="Rusko", slug="rusko", organisation=organisation, locale=fi
    )
    kinds = [
        {"rule": Task.Rule.YEARLY_DATE, "month": 1, "day": 15},
        {"rule": Task.Rule.MONTHLY_WEEKDAY, "nth": 1, "weekday": 0},
        {
            "rule": Task.Rule.RRULE,
            "rrule": "FREQ=WEEKLY;BYDAY=TU",
            "within_terms": True,
            "start_time": datetime.time(9),
            "end_time": datetime.time(10),
        },
        {"rule": Task.Rule.TERM, "anchor": Task.Anchor.SPRING_TERM_END, "offset_days": -14},
        {"rule": Task.Rule.WEEK, "week": 38},
        {"rule": Task.Rule.ONCE, "once_date": datetime.date(2026, 10, 15)},
    ]
    rows = [
        Task(
            year_clock=clock,
            locale=fi,
            title=f"Tehtävä {n}",
            description="Tarkista sopimukset ja päivitä vaikutustenarvio.",
            checklist="Sopimukset\nVaikutustenarvio",
            category=Task.Category.values[n % 6],
            visibility=Task.Visibility.PUBLIC,
            alarm_minutes=60 if n % 3 == 0 else None,
            **kinds[n % len(kinds)],
        )
        for n in range(tasks)
    ]
    Task.objects.bulk_create(rows)
    through = Task.roles.through
    through.objects.bulk_create(
        through(task_id=task.pk, role_id=roles[i % 10].pk)
        for i, task in enumerate(Task.objects.all())
    )
    return clock


def main():
    import datetime
    from types import ModuleType
    from zoneinfo import ZoneInfo

    from django.core.cache import cache
    from django.test import Client, override_settings
    from django.urls import path

    import icalendar
    import time_machine

    import kb.urls
    from yearclock.models import Task

    clock = build_year_clock()
    urls = ModuleType("bench_urls")
    urls.urlpatterns = [path("bench/plain.ics", plain_view), *kb.urls.urlpatterns]
    client = Client()
    url = f"/feeds/{clock.slug}.ics"
    with (
        override_settings(ROOT_URLCONF=urls),
        time_machine.travel(
            datetime.datetime(2026, 9, 1, 8, tzinfo=ZoneInfo("Europe/Helsinki")), tick=False
        ),
    ):
        first = client.get(url)
        assert first.status_code == 200, first.content[:200]
        BODY["ics"] = first.content
        events = len(icalendar.Calendar.from_ical(first.content).walk("VEVENT"))
        plain, response = timed(lambda: client.get("/bench/plain.ics"))
        assert response.content == first.content
        uncached, _ = timed(lambda: client.get(url), before=cache.clear)
        edits = iter(Task.objects.filter(year_clock=clock).order_by("pk"))

        def edit_one_task():
            task = next(edits)
            task.title += " (muokattu)"
            task.save()

        after_edit, response = timed(lambda: client.get(url), before=edit_one_task)
        assert response.status_code == 200 and b"(muokattu)" in response.content
        current = client.get(url)
        cached, _ = timed(lambda: client.get(url))
        etag = current["ETag"]
        revalidated, response = timed(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag))
        assert response.status_code == 304
        since = current["Last-Modified"]
        modified_since, response = timed(lambda: client.get(url, HTTP_IF_MODIFIED_SINCE=since))
        assert response.status_code == 304

    print(f"feed: 300 tasks, {events} events, {len(first.content) / 1024:.0f} KiB")
    print(f"{'case':<36}{'median ms':>10}{'× plain view':>14}")
    for label, value in [
        ("plain view, same bytes (baseline)", plain),
        ("feed, uncached (cold)", uncached),
        ("feed, after a single task edit", after_edit),
        ("feed, cached bytes", cached),
        ("feed, 304 If-None-Match", revalidated),
        ("feed, 304 If-Modified-Since", modified_since),
    ]:
        print(f"{label:<36}{value * 1000:>10.2f}{value / plain:>14.2f}")


if __name__ == "__main__":
    run_in_test_database(main)
