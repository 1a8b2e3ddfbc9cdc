"""The one place that chains the stages: workbook → scenario → model → plan → indicators → report."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from models.allocation import placement_pairs
from models.hand_rule import hand_rule
from models.settings import SolverSettings
from models.solve import solve_allocation
from planner import indicators
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
    if scenario.params.assignment_mode != "por_oferta" and scenario.candidates is not None:
        from models.matching import candidate_supply  # candidates counted from the list

        scenario = replace(scenario, supply=candidate_supply(scenario))
    pairs = placement_pairs(scenario)  # one table for the model and the hand rule
    candidates = None
    if scenario.params.assignment_mode == "por_oferta":
        plan = solve_allocation(scenario, settings, pairs)
    else:  # registered candidates, issue 14
        candidates = _assign_candidates(scenario, settings, pairs)
        plan = candidates.chosen.plan
    t0 = time.perf_counter()
    progress("indicators")
    ind = indicators.compute(scenario, plan) if plan.status.has_solution else None
    hand, hand_ind = None, None
    if candidates is None:  # the count-based hand rule ignores who chose what: no comparison
        hand = hand_rule(scenario, pairs)
        hand_ind = indicators.compute(scenario, hand)
    timings = dict(plan.timings)
    timings["indicators"] = time.perf_counter() - t0
    return Result(scenario, plan, ind, hand, hand_ind, settings, timings, candidates)


def _assign_candidates(scenario: Scenario, settings: SolverSettings, pairs):
    """The optimo/estable assignment of the listed candidates (models.matching)."""
    from models.matching import assign_candidates
    from planner.errors import InputError, Issue

    if scenario.candidates is None or scenario.candidates.empty:
        mode = scenario.params.assignment_mode
        raise InputError([Issue("cand_mode_without_list", "parametros", None, "modo_asignacion",
                                mode, {"mode": mode})])
    return assign_candidates(scenario, settings, pairs)


def solve_workbook(path: str | Path, out: str | Path | None = None,
                   what_if: WhatIf | None = None, solver: str | None = None,
                   settings: SolverSettings | None = None, lang: str = "es",
                   progress: Progress = _quiet, confirm_marginals: bool = False) -> Result:
    """Read, validate, solve and (when there is a plan and ``out``) write the result workbook.

    The input workbook is only read; ``out`` is written atomically and never over the input.
    """
    if out is not None:
        check_output_path(out, protect=[path])
    scenario, timings = load_scenario(path, progress)
    base = settings or settings_for(apply_overrides(scenario, what_if), solver)
    result = solve(scenario, what_if, base, progress)
    result.timings.update(timings)
    if out is not None and result.solved:
        progress("write")
        t0 = time.perf_counter()
        write_result_workbook(result, out, lang=lang, protect=[path],
                              confirm_marginals=confirm_marginals)
        result.timings["write"] = time.perf_counter() - t0
    return result
