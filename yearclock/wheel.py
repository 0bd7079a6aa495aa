"""The year wheel: a server-rendered SVG over plain data, no JavaScript.

The school year starts in August at twelve o'clock and runs clockwise; each month
is a 30° sector, split into two halves (1.–15. and 16.–end), and each category is a
ring (first category innermost).

A finger needs targets of at least 24 × 24 CSS pixels (WCAG 2.2, 2.5.8), and the
wheel is about 290 px wide on a 320 px phone, so one target per task or per day
cannot fit. The wheel therefore has two layers:

- in each ring, one mark per half-month that has tasks of that category (its
  shape tells the state, its tooltip the titles): marks never overlap, whatever
  the number of tasks;
- on a track outside the rings, one link per half-month with tasks, showing their
  number and leading to that half-month's first date in the list beside or below
  the wheel; its accessible name (and the text shown in the hub on hover or focus)
  says the dates, the number of tasks and their titles.
"""

import calendar
import datetime
import math
from dataclasses import dataclass, field

from django.utils.html import escape

from kb.models import school_year_dates, school_year_label

SIZE = 940
CENTRE = SIZE / 2
HUB_RADIUS = 96
OUTER_RADIUS = 330
TRACK_RADIUS = 370  # centre line of the link targets
TARGET_RADIUS = 40  # 80 units: ≥ 24 px on a 288 px wide wheel (a 320 px phone)
MONTH_LABEL_RADIUS = 428
MARK_RADIUS = 9
FIRST_MONTH = 8  # August: the Finnish school year starts on 1.8.
HALF = 15  # a half-month is days 1–15 and 16–end

# One fill per ring, light enough for dark marks on top (contrast ≥ 3:1 for graphics).
RING_FILLS = ["#eef3f8", "#f6efe2", "#e9f5ec", "#f3e9f5", "#fdf6d8", "#e6f2f3", "#f5e9e9"]
STATE_STYLES = {
    "done": {"fill": "#1d6b34", "shape": "circle"},
    "overdue": {"fill": "#b3261e", "shape": "square"},
    "upcoming": {"fill": "#0b4f8a", "shape": "circle"},
}
STATE_ORDER = ["overdue", "upcoming", "done"]  # a half-month's mark shows the most urgent


@dataclass(frozen=True)
class Ring:
    key: str
    label: str


@dataclass(frozen=True)
class Mark:
    day: datetime.date
    ring: str
    title: str
    state: str = "upcoming"  # upcoming | done | overdue


def default_count_label(count):
    return str(count)


@dataclass
class Wheel:
    start_year: int
    rings: list[Ring]
    marks: list[Mark] = field(default_factory=list)
    today: datetime.date | None = None
    month_labels: list[str] | None = None  # January first, as calendar.month_abbr
    title: str = ""
    today_label: str = "Today"
    count_label: object = default_count_label  # 3 → "3 tehtävää" (ngettext in the view)
    anchor_prefix: str = "d-"  # the list's id for a date: d-2026-12-01


def month_index(day):
    """0 for August … 11 for July."""
    return (day.month - FIRST_MONTH) % 12


def angle_for(day):
    """Clockwise degrees from twelve o'clock for a date in the school year."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (month_index(day) + (day.day - 1) / days_in_month) * 30


def half_month(day):
    """(year, month, 0 or 1): the half of the month a date falls in."""
    return day.year, day.month, 0 if day.day <= HALF else 1


def half_month_span(key):
    year, month, half = key
    if half == 0:
        return datetime.date(year, month, 1), datetime.date(year, month, HALF)
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, HALF + 1), datetime.date(year, month, last)


def half_month_angle(key):
    """The centre of a half-month's 15° sector."""
    year, month, half = key
    return month_index(datetime.date(year, month, 1)) * 30 + 7.5 + 15 * half


def point(angle, radius):
    """Cartesian point for a clockwise angle from twelve o'clock."""
    radians = math.radians(angle - 90)
    return CENTRE + radius * math.cos(radians), CENTRE + radius * math.sin(radians)


def ring_radii(index, count):
    width = (OUTER_RADIUS - HUB_RADIUS) / max(count, 1)
    inner = HUB_RADIUS + index * width
    return inner, inner + width


def render(wheel):
    """The wheel as an SVG string, safe to insert with |safe (all text escaped here)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'class="wheel" role="group" aria-labelledby="wheel-title">',
        f'<title id="wheel-title">{escape(wheel.title)}</title>',
    ]
    parts += _rings(wheel.rings)
    parts += _month_spokes(wheel.month_labels or list(calendar.month_abbr)[1:])
    parts.append(
        f'<text x="{CENTRE}" y="{CENTRE + 9}" text-anchor="middle" class="wheel__year">'
        f"{school_year_label(wheel.start_year)}</text>"
    )
    groups = _in_school_year(wheel)
    parts += _marks(wheel, groups)
    parts += _today(wheel)
    parts += _targets(wheel, groups)
    parts.append("</svg>")
    return "\n".join(parts)


def _in_school_year(wheel):
    """{half-month: [marks]} of the marks in the wheel's school year and rings, by date."""
    rings = {ring.key for ring in wheel.rings}
    start, end = school_year_dates(wheel.start_year)
    groups = {}
    for mark in sorted(wheel.marks, key=lambda m: m.day):
        if mark.ring in rings and start <= mark.day <= end:
            groups.setdefault(half_month(mark.day), []).append(mark)
    return groups


