"""The report's statistics, by hand: the t quantiles, a tiny sample's interval, the percentiles."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from outcomes.scope import month_scope
from outcomes.stats import MeanWithCI, mean_with_ci, median, p90, t_975


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (10, 2.2281), (30, 2.0423), (40, 2.0211), (120, 1.9799)],
)
def test_t_quantiles_match_the_printed_table(df: int, expected: float) -> None:
    assert t_975(df) == pytest.approx(expected, abs=1e-4)


def test_t_quantiles_approach_the_normal_for_large_samples() -> None:
    assert t_975(100_000) == pytest.approx(1.95996, abs=1e-4)


def test_the_interval_of_a_tiny_known_sample_is_as_computed_by_hand() -> None:
    # 2, 4, 6: mean 4, standard deviation 2, standard error 2 / sqrt(3), t(2) = 4.3027.
    found = mean_with_ci([2, 4, 6])
    half = 4.3027 * 2 / math.sqrt(3)

    assert (found.n, found.mean) == (3, 4.0)
    assert found.low == pytest.approx(4 - half)
    assert found.high == pytest.approx(4 + half)


def test_one_pair_has_a_mean_but_no_interval_and_none_has_neither() -> None:
    assert mean_with_ci([5]) == MeanWithCI(1, 5.0, None, None)
    assert mean_with_ci([]) == MeanWithCI(0, None, None, None)


def test_median_and_p90_interpolate_between_ranks() -> None:
    assert (median([10, 20]), p90([10, 20])) == (15, 19)
    assert (median([7]), p90([7]), median([]), p90([])) == (7, 7, None, None)


def test_a_month_runs_from_its_first_day_to_the_next_months() -> None:
    december = month_scope("2026-12", datetime(2027, 3, 1, tzinfo=UTC))

    assert (december.start, december.end) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "November", "2026-00"])
def test_a_month_that_is_not_yyyy_mm_is_refused(month: str) -> None:
    with pytest.raises(ValueError, match="not a month"):
        month_scope(month, datetime(2027, 3, 1, tzinfo=UTC))
