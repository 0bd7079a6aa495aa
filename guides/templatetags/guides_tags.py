"""Links to other pages show only what the reader may open, in the reader's language."""

from django import template

from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def readable(context, pages):
    """Live pages from `pages`, localized; anonymous readers get public ones only.

    Related-page links must not reveal the titles of staff pages.
    """
    request = context["request"]
    ids = [page.localized.pk for page in pages if page is not None]
    queryset = Page.objects.filter(pk__in=ids).live().specific()
    if not request.user.is_authenticated:
        queryset = queryset.public()
    found = {page.pk: page for page in queryset}
    return [found[pk] for pk in ids if pk in found]
