"""Where rendered calendar feeds are kept and what they are keyed on.

Freshness: a rendered feed is found under a key made of its identity (which
feed, language, filters), today's date (the window moves daily) and the tokens
of the `FeedVersion` rows its content depends on. Receivers (yearclock.signals)
give those rows new random tokens in the same transaction as the change, so
the moment an edit is committed every process looks for a new key; nothing in
the cache has to be deleted, and nothing there (an expired counter, a copy in
another process) can bring old bytes back. Reading the tokens is one indexed
query per request.

One helper owns each key: `rendered_key` (a whole feed, plain and gzip bytes)
and `chunk_key` (the per-task event chunks of one clock, see yearclock.feeds).

A rendered feed is also kept in a small per-process memory (`MEMO`), keyed the
same way: a hit costs neither unpickling nor compression, and it can never be
stale because the key carries the database's tokens.
"""

import datetime
import functools
import gzip
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.http import http_date

from yearclock.models import FeedVersion

CACHE_SECONDS = 24 * 60 * 60
FORMAT = 3  # bump when the rendered bytes change for the same inputs (a code change)
GZIP_LEVEL = 6  # level 9 saves about 1 % more for twice the time

SCOPE_ALL = "all"  # school years, breaks, roles, schools, organisations
SCOPE_CLOCKS = "clocks"  # any clock or task anywhere (personal feeds span clocks)


def clock_scope(translation_key):
    return f"clock:{translation_key}"


def user_scope(user_id):
    return f"user:{user_id}"


def public_scopes(year_clock):
    return [SCOPE_ALL, clock_scope(year_clock.translation_key)]


def personal_scopes(user):
    return [SCOPE_ALL, SCOPE_CLOCKS, user_scope(user.pk)]


# -- versions -----------------------------------------------------------------------


def bump(scopes):
    """Give `scopes` new tokens, inside the caller's transaction.

    Insert-if-missing then update: the update always runs, so of two racing
    transactions each leaves a token the other's readers have not seen.
    """
    scopes = sorted(set(scopes))
    if not scopes:
        return
    now = timezone.now()
    FeedVersion.objects.bulk_create(
        [FeedVersion(scope=scope, changed_at=now) for scope in scopes], ignore_conflicts=True
    )
    FeedVersion.objects.filter(scope__in=scopes).update(token=uuid.uuid4(), changed_at=now)
    transaction.on_commit(lambda: MEMO.forget_scopes(scopes))


@dataclass(frozen=True)
class Stamp:
    digest: str
    changed_at: datetime.datetime


def digest_of(rows):
    text = "|".join(f"{scope}={uuid.UUID(str(token)).hex}" for scope, token in sorted(rows))
    return hashlib.sha256(text.encode()).hexdigest()


def current_digest(scopes):
    """The digest of `scopes`' tokens, or None while a scope has no row yet.

    The hot path of every cached hit: one statement, without the ORM's query
    building (which cost more than the rest of a hit).
    """
    table = connection.ops.quote_name(FeedVersion._meta.db_table)
    marks = ", ".join(["%s"] * len(scopes))
    with connection.cursor() as cursor:
        # Only the table name (from the model) is formatted in; scopes are parameters.
        cursor.execute(f"SELECT scope, token FROM {table} WHERE scope IN ({marks})", scopes)  # noqa: S608
        rows = cursor.fetchall()
    return digest_of(rows) if len(rows) == len(set(scopes)) else None


def stamp(scopes):
    """The current tokens of `scopes` as one digest, and their latest change."""
    rows = read_versions(scopes)
    if len(rows) < len(set(scopes)):
        # First use of a scope: start it with a random token (a racing reader
        # inserts the same row; the conflict is ignored and both read it back).
        FeedVersion.objects.bulk_create(
            [FeedVersion(scope=scope) for scope in scopes], ignore_conflicts=True
        )
        rows = read_versions(scopes)
    return Stamp(
        digest=digest_of([(scope, token) for scope, token, _changed in rows]),
        changed_at=max(changed for _scope, _token, changed in rows),
    )


def read_versions(scopes):
    return list(
        FeedVersion.objects.filter(scope__in=scopes).values_list("scope", "token", "changed_at")
    )


# -- keys ---------------------------------------------------------------------------


def rendered_key(identity, digest, day):
    text = f"{FORMAT}|{settings.SITE_BASE_URL}|{day.isoformat()}|{digest}|{identity}"
    return "yearclock:feed:" + hashlib.sha256(text.encode()).hexdigest()


