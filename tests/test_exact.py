"""The exact path (models/exact.py) against HiGHS at gap 0: same status, optimum, LP bound and
marginal values, on the suite's workbooks and on random workbooks with random rule combinations.

The hand-solvable optima of tests/test_model.py and tests/test_rules.py run for "exact" too (it
is in ``models.settings.SOLVERS``). Here the two paths are compared with each other, and the
marginal values are checked against the LP itself (re-solved by HiGHS at a changed right-hand
side), which does not share the exact path's code:

- ``value`` π of a row is a supergradient of the LP optimum V(b) (concave in b):
  V(b + 1) − V(b) ≤ π ≤ V(b) − V(b − 1), for both paths. Where the two differences meet, the
  LP's dual is unique and both paths must give the same π (a degenerate LP has a whole interval
  of optimal duals, and which one a simplex returns depends on its basis).
- ``valid_down``/``valid_up`` is an interval where V is linear with slope π: V at each finite end
  equals V(b) + π·(end − b). In a degenerate LP the interval a simplex basis reports depends on
  the basis (HiGHS gives different ones with presolve on and off), so the interval is checked
  for soundness, not compared.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from models.allocation import placement_pairs
from models.exact import build_arrays
from models.rules import active_rules
from models.settings import SolverSettings
from models.solve import solve_allocation
from planner.core.plan import Status
from planner.core.scenario import WhatIf, apply_overrides
from planner.pipeline import load_scenario, solve
from tests import test_rules as tr
from tests.builders import ANES, CIR, MG, base_tables, make_workbook, set_cell
from tests.invariants import check_invariants

EXACT = SolverSettings(solver="exact")
HIGHS = SolverSettings(solver="highs")
PHASES = (Phase.explicit, Phase.reuse, Phase.generate)  # no shrinking: a failure prints as is


def lp_value(scenario, row: pd.Series, delta: float) -> float | None:
    """HiGHS's LP optimum (PuLP model) with the right-hand side of ``row`` moved by ``delta``."""
    import pulp

    from models.allocation import build_allocation
    from models.solve import make_solver, quiet_stdout

    model = build_allocation(scenario, placement_pairs(scenario))
    con = model.budget if row["kind"] == "budget" else model.supply[row["key"]]
    if row["rhs"] + delta < 0:
        return None
    con.constant = -(float(row["rhs"]) + delta)
    with quiet_stdout():
        model.prob.solve(make_solver(HIGHS, mip=False))
    if model.prob.sol_status != pulp.LpSolutionOptimal:
        return None
    return float(pulp.value(model.prob.objective) or 0.0)


def check_marginals(scenario, exact, highs) -> None:
    """Same rows; values equal where HiGHS's is a supergradient; exact's ranges sound."""
    a, b = exact.marginal, highs.marginal
    assert list(a["kind"]) == list(b["kind"]) and list(a["key"]) == list(b["key"])
    assert np.allclose(a["rhs"], b["rhs"])
    base = highs.lp_bound
    tol = 1e-6 * max(1.0, abs(base))
    for (_, ra), (_, rb) in zip(a.iterrows(), b.iterrows(), strict=True):
        up, down = lp_value(scenario, ra, 1.0), lp_value(scenario, ra, -1.0)
        right = -math.inf if up is None else up - base  # V(b + 1) - V(b)
        left = math.inf if down is None else base - down  # V(b) - V(b - 1)
        # every optimal dual lies in [right, left]; when the two meet it is unique
        for pi in (ra["value"], rb["value"]):
            assert right - tol <= pi <= left + tol, (ra["key"], right, pi, left)
        if left - right <= tol:
            assert ra["value"] == pytest.approx(rb["value"], rel=1e-6, abs=1e-9), ra["key"]
        for end in (ra["valid_down"], ra["valid_up"]):
            assert not math.isnan(end)
            assert ra["valid_down"] <= ra["rhs"] + 1e-9 <= ra["valid_up"] + 2e-9
            if not math.isfinite(end) or abs(end - ra["rhs"]) < 1e-9:
                continue
            v = lp_value(scenario, ra, end - ra["rhs"])
            if v is not None:
                assert v == pytest.approx(base + ra["value"] * (end - ra["rhs"]),
                                          rel=1e-6, abs=1e-6), (ra["key"], end)


def compare(scenario, marginals: bool = True) -> tuple:
    """Solve with both paths, assert the same outcome, return (exact plan, HiGHS plan)."""
    exact = solve_allocation(scenario, EXACT)
    highs = solve_allocation(scenario, HIGHS)
    assert exact.status is highs.status, (exact.solver_status, highs.solver_status)
    assert "fallback" not in exact.solver_status
    assert exact.n_variables == highs.n_variables
    assert exact.n_constraints == highs.n_constraints
    if highs.status is Status.OPTIMAL:
        assert exact.objective == pytest.approx(highs.objective, rel=1e-6)
        assert exact.lp_bound == pytest.approx(highs.lp_bound, rel=1e-6)
        assert exact.gap <= 1e-9
        if marginals:
            check_marginals(scenario, exact, highs)
    if highs.status is Status.INFEASIBLE:
        assert exact.solver_status == highs.solver_status
        short_a = exact.rules["shortfall"].sum() if len(exact.rules) else 0
        short_b = highs.rules["shortfall"].sum() if len(highs.rules) else 0
        assert short_a == short_b
    return exact, highs


