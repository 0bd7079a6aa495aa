"""The delivery record of each e-mail the register sends (kb.outbox sends it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kb.outbox import Delivery
from services.models.register import organisation_field, staff_of

# -- e-mail -----------------------------------------------------------------------------


class EmailDelivery(Delivery):
    """The delivery record of one e-mail: unique per (subject, recipient, kind, due date).

    The life cycle and the shared fields are kb.outbox.Delivery's, as for the year
    clock's ReminderDelivery.
    """

    class Kind(models.TextChoices):
        AGREEMENT_EXPIRING = "agreement_expiring", _("Agreement expiring")
        REVIEW_DUE = "review_due", _("Impact assessment review due")
        REQUEST_OUTCOME = "request_outcome", _("Outcome of a request")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject_key = models.CharField(_("about"), max_length=80)
    due_on = models.DateField(_("due on"))
    organisation = organisation_field(_("municipality"))

    class Meta(Delivery.Meta):
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key", "recipient", "kind", "due_on"],
                name="unique_service_email_delivery",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject_key} → {self.recipient}"

    def audience(self):
        return staff_of(self.organisation)
