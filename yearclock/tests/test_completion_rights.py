"""Who may mark an occurrence done, and who sees who did it (issue 7, item 2)."""

import datetime

import pytest
import time_machine

from kb.access import Reader
from kb.tests.factories import (
    OrganisationFactory,
    RoleFactory,
    SchoolFactory,
    SchoolYearFactory,
    staff_user,
)
from yearclock.models import Completion, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 10, 5, 12, 0, tzinfo=datetime.UTC)
OCCURRENCE = "2026-09-01"
NOTE = "Sopimukset tarkistettu, Laukolan koulun kopiokone puuttui listalta"


@pytest.fixture
def world(locales):
    """Rusko with two schools, Kangasala beside it, one school-specific public task."""
    SchoolYearFactory(start_year=2026)
    region = OrganisationFactory(slug="tampereen-seutu", name="Tampereen seutu")
    rusko = OrganisationFactory(slug="rusko", name="Ruskon kunta", parent=region)
    kangasala = OrganisationFactory(slug="kangasala", name="Kangasalan kaupunki", parent=region)
    maunu = SchoolFactory(slug="maunun-koulu", name="Maunun koulu", organisation=rusko)
    laukola = SchoolFactory(slug="laukolan-koulu", name="Laukolan koulu", organisation=rusko)
    pikkola = SchoolFactory(slug="pikkolan-koulu", name="Pikkolan koulu", organisation=kangasala)
    rehtori = RoleFactory(slug="rehtori", name="Rehtori")
    clock = YearClockFactory(slug="rusko", organisation=rusko)
    task = TaskFactory(
        year_clock=clock,
        title="Oppilaskoneiden tarkistus",
        visibility=Task.Visibility.PUBLIC,
        month=9,
        day=1,
        roles=[rehtori],
        schools=[maunu],
    )
    return {
        "task": task,
        "region": region,
        "rusko": rusko,
        "kangasala": kangasala,
        "maunu": maunu,
        "laukola": laukola,
        "pikkola": pikkola,
        "rehtori": rehtori,
    }


def mark(client, user, task, **data):
    client.force_login(user)
    return client.post(task.get_absolute_url(), {"occurrence": OCCURRENCE, **data})


@time_machine.travel(TODAY, tick=False)
def test_the_schools_own_principal_marks_done_and_the_completion_records_who(client, world):
    principal = staff_user(roles=[world["rehtori"]], schools=[world["maunu"]])
    assert mark(client, principal, world["task"], note=NOTE).status_code == 302
    completion = Completion.objects.get()
    assert completion.done_by == principal and completion.note == NOTE


@time_machine.travel(TODAY, tick=False)
def test_a_principal_of_another_school_gets_403_and_nothing_is_written(client, world):
    other = staff_user(roles=[world["rehtori"]], schools=[world["laukola"]])
    assert mark(client, other, world["task"]).status_code == 403
    assert not Completion.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_another_municipality_can_neither_mark_nor_undo(client, world):
    principal = staff_user(roles=[world["rehtori"]], schools=[world["maunu"]])
    mark(client, principal, world["task"], note=NOTE)
    outsider = staff_user(
        roles=[world["rehtori"]], schools=[world["pikkola"]], organisation=world["kangasala"]
    )
    assert mark(client, outsider, world["task"], undo="1").status_code == 403
    assert Completion.objects.get().done_by == principal
    Completion.objects.all().delete()
    assert mark(client, outsider, world["task"]).status_code == 403
    assert not Completion.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_region_member_is_not_an_admin_of_the_municipality(client, world):
    regional = staff_user(roles=[world["rehtori"]], organisation=world["region"])
    assert mark(client, regional, world["task"]).status_code == 403
    assert not Completion.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_organisations_admin_may_act_for_any_of_its_schools(client, world):
    admin = staff_user()
    admin.user_permissions.add(change_task())
    assert mark(client, admin, world["task"]).status_code == 302
    foreign_admin = staff_user(organisation=world["kangasala"])
    foreign_admin.user_permissions.add(change_task())
    assert mark(client, foreign_admin, world["task"], undo="1").status_code == 403
    assert Completion.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_roles_match_by_translation_key_not_by_language(client, world, locales):
    swedish_role = world["rehtori"].copy_for_translation(locales["sv"])
    swedish_role.name = "Rektor"
    swedish_role.save()
    principal = staff_user(roles=[swedish_role], schools=[world["maunu"]])
    assert mark(client, principal, world["task"]).status_code == 302


@time_machine.travel(TODAY, tick=False)
def test_guardians_never_see_who_or_the_note(client, world):
    principal = staff_user(
        roles=[world["rehtori"]], schools=[world["maunu"]], first_name="Raili", last_name="Rehtori"
    )
    mark(client, principal, world["task"], note=NOTE)
    client.logout()
    # Each reader opens the occurrence from the list (?date=): the one whose details show.
    for language in ("fi", "sv"):
        html = client.get(
            world["task"].get_absolute_url(language), {"date": OCCURRENCE}
        ).content.decode()
        # Guardians see dates, not the staff's working words (issue 19), and never who.
        assert world["task"].title in html  # positive control: the task's own page
        assert "state--done" not in html
        assert NOTE not in html and "Raili" not in html
    colleague = staff_user(schools=[world["laukola"]])
    client.force_login(colleague)
    html = client.get(world["task"].get_absolute_url(), {"date": OCCURRENCE}).content.decode()
    assert NOTE in html and "Raili Rehtori" in html
    client.force_login(staff_user(organisation=world["kangasala"]))
    html = client.get(world["task"].get_absolute_url(), {"date": OCCURRENCE}).content.decode()
    assert 'class="state state--done"' in html
    assert NOTE not in html and "Raili" not in html


def test_staff_tasks_are_for_their_organisations_staff(world):
    rusko_clock = world["task"].year_clock
    region_clock = YearClockFactory(slug="seutu", organisation=world["region"])
    rusko_staff_task = TaskFactory(year_clock=rusko_clock, title="Ruskon sisäinen")
    region_staff_task = TaskFactory(year_clock=region_clock, title="Seudun sisäinen")
    public_task = world["task"]
    readers = {
        "anonymous": Reader.anonymous(),
        "rusko": Reader.for_user(staff_user()),
        "kangasala": Reader.for_user(staff_user(organisation=world["kangasala"])),
        "region": Reader.for_user(staff_user(organisation=world["region"])),
        "no organisation": Reader.for_user(_without_organisation(staff_user())),
    }
    expected = {
        "anonymous": {public_task},
        "rusko": {public_task, rusko_staff_task, region_staff_task},
        "kangasala": {public_task, region_staff_task},
        "region": {public_task, region_staff_task},
        "no organisation": {public_task},
    }
    for name, reader in readers.items():
        found = set(Task.objects.visible_to(reader))
        assert found == expected[name], name
        # The queryset and the object rule are one rule: they agree task by task.
        for task in Task.objects.all():
            assert reader.may_see(task.audience()) == (task in found), (name, task)


def change_task():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(codename="change_task", content_type__app_label="yearclock")


def _without_organisation(user):
    profile = user.staff_profile
    profile.organisation = None
    profile.save()
    return user
