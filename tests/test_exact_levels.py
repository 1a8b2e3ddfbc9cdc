"""The exact por_hospital path (models/exact_levels.py) against HiGHS at gap 0.

Under ``solver = "exact"`` the por_hospital model is solved by its LP relaxation (highspy), levels
rounded from the LP's y and the fixed-level model solved by models.exact. Its answer must be:

- at ``mip_gap = 0``: HiGHS's optimum (objective to 1e-9 relative), ``optimal``; the plan says
  solver "exact" only when the rounded plan reaches the LP bound, else "highs" (it handed over);
- at a positive ``mip_gap``: a plan whose measured gap to the LP bound (the same LP as the PuLP
  model's) is within ``mip_gap``, ``optimal`` only at gap 0, never above HiGHS's optimum;
- feasible by the pandas-only checker of tests/invariants.py (gaps, supply, pools, links,
  floors, hard minimum, one bonus level per unit and type taken from 'niveles_bono', the budget
  on its basis with p re-read from the 'aceptacion' points, and the objective recomputed).
"""

from __future__ import annotations

import dataclasses
import math
import types

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models import rules
from models.acceptance import at_budget, build_por_hospital, solve_por_hospital
from models.allocation import placement_pairs
from models.settings import SolverSettings
from planner.core.plan import Status
from planner.core.scenario import WhatIf, apply_overrides
from planner.pipeline import load_scenario, solve
from tests.builders import make_workbook
from tests.invariants import check_invariants
from tests.test_acceptance import bonus_choice_book
from tests.test_exact import PHASES, layout, scenarios  # noqa: F401 (layout is a fixture)

EXACT0 = SolverSettings(solver="exact", mip_gap=0.0)
HIGHS0 = SolverSettings(solver="highs", mip_gap=0.0)
REL = 1e-9


def checked(scenario, plan) -> None:
    """The plan alone through the invariant checker (no hand rule, no indicators)."""
    check_invariants(scenario, types.SimpleNamespace(plan=plan, hand=None, indicators=None))


def same_optimum(a: float, b: float) -> bool:
    return abs(a - b) <= REL * max(1.0, abs(b))


def compare(scenario, loose_gap: float = 1e-2) -> tuple:
    """exact vs HiGHS at gap 0, and the exact path at ``loose_gap``; returns the three plans."""
    highs = solve_por_hospital(scenario, HIGHS0)
    exact = solve_por_hospital(scenario, EXACT0)
    assert exact.status is highs.status, (exact.solver_status, highs.solver_status)
    loose = solve_por_hospital(scenario, dataclasses.replace(EXACT0, mip_gap=loose_gap))
    if highs.status is not Status.OPTIMAL:
        return exact, highs, loose
    assert same_optimum(exact.objective, highs.objective), (exact.objective, highs.objective)
    assert exact.gap <= REL
    if exact.solver == "exact":  # answered itself: the rounded plan reaches the LP bound
        assert exact.status is Status.OPTIMAL
        assert same_optimum(exact.objective, exact.lp_bound)
    else:
        assert exact.solver == "highs" and "exact levels" not in exact.solver_status
    for plan in (exact, loose):
        checked(scenario, plan)
    assert loose.status.has_solution
    assert loose.objective <= highs.objective + REL * max(1.0, abs(highs.objective))
    if loose.solver == "exact":
        assert same_optimum(loose.lp_bound, highs.lp_bound)  # the PuLP model's LP, presolved
        measured = max(0.0, loose.lp_bound - loose.objective) / max(abs(loose.lp_bound), 1e-9)
        assert loose.gap == pytest.approx(measured, rel=1e-9, abs=1e-12)
        assert loose.gap <= loose_gap
        # 'optimal' only with the proof; never with a positive measured gap
        assert (loose.status is Status.OPTIMAL) == (measured <= REL)
        if loose.status is Status.OPTIMAL:
            assert same_optimum(loose.objective, highs.objective)
        else:
            assert loose.status is Status.FEASIBLE and measured > REL
    return exact, highs, loose


# --- hand-solvable cases ------------------------------------------------------------------------

