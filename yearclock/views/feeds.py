"""Feed views: validate the query, serve cached bytes, answer revalidation with 304.

Errors are plain text in the requested language (fi by default), never a 500;
an unknown, revoked or malformed token gets the same 404 as a missing clock.
Bad personal-feed tokens are counted per client address: over the limit, that
address gets 429 instead of 404 for bad tokens, while valid tokens are always
served (a whole school shares one NAT address). Guessing is infeasible anyway
(256-bit tokens); the limit bounds the cost and noise of scanning.
"""

import functools
import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_safe

from kb import errors
from kb.models import Role, School, StaffProfile
from kb.security import FailureLimit, client_address
from yearclock import feed_cache, feeds
from yearclock.models import FeedToken, Task, YearClock

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
LANGUAGES = {code for code, _name in settings.LANGUAGES}
MAX_VALUES = 20


def token_failures():
    return FailureLimit(
        "feed-token",
        limit=settings.FEED_TOKEN_FAILURE_LIMIT,
        window=settings.FEED_TOKEN_FAILURE_WINDOW,
    )


class BadQuery(ValueError):
    pass


def values(request, name):
    """?role=a,b&role=c -> ("a", "b", "c")."""
    found = []
    for raw in request.GET.getlist(name):
        found.extend(part.strip() for part in raw.split(",") if part.strip())
    if len(found) > MAX_VALUES:
        raise BadQuery(_("Too many values for %(name)s.") % {"name": name})
    return tuple(dict.fromkeys(found))


def known_slugs(model, slugs, message):
    if not slugs:
        return slugs
    if any(not SLUG.match(slug) for slug in slugs):
        raise BadQuery(message % {"value": ", ".join(slugs)})
    known = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise BadQuery(message % {"value": ", ".join(unknown)})
    return slugs


def requested_language(request, default=None):
    language = request.GET.get("lang") or default or settings.LANGUAGE_CODE
    return language if language in LANGUAGES else None


def parse_filter(request):
    """FeedFilter from the query string; BadQuery with a translated message."""
    roles = known_slugs(Role, values(request, "role"), _("Unknown role: %(value)s"))
    schools = known_slugs(School, values(request, "school"), _("Unknown school: %(value)s"))
    categories = values(request, "category")
    unknown = [value for value in categories if value not in Task.Category.values]
    if unknown:
        raise BadQuery(_("Unknown category: %(value)s") % {"value": ", ".join(unknown)})
    return roles, schools, categories


def accepts_gzip(request):
    """Whether Accept-Encoding allows gzip (q-values honoured, `*` counts)."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if "gzip" not in header and "*" not in header:
        return False
    if ";" not in header:  # no q-values: named means accepted
        return True
    weights = {}
    for part in header.split(","):
        coding, *params = (item.strip() for item in part.split(";"))
        weight = 1.0
        for param in params:
            name, _sep, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding:
            weights[coding.lower()] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


CONDITIONAL = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def calendar_response(request, rendered, *, private):
    """The cached bytes as they are: gzip when the client accepts it (compressed once,
    when the feed was rendered), each representation with its own ETag.

    Kept lean: it is most of what a cached hit costs."""
    compressed = accepts_gzip(request)
    body, etag = (
        (rendered.gzip_body, rendered.gzip_etag) if compressed else (rendered.body, rendered.etag)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    headers = response.headers
    if compressed:
        headers["Content-Encoding"] = "gzip"
    headers["Content-Disposition"] = f'inline; filename="{rendered.filename}"'
    headers["ETag"] = etag
    headers["Last-Modified"] = rendered.last_modified_http
    headers["Cache-Control"] = "private, max-age=900" if private else "public, max-age=900"
    headers["Vary"] = "Accept-Encoding"  # a new response: nothing to merge with
    if private:
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Robots-Tag"] = "noindex"
    if not any(name in request.META for name in CONDITIONAL):
        return response
    conditional = get_conditional_response(
        request,
        etag=etag,
        last_modified=int(rendered.last_modified.timestamp()),
        response=response,
    )
    if conditional is not response:
        for header in ("ETag", "Last-Modified", "Cache-Control", "Referrer-Policy", "Vary"):
            if header in response:
                conditional[header] = response[header]
    return conditional


def unknown_token(request):
    """404 for an unknown, revoked or malformed token; 429 once the address is over its limit.

    Valid tokens never come here, so a school behind one NAT address keeps its
    calendars while one of its clients guesses; over the limit nothing is written.
    """
    failures, address = token_failures(), client_address(request)
    language = requested_language(request) or settings.LANGUAGE_CODE
    retry_after = failures.retry_after(address)
    if retry_after and request.get_preferred_type(["text/calendar", "text/html"]) == "text/html":
        response = errors.too_many_requests(request, retry_after, language)  # a browser
        response["Referrer-Policy"] = "no-referrer"  # the address holds a token
        return response
    with override(language):
        if retry_after:
            response = text_response(
                TooManyRequests,
                _("Too many unknown calendar addresses. Try again later."),
                private=True,
            )
            response["Retry-After"] = str(retry_after)
            response["Cache-Control"] = "no-store"
            return response
        failures.record(address)
        return text_response(HttpResponseNotFound, _("No such calendar."), private=True)


class TooManyRequests(HttpResponse):
    status_code = 429


def text_response(response_class, message, *, private=False):
    response = response_class(message, content_type="text/plain; charset=utf-8")
    if private:
        response["Referrer-Policy"] = "no-referrer"
    return response


def answered_from_memory(view):
    """Answer a repeated public feed request from this process's memory, without
    parsing it again, when the feed it got is still current (feed_cache.Recent)."""

    @functools.wraps(view)
    def wrapper(request, slug):
        address = request.get_full_path()
        rendered = feed_cache.RECENT.get(address)
        if rendered is not None and request.method in ("GET", "HEAD") and rendered.is_current():
            return calendar_response(request, rendered, private=False)
        response = view(request, slug)
        rendered = getattr(response, "rendered_feed", None)
        if rendered is not None:
            feed_cache.RECENT.put(address, rendered)
        return response

    return wrapper


@answered_from_memory
@require_safe
def public_feed(request, slug):
    language = requested_language(request)
    with override(language or settings.LANGUAGE_CODE):
        if language is None:
            return text_response(HttpResponseBadRequest, _("Choose the language fi or sv."))
        year_clock = YearClock.objects.filter(slug=slug).order_by("pk").first()
        if year_clock is None:
            return text_response(HttpResponseNotFound, _("No such calendar."))
        try:
            roles, schools, categories = parse_filter(request)
        except BadQuery as error:
            return text_response(HttpResponseBadRequest, str(error))
        feed_filter = feeds.FeedFilter(
            language=language, roles=roles, schools=schools, categories=categories
        )
        rendered = feeds.public_feed(year_clock, feed_filter)
    response = calendar_response(request, rendered, private=False)
    response.rendered_feed = rendered
    return response


@require_safe
def personal_feed(request, token):
    token_row = FeedToken.lookup(token)
    if token_row is None:
        return unknown_token(request)
    profile = StaffProfile.objects.filter(user=token_row.user).first()
    default = profile.language if profile else None
    language = requested_language(request, default)
    with override(language or settings.LANGUAGE_CODE):
        if language is None:
            return text_response(
                HttpResponseBadRequest, _("Choose the language fi or sv."), private=True
            )
        rendered = feeds.personal_feed(token_row.user, language)
    return calendar_response(request, rendered, private=True)
