"""Choosers show the content's own language: a Swedish page never ticks the Finnish "Huoltaja"."""

import pytest

from guides.models import GuidePage
from guides.tests.factories import GuidePageFactory, site_tree, translate
from kb.tests.factories import RoleFactory
from kb.translation import po_from_fields
from kb.translation import translate as localize

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(locales, django_user_model):
    tree = site_tree()
    guardian = RoleFactory(slug="huoltaja", name="Huoltaja")
    localize(guardian, locales["sv"], po_from_fields(guardian, {"name": "Vårdnadshavare"}))
    owner = django_user_model.objects.create_user("eeva", first_name="Eeva", last_name="Editori")
    translate(tree["home"], title="Hem", slug="hem")
    translate(tree["public"], title="För vårdnadshavare", slug="for")
    fi = GuidePageFactory(parent=tree["public"], slug="laite", content_owner=owner)
    fi.audiences = [guardian]
    fi.save_revision().publish()
    sv = translate(GuidePage.objects.get(pk=fi.pk), title="Enheten", slug="enheten")
    return {"fi": GuidePage.objects.get(pk=fi.pk), "sv": GuidePage.objects.get(pk=sv.pk)}


def form_for(page):
    form_class = GuidePage.get_edit_handler().get_form_class()
    return form_class(instance=page, parent_page=page.get_parent())


def test_the_swedish_page_lists_and_ticks_swedish_roles_only(pages):
    fi_form, sv_form = form_for(pages["fi"]), form_for(pages["sv"])
    assert [r.name for r in fi_form.fields["audiences"].queryset] == ["Huoltaja"]
    assert [r.name for r in sv_form.fields["audiences"].queryset] == ["Vårdnadshavare"]
    assert [r.name for r in pages["sv"].audiences.all()] == ["Vårdnadshavare"]
    ticked = sv_form["audiences"].value()
    assert ticked == [pages["sv"].audiences.get().pk]


def test_people_are_shown_by_name(pages):
    field = form_for(pages["fi"]).fields["content_owner"]
    assert "Eeva Editori" in [label for _value, label in field.choices]
    assert "eeva" not in [label for _value, label in field.choices]
