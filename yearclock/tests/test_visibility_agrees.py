"""`Task.audience()` (one task, for kb.access) and `TaskQuerySet.visible_to()` (the same
rule as a query) are written apart; on generated tasks and readers they must agree."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.access import Reader
from kb.tests.factories import OrganisationFactory, UserFactory, staff_user, swedish
from yearclock.models import Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db

# A region with two member municipalities, and a municipality outside it.
ORGANISATIONS = ("seutu", "rusko", "kangasala", "ylojarvi")
READERS = ("anonymous", "superuser", "inactive", "no-profile", *ORGANISATIONS)


@pytest.fixture
def world():
    region = OrganisationFactory(name="Tampereen seutu", slug="seutu", kind="region")
    rows = {"seutu": region}
    for slug in ORGANISATIONS[1:]:
        parent = region if slug != "ylojarvi" else None
        rows[slug] = OrganisationFactory(name=slug.capitalize(), slug=slug, parent=parent)
    # A clock may point to an organisation's Swedish row: both rules compare keys.
    in_swedish = {
        slug: organisation.copy_for_translation(swedish()) for slug, organisation in rows.items()
    }
    for organisation in in_swedish.values():
        organisation.parent = None
        organisation.save()
    return {"fi": rows, "sv": in_swedish}


def reader_of(kind, world):
    if kind == "anonymous":
        return Reader.for_user(AnonymousUser())
    if kind == "superuser":
        return Reader.for_user(UserFactory(is_superuser=True))
    if kind == "inactive":
        return Reader.for_user(staff_user(organisation=world["fi"]["rusko"], is_active=False))
    if kind == "no-profile":
        return Reader.for_user(UserFactory())
    return Reader.for_user(staff_user(organisation=world["fi"][kind]))


TASKS = st.lists(
    st.tuples(
        st.sampled_from(ORGANISATIONS),
        st.sampled_from(("fi", "sv")),
        st.sampled_from(Task.Visibility.values),
    ),
    max_size=6,
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tasks=TASKS, reader_kind=st.sampled_from(READERS))
def test_audience_and_visible_to_agree(world, tasks, reader_kind):
    with transaction.atomic():
        for slug, language, visibility in tasks:
            clock = YearClockFactory(organisation=world[language][slug])
            TaskFactory(year_clock=clock, visibility=visibility)
        reader = reader_of(reader_kind, world)
        everything = Task.objects.select_related("year_clock__organisation")
        by_audience = {task.pk for task in everything if reader.may_see(task.audience())}
        by_query = set(Task.objects.visible_to(reader).values_list("pk", flat=True))
        assert by_query == by_audience
        transaction.set_rollback(True)


def test_the_world_tells_the_rules_apart(world):
    """Positive control: in this world a rule that forgot the region, or let a region see
    its members' staff tasks, or compared rows instead of keys, would give another answer."""
    clock = YearClockFactory(organisation=world["fi"]["seutu"])
    task = TaskFactory(year_clock=clock, visibility=Task.Visibility.STAFF)
    rusko_staff = reader_of("rusko", world)
    assert rusko_staff.may_see(task.audience())
    assert task.pk in set(Task.objects.visible_to(rusko_staff).values_list("pk", flat=True))
    ylojarvi_staff = reader_of("ylojarvi", world)
    assert not ylojarvi_staff.may_see(task.audience())
    assert not Task.objects.visible_to(ylojarvi_staff).filter(pk=task.pk).exists()
    # The region's own staff do not see a member's staff tasks (scopes go upwards only).
    member_task = TaskFactory(
        year_clock=YearClockFactory(organisation=world["fi"]["rusko"]),
        visibility=Task.Visibility.STAFF,
    )
    region_staff = reader_of("seutu", world)
    assert not region_staff.may_see(member_task.audience())
    assert not Task.objects.visible_to(region_staff).filter(pk=member_task.pk).exists()
    # A clock on Rusko's Swedish row is still Rusko's: both rules compare keys.
    swedish_task = TaskFactory(
        year_clock=YearClockFactory(organisation=world["sv"]["rusko"]),
        visibility=Task.Visibility.STAFF,
    )
    assert swedish_task.year_clock.organisation.pk != world["fi"]["rusko"].pk
    assert rusko_staff.may_see(swedish_task.audience())
    assert Task.objects.visible_to(rusko_staff).filter(pk=swedish_task.pk).exists()
