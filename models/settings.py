"""Solver options in one frozen object: which solver, time limit, MIP gap, threads, log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SolverName = Literal["exact", "highs", "cbc"]
SOLVERS: tuple[str, ...] = ("exact", "highs", "cbc")

# Chosen by benchmarks/README.md ("Default solver"), medians of 3 runs through the pipeline:
# CBC 2.10 was 1.0-1.6x faster at k = 1, HiGHS 3.3x faster at k = 2 (6.2 s vs 20.8 s, and the
# same ratio in a second run); under a 1 s limit only HiGHS returned an incumbent; and only
# HiGHS gives the MIP dual bound and the ranging behind the marginal values' validity.
# Since issue 12 the default is "exact" (models/exact.py: the model's blocks solved on their own,
# HiGHS underneath), same optimum as HiGHS at gap 0 and 10-20x faster on every benchmark instance
# (benchmarks/README.md, "Exact path"); "highs" and "cbc" stay selectable.
DEFAULT_SOLVER: SolverName = "exact"


@dataclass(frozen=True)
class SolverSettings:
    """How to solve: ``mip_gap`` is always passed explicitly (HiGHS's own 1e-4 stops short)."""

    solver: SolverName = DEFAULT_SOLVER
    time_limit: float = 60.0
    mip_gap: float = 0.0
    threads: int | None = None
    log: bool = False
    relaxation: bool = True  # also solve the LP relaxation for bounds and marginal values
