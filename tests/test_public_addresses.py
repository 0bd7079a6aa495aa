"""Finnish and Swedish addresses for search and the accessibility statement, the old
English ones redirecting permanently; the favicon and the web app manifest."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/fi/search/?q=tulostus", "/fi/haku/?q=tulostus"),
        ("/sv/search/?q=utskrift", "/sv/sok/?q=utskrift"),
        ("/fi/search/suggest/?q=tul", "/fi/haku/suggest/?q=tul"),
        ("/fi/accessibility/", "/fi/saavutettavuus/"),
        ("/sv/accessibility/", "/sv/tillganglighet/"),
    ],
)
def test_old_english_addresses_redirect_permanently(client, locales, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_frame_links_to_the_translated_addresses(client, locales):
    html = client.get("/sv/sok/").content.decode()
    assert 'action="/sv/sok/"' in html and 'href="/sv/tillganglighet/"' in html
    assert '"/sv/search/' not in html and "/accessibility/" not in html


def test_favicon_and_manifest(client, locales):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    manifest = json.loads(client.get("/sv/manifest.webmanifest").content)
    assert manifest["lang"] == "sv" and manifest["start_url"] == "/sv/"
    assert manifest["name"] == "Kunskapsbank och årshjul"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    html = client.get("/fi/haku/").content.decode()
    assert 'rel="manifest" href="/fi/manifest.webmanifest"' in html
