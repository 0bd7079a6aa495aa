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


def centre_of(element):
    shape = element.find(f"{SVG}circle")
    if shape is not None:
        return float(shape.get("cx")), float(shape.get("cy"))
    shape = element.find(f"{SVG}rect")
    return (
        float(shape.get("x")) + float(shape.get("width")) / 2,
        float(shape.get("y")) + float(shape.get("height")) / 2,
    )


def mark_positions(svg):
    """{first date: (angle, radius)} of the ring marks."""
    return {
        element.get("data-date"): polar(*centre_of(element))
        for element in parse(svg).iter()
        if "wheel__mark" in element.get("class", "").split()
    }


def targets(svg):
    return [e for e in parse(svg).iter(f"{SVG}a") if "wheel__target" in e.get("class", "")]


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
    svg = wheel.render(wheel.Wheel(2026, RINGS, [wheel.Mark(day, "laitteet", "Laitteiden jako")]))
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


def test_a_half_months_tasks_share_one_target_big_enough_for_a_finger():
    marks = [
        wheel.Mark(datetime.date(2026, 10, 5), "laitteet", "Myöhässä", state="overdue"),
        wheel.Mark(datetime.date(2026, 10, 6), "laitteet", "Seuraava"),
        wheel.Mark(datetime.date(2026, 10, 6), "tietosuoja", "Sopimukset"),
        wheel.Mark(datetime.date(2026, 10, 20), "laitteet", "Myöhemmin"),
    ]
    svg = wheel.render(wheel.Wheel(2026, RINGS, marks, count_label=lambda n: f"{n} tehtävää"))
    found = targets(svg)
    assert [t.get("data-count") for t in found] == ["3", "1"]
    first = found[0]
    assert first.get("href") == "#d-2026-10-05"
    assert first.get("aria-label") == (
        "1.–15.10.2026: 3 tehtävää: Myöhässä 5.10.; Seuraava 6.10.; Sopimukset 6.10."
    )
    # The overdue task is not hidden under the next day's: one mark per ring and
    # half-month, showing the most urgent state.
    late = [e for e in parse(svg).iter() if "wheel__mark--overdue" in e.get("class", "")]
    assert len(late) == 1 and late[0].get("data-count") == "2"
    # 24 CSS px on a 288 px wide wheel (a 320 px phone less its margins).
    diameter = 2 * float(first.find(f"{SVG}circle").get("r"))
    assert diameter * 288 / wheel.SIZE >= 24


def test_targets_never_overlap_even_when_every_half_month_has_tasks():
    days = [datetime.date(2026, 8, 1) + datetime.timedelta(days=n) for n in range(365)]
    marks = [wheel.Mark(day, "laitteet", "Joka päivä") for day in days]
    found = targets(wheel.render(wheel.Wheel(2026, RINGS, marks)))
    assert len(found) == 24
    centres = [tuple(float(c) for c in centre_of(t)) for t in found]
    radius = wheel.TARGET_RADIUS
    for index, (x, y) in enumerate(centres):
        nx, ny = centres[(index + 1) % len(centres)]
        assert math.hypot(nx - x, ny - y) > 2 * radius


def test_each_target_shows_its_text_on_focus_or_hover():
    marks = [wheel.Mark(datetime.date(2026, 12, 3), "laitteet", "Joulu")]
    svg = wheel.render(wheel.Wheel(2026, RINGS, marks, count_label=lambda n: f"{n} kpl"))
    tip = next(e for e in targets(svg)[0].iter(f"{SVG}text") if e.get("class") == "wheel__tip")
    assert [span.text for span in tip] == ["1.–15.12.2026", "1 kpl"]


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


def test_targets_have_accessible_names_and_escape_text():
    mark = wheel.Mark(datetime.date(2026, 9, 1), "laitteet", "<script>&")
    svg = wheel.render(wheel.Wheel(2026, RINGS, [mark], title="Rusko & co"))
    link = targets(svg)[0]  # well-formed XML even with markup in the data
    assert link.get("href") == "#d-2026-09-01"
    assert link.get("aria-label") == "1.–15.9.2026: 1: <script>& 1.9."
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
