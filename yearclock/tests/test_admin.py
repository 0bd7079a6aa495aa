"""Admin: snippets open, the dashboard lists overdue occurrences to editors and owners."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Permission

import pytest
import time_machine

from kb.tests.factories import SchoolYearFactory, UserFactory, staff_user
from yearclock import occurrences
from yearclock.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 2, 1, 12, tzinfo=ZoneInfo("Europe/Helsinki"))


@pytest.fixture
def overdue_task(locales):
    with time_machine.travel(NOW, tick=False):
        SchoolYearFactory(start_year=2026)
        return TaskFactory(title="Rahoituksen katselmointi", month=1, day=15)


def test_editor_dashboard_lists_overdue_occurrences(client, overdue_task):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    with time_machine.travel(NOW, tick=False):
        client.force_login(admin)
        response = client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Rahoituksen katselmointi" in content
    assert "15.1.2027" in content


def test_done_occurrences_leave_the_panel(client, overdue_task):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    with time_machine.travel(NOW, tick=False):
        occurrences.mark_done(overdue_task, datetime.date(2027, 1, 15), admin)
        client.force_login(admin)
        response = client.get("/admin/")
    assert "Rahoituksen katselmointi" not in response.content.decode()


def test_other_admin_users_do_not_see_the_panel(client, overdue_task):
    user = UserFactory(username="moderator")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        response = client.get("/admin/")
    assert response.status_code == 200
    assert "Rahoituksen katselmointi" not in response.content.decode()


def test_task_snippet_views_open(client, overdue_task):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for url in (
        "/admin/snippets/yearclock/task/",
        "/admin/snippets/yearclock/task/add/",
        f"/admin/snippets/yearclock/task/edit/{overdue_task.pk}/",
        "/admin/snippets/yearclock/yearclock/",
        "/admin/snippets/yearclock/reminderdelivery/",
    ):
        assert client.get(url).status_code == 200, url


def test_import_menu_item_only_for_those_who_may_add_tasks(client, locales):
    user = UserFactory(username="moderator")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert "/admin/yearclock/import/" not in client.get("/admin/").content.decode()
    user.user_permissions.add(
        Permission.objects.get(codename="add_task", content_type__app_label="yearclock")
    )
    assert "/admin/yearclock/import/" in client.get("/admin/").content.decode()


def test_deleting_a_task_warns_that_every_language_goes(client, overdue_task):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = f"/admin/snippets/yearclock/task/delete/{overdue_task.pk}/"
    page = client.get(url).content.decode()
    assert "Rahoituksen katselmointi" in page  # the confirmation of this task
    assert "data-yearclock-delete-warning" in page
    assert "jokaisella kielellä" in page  # in the editor's (default) admin language


@pytest.mark.parametrize("suffix", ["", "results/"])
def test_task_search_answers_with_matching_tasks(client, locales, suffix):
    """Regression: searching the listing raised FilterFieldError on translation_key.

    As the clock's own editor, whose listing is narrowed by organisation."""
    wanted = TaskFactory(title="Kouluterveyskysely")
    TaskFactory(title="Budjetin laadinta", year_clock=wanted.year_clock)
    editor = staff_user(username="toimittaja", organisation=wanted.year_clock.organisation)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_task", "view_task"])
    )
    client.force_login(editor)
    response = client.get(f"/admin/snippets/yearclock/task/{suffix}?q=kysely")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kouluterveyskysely" in html
    assert "Budjetin laadinta" not in html


