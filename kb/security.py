"""Who is asking, and how often they have guessed wrong.

Capability URLs (personal calendar feeds) are unguessable, but the URL space is
still rate-limited so that nobody can probe it at leisure (W3C TAG, "Good
practices for capability URLs").
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

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

    Counts live in the default cache, one key per address and window (the window's
    number is in the key, so backends that reset a key's expiry on increment still
    count correctly). Around a window boundary an address may fail up to twice the
    limit in a short time; that is the price of two cache calls per request.
    """

    name: str
    limit: int
    window: int

    def _window(self):
        now = time.time()
        number = int(now // self.window)
        return number, (number + 1) * self.window - now

    def _key(self, address, number):
        return f"failures:{self.name}:{address}:{number}"

    def retry_after(self, address):
        """Seconds until `address` may try again; 0 when it may try now."""
        number, remaining = self._window()
        if cache.get(self._key(address, number), 0) < self.limit:
            return 0
        return max(1, math.ceil(remaining))

    def record(self, address):
        """Count one failure; returns the count in the current window."""
        number, _remaining = self._window()
        key = self._key(address, number)
        cache.add(key, 0, timeout=self.window + 60)
        try:
            return cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=self.window + 60)
            return 1
