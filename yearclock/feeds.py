"""iCalendar feeds of year-clock occurrences (RFC 5545, the `icalendar` library).

Decision: feeds publish *expanded instances* in a bounded window (30 days back,
18 months ahead) rather than RRULEs. Our rules are anchored to school years and
move dates off weekends and holidays, which RRULE cannot express; expanded
instances need no EXDATE or RECURRENCE-ID, so clients cannot mismatch value
types around daylight-saving changes, and the window keeps feeds small.

Each event's UID is the occurrence key (task translation_key + original date),
so it is stable across fetches, languages and moves to a working day; SEQUENCE
is the task's revision; DTSTAMP and LAST-MODIFIED are the task's last change,
so the bytes (and the ETag) change only when something visible changes.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from wagtail.models import Page

import icalendar

from kb.models import StaffProfile
from yearclock.models import Task
from yearclock.occurrences import occurrences_for

WINDOW_BACK = datetime.timedelta(days=30)
WINDOW_AHEAD = datetime.timedelta(days=548)  # about 18 months
REFRESH = datetime.timedelta(hours=6)  # REFRESH-INTERVAL (Apple) and X-PUBLISHED-TTL (Outlook)
CACHE_SECONDS = 24 * 60 * 60
PRODID = "-//Vuosikello//Year clock//FI"


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
            tasks = tasks.public()
        if self.roles:
            tasks = tasks.for_roles(self.roles)
        if self.schools:
            tasks = tasks.for_schools(self.schools)
        if self.categories:
            tasks = tasks.filter(category__in=self.categories)
        return tasks


@dataclass
class RenderedFeed:
    body: bytes
    etag: str  # quoted, ready for the ETag header
    last_modified: datetime.datetime
    filename: str = "calendar.ics"
    extra: dict = field(default_factory=dict)


def feed_window(today=None):
    today = today or timezone.localdate()
    return today - WINDOW_BACK, today + WINDOW_AHEAD


def public_feed_tasks(year_clock, feed_filter):
    """Localized tasks of a year clock after the filter; public tasks only."""
    tasks = Task.objects.in_year_clock(year_clock)
    return feed_filter.apply(tasks).localized(feed_filter.language)


def personal_feed_tasks(user, language):
    """A person's tasks (their roles in their schools, and what they own), staff tasks too."""
    tasks = Task.objects.for_user(user)
    profile = StaffProfile.objects.filter(user=user).select_related("organisation").first()
    if profile and profile.organisation_id:
        tasks = tasks.filter(
            year_clock__organisation__translation_key=profile.organisation.translation_key
        )
    return tasks.localized(language)


def absolute(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_BASE_URL + url


def guide_links(task, language):
    links = []
    for page in task.guides.all():
        localized = page.specific_deferred.localized if isinstance(page, Page) else page
        if not localized.live:
            continue
        url = localized.get_url()
        if url:
            links.append((localized.title, absolute(url)))
    return links


def event_description(task, language):
    lines = [task.description.strip()] if task.description.strip() else []
    items = task.checklist_items
    if items:
        lines.append("")
        lines.append(_("Checklist:"))
        lines.extend(f"- {item}" for item in items)
    lines.append("")
    lines.append(_("Task: %(url)s") % {"url": task.full_url(language)})
    for title, url in guide_links(task, language):
        lines.append(_("Guide: %(title)s %(url)s") % {"title": title, "url": url})
    return "\n".join(lines)


def utc(moment):
    return moment.astimezone(datetime.UTC)


@dataclass(frozen=True)
class TaskTexts:
    """What every occurrence of one task repeats: computed once per task and feed."""

    description: str
    url: str
    category: str

    @classmethod
    def of(cls, task, language):
        return cls(
            description=event_description(task, language),
            url=task.full_url(language),
            category=str(task.get_category_display()),
        )


def build_event(occurrence, host, texts):
    task = occurrence.task
    event = icalendar.Event()
    event.add("uid", f"{occurrence.key}@{host}")
    event.add("dtstamp", utc(task.updated_at))
    event.add("last-modified", utc(task.updated_at))
    event.add("created", utc(task.created_at))
    event.add("sequence", task.sequence)
    event.add("summary", task.title)
    event.add("description", texts.description)
    event.add("url", texts.url)
    event.add("categories", [texts.category])
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end)  # exclusive; a date for all-day events
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT" if occurrence.all_day else "OPAQUE")
    event.add("class", "PUBLIC" if task.visibility == Task.Visibility.PUBLIC else "PRIVATE")
    if task.alarm_minutes is not None:
        # After the event's own properties: new Outlook wants it so.
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", task.title)
        alarm.add("trigger", -datetime.timedelta(minutes=task.alarm_minutes))
        event.add_component(alarm)
    return event


