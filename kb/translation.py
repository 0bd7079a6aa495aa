"""Translations the wagtail-localize way, for pages and snippets.

Every Swedish page and snippet is a wagtail-localize `Translation` of its Finnish
source: the texts are `StringTranslation`s of the source's segments, the rest is
declared on the model (`SynchronizedField`) and copied by wagtail-localize, never
by hand. Two things wagtail-localize leaves to the project are done here:

- `sync_translations(instance)`: when a source is saved, its `TranslationSource`
  is refreshed (the translation editor then shows what changed) and every enabled
  translation is saved again by wagtail-localize (`Translation.save_target`), so
  synchronised values (dates, rules, visibility …) reach the other languages in the
  same transaction. Texts not yet translated fall back to the source's text, as in
  wagtail-localize's own "sync translated pages".
- link addresses given as data: a translation given beside its source (the demo's
  Swedish pages) links to its own language's addresses (`/sv/tjanster/`, not
  `/fi/palvelut/`); the differing addresses become wagtail-localize segment
  overrides (`overrides_from_pair`), as if set in the translation editor.
- many-to-many relations (wagtail-localize does not handle them): each related
  object is replaced by its translation in the object's own locale
  (`localize_related`), so a Swedish page lists Swedish roles, never the Finnish
  "Huoltaja". Identity across languages is the related object's translation key.
"""

import json
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments, quote_path_component

_syncing = ContextVar("kb_translation_syncing", default=False)


def is_syncing():
    """True while wagtail-localize saves a translation on behalf of its source."""
    return _syncing.get()


@contextmanager
def syncing():
    token = _syncing.set(True)
    try:
        yield
    finally:
        _syncing.reset(token)


class IncompleteTranslation(ValueError):
    """A translation given as data does not match its source's segments."""


def translate(instance, locale, po, user=None, publish=True, overrides=None):
    """Create or update the translation of `instance` into `locale` from a PO file.

    `po` is a polib.POFile in wagtail-localize's own format (msgctxt: segment path,
    msgid: source text). Every string segment of the source must be translated and
    every entry must match one: anything else raises IncompleteTranslation, so
    content given as data cannot go missing silently. `overrides` ({segment path:
    value}, see `overrides_from_pair`) must each name an overridable segment of the
    source. Returns the saved target.
    """
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        warnings = translation.import_po(po, user=user, tool_name="kb")
        if warnings:
            raise IncompleteTranslation(f"{instance!r} into {locale}: {warnings}")
        _override(source, locale, overrides or {}, user)
        total, translated = translation.get_progress()
        if total != translated:
            raise IncompleteTranslation(
                f"{instance!r} into {locale}: {total - translated} of {total} strings missing"
            )
        with syncing():
            # Pages: a draft revision, published below; snippets are saved as they are.
            translation.save_target(user=user, publish=not isinstance(instance, Page))
        target = translation.get_target_instance()
        if isinstance(target, Page) and publish:
            target.get_latest_revision().publish(user=user)
            target.refresh_from_db()
        return target


def po_from_pair(source_instance, translated_instance):
    """A PO file translating `source_instance` by the texts of `translated_instance`.

    Both are instances of one model with the same structure (StreamField block ids
    included); their string segments are paired in order. A different number or
    different places of strings raise IncompleteTranslation.
    """
    import polib

    source = _strings(source_instance)
    translated = _strings(translated_instance)
    if [path for path, _text in source] != [path for path, _text in translated]:
        raise IncompleteTranslation(
            f"{source_instance!r}: the translation's texts are not in the same places as "
            f"the source's: {_first_difference(source, translated)}"
        )
    po = polib.POFile(wrapwidth=200)
    po.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    seen = set()
    for (path, text), (_path, translation) in zip(source, translated, strict=True):
        if (path, text) in seen:
            continue
        seen.add((path, text))
        po.append(polib.POEntry(msgctxt=path, msgid=text, msgstr=translation))
    return po


def overrides_from_pair(source_instance, translated_instance):
    """The link addresses in which `translated_instance` differs from its source, as
    {overridable segment path: address}, for `translate(overrides=…)`.

    Paired like `po_from_pair`: string by string, and in each string link by link
    (wagtail-localize numbers them a1, a2 …). A string whose links differ in number,
    or one source address given two translations, raises IncompleteTranslation.
    """
    source = _string_segments(source_instance)
    translated = _string_segments(translated_instance)
    if [s.path for s in source] != [t.path for t in translated]:
        raise IncompleteTranslation(
            f"{source_instance!r}: the translation's texts are not in the same places as "
            "the source's"
        )
    overrides = {}
    for original, translation in zip(source, translated, strict=True):
        links, translated_links = _links(original), _links(translation)
        if set(links) != set(translated_links):
            raise IncompleteTranslation(
                f"{source_instance!r}: {original.path}: the translation has other links "
                f"than the source ({len(translated_links)} / {len(links)})"
            )
        for link, address in links.items():
            path = f"{original.path}.{quote_path_component(address)}"
            wanted = translated_links[link]
            if overrides.get(path, wanted) != wanted:
                raise IncompleteTranslation(
                    f"{source_instance!r}: {address!r} is translated as both "
                    f"{overrides[path]!r} and {wanted!r}"
                )
            if wanted != address:
                overrides[path] = wanted
    return overrides


def _links(segment):
    return {link: attrs["href"] for link, attrs in (segment.attrs or {}).items() if "href" in attrs}


