"""What the search index holds, and the synonyms editors keep.

Entry: one row per searchable thing and language. The rows are the embedded engine's
documents (SQLite FTS5 tables or a PostgreSQL tsvector column are built from them) and
the display data for every engine. Facet and Term are derived from the entries at write
time so that facet counts and the typo vocabulary are queries, not scans.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    index = models.CharField(max_length=100, default="site")
    key = models.CharField(max_length=100)  # "page:12", "task:7", "document:3"
    lang = models.CharField(max_length=8)
    kind = models.CharField(max_length=30)
    # Who may see it: the scopes of its audience, space-separated ("public", "signed_in",
    # "org_…", "group_…"); a reader sees the entry when they share one. Empty: nobody
    # but superusers.
    scopes = models.TextField(blank=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_tokens = models.TextField(blank=True)
    heading_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    part_tokens = models.TextField(blank=True)
    facets = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["index", "key", "lang"], name="unique_search_entry")
        ]
        indexes = [models.Index(fields=["index", "lang"])]

    def __str__(self):
        return f"{self.key} ({self.lang})"

    @property
    def scope_set(self):
        return frozenset(self.scopes.split())


class Facet(models.Model):
    """One facet value of an entry ("kind" = "guidepage"), counted with SQL GROUP BY."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="facet_values")
    name = models.CharField(max_length=30)
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["name", "value"])]

    def __str__(self):
        return f"{self.name}={self.value}"


class Term(models.Model):
    """How many entries of a scope contain a word: the vocabulary for typo corrections,
    restored å/ä/ö and autocomplete, so that none of them offers a word from an entry the
    reader may not see."""

    index = models.CharField(max_length=100)
    lang = models.CharField(max_length=8)
    scope = models.CharField(max_length=80)
    word = models.CharField(max_length=60)
    documents = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["index", "lang", "scope", "word"], name="unique_search_term"
            )
        ]

    def __str__(self):
        return f"{self.word} ({self.scope})"


def _language_choices():
    return settings.LANGUAGES


class SynonymGroup(models.Model):
    """Words and phrases that mean the same, each finding the others (both ways)."""

    language = models.CharField(_("language"), max_length=8, choices=_language_choices)
    variants = models.TextField(
        _("words and phrases"),
        help_text=_(
            "Separated by commas, e.g. “mfa, monivaiheinen tunnistautuminen”. Only words "
            "that mean the same: a broader or narrower word changes what readers find."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["language", "variants"]

    def __str__(self):
        return self.variants

    @property
    def variant_list(self):
        return [v.strip() for v in self.variants.split(",") if v.strip()]

    def clean(self):
        if len(self.variant_list) < 2:
            raise ValidationError(
                {"variants": _("Give at least two words or phrases, separated by commas.")}
            )
