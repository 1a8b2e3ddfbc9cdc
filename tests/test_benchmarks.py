"""The benchmark generator and the floor: deterministic, valid, and the floor agrees with the model.

Fast: a tiny scale (k = 0.02: 14 hospitals, 240 centres). Speed targets live in
benchmarks/README.md, never in timed tests.
"""

from __future__ import annotations

import pandas as pd
import pytest

from benchmarks import floor, generate
from models.settings import SolverSettings
from models.solve import solve_allocation
from planner.pipeline import load_scenario

SCALE = 0.02


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):
    return generate.write(tmp_path_factory.mktemp("bench") / "k002.xlsx", SCALE)


def test_generator_is_deterministic_for_a_seed() -> None:
    a, b = generate.tables(SCALE, seed=7), generate.tables(SCALE, seed=7)
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    c = generate.tables(SCALE, seed=8)
    assert not c["plantilla"].equals(a["plantilla"])


def test_generator_counts_follow_the_scale() -> None:
    c = generate.counts(1)
    assert (c["hospitals"], c["eligible"], c["centres"]) == (700, 282, 12_000)
    assert (c["specialists"], c["general_doctors"]) == (4_010, 5_850)
    t = generate.tables(SCALE)
    units = t["unidades"]
    assert (units["tipo"] == "hospital").sum() == generate.counts(SCALE)["hospitals"]
    assert units["clues"].is_unique
    assert set(t["categorias"]["categoria"]) >= set(generate.SPECIALIST_SUPPLY)


def test_generated_workbook_is_valid_and_its_budget_binds(workbook) -> None:
    scenario, _ = load_scenario(workbook)
    assert len(scenario.units) == sum(generate.counts(SCALE)[k] for k in ("hospitals",
                                                                        "centres"))
    plan = solve_allocation(scenario, SolverSettings(solver="highs"))
    spent = float((plan.placements["placed"] * plan.placements["cost"]).sum())
    assert spent > 0.9 * scenario.params.budget  # the budget is (nearly) all used


@pytest.mark.parametrize("solver", ["exact", "highs", "cbc"])
def test_floor_objective_equals_pipeline_objective(workbook, solver: str) -> None:
    """An independent build (numpy + highspy, no PuLP) reaches the same optimum."""
    _, sol = floor.run(workbook)
    scenario, _ = load_scenario(workbook)
    plan = solve_allocation(scenario, SolverSettings(solver=solver))
    assert plan.status.value == "optimal"
    assert sol.status == "Optimal"
    assert plan.objective == pytest.approx(sol.objective, rel=1e-7, abs=1e-6)
    assert plan.lp_bound == pytest.approx(sol.lp_bound, rel=1e-7)
    placed = plan.placements.groupby("category")["placed"].sum()
    assert int(placed.sum()) == int(sol.placed.sum()) or plan.objective == pytest.approx(
        sol.objective)


def test_floor_writes_a_result(workbook, tmp_path) -> None:
    out = tmp_path / "floor.xlsx"
    t, _ = floor.run(workbook, out)
    assert out.exists() and set(t) >= {"read", "validate", "build", "solve", "write"}