def _base(tmp_path, **params):
    return load_scenario(make_workbook(tmp_path / "caso.xlsx", **params))[0]


@pytest.mark.parametrize("budget", [0, 20_000, 30_000, 1_000_000])
def test_base_workbook_equals_highs(tmp_path, budget):
    """The base workbook of tests/test_model.py at each of its budgets."""
    compare(_base(tmp_path, presupuesto_bono_mensual=budget))


@pytest.mark.parametrize("book", ["pools_book", "links_book", "floor_book", "minimum_book",
                                  "infeasible_book"])
def test_rule_workbooks_equal_highs(tmp_path, book):
    """Each §2b workbook of tests/test_rules.py, as is and with half its budget."""
    scenario = load_scenario(getattr(tr, book)(tmp_path))[0]
    compare(scenario)
    compare(apply_overrides(scenario, WhatIf(budget=scenario.params.budget / 2)))


def test_knapsack_block_needs_the_mip_and_splits_back(tmp_path):
    """Budget 20,000 (test_model): the LP takes HOSP01's anaesthetists (9 per 10,979 MXN, the best
    ratio) fractionally, so the specialists' LP is not integral and their merged MIP runs;
    HOSP02's two specialists (6 + 4) win: 10 + 17 = 27. General medicine (no bonus) is its own
    block with an integral LP. Both blocks are reported in the solver's word."""
    plan = solve_allocation(_base(tmp_path, presupuesto_bono_mensual=20_000), EXACT)
    assert plan.status is Status.OPTIMAL
    assert plan.objective == pytest.approx(27)
    assert plan.solver_status == "Optimal (exact: 2 blocks, 1 LP-integral, 1 MIP)"
    pl = plan.placements.set_index(["clues", "category"])["placed"]
    assert pl[("HOSP02", ANES)] == 1 and pl[("HOSP02", CIR)] == 1


def test_merged_columns_split_back_within_each_bound(tmp_path):
    """Four identical Zona 3 hospitals (same weight and bonus, gap 2 each) merge into one column
    of bound 8; budget 55,000 buys five anaesthetists (10,000 each; the LP takes 5.5) and no
    Cirugía general candidates leave nothing else: the split fills the first hospitals in the pairs' order
    up to their gaps: 2, 2, 1, 0. Objective 5 × w = 5 × 6 = 30 plus the GPs (17)."""
    tables = base_tables()
    units = tables["unidades"]
    rows = [("HOSP1" + str(i), f"Hospital {i}", "hospital", 20, "Oaxaca", "Juchitán", 3, "alto",
             "sí", None) for i in range(4)]
    tables["unidades"] = pd.concat([units.iloc[2:], pd.DataFrame(rows, columns=units.columns)],
                                   ignore_index=True)
    tables["plantilla"] = pd.concat([
        tables["plantilla"].iloc[4:],
        pd.DataFrame([(r[0], ANES, 2, 0) for r in rows], columns=tables["plantilla"].columns)],
        ignore_index=True)
    set_cell(tables["oferta"], 2, "candidatos", 0)
    path = make_workbook(tmp_path / "iguales.xlsx", tables, presupuesto_bono_mensual=55_000)
    scenario = load_scenario(path)[0]
    exact, _ = compare(scenario)
    pl = exact.placements
    anes = pl[pl["category"] == ANES].sort_values("clues")["placed"].tolist()
    assert anes == [2, 2, 1, 0]
    assert exact.objective == pytest.approx(30 + 17)
    assert "1 MIP" in exact.solver_status


def test_arrays_match_the_pulp_model(tmp_path):
    """The array model has the PuLP model's columns, rows and objective (same LP)."""
    from models.allocation import build_allocation

    scenario = load_scenario(tr.minimum_book(tmp_path))[0]
    scenario = apply_overrides(scenario, WhatIf(equity_floor=1.0))
    pairs = placement_pairs(scenario)
    arrays = build_arrays(scenario, pairs)
    model = build_allocation(scenario, pairs)
    assert len(arrays.rows) == model.prob.numConstraints()
    assert len(arrays.obj) == len(model.prob.variables())


def test_pipeline_result_passes_the_invariants(tmp_path):
    """A what-if through pipeline.solve with every rule on, checked by the pandas-only checker."""
    scenario = load_scenario(tr.minimum_book(tmp_path))[0]
    result = solve(scenario, WhatIf(equity_floor=0.8), EXACT)
    assert result.plan.status is Status.OPTIMAL
    assert result.plan.solver == "exact"
    check_invariants(result.scenario, result)


