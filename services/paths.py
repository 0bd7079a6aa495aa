"""The register's translated path words, apart from the views so models can check slugs.

/fi/palvelut/…, /sv/tjanster/…: a service's slug must not be one of its own pages' words.
"""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import override, pgettext_lazy

SERVICES = pgettext_lazy("URL path", "services")
REQUEST = pgettext_lazy("URL path", "request")
REQUESTS = pgettext_lazy("URL path", "requests")
CHECK = pgettext_lazy("URL path", "check")
IMPORT = pgettext_lazy("URL path", "import")
PRIVACY_NOTICE = pgettext_lazy("URL path", "privacy-notice")
OWN_WORDS = (REQUEST, REQUESTS, CHECK, IMPORT)


def reserved_slugs():
    """Path words of the register's own pages in every language: no service may use them."""
    words = set()
    for code, _name in settings.LANGUAGES:
        with override(code):
            words |= {str(word) for word in OWN_WORDS}
    return words


def route(*words):
    return format_lazy("/".join(["{}"] * len(words)) + "/", *words)
