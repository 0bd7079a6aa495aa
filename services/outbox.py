"""Exactly-once e-mail from delivery rows: claim, send over one connection, record.

The pattern of the year clock's reminders (yearclock/reminders.py), written against
any model with the delivery fields of `services.models.EmailDelivery`, so the two
can become one module when the year clock's crash-safe delivery lands:

1. *Recover*: rows a stopped worker left in "sending" (no heartbeat for STALE_CLAIM)
   go back to pending when their SMTP transaction never started (a claim is not an
   attempt), or are retried at once with the same Message-ID when it had started.
2. *Claim*: one UPDATE moves sendable rows to "sending" under a fresh claim id; the
   database decides who owns a row, so a second worker or a re-run finds nothing.
3. *Send*: over one SMTP connection per batch, one message per group of rows (the
   caller decides the groups). Before each message its rows record the attempt and
   the Message-ID (derived from the group's first row, kept for resends); after the
   server's reply they become sent, or failed with the next retry time. After
   MAX_ATTEMPTS they stay failed and are logged as errors.

A message goes out twice only if a worker stops between handing it to the SMTP
server and recording the reply; the copy then carries the same Message-ID.
"""

import datetime
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAY = datetime.timedelta(minutes=15)  # doubled after each failure
STALE_CLAIM = datetime.timedelta(minutes=10)
BATCH = 200


@dataclass
class Summary:
    sent: int = 0
    failed: int = 0
    skipped: int = 0

    def as_dict(self):
        return dict(self.__dict__)


@dataclass
class Outgoing:
    """What a composer made of a group of rows: the message and the rows it covers."""

    message: object  # EmailMessage, or None when there is nothing to send
    included: set
    skipped: dict  # reason -> row ids


def sendable(model, now):
    status = model.Status
    return Q(status=status.PENDING) | Q(
        status=status.FAILED, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now
    )


def recover_abandoned(model, now):
    status = model.Status
    stale = model.objects.filter(status=status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    never_tried = Q(attempted_at__isnull=True) | Q(attempted_at__lt=F("claimed_at"))
    stale.filter(never_tried).update(status=status.PENDING, claim=None)
    for row in stale.exclude(never_tried):
        model.objects.filter(pk=row.pk, status=status.SENDING).update(
            status=status.FAILED,
            claim=None,
            next_attempt_at=now,
            last_error="the worker stopped during the SMTP transaction; resent with the "
            "same Message-ID",
        )
        log.warning("e-mail %s: worker stopped while sending %s", row.pk, row.message_id)


def claim(model, now, limit=BATCH):
    """Atomically take up to `limit` sendable rows; returns the claim id."""
    claim_id = uuid.uuid4()
    ids = list(
        model.objects.filter(sendable(model, now))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    # The filter is evaluated again by the UPDATE: rows another worker took since stay theirs.
    model.objects.filter(sendable(model, now), pk__in=ids).update(
        status=model.Status.SENDING, claim=claim_id, claimed_at=timezone.now()
    )
    return claim_id


def deliver(model, group_key, compose, now=None):
    """Send every sendable row of `model`: `group_key(row)` says which rows share a
    message, `compose(rows)` returns an Outgoing. Returns a Summary."""
    now = now or timezone.now()
    summary = Summary()
    recover_abandoned(model, now)
    while True:
        claim_id = claim(model, now)
        claimed = list(
            model.objects.filter(claim=claim_id, status=model.Status.SENDING)
            .select_related("recipient")
            .order_by("pk")
        )
        if not claimed:
            return summary
        groups = defaultdict(list)
        for row in claimed:
            groups[row.message_id or group_key(row)].append(row)
        send_batch(model, claim_id, list(groups.values()), compose, now, summary)


def send_batch(model, claim_id, groups, compose, now, summary):
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - the server is unreachable: every row failed
        rows = [row for group in groups for row in group]
        record_attempt(model, [row.pk for row in rows], "")
        for row in rows:
            row.attempts += 1
        record_failure(model, rows, error, now)
        summary.failed += len(rows)
        return
    try:
        for rows in groups:
            model.objects.filter(claim=claim_id, status=model.Status.SENDING).update(
                claimed_at=timezone.now()  # heartbeat: this worker is alive
            )
            if not send_group(model, rows, compose, connection, now, summary):
                connection.close()  # a broken connection is not reused
                try:
                    connection.open()
                except Exception:  # noqa: BLE001 - the rest waits for a retry
                    log.warning("SMTP connection lost", exc_info=True)
                    break
    finally:
        model.objects.filter(claim=claim_id, status=model.Status.SENDING).update(
            status=model.Status.PENDING, claim=None
        )
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection must not hide results
            log.warning("closing the SMTP connection failed", exc_info=True)


def send_group(model, rows, compose, connection, now, summary):
    """Send one message; False when the SMTP exchange failed."""
    outgoing = compose(rows)
    for reason, ids in outgoing.skipped.items():
        model.objects.filter(pk__in=ids).update(
            status=model.Status.SKIPPED, last_error=reason, claim=None
        )
        summary.skipped += len(ids)
    if outgoing.message is None:
        return True
    covered = [row for row in rows if row.pk in outgoing.included]
    identifier = next((row.message_id for row in covered if row.message_id), "") or message_id(
        covered
    )
    outgoing.message.extra_headers["Message-ID"] = identifier
    record_attempt(model, outgoing.included, identifier)
    for row in covered:
        row.attempts += 1
    try:
        connection.send_messages([outgoing.message])
    except Exception as error:  # noqa: BLE001 - any SMTP or socket error is recorded
        record_failure(model, covered, error, now)
        summary.failed += len(covered)
        return False
    model.objects.filter(pk__in=outgoing.included).update(
        status=model.Status.SENT, sent_at=now, last_error="", claim=None
    )
    summary.sent += len(covered)
    return True


def message_id(rows):
    """Derived from the message's first row: the same on every resend."""
    first = min(rows, key=lambda row: row.pk)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    label = first._meta.label_lower.replace(".", "-")
    return f"<{label}.{first.pk}.{first.created_at:%Y%m%d%H%M%S}@{domain}>"


def record_attempt(model, ids, identifier):
    model.objects.filter(pk__in=ids).update(
        attempts=F("attempts") + 1, attempted_at=timezone.now(), message_id=identifier
    )


def record_failure(model, rows, error, now):
    for row in rows:
        attempts = row.attempts
        model.objects.filter(pk=row.pk).update(
            status=model.Status.FAILED,
            claim=None,
            last_error=str(error)[:1000],
            next_attempt_at=now + RETRY_DELAY * (2 ** (attempts - 1)),
        )
        level = logging.ERROR if attempts >= MAX_ATTEMPTS else logging.WARNING
        log.log(
            level, "e-mail %s failed (attempt %s/%s): %s", row.pk, attempts, MAX_ATTEMPTS, error
        )
