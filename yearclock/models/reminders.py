"""What people want by e-mail, and the record of every reminder sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderPreference(models.Model):
    """What a person wants by e-mail. Without a row: reminders on, digest off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preference",
    )
    email_reminders = models.BooleanField(_("e-mail reminders before tasks"), default=True)
    weekly_digest = models.BooleanField(_("weekly digest on Mondays"), default=False)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        preference, _created = cls.objects.get_or_create(user=user)
        return preference


class ReminderDelivery(models.Model):
    """The record of one reminder to one person about one occurrence on one date.

    Created before sending (pending), claimed atomically (sending), then sent or
    failed; see yearclock.reminders for what that guarantees. The unique
    constraint makes a re-run, a catch-up or a second worker harmless: they find
    the row and leave it alone. `starts_on` is part of it: when an occurrence's
    date is edited, its reminders are due again for the new date.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        DIGEST = "digest", _("Weekly digest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REMINDER)
    occurrence_key = models.CharField(_("occurrence"), max_length=80)
    task_key = models.UUIDField(null=True, blank=True)
    occurrence_date = models.DateField(null=True, blank=True)
    starts_on = models.DateField(_("starts on"), help_text=_("After any move to a working day."))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    offset_days = models.SmallIntegerField(_("days before"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("SMTP transactions started, not claims.")
    )
    last_error = models.TextField(_("last error"), blank=True)
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    message_id = models.CharField(
        _("Message-ID"),
        max_length=200,
        blank=True,
        help_text=_("Kept for resending: a resent reminder is the same message."),
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence_key", "recipient", "offset_days", "starts_on"],
                name="unique_reminder_delivery_per_date",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["claim"]),
        ]

    def __str__(self):
        return f"{self.occurrence_key} → {self.recipient} ({self.offset_days})"
