"""Explained infeasibility (DESIGN §2b): which hard rules cannot be met, by how much and where.

When the equity floor or the hard minimum conflicts with the candidates, the state pools, the
linked specialties or the budget, the real model has no solution. An elastic copy gives every
hard-rule row a non-negative slack and is solved lexicographically:

1. minimise the total shortfall Σ s (exactly, MIP gap 0): the fewest doctors the rules must go
   without;
2. with Σ s held at that minimum, maximise the default objective, so the doctors that can be placed
   go where the plan would put them and the shortfall falls where it costs least.

A lexicographic pair of solves replaces the usual single "big penalty" objective: no penalty has
to be tuned, and a planner's MIP gap never lets the shortfall grow. Then, for each resource the
rules compete for, phase 1 is solved again without that limit (unlimited candidates, unlimited
budget, every pool national, no linked specialties): the shortfall left says what stands in the
way ("con más presupuesto se cumpliría").
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pulp

from models.allocation import AllocationModel, build_allocation, placement_pairs
from models.backend import make_solver, quiet_stdout, solution_status
from models.settings import SolverSettings
from planner.core.scenario import Scenario

# Counterfactual column -> family left out of the elastic model (models.allocation.RELAXABLE).
COUNTERFACTUALS = {
    "total_if_more_candidates": "candidates",
    "total_if_more_budget": "budget",
    "total_if_national_pools": "pools",
    "total_if_no_links": "links",
}
RULE_COLUMNS = ["rule", "category", "state_code", "state", "required", "reached", "shortfall",
                "no_vacancy", "clues", *COUNTERFACTUALS]


def explain_infeasibility(scenario: Scenario, settings: SolverSettings,
                          pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The hard rules the scenario cannot meet, one row per rule, category and state.

    Columns: ``rule`` (``equity_floor`` | ``one_doctor_per_centre``), ``category``,
    ``state_code``, ``state``, ``required`` (doctors the rule demands there), ``reached``,
    ``shortfall``, ``no_vacancy`` (centres with no general-medicine vacancy recorded),
    ``clues`` (centres left with no doctor, hard minimum), and per counterfactual
    ``total_if_*`` the least total shortfall over every rule if that one limit were lifted (the
    same on every row; NaN where the limit does not exist). Only the total is reported: which
    rule absorbs a shortfall can shift when a limit is lifted, the total cannot grow.
    Empty when the elastic copy finds no solution within the time limit.
    """
    if settings.solver == "exact":  # the elastic copies are PuLP models: HiGHS solves them
        settings = replace(settings, solver="highs")
    pairs = placement_pairs(scenario) if pairs is None else pairs
    base = build_allocation(scenario, pairs, elastic=True)
    placed = _min_shortfall(base, settings, then_maximise=True)
    if placed is None:
        return pd.DataFrame(columns=RULE_COLUMNS)
    rows = _row_shortfalls(base, placed)
    unmet = _by_state(scenario, rows)
    if unmet.empty:  # the integer copy met every rule: the conflict was numerical
        return pd.DataFrame(columns=RULE_COLUMNS)
    for column, family in COUNTERFACTUALS.items():
        unmet[column] = np.nan
        if not _applies(base, family):
            continue
        model = build_allocation(scenario, pairs, elastic=True, relax=frozenset({family}))
        other = _min_shortfall(model, settings, then_maximise=False)
        if other is None:
            continue
        unmet[column] = float(_row_shortfalls(model, other)["shortfall"].sum())
    return unmet[RULE_COLUMNS]


def _applies(model: AllocationModel, family: str) -> bool:
    """Whether leaving ``family`` out changes the model at all."""
    if family == "budget":
        return model.budget is not None
    if family == "pools":
        return any(name.startswith("pool_") for name in model.prob.constraints)
    if family == "links":
        return any(name.startswith("link_") for name in model.prob.constraints)
    return True


def _min_shortfall(model: AllocationModel, settings: SolverSettings,
                   then_maximise: bool) -> np.ndarray | None:
    """Placements of the elastic model at its least total shortfall (None without a solution)."""
    objective = model.prob.objective
    exact = replace(settings, mip_gap=0.0)
    model.prob.sense = pulp.LpMinimize
    model.prob.setObjective(pulp.lpSum(model.slack))
    with quiet_stdout(settings.log):
        model.prob.solve(make_solver(exact, mip=True))
    if not solution_status(model.prob).has_solution:
        return None
    placed = _values(model)
    if not then_maximise:
        return placed
    least = float(sum(max(0.0, r["required"] - placed[r["pairs"]].sum())
                      for r in model.slack_rows))
    model.prob.addConstraint(pulp.LpConstraint(
        pulp.lpSum(model.slack), pulp.LpConstraintLE, "elastic_total", least + 1e-6))
    model.prob.sense = pulp.LpMaximize
    model.prob.setObjective(objective)
    with quiet_stdout(settings.log):
        model.prob.solve(make_solver(settings, mip=True))
    return _values(model) if solution_status(model.prob).has_solution else placed


def _values(model: AllocationModel) -> np.ndarray:
    """Integer placements per pair."""
    return np.rint([v.varValue or 0.0 for v in model.x]).astype(int)


def _row_shortfalls(model: AllocationModel, placed: np.ndarray) -> pd.DataFrame:
    """Each hard-rule row with what was reached and the shortfall, computed from the placements."""
    rows = pd.DataFrame(model.slack_rows)
    reached = [min(int(r["required"]), int(placed[r["pairs"]].sum()))
               for r in model.slack_rows]
    rows["reached"] = reached
    rows["shortfall"] = rows["required"] - rows["reached"]
    rows["no_vacancy"] = [int(r["rule"] == "one_doctor_per_centre" and not r["pairs"])
                          for r in model.slack_rows]
    return rows


def _by_state(scenario: Scenario, rows: pd.DataFrame) -> pd.DataFrame:
    """Unmet rows summed per rule, category and state (only where something is missing)."""
    rows = rows.assign(short_clues=rows["clues"].where(rows["shortfall"] > 0))
    out = rows.groupby(["rule", "category", "state_code"], sort=False).agg(
        required=("required", "sum"), reached=("reached", "sum"),
        shortfall=("shortfall", "sum"), no_vacancy=("no_vacancy", "sum"),
        clues=("short_clues", lambda c: ", ".join(str(v) for v in c if isinstance(v, str))),
    ).reset_index()
    out = out[out["shortfall"] > 0].copy()
    names = scenario.units.groupby("state_code")["state"].first()
    out["state"] = out["state_code"].map(names)
    order = {"one_doctor_per_centre": 0, "equity_floor": 1}
    cats = {c: i for i, c in enumerate(scenario.categories.index)}
    out = out.assign(_r=out["rule"].map(order), _c=out["category"].map(cats))
    out = out.sort_values(["_r", "_c", "shortfall", "state_code"],
                          ascending=[True, True, False, True], kind="stable")
    return out.drop(columns=["_r", "_c"]).reset_index(drop=True)