def _rings(rings):
    parts = []
    for index, ring in enumerate(rings):
        inner, outer = ring_radii(index, len(rings))
        fill = RING_FILLS[index % len(RING_FILLS)]
        parts.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{(inner + outer) / 2:.1f}" fill="none" '
            f'stroke="{fill}" stroke-width="{outer - inner:.1f}" class="wheel__ring" '
            f'data-ring="{escape(ring.key)}"><title>{escape(ring.label)}</title></circle>'
        )
        # The ring's number at the August spoke; the legend names it in full, readable
        # at any width (a name inside the ring would be 7 px tall on a phone).
        x, y = point(0, (inner + outer) / 2)
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 8:.1f}" class="wheel__ring-number" '
            f'aria-hidden="true">{index + 1}</text>'
        )
    parts.append(
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{OUTER_RADIUS}" fill="none" stroke="#6b7684"/>'
    )
    parts.append(
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{HUB_RADIUS}" fill="#ffffff" stroke="#6b7684"/>'
    )
    return parts


def _month_spokes(labels):
    parts = []
    for index in range(12):
        x1, y1 = point(index * 30, HUB_RADIUS)
        x2, y2 = point(index * 30, OUTER_RADIUS)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#6b7684"/>'
        )
        month = (FIRST_MONTH - 1 + index) % 12  # 0-based calendar month
        lx, ly = point(index * 30 + 15, MONTH_LABEL_RADIUS)
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 10:.1f}" text-anchor="middle" class="wheel__month">'
            f"{escape(labels[month])}</text>"
        )
    return parts


def _marks(wheel, groups):
    """One decorative mark per ring and half-month: where, of what kind, how urgent."""
    ring_index = {ring.key: index for index, ring in enumerate(wheel.rings)}
    parts = []
    for key, marks in groups.items():
        by_ring = {}
        for mark in marks:
            by_ring.setdefault(mark.ring, []).append(mark)
        for ring_key, items in by_ring.items():
            inner, outer = ring_radii(ring_index[ring_key], len(wheel.rings))
            parts.append(_mark(items, half_month_angle(key), (inner + outer) / 2))
    return parts


def _mark(marks, angle, radius):
    x, y = point(angle, radius)
    state = min((m.state for m in marks), key=STATE_ORDER.index)
    style = STATE_STYLES.get(state, STATE_STYLES["upcoming"])
    label = escape("; ".join(f"{m.title} {m.day.day}.{m.day.month}." for m in marks))
    if style["shape"] == "square":
        side = MARK_RADIUS * 1.8
        shape = (
            f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" fill="{style["fill"]}" stroke="#ffffff"/>'
        )
    else:
        shape = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARK_RADIUS}" fill="{style["fill"]}" '
            f'stroke="#ffffff"/>'
        )
    return (
        f'<g class="wheel__mark wheel__mark--{escape(state)}" data-ring="{escape(marks[0].ring)}" '
        f'data-date="{marks[0].day.isoformat()}" data-count="{len(marks)}" aria-hidden="true">'
        f"<title>{label}</title>{shape}</g>"
    )


def _targets(wheel, groups):
    """One link per half-month with tasks, big enough for a finger."""
    parts = []
    for key, marks in groups.items():
        first, last = half_month_span(key)
        span = f"{first.day}.–{last.day}.{first.month}.{first.year}"
        count = wheel.count_label(len(marks))
        titles = "; ".join(f"{m.title} {m.day.day}.{m.day.month}." for m in marks)
        label = escape(f"{span}: {count}: {titles}")
        x, y = point(half_month_angle(key), TRACK_RADIUS)
        anchor = f"#{wheel.anchor_prefix}{marks[0].day.isoformat()}"
        parts.append(
            f'<a href="{escape(anchor)}" class="wheel__target" aria-label="{label}" '
            f'data-date="{marks[0].day.isoformat()}" data-count="{len(marks)}">'
            f"<title>{label}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{TARGET_RADIUS}" class="wheel__target-disc"/>'
            f'<text x="{x:.1f}" y="{y + 10:.1f}" text-anchor="middle" class="wheel__count" '
            f'aria-hidden="true">{len(marks)}</text>'
            f'<text x="{CENTRE}" y="{CENTRE - 8}" text-anchor="middle" class="wheel__tip" '
            f'aria-hidden="true"><tspan x="{CENTRE}">{escape(span)}</tspan>'
            f'<tspan x="{CENTRE}" dy="30">{escape(count)}</tspan></text>'
            f"</a>"
        )
    return parts


def _today(wheel):
    start, end = school_year_dates(wheel.start_year)
    if wheel.today is None or not start <= wheel.today <= end:
        return []
    angle = angle_for(wheel.today)
    x1, y1 = point(angle, HUB_RADIUS)
    x2, y2 = point(angle, OUTER_RADIUS + 4)
    label = escape(wheel.today_label)
    return [
        f'<g class="wheel__today" data-angle="{angle:.2f}">'
        f"<title>{label}</title>"
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="#b3261e" stroke-width="5"/>'
        f'<circle cx="{x2:.1f}" cy="{y2:.1f}" r="8" fill="#b3261e"/></g>'
    ]
