"""The BARC-10 trend as drawing instructions for an inline SVG (no script, no network): the
total over time against its 10-60 range with 47 marked, and one small line per item (1-6).

47 is drawn as a strengths signal for staff (in the validation study, a total of 47 or more
went with sustained remission), never as a line to pass: the label says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from console.participant import Barc10View
from store.barc10 import ITEM_COUNT, STRENGTHS_CUTOFF

# Items in a few words each (Vilsaint et al., 2017; the bot asks them in full).
ITEMS = {
    1: "More important things than using",
    2: "Happy with my life",
    3: "Enough energy for my tasks",
    4: "Proud of my community",
    5: "Support from friends",
    6: "Life fulfilling without using",
    7: "Living space helps my recovery",
    8: "Responsibility for my actions",
    9: "Happy dealing with professionals",
    10: "Making good progress",
}


@dataclass(frozen=True)
class Box:
    """A plot's size and the inner area its points use (room left for the axis labels)."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    def x(self, at: datetime, first: datetime, last: datetime) -> float:
        span = (last - first).total_seconds()
        share = (at - first).total_seconds() / span if span else 0.5
        return round(self.left + share * (self.width - self.left - self.right), 1)

    def y(self, value: float, low: float, high: float) -> float:
        share = (value - low) / (high - low)
        return round(self.height - self.bottom - share * (self.height - self.top - self.bottom), 1)


# The right margin holds the 47 line's label, outside the plot where no point can cover it.
TOTAL_BOX = Box(width=760, height=260, left=44, right=190, top=16, bottom=40)
ITEM_BOX = Box(width=200, height=64, left=6, right=6, top=6, bottom=6)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # what a pointer's tooltip says


@dataclass(frozen=True)
class Line:
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(self.points))


@dataclass(frozen=True)
class TotalChart:
    box: Box
    line: Line
    gridlines: list[tuple[float, int]]  # (y, value)
    signal_y: float
    dates: list[tuple[float, str]]  # (x, label) under the axis


@dataclass(frozen=True)
class ItemChart:
    item: int
    label: str
    line: Line
    latest: int | None


def day(at: datetime) -> str:
    return at.strftime("%d %b %Y")


def total_chart(checkins: Sequence[Barc10View]) -> TotalChart | None:
    """None until a check-in has a total (all ten items scored)."""
    scored = [c for c in checkins if c.total is not None]
    if not scored:
        return None
    first, last, box = scored[0].at, scored[-1].at, TOTAL_BOX
    points = [
        Point(box.x(c.at, first, last), box.y(c.total or 0, 10, 60), f"{day(c.at)}: {c.total}")
        for c in scored
    ]
    grid = [(box.y(v, 10, 60), v) for v in range(10, 61, 10)]
    # At most six dates under the axis, so they never overlap.
    step = max(1, -(-len(scored) // 6))
    dates = [(p.x, day(c.at)) for p, c in list(zip(points, scored, strict=True))[::step]]
    signal = box.y(STRENGTHS_CUTOFF, 10, 60)
    return TotalChart(box, Line(points), grid, signal, dates)


def item_charts(checkins: Sequence[Barc10View]) -> list[ItemChart]:
    """One small line per item over every check-in that scored it (a skip is a gap)."""
    if not checkins:
        return []
    first, last, box = checkins[0].at, checkins[-1].at, ITEM_BOX
    charts = []
    for item in range(1, ITEM_COUNT + 1):
        scored = [(c.at, c.items[item]) for c in checkins if c.items.get(item) is not None]
        points = [
            Point(box.x(at, first, last), box.y(score or 0, 1, 6), f"{day(at)}: {score}")
            for at, score in scored
        ]
        latest = scored[-1][1] if scored else None
        charts.append(ItemChart(item, ITEMS[item], Line(points), latest))
    return charts
