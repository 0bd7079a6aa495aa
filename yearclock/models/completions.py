"""Occurrences of tasks marked done."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kb.models import SchoolYear

from .clocks import Task


class Completion(models.Model):
    """One occurrence of a task marked done: who, when and an optional note."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="completions"
    )
    task_key = models.UUIDField(_("task key"), db_index=True)
    occurrence_key = models.CharField(_("occurrence"), max_length=80)
    occurrence_date = models.DateField(
        _("scheduled date"),
        help_text=_("The date the occurrence had when it was marked done."),
    )
    school_year = models.ForeignKey(
        SchoolYear,
        verbose_name=_("school year"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-done_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence_key"], name="unique_completion_per_occurrence_key"
            )
        ]

    def __str__(self):
        return f"{self.task} {self.occurrence_date:%d.%m.%Y}"
