"""Curve sets for robust plans (issue 22, item 4): plausible versions of the acceptance curves,
and what a finished plan gives under each (no solver here; models.acceptance.solve_robust solves the max-min).

A **curve set** gives every curve of the ``aceptacion`` sheet a ``level`` and a ``slope``
factor; with ``p₀`` the curve's probability at its first point (no bonus, or its lowest bonus),
``p'(b) = clip(level · p₀ + slope · (p(b) − p₀), 0, 1)``. The central set (1, 1) is the
workbook's curves.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from planner.core.scenario import Scenario
from planner.io.acceptance import probability


def pair_keys(scenario: Scenario, pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(category type, marginalization grade) of each pair: what picks its curve."""
    kind = scenario.categories["kind"].reindex(pairs["category"]).to_numpy(dtype=object)
    return kind, scenario.units["grade"].reindex(pairs["clues"]).to_numpy(dtype=object)


# Explicit ranges for what no data identifies (supuesto, docs/MODELO.md «Planes robustos»):
# acceptance without a bonus ±20 %, what the bonus adds from half to one and a half times.
LEVEL_RANGE = (0.8, 1.2)
SLOPE_RANGE = (0.5, 1.5)


Curve = tuple[str, int, str]  # (category type, zone, grade) of an aceptacion curve


@dataclasses.dataclass(frozen=True)
class CurveSet:
    """One plausible version of every acceptance curve: a ``level`` and a ``slope`` factor per
    curve (``factors``), ``default`` for a curve not listed."""

    factors: tuple[tuple[Curve, float, float], ...] = ()
    default: tuple[float, float] = (1.0, 1.0)

    def of(self, curve: Curve) -> tuple[float, float]:
        for key, level, slope in self.factors:
            if key == curve:
                return level, slope
        return self.default

    @property
    def central(self) -> bool:
        return self.default == (1.0, 1.0) and all(
            (lv, sl) == (1.0, 1.0) for _, lv, sl in self.factors)

    def mean(self) -> tuple[float, float]:
        """Mean (level, slope) factor over the listed curves (the default when none)."""
        if not self.factors:
            return self.default
        return (float(np.mean([f[1] for f in self.factors])),
                float(np.mean([f[2] for f in self.factors])))


def curves_of(acceptance: pd.DataFrame | None) -> list[Curve]:
    """The curves of an ``aceptacion`` table, in its order."""
    if acceptance is None:
        return []
    keys = acceptance[["kind", "zone", "grade"]].drop_duplicates()
    return [(str(k), int(z), str(g)) for k, z, g in keys.itertuples(index=False)]


def curve_sets(acceptance: pd.DataFrame | None, n: int, seed: int = 0,
               level_range: tuple[float, float] = LEVEL_RANGE,
               slope_range: tuple[float, float] = SLOPE_RANGE) -> list[CurveSet]:
    """``n`` curve sets: the central one (the workbook's curves), then draws in which every
    curve takes its own level and slope factor, uniform in the ranges (seeded). Independent
    factors per curve make the sets cross (no set is the worst for every plan), which is what
    a robust plan hedges; one factor for all curves would make the lowest one the worst case of
    every plan, and the robust plan the plan for those curves."""
    curves = curves_of(acceptance)
    rng = np.random.default_rng(seed)
    out = [CurveSet()][:n]
    while len(out) < n:
        lv = np.round(rng.uniform(*level_range, size=len(curves)), 4)
        sl = np.round(rng.uniform(*slope_range, size=len(curves)), 4)
        out.append(CurveSet(tuple((c, float(a), float(b))
                                  for c, a, b in zip(curves, lv, sl, strict=True))))
    return out


def shifted_curves(acceptance: pd.DataFrame | None, cs: CurveSet) -> pd.DataFrame | None:
    """The ``aceptacion`` curves under ``cs`` (same points, probabilities moved)."""
    if acceptance is None or cs.central:
        return acceptance
    out = acceptance.copy()
    key = ["kind", "zone", "grade"]
    p0 = out.groupby(key, sort=False)["p"].transform("first").to_numpy(dtype=float)
    p = out["p"].to_numpy(dtype=float)
    factors = np.array([cs.of((str(k), int(z), str(g))) for k, z, g in
                        out[key].itertuples(index=False)], dtype=float).reshape(-1, 2)
    out["p"] = np.clip(factors[:, 0] * p0 + factors[:, 1] * (p - p0), 0.0, 1.0)
    return out