def test_task_listing_shows_the_editors_language_with_next_dates(client, locales):
    """One language by default (the editor's admin language), a next-date column, and
    filters by clock, category and role; "All languages" is still a choice."""
    from wagtail.users.models import UserProfile

    from kb.tests.factories import RoleFactory
    from kb.translation import po_from_fields, translate

    with time_machine.travel(NOW, tick=False):
        SchoolYearFactory(start_year=2026)
        rehtori = RoleFactory(slug="rehtori")
        task = TaskFactory(title="Rahoituksen katselmointi", month=3, day=15, roles=[rehtori])
        other = TaskFactory(title="Budjetin laadinta", month=5, day=4, year_clock=task.year_clock)
        clock = task.year_clock
        translate(clock, locales["sv"], po_from_fields(clock, {"name": "Rusko årshjul"}))
        translate(
            task,
            locales["sv"],
            po_from_fields(
                task, {"title": "Granskning av finansieringen", "description": "Se över."}
            ),
        )
        admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        client.force_login(admin)
        url = "/admin/snippets/yearclock/task/"
        html = client.get(url).content.decode()
        assert "Rahoituksen katselmointi" in html and "Budjetin laadinta" in html
        assert "Granskning av finansieringen" not in html
        assert "15.3.2027" in html  # the next date (a Monday: not moved)
        profile = UserProfile.get_for_user(admin)
        profile.preferred_language = "sv"
        profile.save()
        html = client.get(url).content.decode()
        assert "Granskning av finansieringen" in html and "Rahoituksen katselmointi" not in html
        html = client.get(url + "?language=").content.decode()
        assert "Granskning av finansieringen" in html and "Rahoituksen katselmointi" in html
        html = client.get(f"{url}?language=fi&roles={rehtori.pk}").content.decode()
        assert "Rahoituksen katselmointi" in html and "Budjetin laadinta" not in html
        html = client.get(f"{url}?language=fi&year_clock={task.year_clock.pk}").content.decode()
        assert "Budjetin laadinta" in html
    assert other.pk


def test_task_form_previews_the_saved_rules_dates_without_a_script(client, overdue_task):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    with time_machine.travel(NOW, tick=False):
        client.force_login(admin)
        html = client.get(f"/admin/snippets/yearclock/task/edit/{overdue_task.pk}/").content
    html = html.decode()
    assert "data-yearclock-preview" in html and "yearclock/task-form.js" in html
    assert "15.1.2027" in html  # this school year (2026–2027)
    assert "17.1.2028" in html  # the next: 15.1.2028 is a Saturday, moved to Monday
    assert "data-yearclock-rule" in html


def test_rule_preview_endpoint_answers_editors_only(client, locales):
    url = "/admin/yearclock/rule-preview/"
    rule = {"rule": "term", "anchor": "spring_term_end", "offset_days": "-14"}
    editor = staff_user(username="toimittaja")
    editor.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    with time_machine.travel(NOW, tick=False):
        client.force_login(editor)
        assert client.get(url, rule).status_code == 403
        editor.user_permissions.add(
            Permission.objects.get(codename="change_task", content_type__app_label="yearclock")
        )
        SchoolYearFactory(start_year=2026)
        answer = client.get(url, rule).json()["html"]
        assert "2026–2027" in answer and "2027–2028" in answer
        year = SchoolYearFactory.build(start_year=2026)
        spring_end = year.spring_term_end - datetime.timedelta(days=14)
        assert f"{spring_end:%-d.%-m.%Y}" in answer or "siirretty" in answer
        broken = client.get(url, {"rule": "yearly_date", "month": "13"}).json()["html"]
    assert "2026–2027" not in broken and "<li>" in broken  # the form's own messages


def test_task_form_lists_roles_and_guides_with_search_own_section_first(client, locales):
    """No "Root" among the guides; each labelled by its section; the editor's own first."""
    from django.contrib.auth.models import Group

    from wagtail.models import GroupPagePermission

    from guides.tests.factories import GuidePageFactory, site_tree

    tree = site_tree()
    GuidePageFactory(parent=tree["public"], title="Aamupäivätoiminta", slug="aamu")
    GuidePageFactory(parent=tree["staff"], title="Tulostimen käyttö", slug="tulostin")
    task = TaskFactory(title="Laitteiden jako")
    editor = staff_user(username="toimittaja", organisation=task.year_clock.organisation)
    group = Group.objects.create(name="Henkilöstösivujen toimittajat")
    GroupPagePermission.objects.create(group=group, page=tree["staff"], permission_type="change")
    editor.groups.add(group)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_task", "view_task"])
    )
    client.force_login(editor)
    html = client.get(f"/admin/snippets/yearclock/task/edit/{task.pk}/").content.decode()
    guides = html[html.index('id="id_guides"') :]
    assert ">Root<" not in guides and "Root</label>" not in guides
    own = guides.index("Henkilöstölle › Tulostimen käyttö")
    other = guides.index("Huoltajille › Aamupäivätoiminta")
    assert own < other
    assert html.count('<input type="search" class="yearclock-choices__search"') == 2
