"""Calendar feed infrastructure: personal capability tokens and cache versions."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kb.people import in_force


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class FeedToken(models.Model):
    """A capability URL for one user's private calendar feed.

    Only the SHA-256 of the token is stored: the raw token (256 bits from
    `secrets.token_urlsafe(32)`) is shown once, when issued. A user may hold several
    (one per calendar app) and revoke each.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="feed_tokens",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(_("label"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return self.label or str(_("Calendar feed"))

    @property
    def is_active(self):
        return self.revoked_at is None

    @classmethod
    def issue(cls, user, label=""):
        """Create a token; returns (FeedToken, raw_token). Keep the raw token: it is not stored."""
        raw = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, label=label, token_hash=hash_token(raw)), raw

    @classmethod
    def lookup(cls, raw):
        """The active token for `raw`, or None (unknown, revoked, inactive user, malformed)."""
        if not raw or len(raw) > 100:
            return None
        token = (
            cls.objects.select_related("user")
            .filter(token_hash=hash_token(raw), revoked_at__isnull=True)
            .filter(in_force("user__"))
            .first()
        )
        if token:
            cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def rotate(self):
        """Revoke this token and issue a new one with the same label: (FeedToken, raw)."""
        with transaction.atomic():
            self.revoke()
            return FeedToken.issue(self.user, self.label)


class FeedVersion(models.Model):
    """What cached calendar feeds are keyed on: one row per scope, changed with the data.

    Scopes: `all` (school years, breaks, roles, schools, organisations, page view
    restrictions), `clocks`
    (any task or clock anywhere), `clock:<translation key>` and `user:<id>` (a
    person's profile). A receiver in yearclock.signals gives the scope a new random
    token in the same transaction as the change, so a feed rendered from committed
    data is never found under a newer token, and no expiring or per-process counter
    can bring an old copy back. Random, not counted: a database restored from a
    backup or a test rolled back cannot meet the keys of copies rendered later.
    """

    scope = models.CharField(max_length=60, unique=True)
    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed version")
        verbose_name_plural = _("calendar feed versions")

    def __str__(self):
        return self.scope
