"""Error pages in the site frame, in Finnish or Swedish (wired in kb.urls and settings).

The language comes from the URL prefix (/fi/…, /sv/…); language-neutral URLs
(feeds, documents, the API) get Finnish, whatever the browser asks for. One
template serves every status. The 500 page needs the frame's menus, which need
the database and a valid Host header; when they are why we are here, a plain
page in the same style is sent instead.
"""

import logging
import math

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

TEMPLATE = "kb/error.html"
PLAIN_TEMPLATE = "kb/error_plain.html"
TEXTS = {
    400: (
        _("Bad request"),
        _("The address or the form had something we could not read. Check it and try again."),
    ),
    403: (
        _("No access"),
        _("You may not see this page. If you work at a school, sign in first."),
    ),
    404: (
        _("Page not found"),
        _("There is no page at this address. It may have moved or been removed."),
    ),
    429: (
        _("Too many requests"),
        _("Too many requests came from your network. Wait a moment and try again."),
    ),
    500: (
        _("Something went wrong"),
        _("The error was recorded and will be looked into. Try again in a moment."),
    ),
}
CSRF_TEXT = _(
    "The form had expired or your browser blocked its safety cookie. Go back, reload "
    "the page and send the form again."
)


def language_of(request):
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def error_page(request, status, *, text=None, language=None, retry_minutes=None):
    """The error page for `status` in the URL's language (or `language`)."""
    title, default_text = TEXTS[status]
    try:
        request.get_host()
    except DisallowedHost:  # the frame's links and menus need the host: a plain page
        return plain_page(request, status)
    context = {
        "status": status,
        "title": title,
        "text": text or default_text,
        "retry_minutes": retry_minutes,
    }
    with translation.override(language or language_of(request)):
        return render(request, TEMPLATE, context, status=status)


@requires_csrf_token
def bad_request(request, exception):
    return error_page(request, 400)


@requires_csrf_token
def permission_denied(request, exception):
    return error_page(request, 403)


@requires_csrf_token
def page_not_found(request, exception):
    return error_page(request, 404)


@requires_csrf_token
def server_error(request):
    try:
        return error_page(request, 500)
    except Exception:
        logger.exception("The 500 page could not be rendered in the site frame")
        return plain_page(request, 500)


def plain_page(request, status):
    """The error page without the frame's menus (they need the database and the host)."""
    title, text = TEXTS[status]
    with translation.override(language_of(request)):
        context = {
            "title": title,
            "text": text,
            "status": status,
            "language": translation.get_language(),
        }
        return HttpResponse(render_to_string(PLAIN_TEMPLATE, context), status=status)


def csrf_failure(request, reason=""):
    return error_page(request, 403, text=CSRF_TEXT)


def too_many_requests(request, retry_after, language=None):
    """429 with Retry-After (seconds), for browsers; machines get plain text from their views."""
    minutes = math.ceil(retry_after / 60)
    response = error_page(request, 429, language=language, retry_minutes=minutes)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
