"""The register in the site search: one document per service and language, public fields only.

A service is as visible as its page (kb.access: everyone), so its search document
holds only what the public page shows: name, provider, purpose, personal data,
accessibility, each municipality's decision in force (status, conditions, reasons) and
the privacy notice's text. Staff-only fields never enter the index, so no search
result, snippet, facet or "did you mean" can show them.
"""

from django.utils import translation
from django.utils.html import strip_tags

from kb.access import audience_of
from services.bilingual import LANGUAGES, in_language
from services.models import Decision, DigitalService


def service_documents(service, document_class, **audience_fields):
    """[document_class(...)] of `service` in Finnish and Swedish.

    `document_class` is the search app's SearchDocument; `audience_fields` its field
    for the audience (e.g. scopes=…), given by the caller that registers the register.
    """
    decisions = list(
        Decision.objects.in_force()
        .filter(service=service)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if not decisions:
        return []
    documents = []
    for language in LANGUAGES:
        with translation.override(language):
            documents.append(
                document_class(
                    key=f"service:{service.pk}",
                    lang=language,
                    kind="service",
                    title=in_language(service, "name", language),
                    summary=in_language(service, "purpose", language),
                    headings=[service.provider],
                    body=body(service, decisions, language),
                    url=service.get_absolute_url(),
                    facets={"kind": [["service", str(DigitalService._meta.verbose_name)]]},
                    **audience_fields,
                )
            )
    return documents


def body(service, decisions, language):
    lines = [str(label) for label in service.data_category_labels]
    lines.append(in_language(service, "accessibility_gaps", language))
    for decision in decisions:
        lines.append(f"{decision.organisation.localized.name}: {decision.get_status_display()}")
        lines.append(in_language(decision, "conditions", language))
        lines.append(in_language(decision, "reasons", language))
    lines.append(strip_tags(in_language(service, "privacy_notice", language)))
    return "\n".join(line for line in lines if line)


def public_scopes(service):
    """The audience of a service (kb.access), for the search entry's scopes."""
    return audience_of(service).scopes
