"""95% intervals for proportions, correlations and their differences, in
plain Python (lint's rules use them without numpy)."""

from __future__ import annotations

import math
from typing import Optional, Tuple

# The normal quantile of a two-sided 95% interval.
Z95 = 1.959963984540054

Interval = Tuple[float, float]


def wilson(successes: float, n: float, z: float = Z95) -> Interval:
    """Wilson's score interval of a proportion: sensible at 0 and 1 and for
    small n, where the normal approximation gives negative bounds."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(p * (1 - p) / n + z * z / (4 * n * n), 0.0)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(mean: float, sd: float, n: float, z: float = Z95) -> Interval:
    """A normal interval of a mean (partial-credit and open items)."""
    if n <= 1:
        return (0.0, 1.0)
    half = z * sd / math.sqrt(n)
    return (max(0.0, mean - half), min(1.0, mean + half))


def fisher(r: Optional[float], n: float, z: float = Z95) -> Optional[Interval]:
    """The Fisher z interval of a correlation; None when undefined."""
    if r is None or n <= 3 or math.isnan(r):
        return None
    r = min(max(r, -0.999999), 0.999999)
    centre = math.atanh(r)
    half = z / math.sqrt(n - 3)
    return (math.tanh(centre - half), math.tanh(centre + half))


def overlapping_difference(r1: float, r2: float, r12: float, n: float,
                           z: float = Z95) -> Optional[Interval]:
    """Zou's (2007) interval of r1 - r2, two correlations with the same
    variable (here: two options' correlations with the rest score), whose
    own correlation is r12."""
    ci1, ci2 = fisher(r1, n, z), fisher(r2, n, z)
    if ci1 is None or ci2 is None or math.isnan(r12):
        return None
    (l1, u1), (l2, u2) = ci1, ci2
    denom = (1 - r1 * r1) * (1 - r2 * r2)
    if denom <= 0:
        return None
    c = ((r12 - r1 * r2 / 2) * (1 - r1 * r1 - r2 * r2 - r12 * r12) + r12 ** 3) / denom
    low = r1 - r2 - math.sqrt(max((r1 - l1) ** 2 + (u2 - r2) ** 2 - 2 * c * (r1 - l1) * (u2 - r2), 0.0))
    high = r1 - r2 + math.sqrt(max((u1 - r1) ** 2 + (r2 - l2) ** 2 - 2 * c * (u1 - r1) * (r2 - l2), 0.0))
    return (low, high)


def share_excess(a: float, b: float, n: float, ratio: float = 1.0, z: float = Z95) -> Interval:
    """The interval of p_a - ratio * p_b, two shares of one group of n
    (the counts a and b come from one multinomial sample, so they are
    negatively correlated). Positive throughout: the group chose a more
    than ``ratio`` times as often as b. Shares are smoothed by half a count
    so that a group where nobody chose either still has a spread."""
    if n <= 0:
        return (-1.0, 1.0)
    pa, pb = a / n, b / n
    sa, sb = (a + 0.5) / (n + 1), (b + 0.5) / (n + 1)
    variance = (sa * (1 - sa) + ratio * ratio * sb * (1 - sb) + 2 * ratio * sa * sb) / n
    half = z * math.sqrt(variance)
    d = pa - ratio * pb
    return (d - half, d + half)
