"""An editor changes a Finnish page, syncs, translates the changed text, publishes Swedish."""

from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

import pytest

from guides.models import GuidePage
from guides.tests.factories import GuidePageFactory, site_tree
from kb.translation import po_from_pair, translate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def translated(page, **texts):
    """The Swedish translation of `page` through wagtail-localize, from its texts."""
    swedish = type(page)(**{name: getattr(page, name) for name in ("title", "slug")})
    for name, value in texts.items():
        setattr(swedish, name, value)
    swedish.translation_key = page.translation_key
    return translate(page, Locale.objects.get(language_code="sv"), po_from_pair(page, swedish))


@pytest.fixture
def pages(db):
    tree = site_tree()
    for name, title, slug in (("home", "Hem", "hem"), ("public", "För vårdnadshavare", "for")):
        parent = Page.objects.get(pk=tree[name].pk).specific
        parent.save_revision().publish()
        translated(parent, title=title, slug=slug)
    guide = GuidePageFactory(
        parent=tree["public"],
        title="Laitteen lataaminen",
        slug="lataaminen",
        intro="Lataa laite illalla.",
    )
    guide.save_revision().publish()
    swedish = translated(
        guide, title="Laddning av enheten", slug="laddning", intro="Ladda enheten på kvällen."
    )
    return {"fi": guide, "sv": swedish}


def test_edit_finnish_sync_translate_the_changed_text_publish_swedish(
    browser_page, browser_sign_in, axe, pages, django_user_model
):
    page = browser_page
    admin = django_user_model.objects.create_superuser("admin", first_name="Ylläpitäjä")
    browser_sign_in(page, admin)
    fi, sv = pages["fi"], pages["sv"]

    # 1. The Finnish page gets a new sentence and is published.
    page.goto(f"/admin/pages/{fi.pk}/edit/")
    page.fill("#id_intro", "Lataa laite illalla ja ota laturi mukaan kouluun.")
    page.evaluate("document.querySelector('button[name=action-publish]').click()")
    page.wait_for_url(f"**/admin/pages/{fi.get_parent().pk}/")
    assert GuidePage.objects.get(pk=fi.pk).intro.endswith("kouluun.")

    # 2. Sync: the Swedish translation learns what changed (wagtail-localize's own view).
    source = TranslationSource.objects.get_for_instance(fi)
    page.goto(f"/admin/localize/update/{source.pk}/")
    page.locator("main form input[type=submit]").click()
    page.wait_for_load_state()

    # 3. The Swedish editor shows the changed sentence untranslated; translate and publish it.
    page.goto(f"/admin/pages/{sv.pk}/edit/")
    segment = page.locator("li", has_text="ota laturi mukaan kouluun").last
    segment.get_by_role("button", name="Käännä").click()
    segment.locator("textarea").fill("Ladda enheten på kvällen och ta med laddaren till skolan.")
    segment.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Ladda enheten på kvällen och ta med laddaren till skolan.").wait_for()
    page.locator("footer button[value=publish]").click()
    page.wait_for_load_state("networkidle")

    live = GuidePage.objects.get(pk=sv.pk)
    assert live.live and live.intro == "Ladda enheten på kvällen och ta med laddaren till skolan."
    assert live.title == "Laddning av enheten"  # the rest kept its translation
    page.goto("/sv/for/laddning/")
    assert "ta med laddaren till skolan" in page.content()
    axe(page)
