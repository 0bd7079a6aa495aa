"""The feed's fast path equals what icalendar builds, and re-renders only what changed."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, override

from wagtail.models import Page

import icalendar
import pytest
import time_machine

from kb.access import Reader
from kb.models import SchoolYear
from kb.tests.factories import SchoolYearFactory
from yearclock import feed_cache, feeds, ics
from yearclock.models import Task
from yearclock.occurrences import occurrences_for
from yearclock.tests.factories import TaskFactory, YearClockFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=HELSINKI)

TRICKY_TEXTS = [
    'Tietosuoja; sopimukset, vaikutustenarviot\\ ja "liitteet"',
    "Rivi 1\nRivi 2\r\nRivi 3\rRivi 4",
    "Årshjulets uppgift: kontrollera avtal, konsekvensbedömningar; säkerhet",
    "Ääkköset ÅÄÖ åäö " * 12,
    "Emoji 📅🗓️ ja pilkku, puolipiste; kenoviiva \\ " * 5,
    "x" * 74 + "\\;" + "y" * 300,
    "",
]


# -- content lines ------------------------------------------------------------------


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_escape_text_equals_icalendar(text):
    assert ics.escape_text(text).encode() == icalendar.vText(text).to_ical()


def unfold(data):
    return data.replace(b"\r\n ", b"")


def random_texts(count=300):
    alphabet = 'abc ,;:\\"åäöÅÄÖ€📅\t\n' + "x" * 10
    generator = random.Random(5545)
    sizes = [generator.randint(0, 400) for _ in range(count)]
    return ["".join(generator.choice(alphabet) for _ in range(size)) for size in sizes]


def escape_pairs(text):
    """Positions of the second character of each backslash escape in `text`."""
    inside, index = set(), 0
    while index < len(text):
        if text[index] == "\\":
            inside.add(index + 1)
            index += 2
        else:
            index += 1
    return inside


@pytest.mark.parametrize("text", [*TRICKY_TEXTS, "\\" * 80, "x\\\\" * 40, "ä\\," * 50])
def test_fold_keeps_lines_within_75_octets_and_unfolds_to_the_original(text):
    for raw in [text, *random_texts()]:
        line = "DESCRIPTION:" + ics.escape_text(raw)
        folded = ics.fold(line)
        assert folded.endswith(b"\r\n")
        physical = folded[:-2].split(b"\r\n")
        assert all(len(part) <= 75 for part in physical)
        assert all(part.startswith(b" ") for part in physical[1:])
        texts = [part.decode() for part in physical]  # never a split UTF-8 sequence
        assert texts[0] + "".join(part[1:] for part in texts[1:]) == line
        boundaries, position = set(), 0
        for part in [texts[0]] + [part[1:] for part in texts[1:]]:
            position += len(part)
            boundaries.add(position)
        assert not boundaries & escape_pairs(line), "an escape split across lines"


def test_folded_escaped_text_parses_back_with_icalendar():
    for raw in [*TRICKY_TEXTS, *random_texts(100)]:
        line = "DESCRIPTION:" + ics.escape_text(raw)
        event = icalendar.Event.from_ical(b"BEGIN:VEVENT\r\n" + ics.fold(line) + b"END:VEVENT\r\n")
        expected = raw.replace("\r\n", "\n").replace("\r", "\n")
        assert str(event["DESCRIPTION"]) == expected


def test_dates_and_times_use_value_date_and_tzid():
    assert ics.date_or_time("DTSTART", datetime.date(2026, 10, 15)) == (
        b"DTSTART;VALUE=DATE:20261015\r\n"
    )
    moment = datetime.datetime(2026, 10, 26, 9, 30, tzinfo=HELSINKI)
    assert ics.date_or_time("DTEND", moment) == b"DTEND;TZID=Europe/Helsinki:20261026T093000\r\n"
    with pytest.raises(ValueError):
        ics.date_or_time("DTSTART", datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC))


# -- whole feeds against an icalendar-built reference ----------------------------------


@pytest.fixture
def clock(locales):
    with time_machine.travel(NOW, tick=False):
        SchoolYearFactory(start_year=2026)
        SchoolYearFactory(start_year=2027)
        yield YearClockFactory(slug="rusko")


def guide_page(title, live=True):
    home = Page.objects.filter(depth=2).first()
    page = home.add_child(instance=Page(title=title, slug=f"guide-{random.randrange(10**9)}"))
    if not live:
        page.live = False
        page.save()
    return page


def varied_tasks(clock, locales):
    public = {"year_clock": clock, "visibility": Task.Visibility.PUBLIC}
    guide = guide_page("Ohje: tietosuoja, sopimukset; 2026")
    draft = guide_page("Luonnos", live=False)
    tasks = [
        TaskFactory(
            title=TRICKY_TEXTS[0],
            description=TRICKY_TEXTS[1] + "\n" + TRICKY_TEXTS[3],
            checklist="Sopimukset, liitteet\nVaikutustenarvio; DPIA\n\nLoppu",
            alarm_minutes=90,
            **public,
        ),
        TaskFactory(
            title="Kuukausiraportti",
            description=TRICKY_TEXTS[4] * 3,
            rule=Task.Rule.MONTHLY_WEEKDAY,
            nth=1,
            weekday=0,
            within_terms=True,
            start_time=datetime.time(9, 15),
            end_time=datetime.time(10, 45),
            alarm_minutes=1440,
            **public,
        ),
        TaskFactory(
            title="Lukuvuoden lopun arviointi",
            description=TRICKY_TEXTS[5],
            rule=Task.Rule.TERM,
            anchor=Task.Anchor.SPRING_TERM_END,
            offset_days=-14,
            duration_days=5,
            category=Task.Category.FINANCE,
            **public,
        ),
        TaskFactory(
            title="Henkilöstön viikkopalaveri",
            description="",
            rule=Task.Rule.RRULE,
            rrule="FREQ=WEEKLY;BYDAY=MO",
            start_time=datetime.time(8),
            move_to_working_day=False,
            visibility=Task.Visibility.STAFF,
            year_clock=clock,
        ),
    ]
    tasks[0].guides.set([guide, draft])
    swedish = tasks[0].copy_for_translation(locales["sv"])
    swedish.title = TRICKY_TEXTS[2]
    swedish.description = "Beskrivning, med kommatecken; semikolon\noch radbrytning"
    swedish.save()
    return tasks


def reference_guide_links(task):
    """The pre-fast-path algorithm: one `localized` lookup per public guide."""
    links = []
    for page in task.guides.live().public():
        localized = page.specific_deferred.localized
        if localized.live and localized.get_url():
            links.append((localized.title, feeds.absolute(localized.get_url())))
    return links


def reference_event(occurrence, host):
    """One VEVENT built property by property with icalendar (the pre-fast-path way)."""
    task = occurrence.task
    event = icalendar.Event()
    event.add("uid", f"{occurrence.key}@{host}")
    event.add("dtstamp", feeds.utc(task.updated_at))
    event.add("last-modified", feeds.utc(task.updated_at))
    event.add("created", feeds.utc(task.created_at))
    event.add("sequence", task.sequence)
    event.add("summary", task.title)
    url = task.full_url(get_language())
    event.add("description", feeds.event_description(task, reference_guide_links(task), url))
    event.add("url", url)
    event.add("categories", [str(task.get_category_display())])
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT" if occurrence.all_day else "OPAQUE")
    event.add("class", "PUBLIC" if task.visibility == Task.Visibility.PUBLIC else "PRIVATE")
    if task.alarm_minutes is not None:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", task.title)
        alarm.add("trigger", -datetime.timedelta(minutes=task.alarm_minutes))
        event.add_component(alarm)
    return event


def comparable(component):
    """Properties (name, parameters, serialised value) and subcomponents, order-free."""
    properties = sorted(
        (name, tuple(sorted(value.params.items())), value.to_ical())
        for name, value in component.property_items(recursive=False, sorted=False)
        if name not in {"BEGIN", "END"}
        for value in [component[name]]
    )
    return properties, sorted(repr(comparable(sub)) for sub in component.subcomponents)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_fast_path_parses_to_the_same_events_as_icalendar(clock, locales, language):
    with time_machine.travel(NOW, tick=False):
        varied_tasks(clock, locales)
        window = feeds.feed_window()
        tasks = Task.objects.in_year_clock(clock).localized(language)
        body = feeds.build_calendar(
            tasks,
            name="Rusko",
            description="Kuvaus, jossa; merkkejä",
            language=language,
            window=window,
            reader=Reader.anonymous(),
        )
        host = settings.SITE_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "vuosikello"
        with override(language):
            reference = {
                str(event["UID"]): event
                for event in (
                    reference_event(item, host)
                    for item in occurrences_for(tasks, *window, with_completions=False)
                )
            }
    calendar = icalendar.Calendar.from_ical(body)
    fast = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(fast) > 50
    assert fast.keys() == reference.keys()
    for uid, event in fast.items():
        assert comparable(event) == comparable(reference[uid]), uid
    raw = body.decode()
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    assert raw.count("BEGIN:VALARM") == sum(1 for e in fast.values() if e.walk("VALARM"))
    titles = {str(event["SUMMARY"]) for event in fast.values()}
    assert (TRICKY_TEXTS[2] in titles) == (language == "sv")
    guide_text = "Ohje: tietosuoja, sopimukset; 2026"
    assert any(guide_text in str(event["DESCRIPTION"]) for event in fast.values())
    assert not any("Luonnos" in str(event["DESCRIPTION"]) for event in fast.values())
    assert icalendar.Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()


# -- per-task chunks -------------------------------------------------------------------


def test_an_edit_re_renders_only_that_task_and_equals_a_cold_render(client, clock, monkeypatch):
    with time_machine.travel(NOW, tick=False):
        tasks = [
            TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC, title=f"T{n}")
            for n in range(5)
        ]
        url = f"/feeds/{clock.slug}.ics"
        rendered = []
        original = feeds.render_task_events
        monkeypatch.setattr(
            feeds,
            "render_task_events",
            lambda task, *args: rendered.append(task.title) or original(task, *args),
        )
        client.get(url)
        assert sorted(rendered) == [f"T{n}" for n in range(5)]

        rendered.clear()
        tasks[2].title = "Muutettu, uusi; otsikko"
        tasks[2].save()
        warm = client.get(url).content
        assert rendered == ["Muutettu, uusi; otsikko"]

        rendered.clear()
        cache.clear()
        feed_cache.MEMO.clear()
        cold = client.get(url).content
        assert len(rendered) == 5
    assert warm == cold
    assert "Muutettu\\, uusi\\; otsikko" in warm.decode()


def test_a_changed_guide_title_or_school_year_re_renders(client, clock, monkeypatch):
    with time_machine.travel(NOW, tick=False):
        task = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC)
        guide = guide_page("Vanha ohje")
        task.guides.set([guide])
        url = f"/feeds/{clock.slug}.ics"
        assert "Vanha ohje" in client.get(url).content.decode()
        guide.title = "Uusi ohje"
        guide.save_revision().publish()
        assert "Uusi ohje" in client.get(url).content.decode()

        term = TaskFactory(
            year_clock=clock,
            visibility=Task.Visibility.PUBLIC,
            rule=Task.Rule.TERM,
            anchor=Task.Anchor.SPRING_TERM_END,
            offset_days=0,
        )
        before = client.get(url).content
        school_year = SchoolYear.objects.get(start_year=2026)
        school_year.spring_term_end = datetime.date(2027, 6, 2)
        school_year.save()
        after = client.get(url).content
    assert before != after
    assert b"DTSTART;VALUE=DATE:20270602" in after
    assert term.title in after.decode()


def test_personal_feed_over_two_clocks_re_renders_one_task(client, clock, monkeypatch):
    from django.urls import reverse

    from kb.tests.factories import RoleFactory, staff_user
    from yearclock.models import FeedToken

    with time_machine.travel(NOW, tick=False):
        role = RoleFactory()
        user = staff_user(roles=[role])
        other = YearClockFactory(slug="vahto", organisation=clock.organisation)
        tasks = [
            TaskFactory(year_clock=year_clock, roles=[role], title=f"{year_clock.slug} {n}")
            for year_clock in (clock, other)
            for n in range(2)
        ]
        _token, raw = FeedToken.issue(user)
        url = reverse("yearclock_feeds:personal", kwargs={"token": raw})
        rendered = []
        original = feeds.render_task_events
        monkeypatch.setattr(
            feeds,
            "render_task_events",
            lambda task, *args: rendered.append(task.title) or original(task, *args),
        )
        assert client.get(url).status_code == 200
        assert len(rendered) == 4
        rendered.clear()
        tasks[3].title = "Vahdon uusi otsikko"
        tasks[3].save()
        warm = client.get(url).content
        assert rendered == ["Vahdon uusi otsikko"]
        cache.clear()
        feed_cache.MEMO.clear()
        cold = client.get(url).content
    assert warm == cold
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(warm).walk("VEVENT")}
    assert summaries == {"rusko 0", "rusko 1", "vahto 0", "Vahdon uusi otsikko"}


def test_publishing_a_linked_guide_refreshes_the_feed(client, clock):
    with time_machine.travel(NOW, tick=False):
        task = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC)
        guide = guide_page("Vanha ohje")
        task.guides.set([guide])
        url = f"/feeds/{clock.slug}.ics"
        assert "Vanha ohje" in client.get(url).content.decode()
        guide.title = "Uusi ohje"
        guide.save_revision().publish()
        assert "Uusi ohje" in client.get(url).content.decode()