def test_levels_the_lp_chooses_whole_are_proven(tmp_path):
    """bonus_choice_book at 32,000 MXN (tests/test_acceptance.py): HOSP01 (gap 2, w 9) at 20,000
    is worth 7.2 an offer for 16,000 expected, HOSP02 (gap 1, w 6) at 0 is worth 1.2 for nothing.
    The LP spends the whole budget on HOSP01's two offers at 20,000 (the best gain per peso from
    level 0, 5.4 / 16,000) and leaves HOSP02 at 0: LP = 14.4 + 1.2 = 15.6, integral, so the
    rounded plan reaches the bound and the exact path proves it itself."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path, budget=32_000))
    exact, highs, _ = compare(scenario)
    assert exact.solver == "exact" and exact.status is Status.OPTIMAL
    assert exact.objective == pytest.approx(15.6, rel=1e-12)
    assert exact.lp_bound == pytest.approx(15.6, rel=1e-12)
    assert exact.solver_status.startswith("Optimal (exact levels")
    pl = exact.placements[exact.placements["placed"] > 0]
    assert dict(zip(pl["clues"], zip(pl["placed"], pl["bonus"], strict=True), strict=True)) == {
        "HOSP01": (2, 20_000.0), "HOSP02": (1, 0.0)}


def test_fractional_levels_hand_over_at_gap_zero(tmp_path):
    """bonus_choice_book at 20,000 MXN. Per hospital (all its offers, expected value / cost):
    HOSP01 level 0: 3.6 / 0, 10,000: 9.0 / 10,000, 20,000: 14.4 / 32,000; HOSP02 level 0:
    1.2 / 0, 10,000: 1.8 / 3,000, 20,000: 2.4 / 8,000 (both concave in the cost).

    * LP: best gain per peso first: HOSP01 0→10,000 (5.4 / 10,000), then HOSP01 10,000→20,000
      (5.4 / 22,000) for the remaining 10,000: y = 12/22 at 10,000 and 10/22 at 20,000;
      LP = 9.0 + 5.4·10/22 + 1.2 = 12.654545…
    * Rounding: HOSP01 → 10,000 (the larger y), HOSP02 → 0: 9.0 + 1.2 = 10.2,
      gap 1 − 10.2 / 12.654545… = 0.193966.
    * Optimum: HOSP01 two offers at 10,000 (10,000) + HOSP02 at 20,000 (8,000) = 9.0 + 2.4 =
      11.4 (HOSP01 at 20,000 affords one offer only: 7.2 + 1.8 = 9.0).

    mip_gap 0 and 0.1: the rounded plan is not close enough, so HiGHS solves the program from
    it: 11.4, optimal, solver "highs". mip_gap 0.2: the rounded plan is the answer, feasible with
    its measured gap, solver "exact"."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path, budget=20_000))
    lp = 9.0 + 5.4 * 10 / 22 + 1.2
    for gap in (0.0, 0.1):
        plan = solve_por_hospital(scenario, dataclasses.replace(EXACT0, mip_gap=gap))
        assert (plan.status, plan.solver) == (Status.OPTIMAL, "highs")
        assert plan.objective == pytest.approx(11.4, rel=1e-12)
        assert plan.lp_bound == pytest.approx(lp, rel=1e-12)
        checked(scenario, plan)
    plan = solve_por_hospital(scenario, dataclasses.replace(EXACT0, mip_gap=0.2))
    assert (plan.status, plan.solver) == (Status.FEASIBLE, "exact")
    assert plan.objective == pytest.approx(10.2, rel=1e-12)
    assert plan.lp_bound == pytest.approx(lp, rel=1e-12)
    assert plan.gap == pytest.approx(1 - 10.2 / lp, rel=1e-12)
    pl = plan.placements.set_index("clues")
    assert pl.loc["HOSP01", "bonus"] == 10_000.0 and pl.loc["HOSP01", "placed"] == 2
    checked(scenario, plan)
    compare(scenario, loose_gap=0.2)


