"""The search page and the autocomplete endpoint; the engine stays behind querying.py."""

import logging
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wagtail.models import Page

from kb.access import PUBLIC, reader_for
from search.analysis import highlight_terms
from search.analysis.pipeline import MAX_QUERY_CHARS
from search.indexing import SITE_INDEX
from search.models import Entry, Facet
from search.querying import closest, run_query
from search.snippets import highlight, snippet

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_PAGE = 100
FACETS = ("kind", "audience", "school", "school_year")
SUGGESTIONS = 6


def reader_language():
    """The language of the page: one of settings.LANGUAGES."""
    codes = [code for code, _ in settings.LANGUAGES]
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in codes else settings.LANGUAGE_CODE


@dataclass
class ResultPage:
    """One page of results, with what the template's pagination needs."""

    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.size))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def start_index(self):
        return (self.number - 1) * self.size + 1


def page_number(value):
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def entries_for(hits, lang, scopes):
    """Entry rows of the hits, best first; the scope filter again on the rows, so a stale
    engine can never show an entry the reader may not see."""
    keys = [hit.key for hit in hits]
    rows = Entry.objects.filter(index=SITE_INDEX, lang=lang, key__in=keys)
    by_key = {row.key: row for row in rows if scopes is None or row.scope_set & scopes}
    return [by_key[key] for key in keys if key in by_key]


def review_states(entries):
    """{entry key: ReviewState} of the page results, read when the page is shown.

    At display time rather than index time: the state changes with the calendar
    (every page becomes due on 1 August) and when an editor verifies a page, neither of
    which reindexes anything.
    """
    ids = [int(e.key.split(":", 1)[1]) for e in entries if e.key.startswith("page:")]
    states = {}
    for page in Page.objects.filter(pk__in=ids).specific():
        if hasattr(page, "review_state"):  # content pages; sections have no review
            states[f"page:{page.pk}"] = page.review_state()
    return states


def facet_list(counts, lang, selected, base):
    """[{name, values: [{value, label, count, selected, url}]}] from the engine's counts."""
    names = [name for name in FACETS if any(n == name for n, _ in counts)]
    labels = {
        (row["name"], row["value"]): row["label"]
        for row in Facet.objects.filter(
            entry__index=SITE_INDEX,
            entry__lang=lang,
            name__in=names,
            value__in={value for _, value in counts},
        )
        .values("name", "value", "label")
        .distinct()
    }
    facets = []
    for name in names:
        values = [
            {
                "value": value,
                "label": labels.get((name, value), value),
                "count": count,
                "selected": selected.get(name) == value,
            }
            for (facet, value), count in counts.items()
            if facet == name
        ]
        values.sort(key=lambda v: (-v["count"], v["label"]))
        for value in values:
            change = {name: "" if value["selected"] else value["value"]}
            value["url"] = "?" + _query_string(base, **change)
        facets.append({"name": name, "values": values})
    return facets


def _query_string(params, **changes):
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v})


def _results(entries, lang, terms):
    states = review_states(entries)
    return [
        {
            "entry": entry,
            "title": highlight(entry.title, lang, terms),
            "snippet": snippet(entry, terms),
            "kind": (entry.facets.get("kind") or [["", ""]])[0][1],
            "review": states.get(entry.key),
            "public": PUBLIC in entry.scope_set,
        }
        for entry in entries
    ]


def closest_entries(text, lang, scopes):
    """[(kind, entries)] the reader may see that are nearest to a query that found nothing."""
    try:
        found = closest(text, lang, scopes)
    except Exception:  # the page that found nothing must answer all the same
        logger.exception("closest entries failed for %r", text[:50])
        return []
    return [(kind, entries_for(hits, lang, scopes)) for kind, hits in found.items() if hits]


@require_GET
def search(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    lang = reader_language()
    selected = {name: request.GET.get(name, "")[:80] for name in FACETS if request.GET.get(name)}
    context = {"search_query": text, "selected": selected, "searched": bool(text)}
    if not text:
        return render(request, "search/search.html", context)
    scopes = reader_for(request).search_scopes()
    number = page_number(request.GET.get("page"))
    try:
        outcome = run_query(
            text,
            lang,
            scopes,
            filters=selected,
            offset=(number - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
            facets=True,
        )
    except Exception:  # the page must answer even when every engine fails
        logger.exception("search failed for %r", text[:50])
        outcome = None
    entries = entries_for(outcome.hits, lang, scopes) if outcome else []
    terms = highlight_terms(outcome.query) if outcome else (frozenset(), frozenset())
    base = {"q": text, **selected}
    if outcome and not outcome.total and not selected:
        context["closest"] = closest_entries(text, lang, scopes)
    context.update(
        {
            "page_obj": ResultPage(number, outcome.total if outcome else 0),
            "total": outcome.total if outcome else 0,
            "results": _results(entries, lang, terms),
            "facets": facet_list(outcome.facets, lang, selected, base) if outcome else [],
            "suggestion": outcome.suggestion if outcome else "",
            "page_query": _query_string(base),
            "clear_url": "?" + _query_string({"q": text}),
        }
    )
    return render(request, "search/search.html", context)


@require_GET
def suggest(request):
    """A few titles for the header box as JSON, best first."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    if len(text) < 2:
        return JsonResponse({"results": []})
    lang = reader_language()
    scopes = reader_for(request).search_scopes()
    try:
        outcome = run_query(text, lang, scopes, limit=SUGGESTIONS, completion=True, suggest=False)
    except Exception:  # autocomplete must answer even when every engine fails
        logger.exception("suggest failed for %r", text[:50])
        return JsonResponse({"results": []})
    return JsonResponse(
        {
            "results": [
                {
                    "title": e.title,
                    "url": e.url,
                    "kind": (e.facets.get("kind") or [["", ""]])[0][1],
                }
                for e in entries_for(outcome.hits, lang, scopes)
            ]
        }
    )
