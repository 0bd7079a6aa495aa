"""The organisation snippets are in the admin and can be translated with wagtail-localize."""

from django.urls import reverse

import pytest

from guides.tests.factories import GuidePageFactory, site_tree
from kb.tests.factories import RoleFactory, SchoolYearFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    return client


@pytest.mark.parametrize("model", ["organisation", "school", "role", "schoolyear", "staffprofile"])
def test_snippet_listings_and_create_forms(admin_client_, model):
    assert admin_client_.get(reverse(f"wagtailsnippets_kb_{model}:list")).status_code == 200
    assert admin_client_.get(reverse(f"wagtailsnippets_kb_{model}:add")).status_code == 200


def test_school_year_form_has_breaks_inline(admin_client_):
    year = SchoolYearFactory(start_year=2026)
    html = admin_client_.get(reverse("wagtailsnippets_kb_schoolyear:edit", args=[year.pk]))
    assert "breaks-FORMS" in html.content.decode()


def test_translate_action_for_snippets_and_pages(admin_client_, locales):
    role = RoleFactory(name="Opettaja", slug="opettaja")
    url = reverse("wagtail_localize:submit_snippet_translation", args=["kb", "role", role.pk])
    assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(url, {"locales": [locales["sv"].pk]})
    assert response.status_code == 302
    assert role.get_translations().filter(locale=locales["sv"]).exists()

    tree = site_tree()
    page = GuidePageFactory(parent=tree["public"])
    page_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert admin_client_.get(page_url).status_code == 200


def test_verify_action_in_page_header_and_listing(admin_client_):
    SchoolYearFactory(start_year=2026)
    tree = site_tree()
    page = GuidePageFactory(parent=tree["public"])
    verify_url = reverse("review_verify_page", args=[page.pk])
    import time_machine

    with time_machine.travel("2026-09-01 12:00", tick=False):
        edit = admin_client_.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        listing = admin_client_.get(reverse("wagtailadmin_explore", args=[tree["public"].pk]))
    assert edit.status_code == listing.status_code == 200
    assert verify_url in edit.content.decode()
    assert verify_url in listing.content.decode()


def test_staff_profile_choosers_list_each_role_once(locales, admin_client):
    from kb.translation import po_from_fields, translate

    role = RoleFactory(name="Rehtori", slug="rehtori")
    translate(role, locales["sv"], po_from_fields(role, {"name": "Rektor"}))
    html = admin_client.get(reverse("wagtailsnippets_kb_staffprofile:add")).content.decode()
    assert "Rehtori" in html and "Rektor" not in html
