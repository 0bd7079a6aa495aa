"""The few iCalendar content lines the feed writes without the `icalendar` library.

Why: serialising 4,000+ events through icalendar's property objects took most of
an uncached feed's time. Everything a task repeats in each occurrence (SUMMARY,
DESCRIPTION, URL, CATEGORIES, VALARM, ...) is still written by icalendar, once
per task (see yearclock.feeds). Only what changes per occurrence is written here:
UID, DTSTART and DTEND, i.e. dates, times and an ASCII-ish identifier.
Text is escaped (RFC 5545 3.3.11) and lines are folded at 75 octets (3.1) like
icalendar does; tests compare the result with icalendar's own output.

The VTIMEZONE is written here too (`vtimezone`), from the zoneinfo database: the
one icalendar writes puts each daylight-saving start an hour late and lists the
transitions as one comma-separated RDATE, of which ical.js reads only the first.

Times: a timed DTSTART/DTEND is local time with TZID, except a local time that
occurs twice (the hour repeated when daylight saving ends): that one is written
in UTC, because clients disagree on which of the two a TZID time means. Local
times that do not exist never reach this module (see yearclock.occurrences).
"""

import calendar
import datetime
import functools
from zoneinfo import ZoneInfo

LIMIT = 75  # octets per line, excluding CRLF


def escape_text(value):
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """`line` (str) as CRLF-terminated bytes, folded so that no line exceeds 75 octets.

    Continuation lines start with one space; a UTF-8 sequence or a backslash
    escape is never split across lines.
    """
    data = line.encode()
    if len(data) <= LIMIT:
        return data + b"\r\n"
    parts = []
    current = []
    size = 0
    budget = LIMIT
    escaping = False  # the last character starts a backslash escape
    for char in line:
        width = len(char.encode())
        if size + width > budget:
            carry = [current.pop()] if escaping and len(current) > 1 else []
            parts.append("".join(current))
            current, size = carry, len(carry)
            budget = LIMIT - 1  # the leading space of a continuation line
        current.append(char)
        size += width
        escaping = not escaping and char == "\\"
    parts.append("".join(current))
    return "\r\n ".join(parts).encode() + b"\r\n"


def is_repeated(value):
    """True when the local time of `value` occurs twice in its zone (fold matters)."""
    other = value.replace(fold=1 - value.fold)
    return other.utcoffset() != value.utcoffset()


def date_or_time(name, value):
    """DTSTART/DTEND line: VALUE=DATE for a date; for an aware datetime, TZID + local
    time, or UTC when that local time occurs twice."""
    if isinstance(value, datetime.datetime):
        if not isinstance(value.tzinfo, ZoneInfo):
            raise ValueError("timed events need a zoneinfo time zone")
        if is_repeated(value):
            return fold(f"{name}:{value.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}")
        return fold(f"{name};TZID={value.tzinfo.key}:{value:%Y%m%dT%H%M%S}")
    return fold(f"{name};VALUE=DATE:{value:%Y%m%d}")


def event_head(uid, start, end):
    """BEGIN:VEVENT, UID, DTSTART and the exclusive DTEND of one occurrence."""
    return (
        b"BEGIN:VEVENT\r\n"
        + fold("UID:" + escape_text(uid))
        + date_or_time("DTSTART", start)
        + date_or_time("DTEND", end)
    )


# -- VTIMEZONE ------------------------------------------------------------------------


def transitions(zone, first_year, last_year):
    """[(UTC instant, offset before, offset after, name after)] of `zone` in the years."""
    found = []
    moment = datetime.datetime(first_year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(last_year + 1, 1, 1, tzinfo=datetime.UTC)
    step = datetime.timedelta(days=1)
    while moment < end:
        before, after = moment.astimezone(zone), (moment + step).astimezone(zone)
        if before.utcoffset() != after.utcoffset():
            low, high = int(moment.timestamp()), int((moment + step).timestamp())
            while high - low > 1:  # the change lies in (low, high], whole seconds
                middle = (low + high) // 2
                at = datetime.datetime.fromtimestamp(middle, datetime.UTC).astimezone(zone)
                if at.utcoffset() == before.utcoffset():
                    low = middle
                else:
                    high = middle
            high = datetime.datetime.fromtimestamp(high, datetime.UTC)
            found.append((high, before.utcoffset(), after.utcoffset(), after.tzname()))
        moment += step
    return found


def offset_text(delta):
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def last_sunday(year, month):
    day = calendar.monthrange(year, month)[1]
    while datetime.date(year, month, day).weekday() != calendar.SUNDAY:
        day -= 1
    return day


def follows_rule(changes):
    """True when every change is on the last Sunday of March or October, at the same
    UTC time of day for each kind, alternating between two offsets."""
    kinds = {}
    for instant, before, after, name in changes:
        if instant.day != last_sunday(instant.year, instant.month):
            return False
        kind = (instant.month, instant.time(), before, after, name)
        kinds.setdefault(instant.month, kind)
        if kinds[instant.month] != kind:
            return False
    return set(kinds) == {3, 10}


def observance(instant, before, after, name, rule=None):
    kind = "DAYLIGHT" if after > before else "STANDARD"
    local = (instant + before).replace(tzinfo=None)  # onset in the time it replaces
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{local:%Y%m%dT%H%M%S}",
        *([f"RRULE:{rule}"] if rule else []),
        f"TZOFFSETFROM:{offset_text(before)}",
        f"TZOFFSETTO:{offset_text(after)}",
        f"TZNAME:{name}",
        f"END:{kind}",
    ]
    return lines


@functools.cache
def vtimezone(tzid, first_year, last_year):
    """VTIMEZONE bytes for `tzid`, valid for the years first_year..last_year.

    When every transition follows the EU rule (last Sunday of March and October),
    two observances with a yearly RRULE, as Outlook writes them; otherwise one
    observance per transition with its own DTSTART. Onsets are in the local time
    they replace (RFC 5545 3.6.5): Helsinki's daylight time starts at 03:00.
    """
    zone = ZoneInfo(tzid)
    changes = transitions(zone, first_year, last_year)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    if follows_rule(changes):
        for month in (10, 3):
            instant, before, after, name = next(c for c in changes if c[0].month == month)
            rule = f"FREQ=YEARLY;BYMONTH={month};BYDAY=-1SU"
            lines += observance(instant, before, after, name, rule)
    elif changes:
        for change in changes:
            lines += observance(*change)
    else:
        offset = datetime.datetime(first_year, 1, 1, tzinfo=zone)
        start = datetime.datetime(first_year, 1, 1, tzinfo=datetime.UTC) - offset.utcoffset()
        lines += observance(start, offset.utcoffset(), offset.utcoffset(), offset.tzname())
    lines.append("END:VTIMEZONE")
    return b"".join(fold(line) for line in lines)