def set_probabilities(scenario: Scenario, rows: pd.DataFrame, cs: CurveSet) -> np.ndarray:
    """Acceptance of each row of ``rows`` (pairs with ``bonus``) under curve set ``cs``."""
    kind, grade = pair_keys(scenario, rows)
    return probability(shifted_curves(scenario.acceptance, cs), kind,
                       rows["zone"].to_numpy(dtype=int), grade,
                       rows["bonus"].to_numpy(dtype=float))


def evaluate(scenario: Scenario, placements: pd.DataFrame, sets: list[CurveSet]
             ) -> pd.DataFrame:
    """Each set's expected weighted need and expected bonus bill for ``placements`` (one row
    per pair with ``placed``, ``first_doctor``, ``bonus``, ``weight_full``): columns
    ``level, slope, need, bill``."""
    w = placements["weight_full"].to_numpy(dtype=float)
    x = placements["placed"].to_numpy(dtype=float)
    z = placements["first_doctor"].to_numpy(dtype=float)
    b = placements["bonus"].to_numpy(dtype=float)
    big_p = scenario.params.first_doctor_weight
    rows = []
    for cs in sets:
        p = set_probabilities(scenario, placements, cs)
        level, slope = cs.mean()
        rows.append({"level": level, "slope": slope,
                     "need": float((w * p * (x + big_p * z)).sum()),
                     "bill": float((b * p * x).sum())})
    return pd.DataFrame(rows)


def regret_table(scenario: Scenario, plans: dict[str, pd.DataFrame],
                 sets: list[CurveSet]) -> pd.DataFrame:
    """Each plan under each curve set: columns ``set, level, slope, plan, need, bill, regret``
    where ``regret`` is the best plan's need under that set minus this plan's (0 for the best
    plan of the set)."""
    frames = []
    for name, placements in plans.items():
        ev = evaluate(scenario, placements, sets)
        ev.insert(0, "set", range(len(sets)))
        ev.insert(3, "plan", name)
        frames.append(ev)
    table = pd.concat(frames, ignore_index=True)
    best = table.groupby("set")["need"].transform("max")
    table["regret"] = best - table["need"]
    return table


@dataclasses.dataclass(frozen=True)
class Assumption:
    """One assumption behind the curves and its range: the curve sets at its two ends.

    ``key``: ``slope`` (what the bonus adds, every curve), ``level`` (acceptance without a
    bonus, every curve) or ``grade`` (the level of the curves of one marginalization grade,
    ``grade``); ``low``/``high`` the factor at each end.
    """

    key: str
    grade: str | None
    low: float
    high: float
    low_set: CurveSet
    high_set: CurveSet


def assumptions(acceptance: pd.DataFrame | None,
                level_range: tuple[float, float] = LEVEL_RANGE,
                slope_range: tuple[float, float] = SLOPE_RANGE) -> list[Assumption]:
    """The assumptions a planner may doubt, one at a time (the others at the workbook's value):
    the bonus effect, the level of every curve, and the level of each grade's curves (grades in
    the order of planner.core.schema.GRADES; curves for every grade, grade '', are left to the
    overall level)."""
    from planner.core.schema import GRADES

    (l0, l1), (s0, s1) = level_range, slope_range
    out = [Assumption("slope", None, s0, s1, CurveSet(default=(1.0, s0)),
                      CurveSet(default=(1.0, s1))),
           Assumption("level", None, l0, l1, CurveSet(default=(l0, 1.0)),
                      CurveSet(default=(l1, 1.0)))]
    curves = curves_of(acceptance)
    for grade in GRADES:
        mine = [c for c in curves if c[2] == grade]
        if mine:
            out.append(Assumption("grade", grade, l0, l1,
                                  CurveSet(tuple((c, l0, 1.0) for c in mine)),
                                  CurveSet(tuple((c, l1, 1.0) for c in mine))))
    return out


__all__ = ["Assumption", "CurveSet", "assumptions", "LEVEL_RANGE", "SLOPE_RANGE", "curve_sets", "curves_of", "evaluate",
           "pair_keys", "regret_table", "set_probabilities", "shifted_curves"]
