"""Tasks and clocks are wagtail-localize translations; a Finnish save reaches Swedish at once."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import icalendar
import pytest
import time_machine

from kb.tests.factories import RoleFactory, SchoolYearFactory
from kb.translation import po_from_fields, translate
from yearclock.models import Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


@pytest.fixture
def world(locales):
    with time_machine.travel(NOW, tick=False):
        SchoolYearFactory(start_year=2026)
        clock = YearClockFactory(slug="rusko")
        principal = RoleFactory(slug="rehtori", name="Rehtori")
        swedish_principal = translate(
            principal, locales["sv"], po_from_fields(principal, {"name": "Rektor"})
        )
        translate(clock, locales["sv"], po_from_fields(clock, {"name": "Rusko årshjul"}))
        task = TaskFactory(
            year_clock=clock,
            title="Laitteiden palautus",
            visibility=Task.Visibility.PUBLIC,
            rule=Task.Rule.ONCE,
            once_date=datetime.date(2026, 10, 15),
            roles=[principal],
        )
        swedish = translate(
            task,
            locales["sv"],
            po_from_fields(task, {"title": "Återlämning", "description": "Kontrollera avtalen."}),
        )
        yield {"task": task, "sv": swedish, "principal": principal, "rektor": swedish_principal}


def feed_dates(client, clock_slug, language):
    url = reverse("yearclock_feeds:public", kwargs={"slug": clock_slug}) + f"?lang={language}"
    response = client.get(url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e["DTSTART"].dt for e in calendar.walk("VEVENT")}


def test_swedish_task_is_a_wagtail_localize_translation_with_swedish_roles(world, locales):
    swedish = world["sv"]
    assert swedish.locale == locales["sv"] and swedish.title == "Återlämning"
    assert swedish.year_clock.name == "Rusko årshjul"
    assert list(swedish.roles.all()) == [world["rektor"]]
    assert list(world["task"].roles.all()) == [world["principal"]]
    source = TranslationSource.objects.get_for_instance(world["task"])
    assert Translation.objects.filter(source=source, target_locale=locales["sv"]).exists()


def test_a_saved_finnish_task_shows_its_new_date_in_the_swedish_feed_at_once(world, client):
    with time_machine.travel(NOW, tick=False):
        before = feed_dates(client, "rusko", "sv")
        assert before == {"Återlämning": datetime.date(2026, 10, 15)}
        task = Task.objects.get(pk=world["task"].pk)
        task.once_date = datetime.date(2026, 11, 3)
        task.save()
        assert feed_dates(client, "rusko", "sv") == {"Återlämning": datetime.date(2026, 11, 3)}
        assert feed_dates(client, "rusko", "fi") == {
            "Laitteiden palautus": datetime.date(2026, 11, 3)
        }
    swedish = Task.objects.get(pk=world["sv"].pk)
    assert swedish.sequence == task.sequence == 1


def test_relations_follow_in_the_translations_language(world, locales):
    teacher = RoleFactory(slug="opettaja", name="Opettaja")
    larare = translate(teacher, locales["sv"], po_from_fields(teacher, {"name": "Lärare"}))
    world["task"].roles.add(teacher)
    assert set(world["sv"].roles.all()) == {world["rektor"], larare}
    world["task"].roles.remove(world["principal"])
    assert list(world["sv"].roles.all()) == [larare]


def test_changed_finnish_text_shows_as_untranslated_and_keeps_the_rest(world, locales):
    task = Task.objects.get(pk=world["task"].pk)
    task.description = "Palautetaan ennen kesälomaa."
    task.save()
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(task), target_locale=locales["sv"]
    )
    assert translation.get_progress() == (
        2,
        1,
    )  # title kept, description new  # the new description waits for a translator
    swedish = Task.objects.get(pk=world["sv"].pk)
    assert swedish.title == "Återlämning"
    assert StringTranslation.objects.filter(locale=locales["sv"], data="Återlämning").exists()


def test_a_copied_translation_is_recorded_and_synced(locales):
    task = TaskFactory(title="Tarkistus", rule=Task.Rule.YEARLY_DATE, day=1, month=3)
    copy = task.copy_for_translation(locales["sv"])
    copy.title = "Kontroll"
    copy.save()
    assert Translation.objects.filter(
        source__object_id=task.translation_key, target_locale=locales["sv"]
    ).exists()
    task.day = 5
    task.save()
    copy.refresh_from_db()
    assert (copy.day, copy.title) == (5, "Kontroll")
