"""What people want by e-mail, and the record of every reminder sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kb.outbox import Delivery


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


class ReminderDelivery(Delivery):
    """The record of one reminder to one person about one occurrence on one date.

    The life cycle and the fields it shares with the register's e-mails are
    kb.outbox.Delivery's. The unique constraint makes a re-run, a catch-up or a second
    worker harmless: they find the row and leave it alone. `starts_on` is part of it:
    when an occurrence's date is edited, its reminders are due again for the new date.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        DIGEST = "digest", _("Weekly digest")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REMINDER)
    occurrence_key = models.CharField(_("occurrence"), max_length=80)
    task_key = models.UUIDField(null=True, blank=True)
    occurrence_date = models.DateField(null=True, blank=True)
    starts_on = models.DateField(_("starts on"), help_text=_("After any move to a working day."))
    offset_days = models.SmallIntegerField(_("days before"), default=0)

    class Meta(Delivery.Meta):
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence_key", "recipient", "offset_days", "starts_on"],
                name="unique_reminder_delivery_per_date",
            )
        ]

    def __str__(self):
        return f"{self.occurrence_key} → {self.recipient} ({self.offset_days})"
