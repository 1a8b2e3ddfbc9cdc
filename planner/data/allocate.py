"""Integer allocations used by the synthesis: exact totals from fractional expectations."""

from __future__ import annotations

import numpy as np


def _scale_for_total(weights: np.ndarray, total: int, minimum: int) -> float:
    """The factor s with Σ max(minimum, s·w) = total (bisection; the sum grows with s)."""
    lo, hi = 0.0, 1.0
    while np.maximum(minimum, hi * weights).sum() < total:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if np.maximum(minimum, mid * weights).sum() < total:
            lo = mid
        else:
            hi = mid
    return hi


def allocate_exact(weights: np.ndarray, total: int, minimum: int,
                   rng: np.random.Generator) -> np.ndarray:
    """Integer counts proportional to ``weights``, each at least ``minimum``, summing to ``total``.

    Each count is its expectation ``max(minimum, s·w)`` rounded down or up; the units rounded up
    are drawn without replacement with probability proportional to the fractional part, so a
    small municipality never gets more than one unit above its expectation.
    """
    weights = np.asarray(weights, dtype=float)
    if minimum * len(weights) > total:
        raise ValueError("total too small for the minimum")
    expected = np.maximum(minimum, _scale_for_total(weights, total, minimum) * weights)
    counts = np.floor(expected).astype(int)
    missing = total - int(counts.sum())
    if missing > 0:
        frac = expected - counts
        chosen = rng.choice(len(weights), size=missing, replace=False, p=frac / frac.sum())
        counts[chosen] += 1
    elif missing < 0:  # only from rounding noise of the bisection
        order = np.argsort(-(expected - counts), kind="stable")
        for i in order[: -missing]:
            counts[i] -= 1
    return counts


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` in integers proportional to ``weights`` (Hamilton's method; ties by order)."""
    weights = np.asarray(weights, dtype=float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=int)
    exact = total * weights / weights.sum()
    counts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: total - int(counts.sum())]] += 1
    return counts
