"""Every user-facing string exists in Finnish and Swedish, and the compiled catalogues match."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "var" not in path.parts
)


def test_every_app_has_finnish_and_swedish_catalogues():
    apps = {path.parents[3].name for path in CATALOGUES}
    assert {"kb", "guides", "yearclock", "search", "services", ROOT.name} <= apps
    for path in CATALOGUES:
        assert path.parents[1].name in {"fi", "sv"}, path


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated in {path}: {missing}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    in_mo = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in compiled}
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            continue
        assert in_mo.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
            f"{path.with_suffix('.mo')} is out of date for {entry.msgid!r}: run compilemessages"
        )
