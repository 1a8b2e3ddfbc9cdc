"""The rows of a sweep and how it ran (filled by planner.pipeline.run_sweep)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # types only: the core imports no stage
    from models.settings import SolverSettings


@dataclass(frozen=True)
class Sweep:
    """The rows of a sweep (one per point, in point order) and how it ran."""

    table: pd.DataFrame
    params: tuple[str, ...]  # the grid columns that appear in the points
    mode: str  # serial | local_cluster | scheduler | client
    workers: int
    seconds: float
    settings: SolverSettings
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def worst_status(self) -> str:
        """error > no_solution > infeasible > feasible > stable > optimal over every point."""
        order = ["optimal", "stable", "feasible", "infeasible", "no_solution", "error"]
        found = set(self.table["status"]) if len(self.table) else {"optimal"}
        return max(found, key=lambda s: order.index(s) if s in order else len(order))
