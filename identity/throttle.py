"""Failed sign-ins, counted so that guessing stops and a school behind one address does not.

Three limits, each a fixed window counted in the database (kb.security.FailureLimit,
shared by every process and worker):

- per account *and* address: the one client guessing one password stops after a few
  tries, while the rest of its school (the same NAT address) signs in as usual;
- per account from anywhere: guessing spread over many addresses stops too;
- per address, much higher: one address trying many accounts (password spraying)
  stops, yet a school's ordinary typing mistakes never reach it.

Only failures count, and a throttled attempt is refused before the password is
checked, so a throttled client learns nothing about the password.
"""

import hashlib
import math

from django.conf import settings

from kb.security import FailureLimit, client_address


def limits():
    window = settings.LOGIN_FAILURE_WINDOW
    return {
        "pair": FailureLimit("login-pair", settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, window),
        "account": FailureLimit("login-account", settings.LOGIN_FAILURES_PER_ACCOUNT, window),
        "address": FailureLimit("login-address", settings.LOGIN_FAILURES_PER_ADDRESS, window),
    }


def account_key(login):
    """A fixed-length key for what was typed as the username or address (never stored)."""
    normalised = (login or "").strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _keys(request, login):
    address, account = client_address(request), account_key(login)
    pair = hashlib.sha256(f"{address}|{account}".encode()).hexdigest()[:40]
    return {"pair": pair, "account": account, "address": address}


def retry_after(request, login):
    """Seconds until this client may try `login` again; 0 when it may now."""
    keys = _keys(request, login)
    return max(limit.retry_after(keys[name]) for name, limit in limits().items())


def record_failure(request, login):
    keys = _keys(request, login)
    for name, limit in limits().items():
        limit.record(keys[name])


def minutes(seconds):
    return max(1, math.ceil(seconds / 60))
