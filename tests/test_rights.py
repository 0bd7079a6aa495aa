"""The demo's editors can each do what README says, and no more (client level)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page, Workflow
from wagtail.permissions import policy_registry

import pytest
import time_machine

from services.models import Decision
from yearclock.models import Task, YearClock

pytestmark = pytest.mark.django_db


def page(slug, language="fi"):
    return Page.objects.get(slug=slug, locale__language_code=language)


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False)
def test_each_demo_editor_has_the_rights_of_their_role(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    users = {u.username: u for u in get_user_model().objects.all()}
    rusko_page, rusko_sv = page("oppilaan-laite"), page("elevens-enhet", "sv")
    kangasala_page = page("digitaalisen-osaamisen-suunnitelma")
    skill_page = page("digitaidot-1-2")
    rusko_task = Task.objects.filter(year_clock__slug="rusko").first()
    kangasala_task = Task.objects.filter(year_clock__slug="kangasala").first()
    policy = policy_registry.get_by_type(Task)

    def rights(username, target):
        perms = target.permissions_for_user(users[username])
        return perms.can_edit(), perms.can_publish()

    # Rusko's editor edits and publishes Rusko's sections in both languages, not Kangasala's.
    assert rights("toimittaja", rusko_page) == (True, True)
    assert rights("toimittaja", rusko_sv) == (True, True)
    assert rights("toimittaja", kangasala_page) == (False, False)
    assert rights("toimittaja", skill_page) == (False, False)  # the region's skill pages
    # Kangasala's editor edits Kangasala's section; publishing goes through the approvers.
    assert rights("kangasala-toimittaja", kangasala_page) == (True, False)
    assert rights("kangasala-toimittaja", rusko_page) == (False, False)
    workflow = kangasala_page.get_workflow()
    assert workflow.name == "Kangasalan hyväksyntä – Godkännande i Kangasala"
    approvers = workflow.tasks.get().specific.groups.get().user_set.all()
    assert list(approvers) == [users["kangasala-rehtori"]]
    assert rights("kangasala-rehtori", kangasala_page) == (True, True)
    # Wagtail's empty "Moderators approval" no longer holds every edit.
    assert rusko_page.get_workflow() is None
    assert (
        Workflow.objects.filter(name="Moderators approval", workflow_pages__isnull=False)[
            :1
        ].count()
        == 0
    )
    # The regional team publishes everywhere and starts school years.
    for target in (rusko_page, kangasala_page, skill_page):
        assert rights("seututiimi", target) == (True, True)
    assert users["seututiimi"].has_perm("kb.add_schoolyear")
    assert not users["toimittaja"].has_perm("kb.add_schoolyear")
    # Year clocks: each editor manages the tasks of their own organisation only.
    assert policy.user_has_permission_for_instance(users["toimittaja"], "change", rusko_task)
    assert not policy.user_has_permission_for_instance(
        users["toimittaja"], "change", kangasala_task
    )
    assert policy.user_has_permission_for_instance(
        users["kangasala-toimittaja"], "change", kangasala_task
    )
    assert not policy.user_has_permission_for_instance(
        users["kangasala-toimittaja"], "change", rusko_task
    )
    assert policy.user_has_permission_for_instance(users["seututiimi"], "change", rusko_task)
    clocks = policy_registry.get_by_type(YearClock)
    assert set(
        clocks.instances_user_has_any_permission_for(users["toimittaja"], ["change"]).values_list(
            "slug", flat=True
        )
    ) == {"rusko"}

    # The service register: Rusko's editor keeps Rusko's decisions, not Kangasala's.
    decisions = policy_registry.get_by_type(Decision)
    rusko_decision = Decision.objects.filter(organisation__slug="rusko").first()
    kangasala_decision = Decision.objects.filter(organisation__slug="kangasala").first()
    assert decisions.user_has_permission_for_instance(users["toimittaja"], "change", rusko_decision)
    assert not decisions.user_has_permission_for_instance(
        users["toimittaja"], "change", kangasala_decision
    )

    client.force_login(users["toimittaja"])
    # Every language (the listing shows the editor's own by default; the first task may be Swedish).
    every_language = reverse("wagtailsnippets_yearclock_task:list") + "?language="
    listing = client.get(every_language).content.decode()
    assert rusko_task.title in listing and kangasala_task.title not in listing
    edit = client.get(reverse("wagtailsnippets_yearclock_task:edit", args=[kangasala_task.pk]))
    assert edit.status_code in (302, 403)
    assert (
        client.get(reverse("wagtailsnippets_yearclock_task:edit", args=[rusko_task.pk])).status_code
        == 200
    )
    # Every other view of one task too (kb.rights.ManagedViewSetMixin).
    for view in ("delete", "history", "usage", "inspect"):
        name = f"wagtailsnippets_yearclock_task:{view}"
        assert client.get(reverse(name, args=[kangasala_task.pk])).status_code in (302, 403), view
        assert client.get(reverse(name, args=[rusko_task.pk])).status_code == 200, view
    # Readers have no admin.
    client.force_login(users["opettaja"])
    assert client.get("/admin/").status_code == 302
