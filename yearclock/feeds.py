"""iCalendar feeds of year-clock occurrences (RFC 5545, the `icalendar` library).

Decision: feeds publish *expanded instances* in a bounded window (30 days back,
18 months ahead) rather than RRULEs. Our rules are anchored to school years and
move dates off weekends and holidays, which RRULE cannot express; expanded
instances need no EXDATE or RECURRENCE-ID, so clients cannot mismatch value
types around daylight-saving changes, and the window keeps feeds small.

Each event's UID is the occurrence key (task translation_key, school year and
the occurrence's place in it; see yearclock.occurrences), so it is stable across
fetches, languages, moves to a working day and edits of the task's date, time or
term offset; SEQUENCE is the task's revision and rises with every edit; DTSTAMP
and LAST-MODIFIED are the task's last change, so the bytes (and the ETag) change
only when something visible changes. No METHOD: a subscribed feed is not an iTIP
message, and METHOD:PUBLISH would require an ORGANIZER in every event (RFC 5546).
No X-WR-TIMEZONE: every time carries its TZID or is UTC, and readers that apply
X-WR-TIMEZONE to UTC times (recurring-ical-events does) lose which of a repeated
autumn hour was meant.

Caching and freshness: yearclock.feed_cache.

Rendering cost: icalendar writes the calendar frame and, once per task, the
properties all its occurrences share (`task_properties`); each occurrence adds
only its UID, DTSTART and DTEND, and the VTIMEZONE comes from `yearclock.ics`. A
task's events are cached under a digest of their inputs (`feed_events`), so after
an edit the next fetch re-renders only the edited task and joins the rest.
yearclock/tests/test_feed_rendering.py proves the output parses to the same events as
a property-by-property icalendar build.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from wagtail.models import Page

import icalendar

from kb.access import Reader, readable_pages
from kb.models import StaffProfile
from yearclock import feed_cache, ics
from yearclock.models import Task
from yearclock.occurrences import (
    HELSINKI,
    occurrences_for,
    school_year_breaks,
    school_years_between,
)

WINDOW_BACK = datetime.timedelta(days=30)
WINDOW_AHEAD = datetime.timedelta(days=548)  # about 18 months
REFRESH = datetime.timedelta(hours=6)  # REFRESH-INTERVAL (Apple) and X-PUBLISHED-TTL (Outlook)
PRODID = "-//Vuosikello//Year clock//FI"
TZID = "Europe/Helsinki"


@dataclass(frozen=True)
class FeedFilter:
    """What a feed shows: languages and slugs from the query string."""

    language: str = settings.LANGUAGE_CODE
    roles: tuple = ()
    schools: tuple = ()
    categories: tuple = ()
    public_only: bool = True

    def cache_part(self):
        return "|".join(
            [
                self.language,
                ",".join(sorted(self.roles)),
                ",".join(sorted(self.schools)),
                ",".join(sorted(self.categories)),
                "public" if self.public_only else "all",
            ]
        )

    def apply(self, tasks):
        if self.public_only:
            tasks = tasks.visible_to(Reader.anonymous())
        if self.roles:
            tasks = tasks.for_roles(self.roles)
        if self.schools:
            tasks = tasks.for_schools(self.schools)
        if self.categories:
            tasks = tasks.filter(category__in=self.categories)
        return tasks


def feed_window(today=None):
    today = today or timezone.localdate()
    return today - WINDOW_BACK, today + WINDOW_AHEAD


def public_feed_tasks(year_clock, feed_filter):
    """Localized tasks of a year clock after the filter; public tasks only."""
    tasks = Task.objects.in_year_clock(year_clock)
    return feed_filter.apply(tasks).localized(feed_filter.language, related=())


def personal_feed_tasks(user, language):
    """A person's tasks (their roles in their schools, and what they own) that they may see."""
    tasks = Task.objects.for_user(user).visible_to(Reader.for_user(user))
    profile = StaffProfile.objects.filter(user=user).select_related("organisation").first()
    if profile and profile.organisation_id:
        tasks = tasks.filter(
            year_clock__organisation__translation_key=profile.organisation.translation_key
        )
    return tasks.localized(language, related=())


