"""Solving the allocation model: solver call, honest status, values read back, marginal values.

All PuLP-version and solver specifics (status codes, dual signs, option names, the HiGHS banner)
live here and in :mod:`models.backend`, so moving to another PuLP release touches two files.
"""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
import pandas as pd
import pulp

from models.allocation import AllocationModel, build_allocation, placement_pairs
from models.backend import (  # noqa: F401
    _SOLUTION_STATUS,
    BulkHiGHS,
    add_usage,
    make_solver,
    quiet_stdout,
    solution_status,
)
from models.exact import solve_exact
from models.settings import SolverSettings
from planner.core.plan import Plan, Status
from planner.core.scenario import Scenario


def solve_model(model: AllocationModel, settings: SolverSettings,
                start: dict[str, float] | None = None) -> Plan:
    """Solve ``model``: the LP relaxation first (bound, marginal values), then the integer program.

    A model infeasible before any solve (a hard rule with nothing to place) or whose LP
    relaxation is infeasible is reported infeasible without solving the integer program.
    """
    timings: dict[str, float] = {}
    marginal = pd.DataFrame()
    lp_bound = None
    if model.impossible:
        return _infeasible_plan(model, settings, "Infeasible (hard rule with no vacancy)",
                                timings)
    if settings.relaxation:
        t0 = time.perf_counter()
        lp_bound, marginal = _relaxation(model, settings)
        timings["relax"] = time.perf_counter() - t0
        if model.prob.sol_status == pulp.LpSolutionInfeasible:
            return _infeasible_plan(model, settings, "Infeasible (LP relaxation)", timings)
    # One time limit for the whole solve: the integer program gets what the LP left.
    left = settings.time_limit - timings.get("relax", 0.0)
    mip_settings = dataclasses.replace(settings, time_limit=max(min(settings.time_limit, 1.0),
                                                                left))
    t0 = time.perf_counter()
    if start:  # a known feasible point (by variable name) as the first incumbent
        for var in model.prob.variables():
            var.setInitialValue(start.get(var.name, 0.0))
    with quiet_stdout(settings.log):
        solver = (make_solver(mip_settings, mip=True, start=True) if start
                  else make_solver(mip_settings, mip=True))
        model.prob.solve(solver)
    timings["solve"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    status = _SOLUTION_STATUS.get(model.prob.sol_status, Status.NO_SOLUTION)
    solver_word = f"{pulp.LpStatus.get(model.prob.status, '?')} / " \
                  f"{pulp.LpSolution.get(model.prob.sol_status, '?')}"
    pairs = model.pairs.copy()
    objective = None
    if status.has_solution:
        values = np.array([v.varValue if v.varValue is not None else 0.0 for v in model.x])
        pairs["placed"] = np.rint(values).astype(int)
        zvals = np.array([v.varValue or 0.0 for v in model.z])
        objective = float(pulp.value(model.prob.objective) or 0.0)
        pairs["first_doctor"] = False
        pairs.loc[model.z_pairs, "first_doctor"] = np.rint(zvals).astype(bool) if len(zvals) \
            else False
        solver_bound = _solver_bound(model, settings)
        bound = solver_bound
        if lp_bound is not None:
            bound = lp_bound if bound is None else min(bound, lp_bound)
        gap = _relative_gap(objective, bound)
        if status is Status.OPTIMAL and not _proven(objective, bound, solver_bound, settings):
            status = Status.FEASIBLE  # the solver stopped within its gap, not at the optimum
        if not marginal.empty:
            marginal = add_usage(marginal, model.pools, pairs)
    else:
        pairs = pairs.iloc[0:0].assign(placed=pd.Series(dtype=int))
        gap = None
    timings["extract"] = time.perf_counter() - t0
    return Plan(status=status, solver=settings.solver, solver_status=solver_word,
                objective=objective, lp_bound=lp_bound, gap=gap, placements=pairs,
                marginal=marginal, timings=timings, n_variables=len(model.x) + len(model.z),
                n_constraints=model.prob.numConstraints())


def solve_allocation(scenario: Scenario, settings: SolverSettings,
                     pairs: pd.DataFrame | None = None) -> Plan:
    """Build and solve the model for ``scenario``; an infeasible plan carries its explanation.

    ``pairs`` (from :func:`placement_pairs`, read only) saves recomputing them when the caller
    has them. Why hard rules make the model infeasible is explained by models.elastic, called
    by the chain (planner.pipeline), not here: no solver path imports another (this module
    dispatches to models.exact; models.exact imports only models.backend).
    """
    t0 = time.perf_counter()
    pairs = placement_pairs(scenario) if pairs is None else pairs
    if settings.solver == "exact":  # the structure-exploiting path (models/exact.py)
        plan = solve_exact(scenario, settings, pairs)
        if plan is None:  # the exact path cannot vouch for this model: HiGHS on the whole of it
            plan = _highs_fallback(scenario, settings, pairs, time.perf_counter() - t0)
        return plan
    model = build_allocation(scenario, pairs)
    build = time.perf_counter() - t0
    plan = solve_model(model, settings)
    plan.timings["build"] = build
    return plan


def _highs_fallback(scenario: Scenario, settings: SolverSettings, pairs: pd.DataFrame,
                    spent: float) -> Plan:
    """The HiGHS MIP of the whole model, for the exact path's never-expected declines."""
    t0 = time.perf_counter()
    model = build_allocation(scenario, pairs)
    plan = solve_model(model, dataclasses.replace(settings, solver="highs"))
    plan.timings["build"] = spent + time.perf_counter() - t0
    return dataclasses.replace(plan, solver=settings.solver,
                               solver_status=f"{plan.solver_status} (exact: HiGHS fallback)")


def _infeasible_plan(model: AllocationModel, settings: SolverSettings, word: str,
                     timings: dict[str, float]) -> Plan:
    """A plan without solution because the model is infeasible."""
    return Plan(status=Status.INFEASIBLE, solver=settings.solver, solver_status=word,
                objective=None, lp_bound=None, gap=None,
                placements=model.pairs.iloc[0:0].assign(placed=pd.Series(dtype=int)),
                timings=timings, n_variables=len(model.x) + len(model.z),
                n_constraints=model.prob.numConstraints())


def _relaxation(model: AllocationModel, settings: SolverSettings) -> tuple[float | None,
                                                                          pd.DataFrame]:
    """Solve the LP relaxation; return its optimum and the marginal values of supply and budget.

    Marginal values are normalised to 'objective gained per extra unit of right-hand side'
    (≥ 0 for these ≤ rows of a maximisation), whatever sign convention the solver uses.
    ``valid_down``/``valid_up`` are the right-hand-side values between which that marginal
    value holds (HiGHS ranging; NaN when the solver gives no ranging).
    """
    with quiet_stdout(settings.log):
        model.prob.solve(make_solver(settings, mip=False))
    if model.prob.sol_status != pulp.LpSolutionOptimal:
        return None, pd.DataFrame()
    bound = float(pulp.value(model.prob.objective) or 0.0)
    ranging = _ranging(model, settings)
    rows = []
    for category, con in model.supply.items():
        value = _normalised_dual(con.pi)
        rows.append({"kind": "supply", "key": category, "rhs": -con.constant,
                     "value": value, **_rhs_range(ranging, con, value)})
    if model.budget is not None:
        value = _normalised_dual(model.budget.pi)
        rows.append({"kind": "budget", "key": "presupuesto", "rhs": -model.budget.constant,
                     "value": value, **_rhs_range(ranging, model.budget, value)})
    return bound, pd.DataFrame(rows)


def _ranging(model: AllocationModel, settings: SolverSettings) -> object | None:
    """HiGHS's sensitivity ranging of the LP just solved (None for CBC or on failure)."""
    if settings.solver != "highs":
        return None
    try:
        status, ranging = model.prob.solverModel.getRanging()
    except Exception:
        return None
    return None if getattr(status, "name", "") == "kError" else ranging


def _rhs_range(ranging: object | None, con: pulp.LpConstraint, value: float) -> dict[str, float]:
    """Right-hand-side interval over which ``value`` stays the marginal value of ``con``.

    A row with value 0 keeps it for any increase (the LP value is concave in the right-hand
    side) and down to what the LP uses; otherwise HiGHS's row-bound ranging is read.
    """
    rhs = -float(con.constant)
    if value == 0.0:
        used = rhs + float(con.value() or 0.0)
        return {"valid_down": used, "valid_up": math.inf}
    if ranging is None or getattr(con, "index", None) is None:
        return {"valid_down": math.nan, "valid_up": math.nan}
    try:
        up = float(ranging.row_bound_up.value_[con.index])
        down = float(ranging.row_bound_dn.value_[con.index])
    except (AttributeError, IndexError, TypeError):
        return {"valid_down": math.nan, "valid_up": math.nan}
    return {"valid_down": min(down, rhs), "valid_up": max(up, rhs)}


def _normalised_dual(pi: float | None) -> float:
    """Shadow price of a ≤ row in a maximisation, as a non-negative gain per unit."""
    if pi is None or not math.isfinite(pi):
        return 0.0
    value = abs(float(pi))
    return 0.0 if value < 1e-9 else value


def _solver_bound(model: AllocationModel, settings: SolverSettings) -> float | None:
    """The MIP dual bound reported by HiGHS (in the maximisation's sign), when available."""
    if settings.solver == "cbc":  # "exact" hands PuLP models to HiGHS (backend.make_solver)
        return None
    highs = getattr(model.prob, "solverModel", None)
    try:
        bound = -float(highs.getInfo().mip_dual_bound)  # HiGHS minimised −objective
    except Exception:
        return None
    return bound if math.isfinite(bound) else None


def _proven(objective: float, bound: float | None, solver_bound: float | None,
            settings: SolverSettings) -> bool:
    """Whether a solution the solver calls optimal is proven so: it reaches a known bound (to
    HiGHS's absolute MIP gap 1e-6 or 1e-9 relative), or, with no bound reported by the solver,
    the solver was asked for gap 0. At a positive ``mip_gap`` (the national scenario's 1e-4)
    HiGHS and CBC say "optimal" once within that gap: then the plan is ``feasible``."""
    if bound is not None and bound - objective <= max(1e-6, 1e-9 * abs(bound)):
        return True
    if solver_bound is not None:
        return False
    return settings.mip_gap <= 0


def _relative_gap(objective: float, bound: float | None) -> float | None:
    if bound is None:
        return None
    return max(0.0, bound - objective) / max(abs(bound), 1e-9)
