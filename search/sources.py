"""What is searched: live pages, the documents linked from them, and registered models.

Extraction is generic: any Wagtail page gives its title, search description, the
headings and text of its StreamFields; a page model says what else it offers by
defining `search_document()` (usually `generic_page_document` with its own summary
and facets). A page model's `review_state()`, when it has one, is shown beside its
results (search.views). Other apps register their models
(search.searchables), e.g. the year clock's tasks in yearclock/search.py.
"""

import html
import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex

from kb.access import audience_of
from search import searchables
from search.attachments import document_text
from search.document import SearchDocument

logger = logging.getLogger(__name__)


def plain(text):
    return html.unescape(strip_tags(str(text or ""))).strip()


def _heading_text(value):
    for name in ("text", "heading", "title"):
        try:
            found = value.get(name)
        except AttributeError:
            break
        if found:
            return plain(found)
    return plain(value)


def stream_text(page):
    """(headings, body paragraphs) from every StreamField of a page."""
    headings, body = [], []
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for block in getattr(page, field.name) or []:
            if "heading" in block.block_type:
                headings.append(_heading_text(block.value))
                continue
            try:
                parts = block.block.get_searchable_content(block.value)
            except Exception:  # a block that cannot describe itself is skipped, not fatal
                logger.exception("search: block %s of page %s", block.block_type, page.pk)
                parts = []
            body.extend(plain(p) for p in parts if p)
    return headings, body


def labelled(objects, lang):
    """[[slug, name in lang], ...] for translatable snippets such as kb.Role and kb.School."""
    found = []
    with translation.override(lang):
        for item in objects:
            localized = getattr(item, "localized", item)
            found.append([getattr(item, "slug", str(item.pk)), str(localized)])
    return found


def kind_label(model, lang):
    with translation.override(lang):
        return str(model._meta.verbose_name)


def page_document(page):
    """The SearchDocument of a live page: the page model's own `search_document()` when it
    has one (e.g. guides.ContentPage adds its intro, audiences and schools), else generic."""
    page = page.specific
    custom = getattr(page, "search_document", None)
    if callable(custom):
        return custom()
    return generic_page_document(page)


def generic_page_document(page, *, summary="", facets=None):
    """Title, search description (else `summary`), StreamField headings and text, kind,
    the page's audience (kb.access); `facets` add audience/school labels to the kind."""
    lang = page.locale.language_code
    headings, body = stream_text(page)
    kind = page._meta.model_name
    return SearchDocument(
        key=f"page:{page.pk}",
        lang=lang,
        kind=kind,
        title=page.title,
        summary=plain(page.search_description or summary),
        headings=headings,
        body="\n".join(body),
        url=page.get_url() or page.url_path,
        scopes=audience_of(page).scopes,
        facets={
            "kind": [[kind, kind_label(type(page), lang)]],
            "audience": [],
            "school": [],
            **(facets or {}),
        },
    )


def linked_document_ids(page):
    from wagtail.documents import get_document_model

    document_type = ContentType.objects.get_for_model(get_document_model())
    return set(
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=document_type)
        .values_list("to_object_id", flat=True)
    )


def attachment_documents(document):
    """One SearchDocument per language of the live pages that link to `document`."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = list(Page.objects.live().filter(pk__in=[int(i) for i in page_ids]))
    if not pages:
        return []
    text = document_text(document)
    # A document is visible wherever one of the pages using it is: the union of their
    # audiences, per language of those pages.
    by_lang = {}
    for page in pages:
        lang = page.locale.language_code
        by_lang[lang] = by_lang.get(lang, frozenset()) | audience_of(page).scopes
    return [
        SearchDocument(
            key=f"document:{document.pk}",
            lang=lang,
            kind="document",
            title=document.title,
            body=text,
            url=document.url,
            scopes=scopes,
            facets={"kind": [["document", kind_label(type(document), lang)]]},
        )
        for lang, scopes in by_lang.items()
    ]


def all_documents():
    """Every SearchDocument of the site, for a full reindex (a generator)."""
    for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
        document = page_document(page)
        if document:
            yield document
    for searchable in searchables.registered():
        for obj in searchable.queryset().iterator():
            yield from searchable.documents(obj)
    from wagtail.documents import get_document_model

    for document in get_document_model().objects.iterator():
        yield from attachment_documents(document)


def count_sources():
    total = Page.objects.live().filter(depth__gt=1).count()
    total += sum(searchable.queryset().count() for searchable in searchables.registered())
    from wagtail.documents import get_document_model

    return total + get_document_model().objects.count()
