"""What the site search may know of a service: public fields only, per language.

A service is as visible as its page (kb.access: everyone), so its search text holds only
what the public page shows: name, provider, purpose, personal data, accessibility gaps,
each municipality's decision in force (status, conditions, reasons) and the privacy
notice's text. Staff-only fields never reach the index, so no result, snippet, facet or
"did you mean" can show them.

Registered with the search app in ServicesConfig.ready(): one SearchDocument per language
under the key "service:<pk>"; a decision's change refreshes its service (services.signals).
"""

import re

from django.utils import translation
from django.utils.html import strip_tags

from kb.access import audience_of
from search.document import SearchDocument
from search.registration import register
from search.searchables import Searchable
from services.bilingual import LANGUAGES, in_language
from services.models import Decision, DigitalService

PREFIX = "service"


def search_texts(service):
    """{language: {title, summary, headings, body, url, kind_label}} of a service that
    some municipality has decided on; {} for one nobody has."""
    decisions = list(
        Decision.objects.in_force()
        .filter(service=service)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if not decisions:
        return {}
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = {
                "title": in_language(service, "name", language),
                "summary": in_language(service, "purpose", language),
                "headings": [service.provider],
                "body": body(service, decisions, language),
                "url": service.get_absolute_url(),
                "kind_label": str(DigitalService._meta.verbose_name),
            }
    return texts


def body(service, decisions, language):
    lines = [str(label) for label in service.data_category_labels]
    lines.append(in_language(service, "accessibility_gaps", language))
    for decision in decisions:
        lines.append(f"{decision.organisation.localized.name}: {decision.get_status_display()}")
        lines.append(in_language(decision, "conditions", language))
        lines.append(in_language(decision, "reasons", language))
    notice = in_language(service, "privacy_notice", language)
    lines.append(strip_tags(re.sub(r"</(h\d|p|li)>", "\n", notice)))
    return "\n".join(line for line in lines if line)


def service_documents(service):
    scopes = audience_of(service).scopes
    return [
        SearchDocument(
            key=f"{PREFIX}:{service.pk}",
            lang=language,
            kind="service",
            title=text["title"],
            summary=text["summary"],
            headings=text["headings"],
            body=text["body"],
            url=text["url"],
            scopes=scopes,
            facets={"kind": [["service", text["kind_label"]]]},
        )
        for language, text in search_texts(service).items()
    ]


def register_services():
    register(
        Searchable(
            model=DigitalService,
            prefix=PREFIX,
            documents=service_documents,
            queryset=lambda: DigitalService.objects.select_related("organisation"),
        )
    )
