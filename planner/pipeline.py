"""The one place that chains the stages: workbook → scenario → model → plan → indicators → report."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from models import acceptance
from models.allocation import placement_pairs
from models.hand_rule import hand_rule
from models.settings import SolverSettings
from models.solve import solve_allocation
from planner import indicators
from planner.expected import acceptance_report
from planner.files import check_output_path
from planner.result import Result
from planner.result_workbook import write_result_workbook
from planner.scenario import Scenario, WhatIf, apply_overrides
from planner.validate import validate
from planner.workbook import read_workbook, read_workbook_bytes

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def load_scenario(path: str | Path, progress: Progress = _quiet) -> tuple[Scenario, dict]:
    """Read and validate the workbook at ``path`` (raises InputError with every issue)."""
    t0 = time.perf_counter()
    progress("read")
    raw = read_workbook(path)
    t1 = time.perf_counter()
    progress("validate")
    scenario = validate(raw)
    t2 = time.perf_counter()
    return scenario, {"read": t1 - t0, "validate": t2 - t1}


def load_scenario_bytes(data: bytes, name: str) -> Scenario:
    """Validate a workbook held in memory (an upload)."""
    return validate(read_workbook_bytes(data, name))


def settings_for(scenario: Scenario, solver: str | None = None,
                 base: SolverSettings | None = None) -> SolverSettings:
    """Solver settings taking time limit and MIP gap from the scenario's parameters."""
    base = base or SolverSettings()
    s = replace(base, time_limit=scenario.params.time_limit, mip_gap=scenario.params.mip_gap)
    return replace(s, solver=solver) if solver else s


def solve(scenario: Scenario, what_if: WhatIf | None = None,
          settings: SolverSettings | None = None, progress: Progress = _quiet) -> Result:
    """Apply ``what_if``, solve, and compute indicators for the plan and for the hand rule."""
    scenario = apply_overrides(scenario, what_if)
    settings = settings or settings_for(scenario)
    if what_if is not None and (what_if.time_limit is not None or what_if.mip_gap is not None):
        settings = replace(settings, time_limit=scenario.params.time_limit,
                           mip_gap=scenario.params.mip_gap)
    progress("solve")
    pairs = placement_pairs(scenario)  # one table for the model and the hand rule
    if acceptance.is_active(scenario):  # issue 13: offers accepted with probability p
        plan, pairs = acceptance.solve_accepting(scenario, settings, pairs)
    else:
        plan = solve_allocation(scenario, settings, pairs)
    t0 = time.perf_counter()
    progress("indicators")
    ind = indicators.compute(scenario, plan) if plan.status.has_solution else None
    hand = hand_rule(scenario, pairs)
    hand_ind = indicators.compute(scenario, hand)
    timings = dict(plan.timings)
    timings["indicators"] = time.perf_counter() - t0
    return Result(scenario, plan, ind, hand, hand_ind, settings, timings)


def solve_workbook(path: str | Path, out: str | Path | None = None,
                   what_if: WhatIf | None = None, solver: str | None = None,
                   settings: SolverSettings | None = None, lang: str = "es",
                   progress: Progress = _quiet, confirm_marginals: bool = False,
                   simulate: int = 0, seed: int = 0, second_round: bool = False) -> Result:
    """Read, validate, solve and (when there is a plan and ``out``) write the result workbook.

    The input workbook is only read; ``out`` is written atomically and never over the input.
    """
    if out is not None:
        check_output_path(out, protect=[path])
    scenario, timings = load_scenario(path, progress)
    base = settings or settings_for(apply_overrides(scenario, what_if), solver)
    result = solve(scenario, what_if, base, progress)
    result.timings.update(timings)
    if acceptance.is_active(result.scenario) or simulate > 0:  # issue 13: expected figures
        t0 = time.perf_counter()
        report = acceptance_report(result, simulate, seed, second_round)
        result = replace(result, acceptance=report)
        result.timings["simulate"] = time.perf_counter() - t0
    if out is not None and result.solved:
        progress("write")
        t0 = time.perf_counter()
        write_result_workbook(result, out, lang=lang, protect=[path],
                              confirm_marginals=confirm_marginals)
        result.timings["write"] = time.perf_counter() - t0
    return result
