"""Texts kept in Finnish and Swedish side by side on one row (`purpose_fi`, `purpose_sv`).

The register keeps both languages on the same record rather than as wagtail-localize
translations: a decision, an agreement's dates or a risk level must never differ
between the Finnish and the Swedish page, a school year's check records both at
once, and the CSV/XLSX exchange has the two columns next to each other (docs/service-register.md,
"Libraries chosen and left").
"""

from django.conf import settings
from django.utils.translation import get_language

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def in_language(obj, name, language=None):
    """`obj.<name>_<language>`, or the Finnish text when that one is empty."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if language not in LANGUAGES:
        language = settings.LANGUAGE_CODE
    return getattr(obj, f"{name}_{language}") or getattr(obj, f"{name}_{settings.LANGUAGE_CODE}")


class Bilingual:
    """A read-only attribute giving the text in the active language (`service.purpose`)."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return in_language(obj, self.name)


def field_names(*names):
    """['purpose_fi', 'purpose_sv', …] for the given base names."""
    return [f"{name}_{language}" for name in names for language in LANGUAGES]
