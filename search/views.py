"""The search page and the autocomplete endpoint; the engine stays behind querying.py."""

import logging
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from search.analysis import highlight_terms
from search.analysis.pipeline import MAX_QUERY_CHARS
from search.indexing import SITE_INDEX
from search.models import Entry, Visibility
from search.querying import run_query
from search.snippets import highlight, snippet

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
FACETS = ("kind", "audience", "school", "school_year")
SUGGESTIONS = 6


def reader_language():
    return (get_language() or "fi")[:2]


def visibilities_for(user):
    """Anonymous readers see public entries only; signed-in staff see staff entries too."""
    if user.is_authenticated:
        return [Visibility.PUBLIC, Visibility.STAFF]
    return [Visibility.PUBLIC]


def ranked_entries(text, lang, visibilities, limit=1000, completion=False):
    """(entries best first, analysed query); never raises, an engine failure gives []."""
    try:
        outcome = run_query(text, lang, visibilities, limit=limit, completion=completion)
    except Exception:  # the page must answer even when every engine fails
        logger.exception("search failed for %r", text[:50])
        return [], None
    keys = [hit.key for hit in outcome.hits]
    # The visibility filter again, on the rows: a stale engine must not leak staff content.
    rows = Entry.objects.filter(
        index=SITE_INDEX, lang=lang, key__in=keys, visibility__in=visibilities
    )
    by_key = {row.key: row for row in rows}
    return [by_key[key] for key in keys if key in by_key], outcome.query


def facet_counts(entries, selected):
    """{facet: [{value, label, count, selected, url params}]} over the ranked entries."""
    counts = {name: {} for name in FACETS}
    for entry in entries:
        for name in FACETS:
            for value, label in entry.facets.get(name, []):
                slot = counts[name].setdefault(value, [label, 0])
                slot[1] += 1
    return {
        name: [
            {
                "value": value,
                "label": label,
                "count": count,
                "selected": selected.get(name) == value,
            }
            for value, (label, count) in sorted(values.items(), key=lambda i: (-i[1][1], i[1][0]))
        ]
        for name, values in counts.items()
        if values
    }


def apply_facets(entries, selected):
    for name, value in selected.items():
        entries = [e for e in entries if value in {v for v, _ in e.facets.get(name, [])}]
    return entries


def _query_string(params, **changes):
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v})


@require_GET
def search(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    lang = reader_language()
    selected = {name: request.GET.get(name, "")[:80] for name in FACETS if request.GET.get(name)}
    context = {"search_query": text, "selected": selected, "searched": bool(text)}
    if text:
        entries, query = ranked_entries(text, lang, visibilities_for(request.user))
        facets = facet_counts(entries, selected)
        filtered = apply_facets(entries, selected)
        paginator = Paginator(filtered, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        terms = highlight_terms(query) if query else set()
        base = {"q": text, **selected}
        context.update(
            {
                "page_obj": page,
                "total": paginator.count,
                "results": [
                    {
                        "entry": entry,
                        "title": highlight(entry.title, lang, terms),
                        "snippet": snippet(entry, terms),
                        "kind": (entry.facets.get("kind") or [["", ""]])[0][1],
                    }
                    for entry in page.object_list
                ],
                "facets": [
                    {
                        "name": name,
                        "values": [
                            {
                                **value,
                                "url": "?"
                                + _query_string(
                                    base, **{name: "" if value["selected"] else value["value"]}
                                ),
                            }
                            for value in values
                        ],
                    }
                    for name, values in facets.items()
                ],
                "suggestion": query.suggestion() if query else "",
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
    entries, _ = ranked_entries(
        text, reader_language(), visibilities_for(request.user), limit=SUGGESTIONS, completion=True
    )
    return JsonResponse(
        {
            "results": [
                {
                    "title": e.title,
                    "url": e.url,
                    "kind": (e.facets.get("kind") or [["", ""]])[0][1],
                }
                for e in entries[:SUGGESTIONS]
            ]
        }
    )
