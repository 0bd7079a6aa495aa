"""The SVG wheel: marks in the right month sector and ring, today's marker, escaping."""

import datetime
import math
import xml.etree.ElementTree as ET

import pytest

from yearclock import wheel

SVG = "{http://www.w3.org/2000/svg}"
RINGS = [wheel.Ring("tietosuoja", "Tietosuoja"), wheel.Ring("laitteet", "Laitteet")]


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted input)


def polar(x, y):
    """Clockwise angle from twelve o'clock and radius of a point on the wheel."""
    dx, dy = x - wheel.CENTRE, y - wheel.CENTRE
    angle = (math.degrees(math.atan2(dy, dx)) + 90) % 360
    return angle, math.hypot(dx, dy)


def mark_positions(svg):
    positions = {}
    for element in parse(svg).iter():
        if "wheel__mark" in element.get("class", ""):
            shape = element.find(f"{SVG}circle")
            if shape is not None:
                x, y = float(shape.get("cx")), float(shape.get("cy"))
            else:
                shape = element.find(f"{SVG}rect")
                x = float(shape.get("x")) + float(shape.get("width")) / 2
                y = float(shape.get("y")) + float(shape.get("height")) / 2
            positions[element.get("data-date")] = polar(x, y)
    return positions


@pytest.mark.parametrize(
    ("day", "month_index"),
    [
        (datetime.date(2026, 8, 1), 0),
        (datetime.date(2026, 9, 15), 1),
        (datetime.date(2027, 1, 15), 5),
        (datetime.date(2027, 6, 30), 10),
        (datetime.date(2027, 7, 31), 11),
    ],
)
def test_mark_sits_in_its_months_sector(day, month_index):
    svg = wheel.render(
        wheel.Wheel(2026, RINGS, [wheel.Mark(day, "laitteet", "Laitteiden jako", "/t/1/")])
    )
    angle, _radius = mark_positions(svg)[day.isoformat()]
    assert month_index * 30 <= angle < (month_index + 1) * 30 + 1e-6


def test_marks_are_in_their_categorys_ring():
    day = datetime.date(2026, 10, 1)
    marks = [
        wheel.Mark(day, "tietosuoja", "Sopimukset"),
        wheel.Mark(day + datetime.timedelta(days=1), "laitteet", "Laitteet"),
    ]
    positions = mark_positions(wheel.render(wheel.Wheel(2026, RINGS, marks)))
    inner = wheel.ring_radii(0, 2)
    outer = wheel.ring_radii(1, 2)
    assert inner[0] < positions["2026-10-01"][1] < inner[1]
    assert outer[0] < positions["2026-10-02"][1] < outer[1]


def test_marks_outside_the_school_year_or_rings_are_left_out():
    marks = [
        wheel.Mark(datetime.date(2027, 8, 1), "laitteet", "Next year"),
        wheel.Mark(datetime.date(2026, 9, 1), "unknown", "No ring"),
        wheel.Mark(datetime.date(2026, 9, 2), "laitteet", "Shown"),
    ]
    assert list(mark_positions(wheel.render(wheel.Wheel(2026, RINGS, marks)))) == ["2026-09-02"]


def test_same_day_marks_do_not_overlap():
    day = datetime.date(2026, 8, 14)
    marks = [wheel.Mark(day, "laitteet", f"Task {n}", f"/t/{n}/") for n in range(3)]
    root = parse(wheel.render(wheel.Wheel(2026, RINGS, marks)))
    centres = {
        (c.get("cx"), c.get("cy")) for a in root.iter(f"{SVG}a") for c in a.iter(f"{SVG}circle")
    }
    assert len(centres) == 3


def test_todays_marker_points_at_today():
    today = datetime.date(2027, 1, 16)  # half-way through January: 5.5 months in
    root = parse(wheel.render(wheel.Wheel(2026, RINGS, today=today, today_label="Tänään")))
    marker = next(e for e in root.iter() if e.get("class") == "wheel__today")
    assert marker.find(f"{SVG}title").text == "Tänään"
    line = marker.find(f"{SVG}line")
    angle, _ = polar(float(line.get("x2")), float(line.get("y2")))
    assert angle == pytest.approx(5 * 30 + 15 / 31 * 30, abs=0.2)


def test_no_today_marker_for_another_school_year():
    svg = wheel.render(wheel.Wheel(2025, RINGS, today=datetime.date(2026, 9, 1)))
    assert "wheel__today" not in svg


def test_marks_link_with_accessible_names_and_escape_text():
    mark = wheel.Mark(datetime.date(2026, 9, 1), "laitteet", "<script>&", "/fi/t/?a=1&b=2")
    svg = wheel.render(wheel.Wheel(2026, RINGS, [mark], title="Rusko & co"))
    root = parse(svg)  # well-formed XML even with markup in the data
    link = next(root.iter(f"{SVG}a"))
    assert link.get("href") == "/fi/t/?a=1&b=2"
    assert link.get("aria-label") == "<script>& 1.9.2026"
    assert "<script>" not in svg


def test_states_are_distinguished_by_shape_not_only_colour():
    day = datetime.date(2026, 9, 1)
    marks = [
        wheel.Mark(day, "laitteet", "Late", state="overdue"),
        wheel.Mark(day, "tietosuoja", "Done", state="done"),
    ]
    root = parse(wheel.render(wheel.Wheel(2026, RINGS, marks)))
    overdue = next(e for e in root.iter() if "wheel__mark--overdue" in e.get("class", ""))
    done = next(e for e in root.iter() if "wheel__mark--done" in e.get("class", ""))
    assert overdue.find(f"{SVG}rect") is not None
    assert done.find(f"{SVG}circle") is not None


def test_month_labels_start_from_august():
    labels = [f"m{n}" for n in range(1, 13)]
    root = parse(wheel.render(wheel.Wheel(2026, RINGS, month_labels=labels)))
    texts = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "wheel__month"]
    assert texts == ["m8", "m9", "m10", "m11", "m12", "m1", "m2", "m3", "m4", "m5", "m6", "m7"]
