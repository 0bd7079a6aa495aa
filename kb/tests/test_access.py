"""The one visibility rule (kb.access): pages, documents and images, and where it is used."""

import json

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

import pytest

from guides.tests.factories import GuidePageFactory, SectionPageFactory, site_tree
from kb.access import NOBODY, PUBLIC, SIGNED_IN, Reader, audience_of, visible_pages
from kb.tests.factories import OrganisationFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(locales):
    return site_tree()


@pytest.fixture
def readers(locales):
    group = Group.objects.create(name="Ruskon rehtorit")
    member = staff_user()
    member.groups.add(group)
    return {
        "anonymous": (Reader.anonymous(), Client()),
        "staff": signed_in(staff_user()),
        "member": signed_in(member),
        "superuser": signed_in(staff_user(is_superuser=True)),
        "group": group,
    }


def signed_in(user):
    client = Client()
    client.force_login(user)
    return Reader.for_user(user), client


def restricted(parent, title, restriction_type, groups=(), **fields):
    page = GuidePageFactory(parent=parent, title=title, **fields)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="salasana-123"
    )
    restriction.groups.set(groups)
    return page


def test_readers_hold_their_scopes(readers):
    anonymous, _ = readers["anonymous"]
    staff, _ = readers["staff"]
    member, _ = readers["member"]
    assert anonymous.scopes == {PUBLIC}
    assert {PUBLIC, SIGNED_IN} < staff.scopes
    rusko = OrganisationFactory()
    assert f"org_{rusko.translation_key.hex}" in staff.scopes
    assert f"group_{readers['group'].pk}" in member.scopes - staff.scopes


def test_page_audiences_follow_every_restriction_up_the_tree(tree, readers):
    group = readers["group"]
    public = GuidePageFactory(parent=tree["public"], title="Wilman käyttö")
    staff = GuidePageFactory(parent=tree["staff"], title="Kopiokoneen koodit")
    members = restricted(tree["staff"], "Rehtoreiden ohje", "groups", groups=[group])
    password = restricted(tree["public"], "Salasanalla", "password")
    assert audience_of(public).scopes == {PUBLIC}
    assert audience_of(staff).scopes == {SIGNED_IN}
    assert audience_of(members).scopes == {f"group_{group.pk}"}  # login AND group: the group
    assert audience_of(password) == NOBODY
    unpublished = GuidePageFactory(parent=tree["public"], title="Luonnos", live=False)
    assert audience_of(unpublished) == NOBODY


def test_visible_pages_and_wagtails_own_serving_agree(tree, readers):
    """For every reader and page: listed by the rule exactly when Wagtail serves it."""
    group = readers["group"]
    GuidePageFactory(parent=tree["public"], title="Wilman käyttö")
    GuidePageFactory(parent=tree["staff"], title="Kopiokoneen koodit")
    restricted(tree["staff"], "Rehtoreiden ohje", "groups", groups=[group])
    restricted(tree["public"], "Huoltajien ryhmä", "groups", groups=[group])
    pages = list(Page.objects.live().filter(depth__gt=2).specific())
    assert len(pages) == 6
    for name in ("anonymous", "staff", "member", "superuser"):
        reader, client = readers[name]
        listed = set(
            visible_pages(reader, Page.objects.filter(depth__gt=2)).values_list("pk", flat=True)
        )
        for page in pages:
            served = client.get(page.url).status_code == 200
            assert (page.pk in listed) == served == reader.may_see(audience_of(page)), (name, page)
    # Positive controls: each reader lists something the previous one could not.
    counts = [
        len(visible_pages(readers[n][0], Page.objects.filter(depth__gt=2)))
        for n in ("anonymous", "staff", "member", "superuser")
    ]
    assert counts == [2, 4, 6, 6]


def test_menus_sections_and_related_links_hide_what_the_reader_may_not_see(tree, readers):
    secret = GuidePageFactory(parent=tree["staff"], title="Kopiokoneen koodit")
    GuidePageFactory(
        parent=tree["public"],
        title="Tulostaminen kotona",
        body=json.dumps(
            [
                {
                    "type": "related",
                    "value": {"title": "Katso myös", "pages": [secret.pk, tree["public"].pk]},
                }
            ]
        ),
    )
    guide_url = "/fi/huoltajille/tulostaminen-kotona/"
    _anonymous, anonymous_client = readers["anonymous"]
    _staff, staff_client = readers["staff"]
    for url in ("/fi/", guide_url):
        assert "Kopiokoneen koodit" not in anonymous_client.get(url).content.decode()
    html = anonymous_client.get(guide_url).content.decode()
    assert "Huoltajille" in html  # the public target of the same block stays
    assert "Henkilöstölle" not in anonymous_client.get("/fi/").content.decode()
    assert "Henkilöstölle" in staff_client.get("/fi/").content.decode()
    assert "Kopiokoneen koodit" in staff_client.get(guide_url).content.decode()


