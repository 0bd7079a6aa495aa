"""Error pages: 400, 403, 404, 429 and 500 in the site frame, in Finnish and Swedish."""

from django.test import Client

import pytest
import time_machine

from guides.tests.factories import site_tree
from kb import errors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kb.tests.urls_errors")]

TITLES = {
    ("fi", 400): "Virheellinen pyyntö",
    ("sv", 400): "Felaktig begäran",
    ("fi", 403): "Ei pääsyä",
    ("sv", 403): "Ingen åtkomst",
    ("fi", 404): "Sivua ei löydy",
    ("sv", 404): "Sidan hittades inte",
    ("fi", 429): "Liian monta pyyntöä",
    ("sv", 429): "För många förfrågningar",
    ("fi", 500): "Jokin meni vikaan",
    ("sv", 500): "Något gick fel",
}


def error_url(language, status):
    if status == 404:
        return f"/{language}/ei-ole-olemassa/"
    if status == 429:
        return f"/feeds/personal/{'x' * 43}.ics?lang={language}"
    return f"/{language}/test-errors/{status}/"


@pytest.fixture
def site(locales, settings):
    settings.FEED_TOKEN_FAILURE_LIMIT = 0  # every bad token is over the limit
    return site_tree()


@pytest.mark.parametrize(("language", "status"), sorted(TITLES))
def test_error_pages_in_the_site_frame(site, language, status):
    client = Client(raise_request_exception=False)
    response = client.get(error_url(language, status), HTTP_ACCEPT="text/html")
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{TITLES[language, status]}</h1>" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_language_neutral_addresses_get_finnish(site, client):
    response = client.get("/documents/999999/ei.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    assert "<h1>Sivua ei löydy</h1>" in response.content.decode()


@time_machine.travel("2026-09-01 12:00:00", tick=False)  # the same Retry-After twice
def test_calendar_clients_get_plain_text_429(site, client):
    response = client.get(error_url("fi", 429))  # no Accept header, as Google's fetcher
    assert response.status_code == 429
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    browser = client.get(error_url("sv", 429), HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert browser["Retry-After"] == response["Retry-After"]
    assert "Du kan försöka igen om" in browser.content.decode()
    assert browser["Referrer-Policy"] == "no-referrer"


def test_a_stale_form_gets_a_translated_403(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sv/logga-in/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formuläret hade gått ut" in response.content.decode()


def test_500_page_without_a_working_frame(site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no database")

    monkeypatch.setattr(errors, "render", broken)
    response = Client(raise_request_exception=False).get("/sv/test-errors/500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="sv">' in html and "<h1>Något gick fel</h1>" in html
    assert 'class="site-header"' in html


def test_a_host_we_do_not_serve_gets_a_plain_400(site, settings):
    settings.ALLOWED_HOSTS = ["vuosikello.example.fi"]
    client = Client(raise_request_exception=False)
    response = client.get("/sv/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="sv">' in html and "<h1>Felaktig begäran</h1>" in html
    assert "evil.example" not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_error_pages_in_the_browser_are_accessible(browser_page, axe, settings):
    settings.FEED_TOKEN_FAILURE_LIMIT = 0
    site_tree()
    for language, status in sorted(TITLES):
        response = browser_page.goto(error_url(language, status))
        assert response.status == status
        assert browser_page.locator("h1").inner_text() == TITLES[language, status]
        assert browser_page.locator("html").get_attribute("lang") == language
        axe(browser_page)
    assert settings.LANGUAGE_CODE == "fi"
