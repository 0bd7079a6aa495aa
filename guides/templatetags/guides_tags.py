"""Links to other pages show only what the reader may open, in the reader's language."""

from django import template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wagtail import hooks

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


@register.simple_tag(takes_context=True)
def related_from_apps(context, page):
    """What other apps show below a content page (Wagtail hook `guide_related_content`):
    each hook returns HTML that is already escaped (a rendered template) or plain text."""
    request = context["request"]
    parts = (hook(request, page) for hook in hooks.get_hooks("guide_related_content"))
    return mark_safe("".join(conditional_escape(part) for part in parts))  # noqa: S308