def test_sitemap_lists_public_pages_only(tree, readers):
    GuidePageFactory(parent=tree["public"], title="Wilman käyttö", slug="wilma")
    GuidePageFactory(parent=tree["staff"], title="Kopiokoneen koodit", slug="koodit")
    xml = readers["staff"][1].get("/sitemap.xml").content.decode()
    assert "/wilma/" in xml and "/koodit/" not in xml and "henkilostolle" not in xml


def document_used_by(page_parent, title, filename):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(filename, ContentFile(b"%PDF-1.4 salaisuus"), save=True)
    GuidePageFactory(
        parent=page_parent,
        title=f"Sivu: {title}",
        body=json.dumps([{"type": "document", "value": {"document": document.pk, "title": ""}}]),
    )
    return document


def test_documents_are_as_visible_as_the_pages_that_use_them(tree, readers):
    public = document_used_by(tree["public"], "Lomakkeet", "lomakkeet.pdf")
    staff = document_used_by(tree["staff"], "Kopiokoodit", "kopiokoodit.pdf")
    Document = get_document_model()
    orphan = Document(title="Irrallinen")
    orphan.file.save("irrallinen.pdf", ContentFile(b"%PDF-1.4"), save=True)
    assert audience_of(public).is_public
    assert audience_of(staff).scopes == {SIGNED_IN}
    assert audience_of(orphan) == NOBODY
    anonymous = readers["anonymous"][1]
    assert anonymous.get(public.url).status_code == 200
    response = anonymous.get(staff.url)
    assert response.status_code == 302 and "/fi/kirjaudu/" in response["Location"]
    assert anonymous.get(orphan.url).status_code == 404
    assert readers["staff"][1].get(staff.url).status_code == 200
    assert readers["staff"][1].get(orphan.url).status_code == 404
    assert readers["superuser"][1].get(orphan.url).status_code == 200


def test_a_document_used_by_public_and_staff_pages_is_public(tree, readers):
    document = document_used_by(tree["staff"], "Yhteinen", "yhteinen.pdf")
    GuidePageFactory(
        parent=tree["public"],
        title="Julkinen käyttäjä",
        body=json.dumps([{"type": "document", "value": {"document": document.pk, "title": ""}}]),
    )
    assert audience_of(document).is_public
    assert readers["anonymous"][1].get(document.url).status_code == 200


def image_on(parent, title):
    Image = get_image_model()
    image = Image.objects.create(title=title, file=get_test_image_file(filename=f"{title}.png"))
    page = GuidePageFactory(
        parent=parent,
        title=f"Kuva: {title}",
        body=json.dumps(
            [{"type": "image", "value": {"image": image.pk, "alt_text": title, "caption": ""}}]
        ),
    )
    return image, page


def test_images_are_served_only_to_readers_of_a_page_that_uses_them(tree, readers):
    public_image, public_page = image_on(tree["public"], "julkinen")
    staff_image, staff_page = image_on(tree["staff"], "salainen")
    anonymous, staff = readers["anonymous"][1], readers["staff"][1]
    assert 'src="/media/images/julkinen' in anonymous.get(public_page.url).content.decode()
    staff_html = staff.get(staff_page.url).content.decode()
    rendition_url = "/media/images/" + staff_html.split('src="/media/images/', 1)[1].split('"')[0]
    assert rendition_url.startswith("/media/images/salainen")
    for url in (rendition_url, staff_image.file.url):
        assert anonymous.get(url).status_code == 404
        assert staff.get(url).status_code == 200
    assert anonymous.get(public_image.file.url).status_code == 200
    assert anonymous.get("/media/documents/anything.pdf").status_code == 404
    assert anonymous.get("/media/../kb/settings/base.py").status_code == 404


def test_a_section_hidden_from_a_reader_hides_its_subtree(tree, readers):
    deep = SectionPageFactory(parent=tree["staff"], title="Syvä osio")
    leaf = GuidePageFactory(parent=deep, title="Syvällä")
    reader = readers["anonymous"][0]
    assert not visible_pages(reader, Page.objects.filter(pk=leaf.pk)).exists()
    assert visible_pages(readers["staff"][0], Page.objects.filter(pk=leaf.pk)).exists()
