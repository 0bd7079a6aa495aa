"""A sitemap over every language's page tree, public pages only."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from kb.access import Reader, visible_pages


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap lists only the site root's tree, i.e. the Finnish pages.

    The Swedish home page is a translation beside it, so list the descendants of
    every translation of the root, only what an anonymous reader may see (kb.access): staff
    pages are never listed.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for home in Page.objects.filter(translation_key=root.translation_key):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        pages = visible_pages(Reader.anonymous(), pages)
        return pages.order_by("path").defer_streamfields().specific()
