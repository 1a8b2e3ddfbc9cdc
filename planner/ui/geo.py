"""State outlines for the app's map: the GeoJSON copied into ``inputs/geo``, in d3's ring order.

d3 (behind Vega-Lite's ``geoshape``) draws on the sphere and reads ring order: an exterior ring
must run clockwise, a hole counter-clockwise — the opposite of RFC 7946. A ring the other way
round is taken as "the whole globe except this state", which a projection fills as a rectangle.
:func:`rewind` fixes the order, whatever the file does.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

GEOJSON = Path(__file__).resolve().parents[2] / "inputs" / "geo" / "mexico_estados.geojson"


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area of a lon/lat ring: positive when counter-clockwise (x east, y north)."""
    pts = np.asarray(ring, dtype=float)
    x, y = pts[:, 0], pts[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0


def _oriented(ring: list[list[float]], clockwise: bool) -> list[list[float]]:
    is_clockwise = signed_area(ring) < 0
    return ring if is_clockwise == clockwise else list(reversed(ring))


def rewind_geometry(geometry: dict) -> dict:
    """A (Multi)Polygon with exterior rings clockwise and holes counter-clockwise (d3 order)."""
    def polygon(rings: list) -> list:
        return [_oriented(r, clockwise=(i == 0)) for i, r in enumerate(rings)]

    out = dict(geometry)
    if geometry["type"] == "Polygon":
        out["coordinates"] = polygon(geometry["coordinates"])
    elif geometry["type"] == "MultiPolygon":
        out["coordinates"] = [polygon(p) for p in geometry["coordinates"]]
    return out


def rewind(collection: dict) -> dict:
    """A copy of a FeatureCollection with every polygon in d3's ring order."""
    out = copy.deepcopy(collection)
    for feature in out["features"]:
        feature["geometry"] = rewind_geometry(feature["geometry"])
    return out


@lru_cache(maxsize=2)
def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        return rewind(json.load(fh))


def load_states(path: str | Path = GEOJSON) -> dict:
    """The states FeatureCollection (properties ``cve_ent``, ``nom_ent``, …), rewound for d3."""
    return copy.deepcopy(_load(str(path)))


def with_values(collection: dict, rows: dict[int, dict]) -> dict:
    """A copy of ``collection`` whose features carry ``rows[state_code]`` in their properties.

    Every feature gets the same keys (``None`` where a state has no row), so tooltips and
    colour scales see a uniform table; ``in_scenario`` tells states in the scenario apart.
    """
    keys = sorted({k for row in rows.values() for k in row})
    out = copy.deepcopy(collection)
    for feature in out["features"]:
        props = feature["properties"]
        code = int(props["cve_ent"])
        row = rows.get(code)
        props["in_scenario"] = row is not None
        for k in keys:
            props[k] = None if row is None else row.get(k)
    return out
