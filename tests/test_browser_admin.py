"""The editor's admin paths fixed in issue 20, in a real browser, in both admin languages:
the dashboard's verify button, the task listing's search, the task form's rule fields,
its date preview and its searchable choices. axe checks our own components."""

import datetime

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

import pytest
import time_machine

from guides.tests.factories import GuidePageFactory, site_tree
from guides.verification import PageVerification
from kb.tests.factories import RoleFactory, SchoolYearFactory
from kb.translation import po_from_fields, translate
from yearclock import imports
from yearclock.models import Task
from yearclock.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.datetime(2026, 11, 23, 9, 0)
WORDS = {
    "fi": {
        "verify": "Tarkista lukuvuodelle",
        "title": "Kouluterveyskysely",
        "q": "kysely",
        "nothing": "Mitään ei tuotu",
    },
    "sv": {
        "verify": "Granska för läsåret",
        "title": "Skolhälsoenkät",
        "q": "enkät",
        "nothing": "Ingenting importerades",
    },
}
BAD_ROW = "Laitteiden jako;;;;laitteet;32.8.2026;;;;;public;no;7"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_editor_admin_paths(browser_page, browser_sign_in, axe, locales, language):
    page = browser_page
    with time_machine.travel(NOW, tick=True):
        tree = site_tree()
        due = GuidePageFactory(parent=tree["public"], title="Turvatulostus", slug="turva")
        due.save_revision().publish()
        SchoolYearFactory(start_year=2026)
        RoleFactory(slug="rehtori", name="Rehtori")
        RoleFactory(slug="tvt", name="TVT-vastaava")
        task = TaskFactory(title="Kouluterveyskysely", month=3, day=15)
        TaskFactory(title="Budjetin laadinta", year_clock=task.year_clock)
        clock = task.year_clock
        translate(clock, locales["sv"], po_from_fields(clock, {"name": "Årshjul"}))
        texts = {"title": "Skolhälsoenkät", "description": "Enkäten."}
        translate(task, locales["sv"], po_from_fields(task, texts))
        admin = get_user_model().objects.create_superuser("paakayttaja", password="x")
        profile = UserProfile.get_for_user(admin)
        profile.preferred_language = language
        profile.save()
        browser_sign_in(page, admin)

        # The dashboard's verify button posts with its token (was 403).
        page.goto("/admin/")
        assert page.locator("html").get_attribute("lang") == language
        panel = page.locator("[data-kb-review-panel]")
        axe(page, context="[data-kb-review-panel]")
        button = panel.locator("button", has_text=WORDS[language]["verify"]).first
        button.click()
        page.wait_for_url("**/admin/")
        assert PageVerification.objects.filter(page=due, school_year__start_year=2026).exists()

        # The task listing's search answers with the matching task (was 500).
        page.goto(f"/admin/snippets/yearclock/task/?q={WORDS[language]['q']}")
        listing = page.locator("main table").inner_text()
        assert WORDS[language]["title"] in listing and "Budjetin laadinta" not in listing
        assert "15.3.2027" in listing  # the next date

        # The task form: the chosen rule's fields only, and its dates as it changes (in
        # the source task: a translation's rule follows it and is not edited there).
        page.goto(f"/admin/snippets/yearclock/task/edit/{task.pk}/")
        weekday = page.locator("[name=weekday]")
        anchor = page.locator("[name=anchor]")
        assert page.locator("[name=day]").is_visible() and not anchor.is_visible()
        assert not weekday.is_visible()
        preview = page.locator("[data-yearclock-preview-body]")
        assert "15.3.2027" in preview.inner_text()
        axe(page, context="[data-yearclock-preview]")
        page.select_option("[name=rule]", Task.Rule.TERM)
        assert anchor.is_visible() and not weekday.is_visible()
        assert not page.locator("[name=day]").is_visible()
        page.select_option("[name=anchor]", Task.Anchor.SCHOOL_YEAR_START)
        page.fill("[name=offset_days]", "16")
        page.wait_for_function(
            "document.querySelector('[data-yearclock-preview-body]').textContent"
            ".includes('17.8.2027')"
        )  # 1.8.2027 + 16 days (a Tuesday), the next school year

        # Roles: a search box narrows the list.
        search = (
            page.locator("#id_roles")
            .locator("xpath=..")
            .locator("..")
            .locator("[data-yearclock-choices-search]")
        )
        search.fill("tvt")
        assert page.get_by_label("TVT-vastaava").is_visible()
        assert not page.get_by_label("Rehtori", exact=True).is_visible()
        axe(page, context="[data-yearclock-choices]")

        # The import, now in the admin's frame (the old address leads there): a bad row
        # is reported by row and nothing is imported.
        page.goto("/fi/vuosikello/tuonti/")
        page.wait_for_url("**/admin/yearclock/import/")
        axe(page, context="[data-yearclock-import]")
        header = ";".join(imports.COLUMNS)
        before = Task.objects.count()
        page.select_option("[name=year_clock]", str(clock.pk))
        page.set_input_files(
            "[name=file]",
            {"name": "v.csv", "mimeType": "text/csv", "buffer": f"{header}\n{BAD_ROW}\n".encode()},
        )
        page.locator("[data-yearclock-import] button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        report = page.locator("[data-yearclock-import] [role=alert]")
        assert WORDS[language]["nothing"] in report.inner_text()
        assert "32.8.2026" in report.inner_text()
        axe(page, context="[data-yearclock-import]")
        assert Task.objects.count() == before
