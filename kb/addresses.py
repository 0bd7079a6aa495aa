"""Absolute addresses for calendar feeds and links that leave the site.

SITE_BASE_URL names the public address (https://vuosikello.rusko.fi). A developer
who runs the site on another port without setting it would otherwise be handed
http://localhost:8000/… addresses that lead nowhere, so in debug, and only while
SITE_BASE_URL is unset, the request's own scheme and host are used. In production
the Host header is never trusted for this (ALLOWED_HOSTS aside, a proxy may rewrite it).
"""

from django.conf import settings


def absolute_url(path, request=None):
    """`path` (starting with /) as an absolute address."""
    if request is not None and settings.DEBUG and not settings.SITE_BASE_URL_IS_SET:
        return request.build_absolute_uri(path)
    return settings.SITE_BASE_URL + path


def webcal(url):
    """The webcal:// twin of an http(s) address (calendar apps open it as a subscription)."""
    return "webcal://" + url.split("://", 1)[1]
