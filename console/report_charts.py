"""The report page's charts as drawing instructions for inline SVG (no script, no network): the
months' reach as trend lines, and how each person's BARC-10 total changed as a histogram.

Each chart is drawn from figures outcomes/ computed; the page prints the same figures in a table
beside it, for screen readers and for anyone who would rather read than look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from console.barc10_chart import Box, Line, Point

TREND_BOX = Box(width=760, height=260, left=44, right=190, top=16, bottom=40)
HISTOGRAM_BOX = Box(width=760, height=240, left=44, right=20, top=16, bottom=40)
# Each bin: its label and the changes it holds (points, latest total minus first).
BINS: tuple[tuple[str, range], ...] = (
    ("-10 or less", range(-50, -9)),
    ("-9 to -5", range(-9, -4)),
    ("-4 to -1", range(-4, 0)),
    ("0", range(0, 1)),
    ("+1 to +4", range(1, 5)),
    ("+5 to +9", range(5, 10)),
    ("+10 or more", range(10, 51)),
)


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM
    enrolled: int
    sent: int  # check-ups sent
    answered: int  # of those, answered within their expiry


@dataclass(frozen=True)
class Series:
    name: str
    line: Line
    dashed: bool
    end_y: float  # where its name is written, right of the plot


@dataclass(frozen=True)
class TrendChart:
    box: Box
    series: list[Series]
    gridlines: list[tuple[float, int]]  # (y, value)
    months: list[tuple[float, str]]  # (x, label) under the axis


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Histogram:
    box: Box
    bars: list[Bar]
    gridlines: list[tuple[float, int]]


def _top(highest: int) -> int:
    """A round top for the axis: the next multiple of a step that gives about five gridlines."""
    step = max(1, -(-highest // 5))
    return max(step * 5, 1)


def _grid(box: Box, top: int) -> list[tuple[float, int]]:
    step = max(1, top // 5)
    return [(box.y(value, 0, top), value) for value in range(0, top + 1, step)]


def trend_chart(months: Sequence[MonthFigures]) -> TrendChart:
    """Enrolled, check-ups sent and answered within expiry, month by month."""
    box = TREND_BOX
    top = _top(max([1, *(m.enrolled for m in months), *(m.sent for m in months)]))
    width = box.width - box.left - box.right
    step = width / max(len(months) - 1, 1)
    xs = [round(box.left + i * step, 1) for i in range(len(months))]
    series = []
    for name, field, dashed in (
        ("Enrolled", "enrolled", False),
        ("Check-ups sent", "sent", True),
        ("Answered in time", "answered", False),
    ):
        values = [int(getattr(m, field)) for m in months]
        points = [
            Point(x, box.y(v, 0, top), f"{m.month}: {v}")
            for x, v, m in zip(xs, values, months, strict=True)
        ]
        series.append(Series(name, Line(points), dashed, points[-1].y if points else 0))
    return TrendChart(
        box, _spread(series), _grid(box, top), list(zip(xs, _labels(months), strict=True))
    )


def _labels(months: Sequence[MonthFigures]) -> list[str]:
    return [m.month for m in months]


def _spread(series: list[Series]) -> list[Series]:
    """Moves the names at the right apart (16 px at least), so equal values stay readable."""
    placed: list[Series] = []
    for each in sorted(series, key=lambda s: s.end_y):
        y = each.end_y if not placed else max(each.end_y, placed[-1].end_y + 16)
        placed.append(Series(each.name, each.line, each.dashed, y))
    return placed


def histogram(changes: Sequence[int]) -> Histogram:
    """How many people's total changed by how much, in seven bins around no change."""
    box = HISTOGRAM_BOX
    counts = [sum(change in values for change in changes) for _, values in BINS]
    top = _top(max([*counts, 1]))
    slot = (box.width - box.left - box.right) / len(BINS)
    bars = []
    for index, ((label, _), count) in enumerate(zip(BINS, counts, strict=True)):
        y = box.y(count, 0, top)
        bars.append(
            Bar(label, count, round(box.left + index * slot + 6, 1), y, round(slot - 12, 1),
                round(box.height - box.bottom - y, 1))
        )  # fmt: skip
    return Histogram(box, bars, _grid(box, top))
