"""What the search index holds: one entry per searchable thing, per language.

The rows are the embedded engine's documents (SQLite FTS5 tables or a PostgreSQL
tsvector column are built from them) and the display data for every engine.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    STAFF = "staff", _("Staff only")


class Entry(models.Model):
    index = models.CharField(max_length=100, default="site")
    key = models.CharField(max_length=100)  # "page:12", "task:7", "document:3"
    lang = models.CharField(max_length=8)
    kind = models.CharField(max_length=30)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_tokens = models.TextField(blank=True)
    heading_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    facets = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["index", "key", "lang"], name="unique_search_entry")
        ]
        indexes = [models.Index(fields=["index", "lang", "visibility"])]

    def __str__(self):
        return f"{self.key} ({self.lang})"
