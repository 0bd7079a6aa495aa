"""The demo's page files: a generic loader that refuses what it does not know."""

import json

import pytest

from guides import demo
from guides.demo import DemoContentError, page_files
from guides.models import GuidePage
from yearclock.tests.factories import RoleFactory

pytestmark = pytest.mark.django_db

HOME = {
    "type": "guides.HomePage",
    "site_root": True,
    "fi": {"title": "Koti", "slug": "koti", "intro": "<p>Ohjeet.</p>"},
    "sv": {"title": "Hem", "slug": "hem", "intro": "<p>Anvisningar.</p>"},
}


def guide(body_fi, body_sv, **facts):
    return {
        "type": "guides.GuidePage",
        "audiences": ["huoltaja"],
        **facts,
        "fi": {"title": "Laite", "slug": "laite", "intro": "Laitteesta.", "body": body_fi},
        "sv": {"title": "Enhet", "slug": "enhet", "intro": "Om enheten.", "body": body_sv},
    }


def write_tree(root, page):
    (root / "koti").mkdir()
    (root / "koti.json").write_text(json.dumps(HOME))
    (root / "koti" / "laite.json").write_text(json.dumps(page))
    return root


@pytest.fixture
def roles(locales):
    from kb.translation import po_from_fields, translate

    guardian = RoleFactory(slug="huoltaja", name="Huoltaja", locale=locales["fi"])
    translate(guardian, locales["sv"], po_from_fields(guardian, {"name": "Vårdnadshavare"}))


PARAGRAPHS = (
    [{"type": "paragraph", "value": "<p>Lataa laite.</p>"}],
    [{"type": "paragraph", "value": "<p>Ladda enheten.</p>"}],
)


def test_a_page_file_becomes_a_finnish_page_and_its_swedish_translation(tmp_path, roles):
    demo.load(directory=write_tree(tmp_path, guide(*PARAGRAPHS)))
    fi = GuidePage.objects.get(slug="laite")
    sv = GuidePage.objects.get(slug="enhet")
    assert sv.translation_key == fi.translation_key and sv.live
    assert "Ladda enheten." in str(sv.body[0].value)
    assert [r.name for r in sv.audiences.all()] == ["Vårdnadshavare"]
    assert demo.load(directory=tmp_path) == 0  # idempotent


@pytest.mark.parametrize(
    "page, message",
    [
        (guide([{"type": "video", "value": "x"}], []), "one of the blocks"),
        (guide([{"type": "heading", "value": {"text": "A", "size": 2}}], []), "keys from"),
        (guide([{"type": "heading", "value": {"text": "A", "level": "h9"}}], []), "one of"),
        (guide(*PARAGRAPHS, colour="red"), "unknown keys"),
        (guide(*PARAGRAPHS, audiences=["rehtori"]), "no Role"),
        (guide(PARAGRAPHS[0], PARAGRAPHS[1] * 2), "not in the same places"),
    ],
)
def test_the_loader_rejects_what_it_does_not_know(tmp_path, roles, page, message):
    with pytest.raises(DemoContentError if "same places" not in message else ValueError) as error:
        demo.load(directory=write_tree(tmp_path, page))
    assert message in str(error.value)
    assert not GuidePage.objects.exists()


def test_the_demo_files_show_the_site_tree():
    files = [file.relative_to(demo.PAGES_DIR).as_posix() for file, _parent in page_files()]
    assert files[0] == "koti.json"
    # Parents before children, siblings by position: the guardians' section comes first.
    assert files[1:3] == ["koti/huoltajille.json", "koti/huoltajille/oppilaan-laite.json"]
    assert "koti/henkilostolle/turvatulostus.json" in files
    assert len(files) >= 30
