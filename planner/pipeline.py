"""The one place that chains the stages: workbook → scenario → model → plan → indicators → report."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from models.allocation import placement_pairs
from models.elastic import explain_infeasibility
from models.hand_rule import hand_rule
from models.rules import has_hard_rules
from models.settings import SolverSettings
from models.solve import solve_allocation
from planner.analysis import indicators, marginals
from planner.core.plan import Status
from planner.core.result import Result
from planner.core.scenario import Scenario, WhatIf, apply_overrides
from planner.io.files import check_output_path
from planner.io.read import read_workbook, read_workbook_bytes
from planner.report.result_book import write_result_workbook
from planner.validate import validate

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
    plan = solve_allocation(scenario, settings, pairs)
    if plan.status is Status.INFEASIBLE and has_hard_rules(scenario):
        # which hard rules cannot all hold, by how much and where (planner words in indicators)
        t0 = time.perf_counter()
        plan = replace(plan, rules=explain_infeasibility(scenario, settings, pairs))
        plan.timings["explain"] = time.perf_counter() - t0
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
        if confirm_marginals:  # the integer re-solves, timed as part of writing
            result = _confirmed(result)
        write_result_workbook(result, out, lang=lang, protect=[path],
                              confirm_marginals=confirm_marginals)
        result.timings["write"] = time.perf_counter() - t0
    return result


# --- marginal values confirmed by integer re-solves ----------------------------------------------

def confirm_marginals(result: Result, max_resolves: int = marginals.MAX_RESOLVES,
                      max_seconds: float | None = marginals.MAX_SECONDS) -> Result:
    """``result`` with its marginal values checked by re-solving the integer model one step up.

    +1 candidate of each category with a non-zero LP value (or whose LP and integer use of
    candidates disagree) and +1 million MXN per month, the budget first then highest LP value
    first, at most ``max_resolves`` re-solves and ``max_seconds`` seconds
    (:func:`planner.analysis.marginals.confirmation_steps`). The rows land in
    ``Result.marginals`` for the tables and the result workbook.
    """
    rows = marginals.lp_rows(result)
    started = time.perf_counter()
    for row, what_if, with_lp in marginals.confirmation_steps(result, rows)[:max(0, max_resolves)]:
        if max_seconds is not None and time.perf_counter() - started > max_seconds:
            break
        if what_if is None:
            continue
        settings = replace(result.settings, relaxation=with_lp)
        again = solve_allocation(apply_overrides(result.scenario, what_if), settings)
        marginals.record_confirmation(row, result.plan, again, with_lp)
    return replace(result, marginals=tuple(rows))


def _confirmed(result: Result) -> Result:
    """:func:`confirm_marginals` with its caps (for callers whose flag shadows its name)."""
    return confirm_marginals(result)


def marginal_values(result: Result, confirm: bool = True, lang: str = "es",
                    max_resolves: int = marginals.MAX_RESOLVES,
                    max_seconds: float | None = marginals.MAX_SECONDS) -> pd.DataFrame:
    """:func:`planner.analysis.marginals.marginal_values`, confirmed first when ``confirm``."""
    if confirm:
        result = confirm_marginals(result, max_resolves, max_seconds)
    return marginals.marginal_values(result, confirm, lang)


def marginal_table(result: Result, confirm: bool = True, lang: str = "es",
                   max_resolves: int = marginals.MAX_RESOLVES,
                   max_seconds: float | None = marginals.MAX_SECONDS) -> pd.DataFrame:
    """:func:`planner.analysis.marginals.marginal_table`, confirmed first when ``confirm``."""
    if confirm:
        result = confirm_marginals(result, max_resolves, max_seconds)
    return marginals.marginal_table(result, confirm, lang)


def write_sensitivity_sheet(wb: Workbook, result: Result, lang: str = "es",
                            confirm: bool = True) -> Worksheet:
    """The ``sensibilidad`` sheet (:mod:`planner.analysis.marginals`), confirmed first."""
    if confirm:
        result = confirm_marginals(result)
    return marginals.write_sensitivity_sheet(wb, result, lang, confirm)
