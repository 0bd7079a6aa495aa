"""Links to other pages show only what the reader may open, in the reader's language."""

from django import template
from django.utils import translation

from kb.access import readable_pages, reader_for, visible_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def readable(context, pages):
    """Pages from `pages` the reader may see (kb.access), in the reader's language.

    Related-page links must not reveal the titles of staff pages.
    """
    return readable_pages(reader_for(context["request"]), pages, translation.get_language())


@register.simple_tag(takes_context=True)
def visible_ancestors(context, page):
    """The breadcrumb trail: ancestors below the root that the reader may see."""
    ancestors = page.get_ancestors().filter(depth__gt=1)
    return visible_pages(reader_for(context["request"]), ancestors)