def test_the_sizes_are_the_pulp_models(tmp_path):
    """Variables (x, z, y) and rows of the exact path's plan are the PuLP model's."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path, budget=32_000))
    plan = solve_por_hospital(scenario, EXACT0)
    lm = build_por_hospital(scenario, placement_pairs(scenario))
    assert plan.n_variables == len(lm.model.x) + len(lm.model.z) + len(lm.y)
    assert plan.n_constraints == lm.model.prob.numConstraints()


@pytest.mark.parametrize("mip_gap", [0.0, 1e-3, 0.5])
def test_solve_exact_with_a_gap_claims_optimal_only_at_the_bound(tmp_path, mip_gap):
    """models.exact.solve_exact's ``mip_gap`` (the fixed-level MIP's): test_exact's knapsack
    (base workbook, budget 20,000: optimum 27, the specialists' LP is fractional so their MIP
    runs). At any gap the plan is within it of its bound, never above the optimum 27, and
    ``optimal`` only when it reaches its bound (here HiGHS's presolve proves 27 at every gap)."""
    from models.exact import solve_exact

    scenario, _ = load_scenario(make_workbook(tmp_path / "caso.xlsx",
                                              presupuesto_bono_mensual=20_000))
    plan = solve_exact(scenario, EXACT0, placement_pairs(scenario), mip_gap=mip_gap)
    assert plan.objective <= 27 + 1e-9
    assert plan.gap <= max(mip_gap, REL)
    checked(scenario, plan)
    if mip_gap == 0:
        assert plan.status is Status.OPTIMAL and plan.objective == pytest.approx(27)
    if plan.status is Status.OPTIMAL:
        assert plan.objective == pytest.approx(27) and plan.gap <= REL
    else:
        assert plan.status is Status.FEASIBLE and plan.gap > REL


# --- Hidalgo with the national acceptance curves and levels -------------------------------------

@pytest.fixture(scope="module")
def hidalgo():
    """inputs/hidalgo_2025.xlsx with the national workbook's 'aceptacion' and 'niveles_bono',
    por_hospital, expected budget."""
    national, _ = load_scenario("inputs/nacional_2024.xlsx")
    hid, _ = load_scenario("inputs/hidalgo_2025.xlsx")
    return dataclasses.replace(hid, acceptance=national.acceptance,
                               bonus_levels=national.bonus_levels,
                               params=dataclasses.replace(hid.params, bonus_mode="por_hospital",
                                                          budget_basis="esperado"))


def _with_rules(scenario, rule: str):
    if rule in ("links", "all"):
        cats = scenario.categories.copy()
        cats["requires"] = pd.Series([None] * len(cats), index=cats.index, dtype=object)
        cats.loc["Cirugía general", "requires"] = "Anestesiología"
        scenario = dataclasses.replace(scenario, categories=cats)
    if rule in ("floor", "all"):
        scenario = apply_overrides(scenario, WhatIf(equity_floor=0.8))
    if rule in ("minimum", "all"):
        scenario = apply_overrides(scenario, WhatIf(one_doctor_per_centre=True))
    return scenario


@pytest.mark.parametrize("rule", ["none", "links", "floor", "minimum", "all"])
@pytest.mark.parametrize("budget", [1.0, 0.5])
def test_hidalgo_equals_highs(hidalgo, budget, rule):
    """Hidalgo at its budget and at half, with each rule and all of them: HiGHS's optimum at
    gap 0, a checked plan within 1 % of the LP bound from the exact path itself."""
    scenario = _with_rules(hidalgo, rule)
    scenario = apply_overrides(scenario, WhatIf(budget=scenario.params.budget * budget))
    if rule in ("links", "all"):
        assert len(rules.linked_pairs(scenario, placement_pairs(scenario)))
    _, highs, loose = compare(scenario)
    assert highs.status is Status.OPTIMAL
    assert loose.solver == "exact"


def lp_value(scenario, row: pd.Series, delta: float) -> float | None:
    """HiGHS's LP optimum of the PuLP por_hospital model with ``row``'s right-hand side moved."""
    import pulp

    from models.backend import make_solver, quiet_stdout

    model = build_por_hospital(scenario, placement_pairs(scenario)).model
    con = model.budget if row["kind"] == "budget" else model.supply[row["key"]]
    if row["rhs"] + delta < 0:
        return None
    con.constant = -(float(row["rhs"]) + delta)
    with quiet_stdout():
        model.prob.solve(make_solver(HIGHS0, mip=False))
    if model.prob.sol_status != pulp.LpSolutionOptimal:
        return None
    return float(pulp.value(model.prob.objective) or 0.0)


def test_marginal_values_are_the_lps(hidalgo):
    """The exact path's marginal values have today's columns and rows; each value is a
    supergradient of the LP optimum V(b) (V(b+1) − V(b) ≤ π ≤ V(b) − V(b−1), re-solved by
    HiGHS on the PuLP model), and V is linear with slope π up to each end of its range."""
    scenario = apply_overrides(hidalgo, WhatIf(budget=hidalgo.params.budget * 0.5))
    loose = solve_por_hospital(scenario, dataclasses.replace(EXACT0, mip_gap=1e-2))
    highs = solve_por_hospital(scenario, HIGHS0)
    assert loose.solver == "exact"
    a, b = loose.marginal, highs.marginal
    assert list(a.columns) == list(b.columns)
    assert list(a["kind"]) == list(b["kind"]) and list(a["key"]) == list(b["key"])
    assert np.allclose(a["rhs"], b["rhs"])
    base = highs.lp_bound
    tol = 1e-6 * max(1.0, abs(base))
    for _, row in a.iterrows():
        up, down = lp_value(scenario, row, 1.0), lp_value(scenario, row, -1.0)
        right = -math.inf if up is None else up - base
        left = math.inf if down is None else base - down
        assert right - tol <= row["value"] <= left + tol, (row["key"], right, row["value"], left)
        assert row["valid_down"] <= row["rhs"] + 1e-9 <= row["valid_up"] + 2e-9
        for end in (row["valid_down"], row["valid_up"]):
            if not math.isfinite(end) or abs(end - row["rhs"]) < 1e-9:
                continue
            v = lp_value(scenario, row, end - row["rhs"])
            if v is not None:
                assert v == pytest.approx(base + row["value"] * (end - row["rhs"]),
                                          rel=1e-6, abs=1e-6), (row["key"], end)
    used = loose.placements.groupby("category")["placed"].sum()
    for _, row in a[a["kind"] == "supply"].iterrows():
        assert row["used"] == used.get(row["key"], 0)


def test_national_default_is_answered_by_the_exact_path():
    """The default national scenario (por_hospital, brecha_mip 1e-4) through the pipeline: the
    exact path answers (solver "exact"), feasible with its measured gap to the PuLP model's LP
    bound within 1e-4, and the plan, hand rule and indicators pass the checker."""
    scenario, _ = load_scenario("inputs/nacional_2024.xlsx")
    assert scenario.params.bonus_mode == "por_hospital" and scenario.params.mip_gap > 0
    result = solve(scenario)
    plan = result.plan
    assert plan.solver == "exact" and plan.status.has_solution
    assert plan.gap <= scenario.params.mip_gap
    # riesgo_presupuesto 0.10 (issue 22): the plan was solved at its tightened budget row
    assert plan.risk_budget is not None and plan.risk_budget < scenario.params.budget
    at_row = at_budget(scenario, plan.risk_budget, scenario.params.budget_basis)
    lm = build_por_hospital(at_row, placement_pairs(at_row))
    from models.solve import _relaxation

    bound, _ = _relaxation(lm.model, HIGHS0)
    assert same_optimum(plan.lp_bound, bound)
    measured = (bound - plan.objective) / bound
    assert plan.gap == pytest.approx(measured, rel=1e-6, abs=1e-12)
    assert (plan.status is Status.OPTIMAL) == (measured <= REL)
    check_invariants(result.scenario, result)


# --- random workbooks ---------------------------------------------------------------------------

@st.composite
def level_scenarios(draw, base):
    """tests/test_exact.py's random workbooks with acceptance curves, levels and por_hospital."""
    budgets = st.one_of(st.sampled_from([0, 21_000, 200_000]), st.integers(5_000, 90_000))
    scenario = draw(scenarios(base, budgets=budgets))
    points = []
    for grade in ("", *draw(st.sets(st.sampled_from(list(base.grade_weights.index)),
                                    max_size=2))):
        for bonus in draw(st.sets(st.sampled_from([0.0, 10_000.0, 20_000.0]), min_size=1,
                                  max_size=3)):
            points.append(("especialidad", 0, grade, bonus,
                           draw(st.sampled_from([0.2, 0.35, 0.5, 0.8, 1.0]))))
    if draw(st.booleans()):
        points.append(("medicina general", 0, "", 0.0, draw(st.sampled_from([0.6, 0.9]))))
    acceptance = (pd.DataFrame(points, columns=["kind", "zone", "grade", "bonus", "p"])
                  .sort_values(["kind", "zone", "grade", "bonus"])  # as the reader leaves them
                  .reset_index(drop=True))
    levels = [("especialidad", zone, b) for zone in (2, 3)
              for b in sorted(draw(st.sets(st.sampled_from([0.0, 5_000.0, 10_000.0, 15_000.0,
                                                              20_000.0]),
                                           min_size=1, max_size=4)))]
    params = dataclasses.replace(
        scenario.params, bonus_mode="por_hospital",
        budget_basis=draw(st.sampled_from(["esperado", "garantizado"])))
    return dataclasses.replace(scenario, acceptance=acceptance, params=params,
                               bonus_levels=pd.DataFrame(levels,
                                                         columns=["kind", "zone", "bonus"]))


@settings(max_examples=40, deadline=None, derandomize=True, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_level_workbooks_equal_highs(layout, data):  # noqa: F811 (the fixture)
    """Random gaps, grades, weights, pools, links, floors, hard minimum, budgets (both bases),
    curves and levels: HiGHS's outcome at gap 0; within 5 % from the exact path alone."""
    scenario = data.draw(level_scenarios(layout))
    exact, highs, loose = compare(scenario, loose_gap=0.05)
    event(f"{highs.status.value}; gap 0 by {exact.solver}; 5 % by {loose.solver}")


def test_a_solver_stopped_within_its_gap_is_not_called_optimal():
    """HiGHS and CBC say "optimal" once within ``mip_rel_gap``; the plan says ``optimal`` only
    when the objective reaches a bound (to HiGHS's absolute gap 1e-6), or when the solver was
    asked for gap 0 and reports no bound of its own (CBC). Cases, (objective, bound, solver's
    bound, mip_gap) → proven:

    * 11.4 against HiGHS's bound 11.4 at gap 0.2: the solver closed it → proven;
    * 10.2 against HiGHS's bound 11.4 at gap 0.2 (the rounded plan of the hand case above, which
      HiGHS would accept): not proven → feasible;
    * CBC (no bound of its own) at gap 0, LP bound 12.65 above: CBC proved it → proven;
    * CBC at gap 1e-4, LP bound 12.65 above 11.4: within CBC's gap only → feasible;
    * CBC at gap 1e-4 reaching the LP bound 11.4 to 1e-9: proven."""
    from models.solve import _proven

    g02 = dataclasses.replace(HIGHS0, mip_gap=0.2)
    cbc0 = SolverSettings(solver="cbc", mip_gap=0.0)
    cbc4 = SolverSettings(solver="cbc", mip_gap=1e-4)
    assert _proven(11.4, 11.4, 11.4, g02)
    assert not _proven(10.2, 11.4, 11.4, g02)
    assert _proven(11.4, 12.65, None, cbc0)
    assert not _proven(11.4, 12.65, None, cbc4)
    assert _proven(11.4, 11.4 + 1e-12, None, cbc4)


# --- issue 24: the budgets where the rounded levels fell short or the block MIP stalled ------

@pytest.mark.parametrize("budget", [9_000_000, 11_000_000, 15_000_000])
def test_national_answers_on_the_exact_path_within_the_gap(budget):
    """National default (por_hospital, brecha_mip 1e-4) at budgets where, before issue 24,
    the rounded levels' own LP bound was 1.0e-4 / 1.1e-4 below the LP's (9 M, 11 M: the whole
    program went to HiGHS, 10-14 s) or the fixed-level MIP searched 60 s for its block gap
    (15 M). Now the dive repairs the levels and the fixed-level MIP stops once the plan is within
    the gap of the LP bound: the plan is the exact path's, within brecha_mip of the LP bound,
    and passes the invariants (checked by code that does not share the model's)."""
    national, _ = load_scenario("inputs/nacional_2024.xlsx")
    scenario = apply_overrides(national, WhatIf(budget=float(budget)))
    settings_ = dataclasses.replace(EXACT0, mip_gap=scenario.params.mip_gap,
                                    time_limit=scenario.params.time_limit)
    plan = solve_por_hospital(scenario, settings_, placement_pairs(scenario))
    assert plan.solver == "exact"
    assert plan.status.has_solution and plan.gap <= scenario.params.mip_gap
    assert plan.objective <= plan.lp_bound * (1 + 1e-9)
    checked(scenario, plan)


def test_the_dive_is_bounded_by_lp_count_not_wall_time(tmp_path):
    """The dive's cap is a number of LP re-solves (models.exact_levels.DIVE_LPS), so the same
    scenario gets the same answer on an idle or a busy machine (issue 22: with a 1.5 s cap the
    national 9 M case changed path under load). Bonus book at an expected budget of 20,000: the
    LP shares HOSP01 between 10,000 and 20,000 (y ≈ 0.55 / 0.45), so the dive fixes HOSP01 to
    each of those two levels, one LP each: with 0 or 1 re-solves allowed it gives up (None),
    with 2 it returns the levels an unbounded dive returns."""
    from models.acceptance import level_pairs
    from models.exact_levels import _dive, _solve_lp, build_level_arrays

    scenario, _ = load_scenario(bonus_choice_book(tmp_path, budget=20_000))
    pairs = placement_pairs(scenario)
    la = build_level_arrays(scenario, pairs, level_pairs(scenario, pairs))

    def dive(max_lps):
        h = _solve_lp(la, EXACT0)
        col = np.asarray(h.getSolution().col_value, dtype=float)
        return _dive(la, h, col, EXACT0, 1e9, max_lps=max_lps)

    h = _solve_lp(la, EXACT0)
    y = np.asarray(h.getSolution().col_value, dtype=float)[len(la.base.obj):]
    assert ((y > 1e-6) & (y < 1 - 1e-6)).sum() == 2  # HOSP01's two levels
    unbounded = dive(10**6)
    assert dive(0) is None and dive(1) is None
    assert dive(2) == unbounded and unbounded is not None
