"""Who is asking, and how often they have guessed wrong.

Capability URLs (personal calendar feeds) are unguessable, but the URL space is
still rate-limited so that nobody can probe it at leisure (W3C TAG, "Good
practices for capability URLs").
"""

import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from kb.models import FailureCount

logger = logging.getLogger(__name__)

IPV6_GROUP = 64  # one home or office network gets one IPv6 /64: group them


def client_address(request):
    """The client's network address, as a short stable key.

    REMOTE_ADDR by default. Behind a reverse proxy every client would share the
    proxy's address, so the proxy must pass the real one: either the WSGI server
    rewrites REMOTE_ADDR, or CLIENT_ADDRESS_HEADER names the header the proxy sets
    (for X-Forwarded-For its last entry, the one our proxy appended). The header
    is trusted only when that setting says so: anyone can send it.
    """
    raw = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_ADDRESS_HEADER
    if header:
        key = header.upper().replace("-", "_")
        key = key if key.startswith("HTTP_") else f"HTTP_{key}"
        forwarded = request.META.get(key, "").split(",")[-1].strip()
        raw = forwarded or raw
    try:
        address = ipaddress.ip_address(raw.strip("[]"))
    except ValueError:
        return "unknown"
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_GROUP}", strict=False))
    return str(address)


@dataclass(frozen=True)
class FailureLimit:
    """At most `limit` failures per address in each fixed window of `window` seconds.

    Counted in the database (kb.models.FailureCount) with one atomic upsert, so all
    processes share the count and concurrent failures are never lost. Around a
    window boundary an address may fail up to twice the limit in a short time.
    The limiter only ever answers failures: callers check what is valid first and
    serve it, so a school behind one NAT address keeps its valid calendar feeds
    while one of its clients is over the limit.
    """

    name: str
    limit: int
    window: int

    def _period(self):
        now = time.time()
        number = int(now // self.window)
        return number, (number + 1) * self.window - now

    def retry_after(self, address):
        """Seconds until `address` may fail again without a 429; 0 when it may now."""
        number, remaining = self._period()
        failures = (
            FailureCount.objects.filter(counter=self.name, address=address, period=number)
            .values_list("failures", flat=True)
            .first()
        )
        if (failures or 0) < self.limit:
            return 0
        return max(1, math.ceil(remaining))

    def record(self, address):
        """Count one failure; returns the count in the current window."""
        number, _remaining = self._period()
        quote = connection.ops.quote_name
        table, failures = quote(FailureCount._meta.db_table), quote("failures")
        key = ", ".join(quote(column) for column in ("counter", "address", "period"))
        # INSERT … ON CONFLICT … RETURNING: SQLite 3.35+ and PostgreSQL, one statement.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({key}, {failures}) VALUES (%s, %s, %s, 1) "  # noqa: S608
                f"ON CONFLICT ({key}) DO UPDATE SET {failures} = {table}.{failures} + 1 "
                f"RETURNING {failures}",
                [self.name, address, number],
            )
            (count,) = cursor.fetchone()
        if count == 1:  # the first failure of a window clears windows that have ended
            FailureCount.objects.filter(counter=self.name, period__lt=number).delete()
        if count == self.limit:
            logger.warning("%s: %s reached %d failures", self.name, address, self.limit)
        return count
