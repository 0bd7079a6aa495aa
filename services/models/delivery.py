"""The delivery record of each e-mail the register sends (kb.outbox sends it)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.models.register import organisation_field, staff_of

# -- e-mail -----------------------------------------------------------------------------


class EmailDelivery(models.Model):
    """The delivery record of one e-mail: unique per (subject, recipient, kind, due date).

    The same life cycle as the year clock's ReminderDelivery: created pending,
    claimed atomically (sending), then sent, failed (retried) or skipped.
    """

    class Kind(models.TextChoices):
        AGREEMENT_EXPIRING = "agreement_expiring", _("Agreement expiring")
        REVIEW_DUE = "review_due", _("Impact assessment review due")
        REQUEST_OUTCOME = "request_outcome", _("Outcome of a request")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject_key = models.CharField(_("about"), max_length=80)
    due_on = models.DateField(_("due on"))
    organisation = organisation_field(_("municipality"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    attempted_at = models.DateTimeField(null=True, blank=True, editable=False)
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key", "recipient", "kind", "due_on"],
                name="unique_service_email_delivery",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject_key} → {self.recipient}"

    def audience(self):
        return staff_of(self.organisation)
