"""Feed generation for a year clock of 300 tasks: uncached, after an edit, cached, 304,
plain and gzip, with the bytes on the wire.

Run: python bench/feeds.py   (own temporary SQLite database; a minute or two on 2 cores)

The baseline is a plain Django view returning the same bytes (the plain feed, or the
gzip feed with Content-Encoding) through the same test client and middleware,
measured in the same run; ratios are feed time / baseline for the same bytes.
"Cached" is a hit in the process's memory; "from the shared cache" empties that
memory first, as a hit rendered by another process would be (no compression either).

"Uncached (cold)" clears the whole cache first: every task's events are rendered.
"After a single task edit" is the realistic case: an editor saves one task, which
invalidates every cached feed, and the next subscriber fetch re-renders only that
task's events and joins the rest from the per-task chunks.
"""

import gzip
import statistics
import time

from django.http import HttpResponse

from harness import run_in_test_database  # sets Django up (test settings)

REPEATS = 5
SAMPLES = 100  # for the fast cases
BODY = {}


def plain_view(request):
    return HttpResponse(BODY["ics"], content_type="text/calendar; charset=utf-8")


def plain_gzip_view(request):
    response = HttpResponse(BODY["gzip"], content_type="text/calendar; charset=utf-8")
    response["Content-Encoding"] = "gzip"
    return response


def timed(call, repeats=REPEATS, before=None):
    samples = []
    for _ in range(repeats):
        if before:
            before()
        start = time.perf_counter()
        response = call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), response


def paired(baseline, call, samples=300):
    """Medians of `baseline` and `call`, alternated so both see the same machine load."""
    first, second = [], []
    for _ in range(samples):
        for target, sink in ((baseline, first), (call, second)):
            start = time.perf_counter()
            response = target()
            sink.append(time.perf_counter() - start)
    return statistics.median(first), statistics.median(second), response


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
    from yearclock import feed_cache
    from yearclock.models import Task

    clock = build_year_clock()
    urls = ModuleType("bench_urls")
    urls.urlpatterns = [
        path("bench/plain.ics", plain_view),
        path("bench/plain-gzip.ics", plain_gzip_view),
        *kb.urls.urlpatterns,
    ]
    client = Client()
    url = f"/feeds/{clock.slug}.ics"
    gz = {"HTTP_ACCEPT_ENCODING": "gzip"}
    with (
        override_settings(ROOT_URLCONF=urls),
        time_machine.travel(
            datetime.datetime(2026, 9, 1, 8, tzinfo=ZoneInfo("Europe/Helsinki")), tick=False
        ),
    ):
        first = client.get(url)
        assert first.status_code == 200, first.content[:200]
        BODY["ics"] = first.content
        BODY["gzip"] = client.get(url, **gz).content
        assert gzip.decompress(BODY["gzip"]) == BODY["ics"]
        events = len(icalendar.Calendar.from_ical(first.content).walk("VEVENT"))

        def forget_all():
            cache.clear()
            feed_cache.MEMO.clear()

        uncached, _ = timed(lambda: client.get(url), before=forget_all)
        uncached_gzip, _ = timed(lambda: client.get(url, **gz), before=forget_all)
        edits = iter(Task.objects.filter(year_clock=clock).order_by("pk"))

        def edit_one_task():
            task = next(edits)
            task.title += " (muokattu)"
            task.save()

        after_edit, response = timed(lambda: client.get(url), before=edit_one_task)
        assert response.status_code == 200 and b"(muokattu)" in response.content
    # The hits are timed at the real date (time-machine slows every clock read, and
    # the baseline reads none): a first request renders today's window.
    with override_settings(ROOT_URLCONF=urls):
        client.get(url)
        client.get(url, **gz)
        current = client.get(url)
        current_gzip = client.get(url, **gz)
        BODY["ics"], BODY["gzip"] = current.content, current_gzip.content
        plain, cached, response = paired(
            lambda: client.get("/bench/plain.ics"), lambda: client.get(url)
        )
        assert response.content == current.content
        plain_gzip, cached_gzip, response = paired(
            lambda: client.get("/bench/plain-gzip.ics"), lambda: client.get(url, **gz)
        )
        assert response.content == current_gzip.content
        shared, _ = timed(lambda: client.get(url, **gz), before=feed_cache.MEMO.clear)
        etag = current["ETag"]
        revalidated, response = timed(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag), SAMPLES)
        assert response.status_code == 304
        since = current["Last-Modified"]
        modified_since, response = timed(
            lambda: client.get(url, HTTP_IF_MODIFIED_SINCE=since), SAMPLES
        )
        assert response.status_code == 304

    size, packed = len(current.content), len(current_gzip.content)
    print(f"feed: 300 tasks, {events} events")
    print(
        f"bytes on the wire: plain {size:,} ({size / 2**20:.2f} MiB), "
        f"gzip {packed:,} ({packed / 2**10:.0f} KiB, {size / packed:.1f}× smaller)"
    )
    print(f"{'case':<44}{'median ms':>10}{'× baseline':>12}")
    rows = [
        ("plain view, plain bytes (baseline)", plain, plain),
        ("plain view, gzip bytes (baseline)", plain_gzip, plain_gzip),
        ("feed, uncached (cold), plain", uncached, plain),
        ("feed, uncached (cold), gzip", uncached_gzip, plain_gzip),
        ("feed, after a single task edit", after_edit, plain),
        ("feed, cached full GET, plain", cached, plain),
        ("feed, cached full GET, gzip", cached_gzip, plain_gzip),
        ("feed, gzip from the shared cache", shared, plain_gzip),
        ("feed, 304 If-None-Match", revalidated, plain),
        ("feed, 304 If-Modified-Since", modified_since, plain),
    ]
    for label, value, baseline in rows:
        print(f"{label:<44}{value * 1000:>10.2f}{value / baseline:>12.2f}")


if __name__ == "__main__":
    run_in_test_database(main)
