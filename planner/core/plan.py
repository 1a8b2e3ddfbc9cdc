"""The typed result of a solve: normalised status, objective, bound, placements, timings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import pandas as pd


class Status(str, Enum):
    """Normalised outcome of a solve, whatever the solver said."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # a solution, not proven optimal (time limit)
    # a stable assignment of registered candidates (modo_asignacion = estable): exact for its
    # own question (the candidate-optimal stable matching), not an optimum of the objective
    STABLE = "stable"
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"  # time limit or solver failure before any solution

    @property
    def has_solution(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE, Status.STABLE)


@dataclass(frozen=True)
class Plan:
    """A solved (or failed) plan.

    placements
        one row per (clues, category) with a gap: ``gap, weight, cost, placed`` (placed is 0
        where nothing goes; empty when there is no solution).
    marginal
        per constraint family row of the LP relaxation: ``kind`` (``supply``/``budget``),
        ``key`` (category or 'presupuesto'), ``value`` (objective gained per unit of right-hand
        side), ``rhs``, ``used``.
    """

    status: Status
    solver: str
    solver_status: str
    objective: float | None
    lp_bound: float | None
    gap: float | None
    placements: pd.DataFrame
    marginal: pd.DataFrame = field(default_factory=pd.DataFrame)
    timings: dict[str, float] = field(default_factory=dict)
    n_variables: int = 0
    n_constraints: int = 0
    rules: pd.DataFrame = field(default_factory=pd.DataFrame)  # unmet rules (elastic), if any
    # budget row the plan was solved at when riesgo_presupuesto tightened it (models/budget_risk)
    risk_budget: float | None = None

    @property
    def seconds(self) -> float:
        return float(sum(self.timings.values()))


def with_acceptance(placements: pd.DataFrame) -> pd.DataFrame:
    """Placements with ``p_accept``, ``bonus``, ``weight_full`` and ``first_doctor``: a plan
    solved without acceptance data accepts every offer (p = 1, bonus = cost, weight_full =
    weight) and has no first-doctor flags. The one place these defaults are filled (expected
    figures, robustness, the phased call)."""
    pl = placements
    if "p_accept" not in pl:
        pl = pl.assign(p_accept=1.0, bonus=pl["cost"], weight_full=pl["weight"])
    if "first_doctor" not in pl:
        pl = pl.assign(first_doctor=False)
    return pl
