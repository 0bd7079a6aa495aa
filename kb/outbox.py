"""E-mail from delivery rows, never lost silently: the mechanism the year clock's reminders
and the service register's e-mails share.

A delivery model subclasses `Delivery` (the fields, `Status`, the limits and the claim) and
adds what it is about and a unique constraint that makes planning the same delivery twice
harmless. An `Outbox` sends its rows, any number of times, by any number of workers:

1. *Recover*: rows a dead worker left in "sending" (no heartbeat for `stale_claim`) go
   back to pending when their SMTP transaction never started (a claim is not an
   attempt), or are retried at once with the same Message-ID when it had started: the
   server may or may not have taken the message.
2. *Claim*: one UPDATE moves the sendable rows of up to `batch` recipients to "sending"
   under a fresh claim id. The database decides who owns a row, so a second worker or
   a re-run finds nothing to send.
3. *Send*: over one SMTP connection per batch, one message per group of rows (the
   outbox's `group_key`; a resend keeps its message). Before each message its rows
   record the attempt and the Message-ID (derived from the group's first row, kept for
   resends); after the server's reply they become sent, or failed with the error and
   the next retry time. After `max_attempts` they stay failed and are logged as errors.

What this guarantees, and what SMTP cannot: docs/calendar-feeds.md, "Reminder e-mails".
"""

import datetime
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.checks import Error
from django.core.mail import get_connection
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    max_attempts: int = 5
    retry_delay: datetime.timedelta = datetime.timedelta(minutes=15)  # doubled per failure
    # A live worker refreshes its claim before every message, and one SMTP exchange is
    # bounded by EMAIL_TIMEOUT (`email_timeout` below keeps it well below this).
    stale_claim: datetime.timedelta = datetime.timedelta(minutes=5)
    batch: int = 50  # recipients per claim and SMTP connection


class DeliveryQuerySet(models.QuerySet):
    def sendable(self, now, limits):
        Status = self.model.Status
        return self.filter(
            Q(status=Status.PENDING)
            | Q(status=Status.FAILED, attempts__lt=limits.max_attempts, next_attempt_at__lte=now)
        )

    def recover_abandoned(self, now, limits, describe=str):
        """Rows left in "sending" by a worker that stopped: see the module docstring.
        Returns how many may have reached the server and are resent."""
        Status = self.model.Status
        stale = self.filter(status=Status.SENDING, claimed_at__lt=now - limits.stale_claim)
        never_tried = Q(attempted_at__isnull=True) | Q(attempted_at__lt=F("claimed_at"))
        stale.filter(never_tried).update(status=Status.PENDING, claim=None)
        uncertain = list(stale.exclude(never_tried))
        for row in uncertain:
            given_up = row.attempts >= limits.max_attempts
            self.filter(pk=row.pk, status=Status.SENDING).update(
                status=Status.FAILED,
                claim=None,
                next_attempt_at=now,
                last_error="the worker stopped during the SMTP transaction; "
                "resent with the same Message-ID",
            )
            log.log(
                logging.ERROR if given_up else logging.WARNING,
                "%s: worker stopped while sending %s (attempt %s/%s)%s",
                describe(row),
                row.message_id,
                row.attempts,
                limits.max_attempts,
                "; given up" if given_up else "; will be resent",
            )
        return len(uncertain)

    def claim(self, now, limits):
        """Atomically take the sendable rows of up to `limits.batch` people; the claim id."""
        claim_id = uuid.uuid4()
        people = list(
            self.sendable(now, limits)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()[: limits.batch]
        )
        # The filter is evaluated again by the UPDATE: rows another worker took since
        # are no longer sendable and stay theirs.
        self.sendable(now, limits).filter(recipient_id__in=people).update(
            status=self.model.Status.SENDING, claim=claim_id, claimed_at=timezone.now()
        )
        return claim_id


