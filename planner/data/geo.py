"""Synthetic locations: random points inside a state's main polygon (no shapely needed)."""

from __future__ import annotations

import numpy as np


def _ring_area(ring: np.ndarray) -> float:
    """Absolute area of a closed lon/lat ring (shoelace formula, square degrees)."""
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2.0


def main_ring(geometry: dict) -> np.ndarray:
    """Outer ring of the largest polygon of a GeoJSON (Multi)Polygon: the mainland, no islands."""
    polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                else [geometry["coordinates"]])
    rings = [np.asarray(p[0], dtype=float) for p in polygons]
    return max(rings, key=_ring_area)


def inside(ring: np.ndarray, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Whether each point lies inside ``ring`` (even-odd ray casting, vectorised over points)."""
    lon, lat = np.atleast_1d(lon), np.atleast_1d(lat)
    x1, y1 = ring[:, 0][:, None], ring[:, 1][:, None]
    x2, y2 = np.roll(ring[:, 0], -1)[:, None], np.roll(ring[:, 1], -1)[:, None]
    crosses = (y1 > lat) != (y2 > lat)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_at = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
    return (crosses & (lon < x_at)).sum(axis=0) % 2 == 1


def sample_inside(ring: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` points (lon, lat) drawn uniformly inside ``ring`` by rejection from its bounding box."""
    lo, hi = ring.min(axis=0), ring.max(axis=0)
    found: list[np.ndarray] = []
    count = 0
    while count < n:
        pts = rng.uniform(lo, hi, size=(max(2 * (n - count), 16), 2))
        ok = pts[inside(ring, pts[:, 0], pts[:, 1])]
        found.append(ok)
        count += len(ok)
    return np.concatenate(found)[:n]


def jitter_inside(ring: np.ndarray, centre: np.ndarray, n: int, scale: float,
                  rng: np.random.Generator, tries: int = 10) -> np.ndarray:
    """``n`` points scattered around ``centre`` (normal, sd ``scale``), kept inside ``ring``.

    A point still outside after ``tries`` draws falls back to ``centre`` itself.
    """
    pts = np.repeat(centre[None, :], n, axis=0)
    todo = np.arange(n)
    for _ in range(tries):
        if not len(todo):
            break
        cand = centre + rng.normal(0.0, scale, size=(len(todo), 2))
        ok = inside(ring, cand[:, 0], cand[:, 1])
        pts[todo[ok]] = cand[ok]
        todo = todo[~ok]
    return pts
