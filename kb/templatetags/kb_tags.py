"""Template tags for the site frame: language switcher and main navigation."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page, Site

from kb.access import reader_for, visible_pages

register = template.Library()


def _page_translations(page, reader):
    """Translations of a page the reader may see, by language code, the page itself included."""
    pages = visible_pages(reader, Page.objects.filter(translation_key=page.translation_key))
    return {p.locale.language_code: p for p in pages.select_related("locale")}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language, pointing at the same content in that language.

    A page without a live translation links to that language's home page, so
    the switcher never leads to a 404.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    translations = _page_translations(page, reader_for(request)) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request=request)
        elif isinstance(page, Page):
            url = f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages of the reader's home page that the reader may see."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    try:
        locale = Locale.get_active()
        home = site.root_page.get_translation(locale)
    except (Locale.DoesNotExist, Page.DoesNotExist):
        home = site.root_page
    return visible_pages(reader_for(request), home.get_children().in_menu()).specific()


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return f"/{translation.get_language()}/"
    try:
        return site.root_page.get_translation(Locale.get_active()).get_url(request=request)
    except (Locale.DoesNotExist, Page.DoesNotExist):
        return site.root_page.get_url(request=request)
