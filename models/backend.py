"""The solver back end: PuLP solver objects, normalised statuses, a clean stdout.

Shared by every solver path (models.solve, models.elastic, models.exact) so that no path imports
another.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pulp

from models.settings import SolverSettings
from planner.core.plan import Status

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


def make_solver(settings: SolverSettings, mip: bool = True,
                start: bool = False) -> pulp.LpSolver:
    """The PuLP solver object for ``settings`` (gap always explicit).

    With ``start`` the variables' current values are handed to the solver as a first
    incumbent (a warm start; models.acceptance uses it).
    """
    common = {"msg": settings.log, "timeLimit": settings.time_limit, "mip": mip}
    if settings.threads:
        common["threads"] = settings.threads
    # "exact" solves the count model itself (models/exact.py); any other PuLP model built under
    # it (elastic copies, bonus levels, candidate assignment) goes to HiGHS.
    if settings.solver in ("highs", "exact"):
        return BulkHiGHS(gapRel=settings.mip_gap, start=start, **common)
    if settings.solver == "cbc":
        return pulp.PULP_CBC_CMD(gapRel=settings.mip_gap, warmStart=start, **common)
    raise ValueError(f"unknown solver {settings.solver!r}")


class BulkHiGHS(pulp.HiGHS):
    """PuLP's HiGHS interface, with the model handed over in one ``passModel`` call.

    PuLP 3.3 adds every column and row with its own ``addCol``/``addRow`` call; at national
    scale that cost as much as the LP itself (benchmarks/README.md). The columns (variables
    sorted by name, as PuLP orders them), rows, signs and indices set here are PuLP's own, so
    PuLP reads the solution back unchanged.
    """

    def __init__(self, *args: object, start: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.start = start

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
        if self.start and self.mip:  # the variables' values as a first incumbent
            solution = highspy.HighsSolution()
            solution.col_value = [float(v.varValue or 0.0) for v in variables]
            solution.value_valid = True
            lp.solverModel.setSolution(solution)


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


def add_usage(marginal: pd.DataFrame, pools: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """How much of each right-hand side the integer plan uses (pooled: national candidates used).

    ``pools`` are the model's state pools (category, state_code, pool; empty when not pooled).
    """
    used_by_cat = pairs.groupby("category")["placed"].sum()
    if not pools.empty:  # registered candidates are used first, then national ones
        by_state = pairs.groupby(["category", "state_code"])["placed"].sum()
        pools = pools.set_index(["category", "state_code"])["pool"]
        over = (by_state.reindex(pools.index, fill_value=0) - pools).clip(lower=0)
        used_by_cat = used_by_cat.copy()
        for category, national in over.groupby(level="category").sum().items():
            used_by_cat[category] = national
    spent = float((pairs["placed"] * pairs["cost"]).sum())
    used = [float(used_by_cat.get(k, 0)) if kind == "supply" else spent
            for kind, k in zip(marginal["kind"], marginal["key"])]
    return marginal.assign(used=used)