# --- random workbooks, random rules -----------------------------------------------------------

@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    """Eight units in three states (hospitals in zones 2 and 3, centres), every category."""
    S = [tr.CHIS, tr.OAX, tr.GRO]
    units = [tr.hospital("H1", S[0], 2, "muy alto", True), tr.hospital("H2", S[1], 3, "alto", True),
             tr.hospital("H3", S[2], 3, "medio", True), tr.hospital("H4", S[1], 2, "alto", False),
             tr.centre("C1", S[0], "muy alto"), tr.centre("C2", S[1], "alto", 3000),
             tr.centre("C3", S[2], "medio"), tr.centre("C4", S[2], "alto", 6000)]
    staffing = [(h, k, 2, 0) for h in ("H1", "H2", "H3", "H4") for k in (ANES, CIR)]
    staffing += [(c, MG, None, 0) for c in ("C1", "C2", "C3", "C4")]
    supply = [(MG, 4, None), (ANES, 3, None), (CIR, 3, None)]
    path = tr.book(tmp_path_factory.mktemp("azar"), units, staffing, supply, 30_000)
    return load_scenario(path)[0]


@st.composite
def scenarios(draw, base, budgets=None, floors=(0.0, 0.0, 0.5, 0.8, 1.0)):
    staffing = base.staffing.copy()
    n = len(staffing)
    staffing["current"] = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    spec = staffing["required"].notna().to_numpy()
    req = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    staffing.loc[spec, "required"] = np.asarray(req, dtype=float)[spec]
    units = base.units.copy()
    k = len(units)
    units["bonus_eligible"] = draw(st.lists(st.booleans(), min_size=k, max_size=k))
    units["grade"] = draw(st.lists(st.sampled_from(list(base.grade_weights.index)),
                                   min_size=k, max_size=k))
    supply = [{"category": c, "state_code": 0, "candidates": draw(st.integers(0, 6))}
              for c in (MG, ANES, CIR)]
    for c in draw(st.sets(st.sampled_from([MG, ANES, CIR]), max_size=2)):
        for state in draw(st.sets(st.sampled_from([7, 20, 12]), min_size=1, max_size=2)):
            supply.append({"category": c, "state_code": state,
                           "candidates": draw(st.integers(0, 3))})
    cats = base.categories.copy()
    cats["weight"] = draw(st.lists(st.sampled_from([1.0, 2.0, 3.0, 2.5]), min_size=3, max_size=3))
    cats["requires"] = None
    if draw(st.booleans()):
        cats.loc[CIR, "requires"] = ANES
    bonuses = base.bonuses.copy()
    bonuses["bonus"] = draw(st.lists(st.sampled_from([10_000.0, 10_979.0, 15_000.0]),
                                     min_size=len(bonuses), max_size=len(bonuses)))
    params = dataclasses.replace(
        base.params, budget=float(draw(budgets if budgets is not None else st.sampled_from([0, 10_000, 21_000, 35_000,
                                                                   52_000, 200_000]))),
        target=draw(st.integers(1, 3)), first_doctor_weight=draw(st.sampled_from([0.0, 0.5, 3.0])),
        families_weight=draw(st.sampled_from([0.0, 1.0])),
        equity_floor=draw(st.sampled_from(floors)),
        one_doctor_per_centre=draw(st.booleans()))
    return dataclasses.replace(base, params=params, units=units, staffing=staffing,
                               categories=cats, supply=pd.DataFrame(supply), bonuses=bonuses)


@settings(max_examples=60, deadline=None, derandomize=True, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_workbooks_equal_highs(layout, data):
    """Random gaps, grades, eligibility, weights, bonuses, supply with state pools, links, floors,
    hard minimum, budgets: the same outcome as HiGHS at gap 0, and plans that pass the checker."""
    scenario = data.draw(scenarios(layout))
    exact, _ = compare(scenario, marginals=True)
    event(exact.solver_status)
    event("rules: " + ", ".join(k for k, on in active_rules(scenario).items() if on))
    result = solve(scenario, None, EXACT)
    check_invariants(result.scenario, result)


@settings(max_examples=40, deadline=None, derandomize=True, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_knapsacks_equal_highs(layout, data):
    """Budgets anywhere between 5,000 and 90,000 MXN (mostly binding, so the specialists' LP is
    mostly fractional and their merged MIP runs), floors low or off."""
    scenario = data.draw(scenarios(layout, budgets=st.integers(5_000, 90_000),
                                   floors=(0.0, 0.0, 0.0, 0.5)))
    exact, _ = compare(scenario, marginals=True)
    event(exact.solver_status)
    result = solve(scenario, None, EXACT)
    check_invariants(result.scenario, result)
