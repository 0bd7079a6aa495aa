"""Verified / due / overdue across a school-year change, and the editor's verify action."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine

from guides.review import verify_page
from guides.tests.factories import GuidePageFactory, site_tree
from guides.verification import PageVerification, Status, review_state_for
from kb.tests.factories import SchoolYearFactory

pytestmark = pytest.mark.django_db


def at(day):
    return time_machine.travel(datetime.datetime(*day, 12, 0), tick=False)


@pytest.fixture
def page(db):
    tree = site_tree()
    return GuidePageFactory(parent=tree["public"], title="Turvatulostus", slug="turvatulostus")


@pytest.fixture
def years(db):
    return {y: SchoolYearFactory(start_year=y) for y in (2025, 2026)}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("toimittaja", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def admin_user_(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x")


def test_state_across_the_school_year_change(page, years, settings):
    settings.REVIEW_GRACE_DAYS = 60
    with at((2026, 5, 10)):
        verify_page(page, None)
    with at((2026, 7, 31)):
        state = review_state_for(page)
        assert state.status == Status.VERIFIED
        assert state.school_year.label == "2025–2026"
    with at((2026, 8, 1)):
        state = review_state_for(page)
        assert state.status == Status.DUE
        assert state.school_year.label == "2026–2027"
        assert state.last_verified_year.label == "2025–2026"
    with at((2026, 9, 29)):  # day 59 of the grace period
        assert review_state_for(page).status == Status.DUE
    with at((2026, 9, 30)):  # 1.8. + 60 days
        assert review_state_for(page).status == Status.OVERDUE
    with at((2026, 10, 5)):
        verify_page(page, None)
        assert review_state_for(page).status == Status.VERIFIED
    assert PageVerification.objects.filter(page=page).count() == 2


def test_verifying_records_the_live_revision_without_a_new_revision(page, years, editor):
    revisions_before = page.revisions.count()
    with at((2026, 8, 20)):
        verification = verify_page(page, editor)
    assert verification.revision_id == page.live_revision_id
    assert verification.school_year.start_year == 2026
    assert page.revisions.count() == revisions_before


def test_no_school_year_for_today_is_a_clear_error(page):
    from django.core.exceptions import ValidationError

    with at((2026, 8, 20)), translation.override("fi"):
        with pytest.raises(ValidationError) as error:
            verify_page(page, None)
        assert "Tälle päivälle ei ole määritelty lukuvuotta" in error.value.messages[0]
    assert not PageVerification.objects.exists()


def test_reader_sees_verified_label_and_awaiting_notice(client, page, years):
    with at((2026, 5, 10)):
        verify_page(page, None)
        html = client.get(page.url).content.decode()
        assert "Tarkistettu lukuvuodelle 2025–2026" in html
    with at((2026, 8, 2)):
        html = client.get(page.url).content.decode()
        assert "Tarkistettu lukuvuodelle" not in html
        assert "odottaa tarkistusta lukuvuodelle 2026–2027" in html
        assert "viimeksi tarkistettu lukuvuodelle 2025–2026" in html.lower()


def test_swedish_reader_label(client, page, years):
    with at((2026, 9, 1)):
        verify_page(page, None)
        with translation.override("sv"):
            from django.template.loader import render_to_string

            html = render_to_string("guides/includes/review_status.html", {"page": page})
    assert "Granskad för läsåret 2026–2027" in html


def test_editor_verifies_with_one_post(client, page, years, editor):
    client.force_login(editor)
    url = reverse("review_verify_page", args=[page.pk])
    with at((2026, 8, 20)):
        assert client.get(url).status_code == 200
        response = client.post(url, {"school_year": years[2026].pk})
    assert response.status_code == 302
    verification = PageVerification.objects.get(page=page)
    assert verification.verified_by == editor
    assert verification.school_year == years[2026]


def test_verifying_a_missing_school_year_changes_nothing(client, page, years, editor):
    client.force_login(editor)
    url = reverse("review_verify_page", args=[page.pk])
    with at((2026, 8, 20)), translation.override("fi"):
        response = client.post(url, {"school_year": 999999}, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400
    assert not PageVerification.objects.exists()


def test_verifying_without_a_current_school_year_changes_nothing(client, page, editor):
    client.force_login(editor)
    url = reverse("review_verify_page", args=[page.pk])
    with at((2026, 8, 20)):
        response = client.post(url, {})
    assert response.status_code == 400
    assert not PageVerification.objects.exists()


def test_users_without_publish_permission_cannot_verify(client, page, years, django_user_model):
    reader = django_user_model.objects.create_user("opettaja", password="x", is_staff=True)
    reader.user_permissions.add(*access_admin_permission())
    client.force_login(reader)
    with at((2026, 8, 20)):
        response = client.post(reverse("review_verify_page", args=[page.pk]), {})
    assert response.status_code in (302, 403)
    assert not PageVerification.objects.exists()


def access_admin_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def test_dashboard_panel_lists_due_pages(client, page, years, admin_user_):
    client.force_login(admin_user_)
    with at((2026, 8, 20)):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-kb-review-panel" in html
    assert "Turvatulostus" in html
    assert reverse("review_verify_page", args=[page.pk]) in html


def test_report_filters_and_exports_csv(client, page, years, admin_user_):
    other = GuidePageFactory(parent=page.get_parent(), title="MFA", slug="mfa")
    client.force_login(admin_user_)
    with at((2026, 8, 20)):
        verify_page(other, admin_user_)
        html = client.get(reverse("review_report") + "?verified=no").content.decode()
        assert "Turvatulostus" in html
        assert ">MFA<" not in html
        csv = client.get(reverse("review_report") + "?export=csv")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Turvatulostus" in body
    assert "2026–2027" in body


def test_history_links_to_the_revision_of_an_earlier_year(client, page, years, admin_user_):
    client.force_login(admin_user_)
    page.save_revision().publish()
    with at((2026, 5, 10)):
        old = verify_page(page, admin_user_)
    assert old.revision_id is not None
    page.title = "Turvatulostus (uusi)"
    page.save_revision().publish()
    with at((2026, 8, 20)):
        verify_page(page, admin_user_)
        response = client.get(reverse("review_year", args=[page.pk, 2025]))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:revisions_view", args=[page.pk, old.revision_id]
    )
    assert client.get(response["Location"]).status_code == 200


def test_dashboard_verify_button_posts_with_a_valid_token(page, years, editor):
    """Regression: the panel rendered {% csrf_token %} without the request, so the
    button answered 403. The browser's way: load the dashboard, post its form."""
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    with at((2026, 8, 20)):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        action = reverse("review_verify_page", args=[page.pk])
        form = re.search(rf'<form method="post" action="{action}">(.*?)</form>', html, re.S)
        assert form, "the dashboard has no verify button for the due page"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1))
        assert token, "the verify form carries no CSRF token"
        response = client.post(
            action,
            {
                "csrfmiddlewaretoken": token.group(1),
                "school_year": years[2026].pk,
                "next": reverse("wagtailadmin_home"),
            },
        )
    assert response.status_code == 302
    assert PageVerification.objects.filter(page=page, school_year=years[2026]).exists()
