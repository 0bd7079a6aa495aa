"""Tasks in two languages stay in sync; completion rights; feed tokens."""

import datetime

from django.core.exceptions import PermissionDenied

import pytest

from kb.tests.factories import RoleFactory, SchoolYearFactory, UserFactory, staff_user
from yearclock import occurrences
from yearclock.models import Completion, FeedToken, Task, hash_token
from yearclock.permissions import can_mark_done
from yearclock.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def translate(task, locale, title):
    translation = task.copy_for_translation(locale)
    translation.title = title
    translation.save()
    return translation


def test_schedule_roles_and_sequence_stay_in_sync_across_locales(locales):
    principal = RoleFactory(slug="rehtori")
    teacher = RoleFactory(slug="opettaja")
    task = TaskFactory(roles=[principal])
    swedish = translate(task, locales["sv"], "Granskning")
    assert list(swedish.roles.all()) == [principal]
    task.month, task.day = 3, 1
    task.save()
    task.roles.add(teacher)
    swedish.refresh_from_db()
    assert (swedish.month, swedish.day) == (3, 1)
    assert swedish.sequence == task.sequence == 1
    assert set(swedish.roles.all()) == {principal, teacher}
    assert swedish.title == "Granskning"


def test_completion_is_shared_by_translations_and_unique(locales):
    SchoolYearFactory(start_year=2026)
    principal = RoleFactory(slug="rehtori")
    task = TaskFactory(roles=[principal])
    swedish = translate(task, locales["sv"], "Granskning")
    user = staff_user(roles=[principal])
    day = datetime.date(2027, 1, 15)
    first = occurrences.mark_done(task, day, user, "Tehty")
    second = occurrences.mark_done(swedish, day, user, "Klart")
    assert first.pk == second.pk
    assert Completion.objects.get().note == "Klart"
    assert first.school_year.start_year == 2026


def test_only_responsible_people_may_mark_done(locales):
    task = TaskFactory(roles=[RoleFactory(slug="rehtori")])
    outsider = staff_user(roles=[RoleFactory(slug="opettaja")])
    with pytest.raises(PermissionDenied):
        occurrences.mark_done(task, datetime.date(2027, 1, 15), outsider)
    owner = staff_user()
    task.owner = owner
    task.save()
    assert can_mark_done(owner, task)
    assert not can_mark_done(outsider, task)
    assert Completion.objects.count() == 0


def test_feed_tokens_are_stored_hashed_and_revocable(locales):
    user = UserFactory()
    token, raw = FeedToken.issue(user, "Outlook")
    assert len(raw) >= 43
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash
    assert FeedToken.lookup(raw) == token
    FeedToken.issue(user, "Puhelin")
    assert user.feed_tokens.count() == 2
    token.revoke()
    assert FeedToken.lookup(raw) is None
    assert FeedToken.lookup("") is None
    assert FeedToken.lookup("x" * 1000) is None


def test_tasks_for_user_follow_roles_schools_and_ownership(locales):
    from kb.tests.factories import SchoolFactory

    principal = RoleFactory(slug="rehtori")
    school, other = SchoolFactory(), SchoolFactory()
    user = staff_user(roles=[principal], schools=[school])
    everywhere = TaskFactory(roles=[principal])
    here = TaskFactory(roles=[principal], schools=[school])
    TaskFactory(roles=[principal], schools=[other])
    TaskFactory(roles=[RoleFactory(slug="opettaja")])
    owned = TaskFactory(owner=user)
    assert set(Task.objects.for_user(user)) == {everywhere, here, owned}
