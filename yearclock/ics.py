"""The few iCalendar content lines the feed writes without the `icalendar` library.

Why: serialising 4,000+ events through icalendar's property objects took most of
an uncached feed's time. Everything a task repeats in each occurrence (SUMMARY,
DESCRIPTION, URL, CATEGORIES, VALARM, ...) is still written by icalendar, once
per task (see yearclock.feeds). Only what changes per occurrence is written here:
UID, DTSTART and DTEND, i.e. dates, times and an ASCII-ish identifier. Text is
escaped (RFC 5545 3.3.11) and lines are folded at 75 octets (3.1) like icalendar
does; tests compare the result with icalendar's own output.
"""

import datetime

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


def date_or_time(name, value):
    """DTSTART/DTEND line: VALUE=DATE for a date, TZID + local time for an aware datetime."""
    if isinstance(value, datetime.datetime):
        tzid = getattr(value.tzinfo, "key", None)
        if tzid is None:
            raise ValueError("timed events need a zoneinfo time zone")
        return fold(f"{name};TZID={tzid}:{value:%Y%m%dT%H%M%S}")
    return fold(f"{name};VALUE=DATE:{value:%Y%m%d}")


def event_head(uid, start, end):
    """BEGIN:VEVENT, UID, DTSTART and the exclusive DTEND of one occurrence."""
    return (
        b"BEGIN:VEVENT\r\n"
        + fold("UID:" + escape_text(uid))
        + date_or_time("DTSTART", start)
        + date_or_time("DTEND", end)
    )
