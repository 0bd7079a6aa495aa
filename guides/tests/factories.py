"""Factories for the page tree: a Finnish home page as the site root, sections and content."""

import datetime

from django.core.cache import cache

from wagtail.models import Page, PageViewRestriction, Site

import factory
import wagtail_factories

from guides.models import GuidePage, HomePage, MemoPage, ProcessPage, SectionPage, SkillPage
from kb.tests.factories import finnish, swedish


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Koulujen ohjeet"
    slug = "koti"
    locale = factory.LazyFunction(finnish)

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Osio {n}")
    locale = factory.LazyFunction(finnish)
    show_in_menus = True

    class Meta:
        model = SectionPage


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Turvatulostus {n}")
    intro = "Tuloste tulee ulos vasta, kun tunnistaudut tulostimella."
    locale = factory.LazyFunction(finnish)

    class Meta:
        model = GuidePage


class ProcessPageFactory(GuidePageFactory):
    title = factory.Sequence(lambda n: f"Hankintaprosessi {n}")

    class Meta:
        model = ProcessPage


class SkillPageFactory(GuidePageFactory):
    title = factory.Sequence(lambda n: f"Digitaidot {n}")
    grade_min = 3
    grade_max = 4
    badge_name = "Tiedostot ja tallentaminen"

    class Meta:
        model = SkillPage


class MemoPageFactory(GuidePageFactory):
    title = factory.Sequence(lambda n: f"Rehtorikokouksen muistio {n}")
    meeting_name = "Ruskon rehtorikokous"
    meeting_date = datetime.date(2026, 8, 6)

    class Meta:
        model = MemoPage


def site_tree():
    """Finnish home page as the default site root, with a public and a staff section."""
    cache.clear()  # Wagtail caches site root paths; other tests may have left theirs
    finnish()
    swedish()
    # A transactional test before this one may have flushed Wagtail's migration data.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=finnish())
    )
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    public = SectionPageFactory(parent=home, title="Huoltajille", slug="huoltajille")
    staff = SectionPageFactory(parent=home, title="Henkilöstölle", slug="henkilostolle")
    PageViewRestriction.objects.create(page=staff, restriction_type=PageViewRestriction.LOGIN)
    return {"home": home, "public": public, "staff": staff}


def translate(page, **fields):
    """A Swedish translation sharing the page's translation_key, published."""
    translation = page.copy_for_translation(swedish())
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific
