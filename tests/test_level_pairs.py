"""models.acceptance.level_pairs in bulk (numpy) gives the frame the old loop over pairs gave,
row for row and column for column, on the national scenario (por_hospital, several bonus levels
per type and zone) and on Hidalgo (fijo: one level from ``bonos``), and on a hand case; and
planner.io.acceptance.probability, grouped by codes instead of a pandas groupby, gives the same
probabilities.

The loop and the groupby are kept here as the references (they were the code)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.acceptance import _pair_keys, _with_probability, level_pairs
from models.allocation import placement_pairs
from planner.io.acceptance import ANY_GRADE, ANY_ZONE, levels_for, probability
from planner.pipeline import load_scenario
from tests.builders import base_tables, make_workbook

ROOT = Path(__file__).resolve().parents[1]


def probability_groupby(acceptance, kind, zone, grade, bonus):
    """The former planner.io.acceptance.probability, verbatim."""
    bonus = np.asarray(bonus, dtype=float)
    out = np.ones(len(bonus))
    if acceptance is None or len(bonus) == 0:
        return out
    curves = {key: (c["bonus"].to_numpy(), c["p"].to_numpy())
              for key, c in acceptance.groupby(["kind", "zone", "grade"], sort=False)}
    keys = pd.DataFrame({"k": np.asarray(kind, dtype=object), "z": np.asarray(zone, dtype=int),
                         "g": np.asarray(grade, dtype=object)})
    for (k, z, g), idx in keys.groupby(["k", "z", "g"], sort=False).indices.items():
        for key in ((k, z, g), (k, ANY_ZONE, g), (k, z, ANY_GRADE), (k, ANY_ZONE, ANY_GRADE)):
            if key in curves:
                xs, ps = curves[key]
                out[idx] = np.interp(bonus[idx], xs, ps)
                break
    return out


def level_pairs_loop(scenario, pairs):
    """The former models.acceptance.level_pairs, verbatim."""
    kind, grade, eligible = _pair_keys(scenario, pairs)
    zone = pairs["zone"].to_numpy(dtype=int)
    rows_pair, rows_bonus, rows_group, rows_level = [], [], [], []
    groups: dict[tuple[str, str], int] = {}
    level_cache: dict[tuple[str, int], list[float]] = {}
    clues = pairs["clues"].to_numpy(dtype=object)
    for i in range(len(pairs)):
        if not eligible[i]:
            rows_pair.append(i)
            rows_bonus.append(0.0)
            rows_group.append(-1)
            rows_level.append(0)
            continue
        key = (str(kind[i]), int(zone[i]))
        if key not in level_cache:
            level_cache[key] = levels_for(scenario, *key)
        g = groups.setdefault((str(clues[i]), str(kind[i])), len(groups))
        for lvl, b in enumerate(level_cache[key]):
            rows_pair.append(i)
            rows_bonus.append(b)
            rows_group.append(g)
            rows_level.append(lvl)
    idx = np.asarray(rows_pair, dtype=int)
    expanded = pairs.iloc[idx].reset_index(drop=True)
    bonus = np.asarray(rows_bonus, dtype=float)
    p = probability_groupby(scenario.acceptance, kind[idx], zone[idx], grade[idx], bonus)
    out = _with_probability(scenario, expanded, bonus, p)
    out["pair"] = idx
    out["group"] = np.asarray(rows_group, dtype=int)
    out["level"] = np.asarray(rows_level, dtype=int)
    return out


@pytest.mark.parametrize("workbook", ["nacional_2024.xlsx", "hidalgo_2025.xlsx"])
def test_same_frame_as_the_loop(workbook: str) -> None:
    scenario, _ = load_scenario(ROOT / "inputs" / workbook)
    pairs = placement_pairs(scenario)
    new = level_pairs(scenario, pairs)
    pd.testing.assert_frame_equal(new, level_pairs_loop(scenario, pairs), check_exact=True)
    assert len(new) >= len(pairs)
    if workbook.startswith("nacional"):  # several levels somewhere: the expansion is exercised
        assert len(new) > len(pairs) and new["level"].max() >= 1


def test_hand_case(tmp_path: Path) -> None:
    """The tiny workbook with bonus levels {0, 5,000, 10,979} in zone 2 and {10,000} in zone 3.
    Pairs (placement_pairs' order) at HOSP01 (zone 2, eligible): Anestesiología, Cirugía general:
    three rows each, one group (HOSP01, especialidad) = 0; HOSP02 (zone 3): one row each at
    10,000, group 1; the centres with a gap (ineligible; CS0003 has its 2 GPs): one row at 0,
    group -1."""
    tables = base_tables()
    tables["niveles_bono"] = pd.DataFrame(
        [("especialidad", 2, 0), ("especialidad", 2, 5_000), ("especialidad", 2, 10_979),
         ("especialidad", 3, 10_000)], columns=["tipo", "zona", "bono_mensual"])
    scenario, _ = load_scenario(make_workbook(tmp_path / "niveles.xlsx", tables,
                                              modo_bono="por_hospital"))
    pairs = placement_pairs(scenario)
    new = level_pairs(scenario, pairs)
    pd.testing.assert_frame_equal(new, level_pairs_loop(scenario, pairs), check_exact=True)
    got = {(c, k): (list(g["bonus"]), sorted(set(g["group"])), list(g["level"]))
           for (c, k), g in new.groupby(["clues", "category"], sort=False)}
    assert got[("HOSP01", "Anestesiología")] == ([0.0, 5_000.0, 10_979.0], [0], [0, 1, 2])
    assert got[("HOSP01", "Cirugía general")] == ([0.0, 5_000.0, 10_979.0], [0], [0, 1, 2])
    assert got[("HOSP02", "Anestesiología")] == ([10_000.0], [1], [0])
    assert got[("HOSP02", "Cirugía general")] == ([10_000.0], [1], [0])
    for centre in ("CS0001", "CS0002"):
        assert got[(centre, "Medicina general")] == ([0.0], [-1], [0])
    assert len(got) == 6


def test_probability_same_as_the_groupby() -> None:
    """Random offers over the national curves, with kinds, zones and grades that have no curve
    of their own (fallbacks to any zone / any grade, or p = 1) and missing values."""
    scenario, _ = load_scenario(ROOT / "inputs" / "nacional_2024.xlsx")
    acc = scenario.acceptance
    rng = np.random.default_rng(0)
    n = 5_000
    kinds = np.array([*acc["kind"].unique(), "otra"], dtype=object)
    grades = np.array([*acc["grade"].unique(), "muy bajo", None], dtype=object)
    kind = kinds[rng.integers(0, len(kinds), n)]
    zone = rng.integers(0, 5, n)
    grade = grades[rng.integers(0, len(grades), n)]
    bonus = rng.uniform(0, 20_000, n)
    new = probability(acc, kind, zone, grade, bonus)
    np.testing.assert_array_equal(new, probability_groupby(acc, kind, zone, grade, bonus))
    assert (new < 1).any() and (new == 1).any()
    assert probability(acc, kind[:0], zone[:0], grade[:0], bonus[:0]).shape == (0,)
