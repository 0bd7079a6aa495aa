"""What is searched: live pages, year-clock tasks and documents linked from pages.

Extraction is generic: any Wagtail page gives its title, search description or intro,
the headings and text of its StreamFields; a page model can override all of it with
`search_document()` returning a SearchDocument. Attributes of the knowledge-base and
year-clock models are read defensively, so a model without them is still indexed.
"""

import html
import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from search.attachments import document_text
from search.document import SearchDocument
from search.models import Visibility

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


def is_private(page):
    """A view restriction on the page or any ancestor makes it staff-only."""
    return PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def _labelled(objects, lang):
    """[[slug, name in lang], ...] for translatable snippets such as kb.Role and kb.School."""
    found = []
    with translation.override(lang):
        for item in objects:
            localized = getattr(item, "localized", item)
            found.append([getattr(item, "slug", str(item.pk)), str(localized)])
    return found


def _related(obj, name):
    manager = getattr(obj, name, None)
    if manager is None or not hasattr(manager, "all"):
        return []
    return list(manager.all())


def _kind_label(model, lang):
    with translation.override(lang):
        return str(model._meta.verbose_name)


def page_document(page):
    """The SearchDocument of a live page, or None."""
    page = page.specific
    custom = getattr(page, "search_document", None)
    if callable(custom):
        return custom()
    lang = page.locale.language_code
    headings, body = stream_text(page)
    summary = plain(page.search_description or getattr(page, "intro", ""))
    kind = page._meta.model_name
    return SearchDocument(
        key=f"page:{page.pk}",
        lang=lang,
        kind=kind,
        title=page.title,
        summary=summary,
        headings=headings,
        body="\n".join(body),
        url=page.get_url() or page.url_path,
        visibility=Visibility.STAFF if is_private(page) else Visibility.PUBLIC,
        facets={
            "kind": [[kind, _kind_label(type(page), lang)]],
            "audience": _labelled(_related(page, "audiences"), lang),
            "school": _labelled(_related(page, "schools"), lang),
        },
    )


def task_model():
    try:
        return apps.get_model("yearclock", "Task")
    except LookupError:
        return None


def _school_year_label(task):
    year = getattr(task, "school_year", None) or getattr(task.year_clock, "school_year", None)
    if year is None:
        from kb.models import SchoolYear

        year = SchoolYear.objects.current()
    return [[str(year.start_year), year.label]] if year else []


def task_document(task):
    lang = task.locale.language_code
    body = "\n".join(
        filter(None, [getattr(task, "description", ""), getattr(task, "checklist", "")])
    )
    visibility = getattr(task, "visibility", Visibility.STAFF)
    return SearchDocument(
        key=f"task:{task.pk}",
        lang=lang,
        kind="task",
        title=task.title,
        body=body,
        headings=[str(task.year_clock)] if getattr(task, "year_clock_id", None) else [],
        url=task.get_absolute_url(),
        visibility=Visibility.PUBLIC if visibility == "public" else Visibility.STAFF,
        facets={
            "kind": [["task", _kind_label(type(task), lang)]],
            "audience": _labelled(_related(task, "roles"), lang),
            "school": _labelled(_related(task, "schools"), lang),
            "school_year": _school_year_label(task),
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
    by_lang = {}
    for page in pages:
        lang = page.locale.language_code
        public = not is_private(page)
        known = by_lang.get(lang)
        by_lang[lang] = (known or False) or public
    return [
        SearchDocument(
            key=f"document:{document.pk}",
            lang=lang,
            kind="document",
            title=document.title,
            body=text,
            url=document.url,
            visibility=Visibility.PUBLIC if public else Visibility.STAFF,
            facets={"kind": [["document", _kind_label(type(document), lang)]]},
        )
        for lang, public in by_lang.items()
    ]


def all_documents():
    """Every SearchDocument of the site, for a full reindex (a generator)."""
    for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
        document = page_document(page)
        if document:
            yield document
    model = task_model()
    if model is not None:
        for task in model.objects.select_related("locale", "year_clock").iterator():
            yield task_document(task)
    from wagtail.documents import get_document_model

    for document in get_document_model().objects.iterator():
        yield from attachment_documents(document)


def count_sources():
    total = Page.objects.live().filter(depth__gt=1).count()
    model = task_model()
    if model is not None:
        total += model.objects.count()
    from wagtail.documents import get_document_model

    return total + get_document_model().objects.count()
