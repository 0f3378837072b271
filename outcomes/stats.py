"""The few statistics the report needs, with the standard library alone (scipy is not installed).

The 95% confidence interval of a mean uses Student's t: exact two-sided 0.975 quantiles for 1-30
degrees of freedom (the usual printed table), and above 30 the Cornish-Fisher expansion of the
t quantile around the normal one, which is within 0.0001 of the exact value from 30 upward.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# t(0.975, df) for df = 1..30.
_T975 = (
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
)  # fmt: skip
_Z975 = statistics.NormalDist().inv_cdf(0.975)


def t_975(df: int) -> float:
    """The two-sided 95% quantile of Student's t with `df` degrees of freedom."""
    if df < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if df <= len(_T975):
        return _T975[df - 1]
    z = _Z975
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


@dataclass(frozen=True)
class MeanWithCI:
    n: int
    mean: float | None  # None when there is nothing to average
    low: float | None  # None when n < 2: one pair gives no interval
    high: float | None


def mean_with_ci(values: Sequence[float]) -> MeanWithCI:
    """The mean and its 95% confidence interval (t-distribution, n - 1 degrees of freedom)."""
    n = len(values)
    if n == 0:
        return MeanWithCI(0, None, None, None)
    mean = statistics.fmean(values)
    if n == 1:
        return MeanWithCI(1, mean, None, None)
    half = t_975(n - 1) * statistics.stdev(values) / math.sqrt(n)
    return MeanWithCI(n, mean, mean - half, mean + half)


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def p90(values: Sequence[float]) -> float | None:
    """The 90th percentile, interpolated between ranks (numpy's default, "inclusive")."""
    if len(values) < 2:
        return values[0] if values else None
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
