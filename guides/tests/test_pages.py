import datetime

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from guides.models import MemoPage, SkillPage
from guides.tests.factories import (
    GuidePageFactory,
    MemoPageFactory,
    ProcessPageFactory,
    SkillPageFactory,
    translate,
)

pytestmark = pytest.mark.django_db


def test_skill_grade_range_must_not_run_backwards(tree):
    page = SkillPage(title="Digitaidot", slug="digitaidot", grade_min=9, grade_max=3)
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        tree["public"].add_child(instance=page)
    assert "grade_max" in error.value.message_dict
    assert "ei voi olla pienempi" in error.value.message_dict["grade_max"][0]
    assert not SkillPage.objects.exists()


def test_skill_grade_range_error_in_swedish():
    page = SkillPage(title="Digital", slug="digital", grade_min=9, grade_max=3)
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        page.clean()
    assert "kan inte vara lägre" in error.value.message_dict["grade_max"][0]


def test_grades_outside_one_to_nine_are_rejected(tree):
    page = SkillPage(title="Digitaidot", slug="digitaidot", grade_min=0, grade_max=10)
    with pytest.raises(ValidationError) as error:
        tree["public"].add_child(instance=page)
    assert {"grade_min", "grade_max"} <= set(error.value.message_dict)


def test_memo_without_date_is_not_saved(tree):
    page = MemoPage(title="Muistio", slug="muistio", meeting_name="Rehtorikokous")
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        tree["public"].add_child(instance=page)
    assert "meeting_date" in error.value.message_dict
    assert "Anna kokouksen päivämäärä." in error.value.message_dict["meeting_date"]
    assert not MemoPage.objects.exists()


@pytest.mark.parametrize(
    ("factory", "text"),
    [
        (GuidePageFactory, "Ohje"),
        (ProcessPageFactory, "Prosessikuvaus"),
        (SkillPageFactory, "3–4"),
        (MemoPageFactory, "6.8.2026"),
    ],
)
def test_content_pages_render_in_finnish_and_swedish(client, tree, factory, text):
    page = factory(parent=tree["public"])
    translate(tree["home"], title="Skolornas anvisningar", slug="hem")
    translate(tree["public"], title="För vårdnadshavare", slug="for-vardnadshavare")
    swedish = translate(page, title=f"Svensk {page.title}", slug=f"sv-{page.slug}")

    fi_response = client.get(page.url)
    assert fi_response.status_code == 200
    html = fi_response.content.decode()
    assert '<html lang="fi">' in html
    assert html.count("<h1") == 1
    assert text in html

    sv_response = client.get(swedish.url)
    assert sv_response.status_code == 200
    sv_html = sv_response.content.decode()
    assert sv_swedish_prefix(swedish.url)
    assert '<html lang="sv">' in sv_html
    assert f"Svensk {page.title}" in sv_html
    # The language switcher points at the translation, not at the home page.
    assert f'href="{swedish.url}"' in html


def sv_swedish_prefix(url):
    return url.startswith("/sv/")


def test_home_pages_render_in_both_languages(client, tree):
    translate(tree["home"], title="Skolornas anvisningar", slug="hem")
    translate(tree["public"], title="För vårdnadshavare", slug="for-vardnadshavare")
    fi = client.get("/fi/")
    sv = client.get("/sv/")
    assert fi.status_code == sv.status_code == 200
    assert "Huoltajille" in fi.content.decode()
    assert "För vårdnadshavare" in sv.content.decode()


def test_staff_page_redirects_anonymous_to_login(client, tree, django_user_model):
    page = GuidePageFactory(parent=tree["staff"], title="Sijaistunnukset", slug="sijaistunnukset")
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/kirjaudu/")

    user = django_user_model.objects.create_user("opettaja", password="demo-opettaja-2026")
    client.force_login(user)
    assert "Sijaistunnukset" in client.get(page.url).content.decode()


def test_anonymous_menu_and_section_lists_hide_staff_pages(client, tree, django_user_model):
    GuidePageFactory(parent=tree["staff"], title="Salainen ohje", slug="salainen")
    html = client.get("/fi/").content.decode()
    assert "Huoltajille" in html
    assert "Henkilöstölle" not in html
    client.force_login(django_user_model.objects.create_user("rehtori"))
    assert "Henkilöstölle" in client.get("/fi/").content.decode()


def test_sitemap_lists_public_pages_of_both_languages_only(client, tree):
    public = GuidePageFactory(parent=tree["public"], title="Laite", slug="laite")
    GuidePageFactory(parent=tree["staff"], title="Salainen", slug="salainen")
    translate(tree["home"], title="Hem", slug="hem")
    translate(tree["public"], title="För vårdnadshavare", slug="for-vardnadshavare")
    translate(public, title="Enhet", slug="enhet")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/fi/huoltajille/laite/" in xml
    assert "/sv/for-vardnadshavare/enhet/" in xml
    assert "henkilostolle" not in xml
    assert "salainen" not in xml


def test_memo_date_is_shown_in_finnish_format(client, tree):
    page = MemoPageFactory(parent=tree["public"], meeting_date=datetime.date(2026, 9, 15))
    assert "15.9.2026" in client.get(page.url).content.decode()


def test_related_guides_never_reveal_staff_pages_to_anonymous(client, tree, django_user_model):
    public_guide = GuidePageFactory(parent=tree["public"], title="Laitteen lataus", slug="lataus")
    staff_guide = GuidePageFactory(parent=tree["staff"], title="Sisäinen ohje", slug="sisainen")
    process = ProcessPageFactory(parent=tree["public"], title="Laitehuolto", slug="laitehuolto")
    process.related_guides = [public_guide, staff_guide]
    process.save_revision().publish()
    html = client.get(process.url).content.decode()
    assert "Laitteen lataus" in html
    assert "Sisäinen ohje" not in html
    client.force_login(django_user_model.objects.create_user("opettaja"))
    assert "Sisäinen ohje" in client.get(process.url).content.decode()
