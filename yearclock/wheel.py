"""The year wheel: a server-rendered SVG over plain data, no JavaScript.

The school year starts in August at twelve o'clock and runs clockwise; each
month is a 30° sector and each category is a ring (first category innermost).
A date sits in its own month's sector in proportion to its day, so marks never
spill into the neighbouring month whatever the month's length.
"""

import calendar
import datetime
import math
from dataclasses import dataclass, field

from django.utils.html import escape

from kb.models import school_year_dates, school_year_label

SIZE = 800
CENTRE = SIZE / 2
HUB_RADIUS = 70
OUTER_RADIUS = 330
MONTH_LABEL_RADIUS = 355
MARK_RADIUS = 7
FIRST_MONTH = 8  # August: the Finnish school year starts on 1.8.

# One fill per ring, light enough for dark marks on top (contrast ≥ 3:1 for graphics).
RING_FILLS = ["#eef3f8", "#f6efe2", "#e9f5ec", "#f3e9f5", "#fdf6d8", "#e6f2f3", "#f5e9e9"]
STATE_STYLES = {
    "done": {"fill": "#1d6b34", "shape": "circle"},
    "overdue": {"fill": "#b3261e", "shape": "square"},
    "upcoming": {"fill": "#0b4f8a", "shape": "circle"},
}


@dataclass(frozen=True)
class Ring:
    key: str
    label: str


@dataclass(frozen=True)
class Mark:
    day: datetime.date
    ring: str
    title: str
    url: str = ""
    state: str = "upcoming"  # upcoming | done | overdue


@dataclass
class Wheel:
    start_year: int
    rings: list[Ring]
    marks: list[Mark] = field(default_factory=list)
    today: datetime.date | None = None
    month_labels: list[str] | None = None  # January first, as calendar.month_abbr
    title: str = ""
    today_label: str = "Today"


def month_index(day):
    """0 for August … 11 for July."""
    return (day.month - FIRST_MONTH) % 12


def angle_for(day):
    """Clockwise degrees from twelve o'clock for a date in the school year."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (month_index(day) + (day.day - 1) / days_in_month) * 30


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
        f'<text x="{CENTRE}" y="{CENTRE + 6}" text-anchor="middle" class="wheel__year">'
        f"{school_year_label(wheel.start_year)}</text>"
    )
    parts += _marks(wheel)
    parts += _today(wheel)
    parts.append("</svg>")
    return "\n".join(parts)


def _rings(rings):
    parts = []
    for index, ring in enumerate(rings):
        inner, outer = ring_radii(index, len(rings))
        fill = RING_FILLS[index % len(RING_FILLS)]
        width = outer - inner
        parts.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{(inner + outer) / 2:.1f}" fill="none" '
            f'stroke="{fill}" stroke-width="{width:.1f}" class="wheel__ring" '
            f'data-ring="{escape(ring.key)}"><title>{escape(ring.label)}</title></circle>'
        )
        # The ring's name at the August spoke, so a printed wheel explains itself.
        x, y = point(0, (inner + outer) / 2)
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" class="wheel__ring-label" '
            f'aria-hidden="true">{escape(ring.label)}</text>'
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
            f'<text x="{lx:.1f}" y="{ly + 5:.1f}" text-anchor="middle" class="wheel__month">'
            f"{escape(labels[month])}</text>"
        )
    return parts


def _marks(wheel):
    ring_index = {ring.key: index for index, ring in enumerate(wheel.rings)}
    start, end = school_year_dates(wheel.start_year)
    # Marks on the same day in the same ring are spread along the radius.
    stacks = {}
    for mark in wheel.marks:
        if mark.ring in ring_index and start <= mark.day <= end:
            stacks.setdefault((mark.ring, mark.day), []).append(mark)
    parts = []
    for (ring_key, day), marks in sorted(stacks.items(), key=lambda item: item[0][1]):
        inner, outer = ring_radii(ring_index[ring_key], len(wheel.rings))
        step = (outer - inner) / (len(marks) + 1)
        for position, mark in enumerate(marks, start=1):
            parts.append(_mark(mark, angle_for(day), inner + step * position))
    return parts


def _mark(mark, angle, radius):
    x, y = point(angle, radius)
    style = STATE_STYLES.get(mark.state, STATE_STYLES["upcoming"])
    label = escape(f"{mark.title} {mark.day.day}.{mark.day.month}.{mark.day.year}")
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
    body = f"<title>{label}</title>{shape}"
    attrs = (
        f'class="wheel__mark wheel__mark--{escape(mark.state)}" data-ring="{escape(mark.ring)}" '
        f'data-month="{mark.day.month}" data-date="{mark.day.isoformat()}"'
    )
    if mark.url:
        return f'<a href="{escape(mark.url)}" aria-label="{label}" {attrs}>{body}</a>'
    return f'<g role="img" aria-label="{label}" {attrs}>{body}</g>'


def _today(wheel):
    start, end = school_year_dates(wheel.start_year)
    if wheel.today is None or not start <= wheel.today <= end:
        return []
    angle = angle_for(wheel.today)
    x1, y1 = point(angle, HUB_RADIUS)
    x2, y2 = point(angle, OUTER_RADIUS + 12)
    label = escape(wheel.today_label)
    return [
        f'<g class="wheel__today" data-angle="{angle:.2f}">'
        f"<title>{label}</title>"
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="#b3261e" stroke-width="4"/>'
        f'<circle cx="{x2:.1f}" cy="{y2:.1f}" r="6" fill="#b3261e"/></g>'
    ]