def _override(source, locale, overrides, user):
    segments = {
        segment.context.path: segment
        for segment in OverridableSegment.objects.filter(source=source).select_related("context")
    }
    unknown = set(overrides) - set(segments)
    if unknown:
        raise IncompleteTranslation(f"{source!r}: nothing to override at {sorted(unknown)}")
    for path, value in overrides.items():
        SegmentOverride.objects.update_or_create(
            locale=locale,
            context=segments[path].context,
            defaults={"data_json": json.dumps(value), "last_translated_by": user},
        )


def po_from_fields(source_instance, texts):
    """A PO file for a snippet whose translated texts are given per field: {"name": "…"}."""
    import polib

    po = polib.POFile(wrapwidth=200)
    po.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    strings = dict(_strings(source_instance))
    unknown = set(texts) - set(strings)
    if unknown:
        raise IncompleteTranslation(f"{source_instance!r}: no such texts {sorted(unknown)}")
    for path, text in strings.items():
        po.append(polib.POEntry(msgctxt=path, msgid=text, msgstr=texts.get(path, "")))
    return po


def _string_segments(instance):
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def _strings(instance):
    return [(segment.path, segment.string.data) for segment in _string_segments(instance)]


def _first_difference(source, translated):
    for index, (a, b) in enumerate(zip(source, translated, strict=False)):
        if a[0] != b[0]:
            return f"string {index + 1}: {a[0]!r} / {b[0]!r}"
    return f"{len(source)} strings / {len(translated)} strings"


def sync_translations(instance, user=None):
    """Bring every translation of a saved source up to date (see the module docstring).

    Does nothing for an object that is not the source of a translation, and while a
    translation is itself being saved by this function (no ping-pong).
    """
    if is_syncing():
        return []
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return []
    source.update_from_db()
    targets = []
    with syncing():
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            translation.save_target(user=user, publish=True)
            targets.append(translation.get_target_instance())
    return targets


def adopt_translation(instance):
    """Record a translation made without wagtail-localize as a wagtail-localize one.

    Code that copies an object with `copy_for_translation` and saves it (imports,
    tests, older data) gets the same records as the translation editor would make:
    a TranslationSource of the object in the default language (or, without one,
    the oldest other language), a Translation into this one, and the texts of this
    object as its StringTranslations, then one sync of a snippet by wagtail-localize
    so its related objects point to their translations. Returns the Translation, or None when
    `instance` is the source or already a recorded translation.
    """
    if is_syncing() or instance.locale.language_code == settings.LANGUAGE_CODE:
        return None
    model = type(instance).get_translation_model()
    others = model.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk)
    source_instance = others.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if source_instance is None:
        source_instance = others.filter(pk__lt=instance.pk).order_by("pk").first()
    if source_instance is None:
        return None
    source_instance = type(instance).objects.get(pk=source_instance.pk)
    if Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale=instance.locale
    ).exists():
        return None
    source, _created = TranslationSource.get_or_create_from_instance(source_instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=instance.locale
    )
    texts = dict(_strings(instance))
    import polib

    po = polib.POFile(wrapwidth=200)
    for path, text in _strings(source_instance):
        if texts.get(path):
            po.append(polib.POEntry(msgctxt=path, msgid=text, msgstr=texts[path]))
    translation.import_po(po, tool_name="kb")
    if not isinstance(instance, Page):
        # One wagtail-localize sync, so related objects (a task's year clock …) point
        # to their translations just as if the translation editor had made it.
        with syncing():
            translation.save_target()
    return translation


def source_of(instance):
    """The object `instance` is a wagtail-localize translation of, or None."""
    source = (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .exclude(locale_id=instance.locale_id)
        .first()
    )
    return source.get_source_instance() if source else None


def copy_relations(source, target, names):
    """Give `target` the many-to-many relations `names` of `source`, each related
    object in the target's own language (localize_related)."""
    with syncing():
        for name in names:
            getattr(target, name).set(localize_related(getattr(source, name).all(), target.locale))


def sync_relations(instance, names):
    """Copy the relations `names` of `instance` to every translation of it."""
    model = type(instance).get_translation_model()
    others = model.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk)
    for other in others.select_related("locale"):
        copy_relations(instance, type(instance).objects.get(pk=other.pk), names)


def localize_related(objects, locale):
    """Each object replaced by its translation in `locale` (itself if it has none yet).

    Untranslated objects stay as they are, as wagtail-localize does for pages:
    the relation is kept rather than silently dropped.
    """
    objects = list(objects)
    if not objects:
        return []
    model = type(objects[0])
    if not issubclass(model, TranslatableMixin):
        raise ImproperlyConfigured(f"{model.__name__} is not translatable")
    in_locale = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            translation_key__in=[o.translation_key for o in objects], locale=locale
        )
    }
    return [in_locale.get(obj.translation_key, obj) for obj in objects]


def in_language(rows, language):
    """One row per translation key: in `language` where there is one, else in the
    default language, else any; in the order the keys first appear in `rows`.

    `rows` are translatable objects with their `locale` (select it with them)."""
    rank = {language: 0, settings.LANGUAGE_CODE: 1}
    chosen = {}
    for row in rows:
        current = chosen.get(row.translation_key)
        row_rank = rank.get(row.locale.language_code, 2)
        if current is None or row_rank < rank.get(current.locale.language_code, 2):
            chosen[row.translation_key] = row
    return list(chosen.values())
