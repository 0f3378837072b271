"""The BARC-10 chart's geometry: the total spans 10 (bottom) to 60 (top) with 47 marked, time
runs left to right, a check-in without a total is left out of the total's line, and a skipped
item is a gap in that item's line, never a zero."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.barc10_chart import ITEM_BOX, TOTAL_BOX, item_charts, total_chart
from console.participant import Barc10View

START = datetime(2026, 9, 1, tzinfo=UTC)


def checkin(days: int, total: int | None, items: dict[int, int | None]) -> Barc10View:
    at = START + timedelta(days=days)
    return Barc10View(at, True, total, None if total is None else total >= 47, items)


def test_no_total_chart_until_a_check_in_has_a_total() -> None:
    assert total_chart([checkin(0, None, {1: 3, 2: None})]) is None
    assert total_chart([]) is None


def test_the_total_runs_from_10_at_the_bottom_to_60_at_the_top_over_time() -> None:
    chart = total_chart([checkin(0, 10, {}), checkin(10, None, {}), checkin(30, 60, {})])

    assert chart is not None
    (x0, y0), (x1, y1) = [(p.x, p.y) for p in chart.line.points]
    assert (x0, y0) == (TOTAL_BOX.left, TOTAL_BOX.height - TOTAL_BOX.bottom)
    assert (x1, y1) == (TOTAL_BOX.width - TOTAL_BOX.right, TOTAL_BOX.top)
    assert chart.line.path == f"M{x0},{y0} L{x1},{y1}"
    assert [p.label for p in chart.line.points] == ["01 Sep 2026: 10", "01 Oct 2026: 60"]


def test_47_is_marked_between_40_and_50() -> None:
    chart = total_chart([checkin(0, 30, {})])

    assert chart is not None
    y_of = {value: y for y, value in chart.gridlines}
    assert y_of[50] < chart.signal_y < y_of[40]


def test_a_single_check_in_sits_in_the_middle_of_the_time_axis() -> None:
    chart = total_chart([checkin(0, 35, {})])

    assert chart is not None
    middle = TOTAL_BOX.left + (TOTAL_BOX.width - TOTAL_BOX.left - TOTAL_BOX.right) / 2
    assert chart.line.points[0].x == middle


def test_a_skipped_item_is_a_gap_in_its_line_not_a_zero() -> None:
    charts = item_charts(
        [checkin(0, None, {7: 2}), checkin(5, None, {7: None}), checkin(9, None, {7: 6})]
    )

    seven = charts[6]
    assert (seven.item, seven.latest) == (7, 6)
    assert [p.label for p in seven.line.points] == ["01 Sep 2026: 2", "10 Sep 2026: 6"]
    assert seven.line.points[1].y == ITEM_BOX.top
    assert [c.item for c in charts] == list(range(1, 11))