class Delivery(models.Model):
    """The record of one e-mail to one person: created pending, claimed atomically
    (sending), then sent, failed (retried with back-off) or skipped for a stated reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("SMTP transactions started, not claims.")
    )
    last_error = models.TextField(_("last error"), blank=True)
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True, editable=False)
    message_id = models.CharField(
        _("Message-ID"),
        max_length=200,
        blank=True,
        help_text=_("Kept for resending: a resent e-mail is the same message."),
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    # One set for every delivery model; a subclass (or a test's worker) may replace it.
    limits = Limits()

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["claim"]),
        ]


def email_timeout(app_configs, **kwargs):
    """A live worker refreshes its claim before each message; a message may not take
    longer than a quarter of the stale-claim limit, or another worker would take over a
    send still in progress (a duplicate). Registered in KbConfig.ready."""
    if settings.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend":
        return []
    stale = [model.limits.stale_claim for model in apps.get_models() if issubclass(model, Delivery)]
    limit = min(stale, default=Limits().stale_claim).total_seconds() / 4
    timeout = settings.EMAIL_TIMEOUT
    if timeout is None or timeout > limit:
        return [
            Error(
                f"EMAIL_TIMEOUT must be set and at most {limit:.0f} seconds for e-mail deliveries.",
                hint="Set the EMAIL_TIMEOUT environment variable (default 20).",
                id="kb.E001",
            )
        ]
    return []


@dataclass(frozen=True)
class Outgoing:
    """What a composer made of a group of rows."""

    message: object  # an EmailMessage, or None when there is nothing to send
    included: set  # ids of the rows the message covers
    skipped: dict  # reason -> ids of rows not worth sending


def new_recipient_group(row):
    return f"new:{row.recipient_id}"


@dataclass(frozen=True)
class Outbox:
    """One model's delivery rows and how to turn a group of them into a message.

    `compose(rows, context, now)` returns an Outgoing; `context` is what
    `before_batch(claimed)` returned for the batch (e.g. the recipients' languages).
    `describe(row)` names a row in the log.
    """

    model: type
    label: str  # the Message-ID's prefix, e.g. "yearclock"
    compose: object
    describe: object = str
    group_key: object = new_recipient_group
    before_batch: object = None

    @property
    def rows(self):
        return self.model.objects

    @property
    def Status(self):  # noqa: N802 - the model's choices class
        return self.model.Status

    def recover_abandoned(self, now, limits=None):
        return self.rows.recover_abandoned(now, limits or self.model.limits, self.describe)

    def claim(self, now, limits=None):
        """Atomically take the sendable rows of up to `limits.batch` people; the claim id."""
        return self.rows.claim(now, limits or self.model.limits)

    def deliver(self, now, summary, limits=None):
        """Recover, then claim and send batch after batch; counts go into `summary`
        (anything with `sent`, `failed` and `skipped`). The model's limits, read now."""
        limits = limits or self.model.limits
        self.recover_abandoned(now, limits)
        while True:
            claim_id = self.claim(now, limits)
            claimed = list(
                self.rows.filter(claim=claim_id, status=self.Status.SENDING)
                .select_related("recipient")
                .order_by("pk")
            )
            if not claimed:
                return summary
            self.send_batch(claim_id, claimed, now, summary, limits)

    def groups(self, claimed):
        """Rows grouped as they are to be sent: a resend keeps its message."""
        groups = defaultdict(list)
        for row in claimed:
            groups[row.message_id or self.group_key(row)].append(row)
        return list(groups.values())

    def send_batch(self, claim_id, claimed, now, summary, limits):
        """One SMTP connection for the batch, opened here (Django's backend would
        otherwise open and close one per message)."""
        context = self.before_batch(claimed) if self.before_batch else None
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
        except Exception as error:  # noqa: BLE001 - the server is unreachable: every row failed
            self.record_attempt([row.pk for row in claimed], "")
            for row in claimed:
                row.attempts += 1
            self.record_failure(claimed, error, now, limits)
            summary.failed += len(claimed)
            return
        try:
            for rows in self.groups(claimed):
                self.rows.filter(claim=claim_id, status=self.Status.SENDING).update(
                    claimed_at=timezone.now()  # heartbeat: this worker is alive
                )
                if not self.send_group(rows, context, connection, now, summary, limits):
                    connection.close()  # a broken connection is not reused
                    try:
                        connection.open()
                    except Exception:  # noqa: BLE001 - the rest of the batch waits for a retry
                        log.warning("SMTP connection lost", exc_info=True)
                        break
        finally:
            # Rows of this claim never tried (the loop stopped early) are free again.
            self.rows.filter(claim=claim_id, status=self.Status.SENDING).update(
                status=self.Status.PENDING, claim=None
            )
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection must not hide results
                log.warning("closing the SMTP connection failed", exc_info=True)

    def send_group(self, rows, context, connection, now, summary, limits):
        """Send one message; False when the SMTP exchange failed."""
        outgoing = self.compose(rows, context, now)
        for reason, ids in outgoing.skipped.items():
            self.rows.filter(pk__in=ids).update(
                status=self.Status.SKIPPED, last_error=reason, claim=None
            )
            summary.skipped += len(ids)
        if outgoing.message is None:
            return True
        covered = [row for row in rows if row.pk in outgoing.included]
        identifier = next(
            (row.message_id for row in covered if row.message_id), ""
        ) or self.message_id(covered)
        outgoing.message.extra_headers["Message-ID"] = identifier
        self.record_attempt(outgoing.included, identifier)
        for row in covered:
            row.attempts += 1
        try:
            connection.send_messages([outgoing.message])
        except Exception as error:  # noqa: BLE001 - any SMTP or socket error is recorded
            self.record_failure(covered, error, now, limits)
            summary.failed += len(covered)
            return False
        self.rows.filter(pk__in=outgoing.included).update(
            status=self.Status.SENT, sent_at=now, last_error="", claim=None
        )
        summary.sent += len(covered)
        return True

    def message_id(self, rows):
        """Derived from the message's first row: the same on every resend."""
        first = min(rows, key=lambda row: row.pk)
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
        return f"<{self.label}.{first.pk}.{first.created_at:%Y%m%d%H%M%S}@{domain}>"

    def record_attempt(self, ids, identifier):
        # The clock, not the job's start: compared with the claim's heartbeat.
        self.rows.filter(pk__in=ids).update(
            attempts=F("attempts") + 1, attempted_at=timezone.now(), message_id=identifier
        )

    def record_failure(self, rows, error, now, limits):
        for row in rows:
            delay = limits.retry_delay * (2 ** max(row.attempts - 1, 0))
            self.rows.filter(pk=row.pk).update(
                status=self.Status.FAILED,
                claim=None,
                last_error=str(error)[:1000],
                next_attempt_at=now + delay,
            )
            level = logging.ERROR if row.attempts >= limits.max_attempts else logging.WARNING
            log.log(
                level,
                "%s failed (attempt %s/%s): %s",
                self.describe(row),
                row.attempts,
                limits.max_attempts,
                error,
            )


def next_local(moment_of_day, now=None):
    """The next time it is `moment_of_day` in local time (today's, or tomorrow's)."""
    now = timezone.localtime(now)
    candidate = now.replace(
        hour=moment_of_day.hour, minute=moment_of_day.minute, second=0, microsecond=0
    )
    return candidate if candidate > now else candidate + datetime.timedelta(days=1)


def schedule_jobs(daily, frequent, *, at, every_minutes, now=None):
    """Create or update an outbox's two django-q2 schedules; returns them.

    `daily` and `frequent` are (name, dotted function) pairs: the daily job (planning and
    sending) runs at `at` local time (Q_CLUSTER's time_zone, so the hour does not drift
    at daylight-saving changes), the frequent one recovers and retries.
    """
    from django_q.models import Schedule

    (daily_name, daily_func), (frequent_name, frequent_func) = daily, frequent
    daily_schedule, _created = Schedule.objects.update_or_create(
        name=daily_name,
        defaults={
            "func": daily_func,
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": next_local(at, now),
        },
    )
    frequent_schedule, _created = Schedule.objects.update_or_create(
        name=frequent_name,
        defaults={
            "func": frequent_func,
            "schedule_type": Schedule.MINUTES,
            "minutes": every_minutes,
            "repeats": -1,
            "next_run": timezone.now() + datetime.timedelta(minutes=every_minutes),
        },
    )
    return daily_schedule, frequent_schedule