def chunk_key(language, host, audience, clock_key):
    """Per-task event chunks of one clock, for readers of one `audience` (their scopes:
    guide links differ between readers)."""
    reader = hashlib.sha256(audience.encode()).hexdigest()[:16]
    return f"yearclock:feed-chunks:{FORMAT}:{language}:{host}:{reader}:{clock_key}"


# -- rendered feeds -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RenderedFeed:
    """One feed in both representations, compressed once when it was rendered."""

    body: bytes
    gzip_body: bytes
    etag: str  # quoted, of the plain bytes
    gzip_etag: str  # a different tag for the gzip representation (RFC 9110 8.8.3)
    last_modified: datetime.datetime
    filename: str
    scopes: tuple = ()
    versions: str = ""  # the digest of the scopes' tokens it was rendered under
    day: datetime.date | None = None

    @classmethod
    def of(cls, body, filename, last_modified, scopes=(), versions="", day=None):
        digest = hashlib.sha256(body).hexdigest()[:32]
        return cls(
            body=body,
            gzip_body=gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
            etag=f'"{digest}"',
            gzip_etag=f'"{digest}-gzip"',
            last_modified=last_modified,
            filename=filename,
            scopes=tuple(scopes),
            versions=versions,
            day=day,
        )

    @property
    def size(self):
        return len(self.body) + len(self.gzip_body)

    @functools.cached_property
    def last_modified_http(self):
        return http_date(self.last_modified.timestamp())

    @functools.cached_property
    def day_ends(self):
        """The epoch second the feed's day ends (its window moves at local midnight)."""
        following = self.day + datetime.timedelta(days=1)
        return start_of_day(following).timestamp()

    def is_current(self):
        """Still what a render would give now: same day, same database tokens."""
        return time.time() < self.day_ends and current_digest(self.scopes) == self.versions


class Memo:
    """A per-process LRU of rendered feeds, bounded in bytes."""

    def __init__(self, budget):
        self.budget = budget
        self.entries = OrderedDict()
        self.used = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key, rendered):
        if rendered.size > self.budget:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = rendered
            self.used += rendered.size
            while self.used > self.budget:
                _key, dropped = self.entries.popitem(last=False)
                self.used -= dropped.size

    def forget_scopes(self, scopes):
        """Drop copies that depend on `scopes` (after a commit; only frees memory)."""
        scopes = set(scopes)
        with self.lock:
            for key in [k for k, v in self.entries.items() if scopes & set(v.scopes)]:
                self.used -= self.entries.pop(key).size

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.used = 0
        RECENT.clear()


MEMO = Memo(settings.FEED_MEMO_BYTES)


class Recent:
    """The feed last served for each public feed address (path and query), per process.

    Lets a repeated request be answered before the view parses it or looks up its
    clock (yearclock.views.feeds): the entry is used only while `is_current()`,
    i.e. while the database tokens it was rendered under are unchanged, and those
    change with anything that would change the answer (the clock, its tasks,
    roles, schools). Holds references to feeds MEMO also holds.
    """

    def __init__(self, limit):
        self.limit = limit
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, address):
        with self.lock:
            return self.entries.get(address)

    def put(self, address, rendered):
        with self.lock:
            self.entries[address] = rendered
            self.entries.move_to_end(address)
            while len(self.entries) > self.limit:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


RECENT = Recent(limit=5000)


def start_of_day(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def rendered(identity, scopes, build):
    """The RenderedFeed for `identity`, from memory, the cache or `build()`.

    `build()` returns (bytes, filename). Last-Modified is derived from the
    database too: the latest change of the scopes, or midnight when the window
    moved, so every process and every re-render gives the same value. The
    tokens are read before any content: see the module docstring.
    """
    day = timezone.localdate()
    digest = current_digest(scopes)
    if digest is not None:
        key = rendered_key(identity, digest, day)
        found = MEMO.get(key)
        if found is not None:
            return found
        found = cache.get(key)
        if found is not None:
            MEMO.put(key, found)
            return found
    current = stamp(scopes)
    key = rendered_key(identity, current.digest, day)
    body, filename = build()
    modified = max(current.changed_at, start_of_day(day)).replace(microsecond=0)
    found = RenderedFeed.of(body, filename, modified, scopes, current.digest, day)
    cache.set(key, found, CACHE_SECONDS)
    MEMO.put(key, found)
    return found