def absolute(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_BASE_URL + url


def guide_links_by_task(tasks, language, reader):
    """{task pk: [(title, absolute url)]} of the guides `reader` may see (kb.access),
    in `language` where translated, else in the source language.

    A few queries for all tasks instead of a prefetch per task and a lookup per guide.
    """
    links = {task.pk: [] for task in tasks}
    through = Task.guides.through
    pairs = list(
        through.objects.filter(task_id__in=links)
        .order_by("page__path")
        .values_list("task_id", "page_id")
    )
    if not pairs:
        return links
    pages = Page.objects.in_bulk({page_id for _task_id, page_id in pairs})
    readable = {
        page.translation_key: page
        for page in readable_pages(reader, list(pages.values()), language)
    }
    for task_id, page_id in pairs:
        page = readable.get(pages[page_id].translation_key)
        url = page.get_url() if page is not None else None
        if url:
            links[task_id].append((page.title, absolute(url)))
    return links


def event_description(task, guide_links, task_url):
    lines = [task.description.strip()] if task.description.strip() else []
    items = task.checklist_items
    if items:
        lines.append("")
        lines.append(_("Checklist:"))
        lines.extend(f"- {item}" for item in items)
    lines.append("")
    lines.append(_("Task: %(url)s") % {"url": task_url})
    for title, url in guide_links:
        lines.append(_("Guide: %(title)s %(url)s") % {"title": title, "url": url})
    return "\n".join(lines)


def utc(moment):
    return moment.astimezone(datetime.UTC)


def task_properties(task, guide_links):
    """The VEVENT lines every occurrence of `task` repeats, through END:VEVENT (bytes).

    Written by icalendar once per task: SUMMARY, DESCRIPTION, URL, CATEGORIES and
    the VALARM (after the event's own properties: new Outlook wants it so).
    """
    task_url = task.full_url(get_language())
    event = icalendar.Event()
    event.add("dtstamp", utc(task.updated_at))
    event.add("last-modified", utc(task.updated_at))
    event.add("created", utc(task.created_at))
    event.add("sequence", task.sequence)
    event.add("summary", task.title)
    event.add("description", event_description(task, guide_links, task_url))
    event.add("url", task_url)
    event.add("categories", [str(task.get_category_display())])
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT" if task.all_day else "OPAQUE")
    event.add("class", "PUBLIC" if task.visibility == Task.Visibility.PUBLIC else "PRIVATE")
    if task.alarm_minutes is not None:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", task.title)
        alarm.add("trigger", -datetime.timedelta(minutes=task.alarm_minutes))
        event.add_component(alarm)
    body = event.to_ical()
    assert body.startswith(b"BEGIN:VEVENT\r\n")
    return body[len(b"BEGIN:VEVENT\r\n") :]


def render_task_events(task, years, host, guide_links):
    """[(sort key, VEVENT bytes)] of every occurrence of `task` in the school years `years`.

    Only UID, DTSTART and DTEND differ between the occurrences of a task.
    """
    properties = task_properties(task, guide_links)
    span = years[0].start_date, years[-1].end_date
    events = []
    for item in occurrences_for([task], *span, with_completions=False, school_years=years):
        head = ics.event_head(f"{item.key}@{host}", item.start, item.end)
        events.append((sort_key(item), head + properties))
    return events


def sort_key(occurrence):
    """Date order, all-day first, then time and title (as the lists show them)."""
    day = occurrence.start_date.toordinal()
    if occurrence.all_day:
        return (day, 0, 0, occurrence.task.title)
    local = occurrence.start.astimezone(HELSINKI)
    return (day, 1, local.hour * 60 + local.minute, occurrence.task.title)


def years_fingerprint(years):
    return [
        (
            year.start_year,
            year.autumn_term_start,
            year.autumn_term_end,
            year.spring_term_start,
            year.spring_term_end,
            [(item.start, item.end) for item in school_year_breaks(year)],
        )
        for year in years
    ]


def task_fingerprint(task, context, guide_links):
    """A digest of everything a task's rendered events depend on.

    Every stored field of the task (not only updated_at: a queryset update() does
    not touch it), its clock's slug (in the task URL), its guides' titles and
    addresses, and the feed-wide `context` (language, site, school years, labels).
    """
    fields = [getattr(task, column.attname) for column in Task._meta.concrete_fields]
    parts = repr((context, fields, task.year_clock.slug, guide_links))
    return hashlib.sha256(parts.encode()).hexdigest()


def feed_events(tasks, language, window, host, reader):
    """VEVENT bytes of `tasks` starting within `window`, in date order.

    Each task's events are kept in the cache (one entry per year clock, language
    and site) under a digest of their inputs, so after an edit only the edited task is
    rendered again. A lost race between two renderers only costs a re-render.
    """
    years = school_years_between(*window)
    links = guide_links_by_task(tasks, language, reader)
    context = (
        feed_cache.FORMAT,
        language,
        settings.SITE_BASE_URL,
        host,
        years_fingerprint(years),
        _("Checklist:"),
        _("Task: %(url)s"),
        _("Guide: %(title)s %(url)s"),
    )
    # One cache entry per year clock and kind of reader (guide links differ between
    # readers): a feed reads only the clocks it shows, and the entries stay small
    # enough for any cache backend.
    audience = " ".join(sorted(reader.scopes))
    store_keys = {
        task.pk: feed_cache.chunk_key(language, host, audience, task.year_clock.translation_key)
        for task in tasks
    }
    stores = cache.get_many(set(store_keys.values()))
    changed = set()
    first, last = window[0].toordinal(), window[1].toordinal()
    found = []
    for task in tasks:
        fingerprint = task_fingerprint(task, context, links[task.pk])
        store = stores.setdefault(store_keys[task.pk], {})
        chunk = store.get(task.pk)
        if chunk is None or chunk[0] != fingerprint:
            chunk = (fingerprint, render_task_events(task, years, host, links[task.pk]))
            store[task.pk] = chunk
            changed.add(store_keys[task.pk])
        found.extend(item for item in chunk[1] if first <= item[0][0] <= last)
    if changed:
        cache.set_many({key: stores[key] for key in changed}, feed_cache.CACHE_SECONDS)
    found.sort(key=lambda item: item[0])
    return [body for _key, body in found]


def calendar_frame(*, name, description, window):
    """(head, tail) bytes of the VCALENDAR around the events: properties and VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("description", description)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    body = calendar.to_ical()
    tail = b"END:VCALENDAR\r\n"
    assert body.endswith(tail)
    # A year either side of the window, so every client has an onset of both
    # observances before the first event.
    first, last = window
    timezone_part = ics.vtimezone(TZID, first.year - 1, last.year + 1)
    return body[: -len(tail)] + timezone_part, tail


def build_calendar(tasks, *, name, description, language, window, reader):
    """Feed bytes: one VEVENT per occurrence of `tasks` in `window`, and the VTIMEZONE.

    Guide links in the descriptions are those `reader` may see (kb.access)."""
    host = settings.SITE_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "vuosikello"
    head, tail = calendar_frame(name=name, description=description, window=window)
    with override(language):
        events = feed_events(tasks, language, window, host, reader)
    return b"".join([head, *events, tail])


def public_feed(year_clock, feed_filter):
    """RenderedFeed of a year clock's public tasks."""

    def build():
        window = feed_window()
        tasks = public_feed_tasks(year_clock, feed_filter)
        localized_clock = (
            year_clock.get_translation_or_none(_locale(feed_filter.language)) or year_clock
        )
        with override(feed_filter.language):
            description = localized_clock.description or _(
                "Recurring tasks of the year clock %(name)s."
            ) % {"name": localized_clock.name}
        body = build_calendar(
            tasks,
            name=localized_clock.name,
            description=description,
            language=feed_filter.language,
            window=window,
            reader=Reader.anonymous(),
        )
        return body, f"{year_clock.slug}.ics"

    identity = f"public|{year_clock.translation_key}|{feed_filter.cache_part()}"
    return feed_cache.rendered(identity, feed_cache.public_scopes(year_clock), build)


def personal_feed(user, language):
    """RenderedFeed of one person's tasks (public and staff)."""

    def build():
        window = feed_window()
        tasks = personal_feed_tasks(user, language)
        with override(language):
            name = _("My year clock")
            description = _("Year-clock tasks for your roles and schools.")
        body = build_calendar(
            tasks,
            name=name,
            description=description,
            language=language,
            window=window,
            reader=Reader.for_user(user),
        )
        return body, "vuosikello.ics"

    identity = f"personal|{user.pk}|{language}"
    return feed_cache.rendered(identity, feed_cache.personal_scopes(user), build)


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


def parse_ics(body):
    """Parse feed bytes back (for tests and the benchmark)."""
    return icalendar.Calendar.from_ical(body)
