"""The demo's page files: a generic loader that refuses what it does not know."""

import json

import pytest

from guides import demo
from guides.demo import DemoContentError, page_files
from guides.models import GuidePage
from kb.tests.factories import RoleFactory

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
LINKS = (
    [
        {
            "type": "paragraph",
            "value": '<p>Tee <a href="/fi/palvelut/pyynto/">pyyntö</a> tai katso '
            '<a href="/fi/palvelut/">rekisteri</a>. <a href="/fi/palvelut/">Palvelut</a></p>',
        }
    ],
    [
        {
            "type": "paragraph",
            "value": '<p>Gör en <a href="/sv/tjanster/begaran/">begäran</a> eller se '
            '<a href="/sv/tjanster/">registret</a>. <a href="/sv/tjanster/">Tjänster</a></p>',
        }
    ],
)
NO_LINKS_SV = [{"type": "paragraph", "value": "<p>Gör en begäran eller se registret.</p>"}]


def test_a_page_file_becomes_a_finnish_page_and_its_swedish_translation(tmp_path, roles):
    demo.load(directory=write_tree(tmp_path, guide(*PARAGRAPHS)))
    fi = GuidePage.objects.get(slug="laite")
    sv = GuidePage.objects.get(slug="enhet")
    assert sv.translation_key == fi.translation_key and sv.live
    assert "Ladda enheten." in str(sv.body[0].value)
    assert [r.name for r in sv.audiences.all()] == ["Vårdnadshavare"]
    assert demo.load(directory=tmp_path) == 0  # idempotent


def test_swedish_links_keep_their_own_addresses(tmp_path, roles):
    from kb.translation import sync_translations

    demo.load(directory=write_tree(tmp_path, guide(*LINKS)))
    fi_page = GuidePage.objects.get(slug="laite")
    fi = str(fi_page.body[0].value)
    assert 'href="/fi/palvelut/pyynto/"' in fi and 'href="/fi/palvelut/"' in fi
    sync_translations(fi_page)  # a later sync keeps them, as the translation editor's would
    sv = str(GuidePage.objects.get(slug="enhet").body[0].value)
    assert 'href="/sv/tjanster/begaran/"' in sv and sv.count('href="/sv/tjanster/"') == 2
    assert "/fi/" not in sv


@pytest.mark.parametrize(
    "page, message",
    [
        (guide([{"type": "video", "value": "x"}], []), "one of the blocks"),
        (guide([{"type": "heading", "value": {"text": "A", "size": 2}}], []), "keys from"),
        (guide([{"type": "heading", "value": {"text": "A", "level": "h9"}}], []), "one of"),
        (guide(*PARAGRAPHS, colour="red"), "unknown keys"),
        (guide(*PARAGRAPHS, audiences=["rehtori"]), "no Role"),
        (guide(PARAGRAPHS[0], PARAGRAPHS[1] * 2), "not in the same places"),
        (guide(LINKS[0], NO_LINKS_SV), "other links than the source"),
    ],
)
def test_the_loader_rejects_what_it_does_not_know(tmp_path, roles, page, message):
    translation_error = message in ("not in the same places", "other links than the source")
    with pytest.raises(ValueError if translation_error else DemoContentError) as error:
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