def build_calendar(occurrences, *, name, description, language, window):
    """An icalendar.Calendar with one VEVENT per occurrence and the Helsinki VTIMEZONE."""
    host = settings.SITE_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "vuosikello"
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("description", description)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    first, last = window
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            "Europe/Helsinki",
            first_date=first - datetime.timedelta(days=366),
            last_date=last + datetime.timedelta(days=366),
        )
    )
    with override(language):
        texts = {}
        for occurrence in occurrences:
            task = occurrence.task
            if task.pk not in texts:
                texts[task.pk] = TaskTexts.of(task, language)
            calendar.add_component(build_event(occurrence, host, texts[task.pk]))
    return calendar


def feed_version():
    return cache.get_or_set("yearclock:feed-version", 1, None)


def render_cached(identity, build):
    """Bytes of a feed from the cache, or built by `build()` -> (bytes, filename).

    Last-Modified changes only when the bytes do, so If-Modified-Since revalidation
    stays meaningful across cache expiry and re-rendering.
    """
    today = timezone.localdate().isoformat()
    fingerprint = f"{feed_version()}|{today}|{identity}"
    key = "yearclock:feed:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    body, filename = build()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    meta_key = "yearclock:feed-meta:" + hashlib.sha256(identity.encode()).hexdigest()
    previous = cache.get(meta_key)
    if previous and previous[0] == etag:
        last_modified = previous[1]
    else:
        last_modified = timezone.now().replace(microsecond=0)
        cache.set(meta_key, (etag, last_modified), None)
    rendered = RenderedFeed(body=body, etag=etag, last_modified=last_modified, filename=filename)
    cache.set(key, rendered, CACHE_SECONDS)
    return rendered


def public_feed(year_clock, feed_filter):
    """RenderedFeed of a year clock's public tasks."""

    def build():
        window = feed_window()
        tasks = public_feed_tasks(year_clock, feed_filter)
        occurrences = occurrences_for(tasks, *window, with_completions=False)
        localized_clock = (
            year_clock.get_translation_or_none(_locale(feed_filter.language)) or year_clock
        )
        with override(feed_filter.language):
            description = localized_clock.description or _(
                "Recurring tasks of the year clock %(name)s."
            ) % {"name": localized_clock.name}
        calendar = build_calendar(
            occurrences,
            name=localized_clock.name,
            description=description,
            language=feed_filter.language,
            window=window,
        )
        return calendar.to_ical(), f"{year_clock.slug}.ics"

    return render_cached(f"public|{year_clock.translation_key}|{feed_filter.cache_part()}", build)


def personal_feed(user, language):
    """RenderedFeed of one person's tasks (public and staff)."""

    def build():
        window = feed_window()
        tasks = personal_feed_tasks(user, language)
        occurrences = occurrences_for(tasks, *window, with_completions=False)
        with override(language):
            name = _("My year clock")
            description = _("Year-clock tasks for your roles and schools.")
        calendar = build_calendar(
            occurrences, name=name, description=description, language=language, window=window
        )
        return calendar.to_ical(), "vuosikello.ics"

    return render_cached(f"personal|{user.pk}|{language}", build)


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


def parse_ics(body):
    """Parse feed bytes back (for tests and the benchmark)."""
    return icalendar.Calendar.from_ical(body)
