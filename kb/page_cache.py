"""Whole responses for anonymous readers, kept in the shared "pages" cache.

Why our own and not wagtail-cache (docs/operations.md): wagtail-cache 3.0 requires
Wagtail < 8; its purge empties the whole cache backend, or needs a keyring of every
cached URL and still leaves us to find the URLs a task or snippet change touches;
and it caches CSRF pages per cookie. Here one rule covers every view, and one purge
covers every change.

The purge is a generation: every cache key holds the current generation, and any
committed change to a model that can show on a page (everything but the
bookkeeping in settings.PAGE_CACHE_IGNORED_MODELS) replaces it with a new random
value in `transaction.on_commit`. Old entries are never read again and expire.
A random value, not a counter: two processes purging at once can never write the
same value back, so no purge is lost, with any cache backend.

Never cached: requests with cookies other than the CSRF and language cookies (a
session means a signed-in user, or allauth's sign-in flow), with Authorization,
anything but GET; responses that are not a plain 200, set a cookie, use the CSRF
token (a form), say private/no-store/no-cache, stream, or vary on more than the
key holds. The key holds scheme, host, path and query, the reader's language and
the local date (year-clock pages depend on "today").
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_request

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
VARY_HANDLED = {"cookie", "accept-language"}
REFUSING = {"private", "no-store", "no-cache"}


def store():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation():
    current = store().get(GENERATION_KEY)
    if current is None:
        store().add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        current = store().get(GENERATION_KEY)  # another process's add may have won
    return current


def purge():
    """Forget every cached page, in every process that shares the cache."""
    store().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def purge_after_commit(using=None):
    """Purge once the current transaction commits (at once outside one).

    Purging before the commit would let a reader cache the old content again
    under the new generation. One purge per transaction is enough.
    """
    connection = connections[using or "default"]
    if any(callback is purge for _sids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(purge, using=using)


def changed(sender, using=None, update_fields=None, **kwargs):
    """Receiver of post_save, post_delete and m2m_changed for every model that shows."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes no page
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: the post_ half follows
    purge_after_commit(using)


def is_ignored(model):
    ignored = settings.PAGE_CACHE_IGNORED_MODELS
    return model._meta.app_label in ignored or model._meta.label_lower in ignored


class PageCacheMiddleware:
    """Serve and store anonymous readers' pages; sits just inside the security headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request, generation())
        frozen = store().get(key)
        if frozen is not None:
            response = thaw(frozen)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            store().set(key, freeze(response), seconds)
            response[HEADER] = "miss"
        return response


def is_cacheable_request(request):
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if set(request.COOKIES) - harmless:
        return False
    return not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))


def is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: a form, never shared
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    directives = {d.split("=")[0].lower() for d in header_values(response, "Cache-Control")}
    return not directives & REFUSING and header_values(response, "Vary") <= VARY_HANDLED


def header_values(response, name):
    return {v.strip().lower() for v in cc_delim_re.split(response.get(name, "")) if v.strip()}


def page_key(request, current_generation):
    language = get_language_from_request(request, check_path=True)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{address}|{language}|{day}".encode()).hexdigest()
    return f"page:{current_generation}:{digest}"


def freeze(response):
    return (response.status_code, list(response.items()), response.content)


def thaw(frozen):
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
