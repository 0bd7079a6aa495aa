"""The admin in the editor's language: library strings Wagtail and wagtail-localize lack."""

import json
from pathlib import Path

from django.conf import settings
from django.utils import translation

import wagtail
import wagtail_localize

import polib
import pytest

ROOT = Path(settings.BASE_DIR)
OURS = sorted(
    [
        *(ROOT / "kb" / "admin_locale").glob("*/LC_MESSAGES/django.po"),
        *(ROOT / "kb" / "locale").glob("*/LC_MESSAGES/djangojs.po"),
    ]
)
LIBRARIES = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]


def library_msgids(domain):
    found = set()
    for library in LIBRARIES:
        for path in library.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
            found |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(path))}
    return found


def test_both_languages_have_both_catalogues():
    assert {(p.parents[1].name, p.name) for p in OURS} == {
        (lang, name) for lang in ("fi", "sv") for name in ("django.po", "djangojs.po")
    }


@pytest.mark.parametrize("path", OURS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_a_library_string_translated_and_compiled(path):
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 10
    known = library_msgids(path.stem)
    stale = [e.msgid for e in catalogue if (e.msgctxt, e.msgid) not in known]
    assert not stale, f"no longer in Wagtail or wagtail-localize: {stale}"
    assert not catalogue.untranslated_entries() and not catalogue.fuzzy_entries()
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(path.with_suffix(".mo")))}
    for entry in catalogue.translated_entries():
        if not entry.msgid_plural:
            assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, entry.msgid


@pytest.mark.parametrize(
    "language, english, expected",
    [
        ("fi", "Search all pages…", "Hae kaikista sivuista…"),
        (
            "fi",
            "Translation of %(instance)s into %(locale)s",
            "Käännös: %(instance)s, kielelle %(locale)s",
        ),
        ("fi", "Sync translated %(model_name)s", "Synkronoi käännetyt kohteet (%(model_name)s)"),
        (
            "fi",
            "Wagtail %(current_version)s editor guide",
            "Wagtailin %(current_version)s käyttöopas",
        ),
        ("sv", "Compare", "Jämför"),
        ("fi", "More actions", "Lisää toimintoja"),  # Wagtail's own catalogue, kept
        ("sv", "More actions", "Fler åtgärder"),
        # Wagtail's own wording overridden: not "Maa-asetusto", not "Mallin …".
        ("fi", "Locale", "Kieli"),
        ("sv", "Locale", "Språk"),
        ("fi", "%(model_name)s '%(object)s' updated.", "%(model_name)s ”%(object)s” päivitetty."),
        ("sv", "%(model_name)s '%(object)s' created.", "%(model_name)s ”%(object)s” har skapats."),
        ("fi", "Knowledge base and year clock", "Ohjepankki ja vuosikello"),  # the site's name
    ],
)
def test_library_strings_read_in_the_admin_language(language, english, expected):
    with translation.override(language):
        assert translation.gettext(english) == expected


@pytest.mark.parametrize(
    "url, language, expected",
    [
        ("/admin/jsi18n/", "fi", "Tallennetaan automaattisesti…"),
        ("/admin/jsi18n/", "sv", "Fäst verktygsfältet"),
        ("/admin/localize/jsi18n/", "fi", "Käyttää kieliversiota: %s"),
        ("/admin/localize/jsi18n/", "sv", "Stoppar synkroniserad översättning"),
    ],
)
@pytest.mark.django_db
def test_script_catalogues_carry_our_entries(client, admin_user, url, language, expected):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)
    body = client.get(url).content.decode()
    assert json.dumps(expected)[1:-1] in body or expected in body
    # Positive control: the library's own entries are still there.
    own = {"fi": "Poista", "sv": "Radera"}[language]
    assert json.dumps(own)[1:-1] in body or own in body


def test_no_gravatar():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
