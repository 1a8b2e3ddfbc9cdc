"""Solving the allocation model: solver call, honest status, values read back, marginal values.

All PuLP-version and solver specifics (status codes, dual signs, option names, the HiGHS banner)
live here, so moving to another PuLP release touches one file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import sys
import time
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pulp

from models.allocation import AllocationModel, build_allocation, placement_pairs
from models.rules import has_hard_rules
from models.settings import SolverSettings
from planner.plan import Plan, Status
from planner.scenario import Scenario

_SOLUTION_STATUS = {
    pulp.LpSolutionOptimal: Status.OPTIMAL,
    pulp.LpSolutionIntegerFeasible: Status.FEASIBLE,
    pulp.LpSolutionInfeasible: Status.INFEASIBLE,
    pulp.LpSolutionNoSolutionFound: Status.NO_SOLUTION,
    pulp.LpSolutionUnbounded: Status.NO_SOLUTION,  # cannot happen: every x is bounded
}


def solution_status(prob: pulp.LpProblem) -> Status:
    """The normalised status of a solved PuLP problem."""
    return _SOLUTION_STATUS.get(prob.sol_status, Status.NO_SOLUTION)


def make_solver(settings: SolverSettings, mip: bool = True) -> pulp.LpSolver:
    """The PuLP solver object for ``settings`` (gap always explicit)."""
    common = {"msg": settings.log, "timeLimit": settings.time_limit, "mip": mip}
    if settings.threads:
        common["threads"] = settings.threads
    if settings.solver == "highs":
        return BulkHiGHS(gapRel=settings.mip_gap, **common)
    if settings.solver == "cbc":
        return pulp.PULP_CBC_CMD(gapRel=settings.mip_gap, **common)
    raise ValueError(f"unknown solver {settings.solver!r}")


class BulkHiGHS(pulp.HiGHS):
    """PuLP's HiGHS interface, with the model handed over in one ``passModel`` call.

    PuLP 3.3 adds every column and row with its own ``addCol``/``addRow`` call; at national
    scale that cost as much as the LP itself (benchmarks/README.md). The columns (variables
    sorted by name, as PuLP orders them), rows, signs and indices set here are PuLP's own, so
    PuLP reads the solution back unchanged.
    """

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        import highspy

        inf = highspy.kHighsInf
        variables = lp.variables()
        sign = -1.0 if lp.sense == pulp.LpMaximize else 1.0
        objective = lp.objective or {}
        n = len(variables)
        cost = np.empty(n)
        lower = np.empty(n)
        upper = np.empty(n)
        integer = np.zeros(n, dtype=np.int32)
        for i, var in enumerate(variables):
            var.index = i
            cost[i] = sign * objective.get(var, 0.0)
            lower[i] = -inf if var.lowBound is None else var.lowBound
            upper[i] = inf if var.upBound is None else var.upBound
            if self.mip and var.cat == pulp.LpInteger:
                integer[i] = 1
        starts, index, value, row_lower, row_upper = [], [], [], [], []
        for i, con in enumerate(lp.constraints.values()):
            con.index = i
            starts.append(len(index))
            for var, coef in con.items():
                if coef != 0:
                    index.append(var.index)
                    value.append(coef)
            lb, ub = con.getLb(), con.getUb()
            row_lower.append(-inf if lb is None else lb)
            row_upper.append(inf if ub is None else ub)
        row_wise = 2  # HiGHS MatrixFormat.kRowwise
        lp.solverModel.passModel(
            n, len(row_lower), len(index), row_wise, 1, 0.0, cost, lower, upper,
            np.asarray(row_lower, dtype=float), np.asarray(row_upper, dtype=float),
            np.asarray(starts, dtype=np.int32), np.asarray(index, dtype=np.int32),
            np.asarray(value, dtype=float), integer)


@contextlib.contextmanager
def quiet_stdout(log: bool = False) -> Iterator[None]:
    """Keep file descriptor 1 clean while a solver runs (the highspy banner, solver logs).

    With ``log`` the solver's output goes to stderr; otherwise it is discarded.
    """
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no real stdout (some test runners)
        yield
        return
    sink = os.dup(2) if log else os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(sink, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(sink)


def solve_model(model: AllocationModel, settings: SolverSettings) -> Plan:
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
    with quiet_stdout(settings.log):
        model.prob.solve(make_solver(mip_settings, mip=True))
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
        bound = _solver_bound(model, settings)
        if lp_bound is not None:
            bound = lp_bound if bound is None else min(bound, lp_bound)
        gap = _relative_gap(objective, bound)
        if not marginal.empty:
            marginal = _add_usage(marginal, model, pairs)
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
    has them. When hard rules (equity floor, hard minimum) make the model infeasible,
    ``Plan.rules`` lists the rules that cannot be met, by how much and where (models.elastic).
    """
    t0 = time.perf_counter()
    pairs = placement_pairs(scenario) if pairs is None else pairs
    if settings.solver == "exact":  # the structure-exploiting path (models/exact.py)
        from models.exact import solve_exact

        plan = solve_exact(scenario, settings, pairs)
    else:
        model = build_allocation(scenario, pairs)
        build = time.perf_counter() - t0
        plan = solve_model(model, settings)
        plan.timings["build"] = build
    if plan.status is Status.INFEASIBLE and has_hard_rules(scenario):
        from models.elastic import explain_infeasibility  # elastic imports this module

        t0 = time.perf_counter()
        # the explanation's elastic models are solved with HiGHS (the exact path's fallback)
        why = settings if settings.solver != "exact" else dataclasses.replace(settings,
                                                                              solver="highs")
        plan = dataclasses.replace(plan, rules=explain_infeasibility(scenario, why, pairs))
        plan.timings["explain"] = time.perf_counter() - t0
    return plan


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


def _add_usage(marginal: pd.DataFrame, model: AllocationModel,
               pairs: pd.DataFrame) -> pd.DataFrame:
    """How much of each right-hand side the integer plan uses (pooled: national candidates used)."""
    used_by_cat = pairs.groupby("category")["placed"].sum()
    if not model.pools.empty:  # registered candidates are used first, then national ones
        by_state = pairs.groupby(["category", "state_code"])["placed"].sum()
        pools = model.pools.set_index(["category", "state_code"])["pool"]
        over = (by_state.reindex(pools.index, fill_value=0) - pools).clip(lower=0)
        used_by_cat = used_by_cat.copy()
        for category, national in over.groupby(level="category").sum().items():
            used_by_cat[category] = national
    spent = float((pairs["placed"] * pairs["cost"]).sum())
    used = [float(used_by_cat.get(k, 0)) if kind == "supply" else spent
            for kind, k in zip(marginal["kind"], marginal["key"])]
    return marginal.assign(used=used)


def _solver_bound(model: AllocationModel, settings: SolverSettings) -> float | None:
    """The MIP dual bound reported by HiGHS (in the maximisation's sign), when available."""
    if settings.solver != "highs":
        return None
    highs = getattr(model.prob, "solverModel", None)
    try:
        bound = -float(highs.getInfo().mip_dual_bound)  # HiGHS minimised −objective
    except Exception:
        return None
    return bound if math.isfinite(bound) else None


def _relative_gap(objective: float, bound: float | None) -> float | None:
    if bound is None:
        return None
    return max(0.0, bound - objective) / max(abs(bound), 1e-9)
