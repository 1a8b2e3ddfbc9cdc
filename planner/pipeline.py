"""The one place that chains the stages: workbook → scenario → model → plan → indicators → report.

Also the chains built on ``solve``: marginal values confirmed by integer re-solves
(:func:`confirm_marginals`) and sweeps, one plan per point, serially or on Dask
(:func:`run_sweep`, :func:`budget_frontier`). Points run on an embedded Dask ``LocalCluster``
(processes, one thread each), on an existing cluster (``scheduler``), or serially; the rows are
identical either way because every point is solved with the same model and settings by a
deterministic solver (unless a point hits its time limit; on a remote cluster whose machines
differ in core count, alternative optima of equal objective could be picked differently).
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from models import acceptance
from models.allocation import placement_pairs
from models.elastic import explain_infeasibility
from models.hand_rule import hand_rule
from models.rules import has_hard_rules
from models.settings import SolverSettings
from models.solve import solve_allocation
from planner.analysis import candidates as candidate_reports
from planner.analysis import fair, indicators, marginals
from planner.analysis.expected import acceptance_report
from planner.core.errors import ClusterError, InputError, Issue
from planner.core.plan import Status, with_acceptance
from planner.core.result import Result
from planner.core.scenario import Scenario, WhatIf, apply_overrides
from planner.core.sweep import Sweep
from planner.core.words import t
from planner.io.files import check_output_path
from planner.io.grid import BUDGET, GRID_PARAMS, SUPPLY_PREFIX, Point, budget_points, point_what_if
from planner.io.read import read_workbook, read_workbook_bytes
from planner.report.result_book import write_result_workbook
from planner.report.sweep_book import ROW_COLUMNS, point_row
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
          settings: SolverSettings | None = None, progress: Progress = _quiet,
          compare_modes: bool = True) -> Result:
    """Apply ``what_if``, solve, and compute indicators for the plan and for the hand rule.

    With registered candidates (``optimo``/``estable``) both assignments are computed for the
    price of stability unless ``compare_modes`` is False: then only the chosen one
    (:func:`compare_assignments` adds the other later)."""
    base_params = scenario.params
    scenario = apply_overrides(scenario, what_if)
    settings = settings or settings_for(scenario)
    if what_if is not None and (what_if.time_limit is not None or what_if.mip_gap is not None):
        settings = replace(settings, time_limit=scenario.params.time_limit,
                           mip_gap=scenario.params.mip_gap)
    progress("solve")
    stages: dict[str, float] = {}  # work outside the plan's own stages, each timed (issue 26)
    with _stage(stages, "pairs"):
        if scenario.params.assignment_mode != "por_oferta" and scenario.candidates is not None:
            from models.matching import candidate_supply  # candidates counted from the list

            scenario = replace(scenario, supply=candidate_supply(scenario))
        pairs = placement_pairs(scenario)  # one table for the model and the hand rule
    candidates = None
    if scenario.params.assignment_mode != "por_oferta":  # registered candidates, issue 14
        candidates = _assign_candidates(scenario, settings, pairs, compare_modes, stages)
        plan = candidates.chosen.plan
    else:
        if acceptance.is_active(scenario):  # issue 13: offers accepted with probability p
            plan, model_pairs = acceptance.solve_accepting(scenario, settings, pairs)
        else:
            plan, model_pairs = solve_allocation(scenario, settings, pairs), pairs
        if plan.status is Status.INFEASIBLE and has_hard_rules(scenario):
            # which hard rules cannot all hold, by how much and where (planner words in indicators)
            t0 = time.perf_counter()
            plan = replace(plan, rules=explain_infeasibility(scenario, settings, pairs))
            plan.timings["explain"] = time.perf_counter() - t0
        pairs = model_pairs
    t0 = time.perf_counter()
    progress("indicators")
    ind = indicators.compute(scenario, plan) if plan.status.has_solution else None
    hand, hand_ind = None, None
    if candidates is None:  # the count-based hand rule ignores who chose what: no comparison
        hand = acceptance.hand_with_risk(scenario, pairs, hand_rule)
        hand_ind = indicators.compute(scenario, hand)
    timings = {**plan.timings, **stages}
    timings["indicators"] = time.perf_counter() - t0
    return Result(scenario, plan, ind, hand, hand_ind, settings, timings,
                  candidates=candidates, what_if=what_if, base_params=base_params)


@contextmanager
def _stage(stages: dict[str, float], name: str) -> Iterator[None]:
    """Time the block as stage ``name`` of ``seconds_by_stage`` (added to what it has)."""
    t0 = time.perf_counter()
    try:
        yield
    finally:
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - t0


def _assign_candidates(scenario: Scenario, settings: SolverSettings, pairs,
                       compare_modes: bool, stages: dict[str, float]):
    """The optimo/estable assignment of the listed candidates (models.matching); the other
    mode beside it unless ``compare_modes`` is False. The chosen mode's stages are its plan's;
    the other mode and the blocking pairs are stage ``compare``, the reports of posts without
    candidates stage ``candidate_report`` (in ``stages``)."""
    from models import matching
    from planner.core.errors import InputError, Issue

    if scenario.candidates is None or scenario.candidates.empty:
        mode = scenario.params.assignment_mode
        raise InputError([Issue("cand_mode_without_list", "parametros", None, "modo_asignacion",
                                mode, {"mode": mode})])
    t0 = time.perf_counter()
    choices = matching.expand_choices(scenario, pairs)
    expand = time.perf_counter() - t0
    mode = scenario.params.assignment_mode
    chosen = getattr(matching, f"solve_{mode}")(scenario, settings, pairs, choices)
    chosen.timings["expand"] = expand
    cres = matching.CandidateResult(mode, chosen, None, None)
    if compare_modes:  # the price of stability needs both; the other mode is its own stage
        with _stage(stages, "compare"):
            other_mode = "estable" if mode == "optimo" else "optimo"
            other = getattr(matching, f"solve_{other_mode}")(scenario, settings, pairs, choices)
            opt, stab = (chosen, other) if mode == "optimo" else (other, chosen)
            cres = matching.side_by_side(mode, opt, stab, choices)
    with _stage(stages, "candidate_report"):
        posts = candidate_reports.post_report(scenario, cres.chosen.posts)
        return replace(cres, unwanted=candidate_reports.unwanted_by_state(posts))


def compare_assignments(result: Result, settings: SolverSettings | None = None,
                        known: Result | None = None) -> Result:
    """``result`` (an ``optimo`` or ``estable`` assignment solved alone) with the other mode
    beside it, the price of stability and optimo's blocking pairs, as
    :func:`models.matching.assign_candidates` gives them when it computes both.

    ``known``: the same scenario and what-if already solved in the other mode (the app keeps
    each mode it ran); its assignment is used instead of solving that mode again."""
    from models import matching

    cres = result.candidates
    if cres is None or cres.other is not None:
        return result
    scenario, settings = result.scenario, settings or result.settings
    pairs = placement_pairs(scenario)
    t0 = time.perf_counter()
    choices = matching.expand_choices(scenario, pairs)
    expand = time.perf_counter() - t0
    other_mode = "estable" if cres.mode == "optimo" else "optimo"
    if known is not None and known.candidates is not None and \
            known.candidates.mode == other_mode:
        other = known.candidates.chosen
    else:
        other = getattr(matching, f"solve_{other_mode}")(scenario, settings, pairs, choices)
        other.timings["expand"] = expand
    opt, stab = (cres.chosen, other) if cres.mode == "optimo" else (other, cres.chosen)
    both = matching.side_by_side(cres.mode, opt, stab, choices)
    return replace(result, candidates=replace(cres, chosen=both.chosen, other=both.other,
                                              price_of_stability=both.price_of_stability))


def solve_workbook(path: str | Path, out: str | Path | None = None,
                   what_if: WhatIf | None = None, solver: str | None = None,
                   settings: SolverSettings | None = None, lang: str = "es",
                   progress: Progress = _quiet, confirm_marginals: bool = False,
                   simulate: int = 0, seed: int = 0, second_round: bool = False,
                   compare_modes: bool = False, robust: int = 0,
                   tornado: bool = False, curve_draws: int = 0, phases: int = 0) -> Result:
    """Read, validate, solve and (when there is a plan and ``out``) write the result workbook.

    With registered candidates only the chosen mode is computed unless ``compare_modes``
    (``planner solve --comparar-modos``): work not asked for is not done (issue 26).

    The input workbook is only read; ``out`` is written atomically and never over the input.
    """
    if out is not None:
        check_output_path(out, protect=[path])
    scenario, timings = load_scenario(path, progress)
    mode = apply_overrides(scenario, what_if).params.assignment_mode
    if simulate > 0 and mode != "por_oferta":  # issue 26: refused, never skipped
        raise InputError([Issue("simulate_needs_offers", params={"mode": mode})])
    if robust > 0 and mode != "por_oferta":
        raise InputError([Issue("rob_needs_offers", params={"mode": mode})])
    if robust > 0 and scenario.acceptance is None:
        raise InputError([Issue("rob_needs_curves", sheet="aceptacion")])
    if tornado and (mode != "por_oferta" or scenario.acceptance is None):
        raise InputError([Issue("sens_needs", params={"mode": mode})])
    if phases > 0 and mode != "por_oferta":
        raise InputError([Issue("mp_needs_offers", params={"mode": mode})])
    if phases > 0 and simulate <= 0:
        raise InputError([Issue("mp_needs_draws")])
    base = settings or settings_for(apply_overrides(scenario, what_if), solver)
    result = solve(scenario, what_if, base, progress, compare_modes=compare_modes)
    result.timings.update(timings)
    if acceptance.is_active(result.scenario) or simulate > 0:  # issue 13: expected figures
        t0 = time.perf_counter()
        report = acceptance_report(result, simulate, seed, second_round, fair=fair_comparison,
                                   curve_sets=curve_draws)
        result = replace(result, acceptance=report)
        result.timings["simulate"] = time.perf_counter() - t0
    if robust > 0 and result.solved:
        t0 = time.perf_counter()
        result = replace(result, robust=robust_report(result, robust, seed))
        result.timings["robust"] = time.perf_counter() - t0
    if tornado and result.solved:
        t0 = time.perf_counter()
        result = replace(result, curve_sensitivity=decision_sensitivity(result))
        result.timings["tornado"] = time.perf_counter() - t0
    if phases > 0 and result.solved:
        from planner.analysis.multiphase import compare_policies

        t0 = time.perf_counter()
        hand = result.hand.placements if result.hand is not None and result.hand.status \
            .has_solution else None
        result = replace(result, call=compare_policies(result.scenario, result.plan.placements,
                                                       hand, phases, simulate, seed))
        result.timings["phases"] = time.perf_counter() - t0
    if out is not None and result.solved:
        progress("write")
        t0 = time.perf_counter()
        if confirm_marginals:  # the integer re-solves, timed as part of writing
            result = _confirmed(result)
        write_result_workbook(result, out, lang=lang, protect=[path],
                              confirm_marginals=confirm_marginals)
        result.timings["write"] = time.perf_counter() - t0
    return result


def robust_report(result: Result, n_sets: int, seed: int = 0):
    """The plan that maximises the worst case over ``n_sets`` curve sets
    (models.acceptance.solve_robust) and the regret table of it, the central plan and the 2024
    policy (planner.analysis.robustness)."""
    from models.curve_sets import LEVEL_RANGE, SLOPE_RANGE, curve_sets, regret_table
    from planner.analysis import robustness

    sets = curve_sets(result.scenario.acceptance, n_sets, seed)
    plan = acceptance.solve_robust(result.scenario, result.settings, sets)
    if not plan.status.has_solution:
        return None
    table = regret_table(result.scenario, robustness.plans_to_compare(result, plan), sets)
    return robustness.report(plan, sets, table, seed, LEVEL_RANGE, SLOPE_RANGE)


def assumption_swings(result: Result):
    """What each curve assumption does to the plan as it is, at each end of its range (no
    re-solve: instant, for the first screen): ``label, low, high, need_low, need_high, swing``
    sorted by swing, largest first (labels as planner.analysis.robustness.assumption_word's).
    Empty when the scenario has no curves."""
    import pandas as pd

    from models.curve_sets import assumptions, evaluate

    sc = result.scenario
    if sc.acceptance is None or not result.solved:
        return pd.DataFrame()
    pl = with_acceptance(result.plan.placements)
    pl = pl[(pl["placed"] > 0) | pl["first_doctor"].astype(bool)]  # the rest adds nothing
    rows = []
    for a in assumptions(sc.acceptance):
        low, high = evaluate(sc, pl, [a.low_set, a.high_set])["need"].tolist()
        rows.append({"label": a.key if a.grade is None else f"{a.key}:{a.grade}",
                     "low": a.low, "high": a.high, "need_low": low, "need_high": high,
                     "swing": abs(high - low)})
    return pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable") \
        .reset_index(drop=True)


def decision_sensitivity(result: Result, progress: Callable[[int, int], None] | None = None):
    """What would change the decision (issue 22 item 6): for each assumption behind the curves
    at each end of its range (models.curve_sets.assumptions, one at a time), the plan re-solved
    for those curves beside ``result``'s plan as it is (planner.analysis.robustness)."""
    from models.curve_sets import CurveSet, assumptions, evaluate, shifted_curves
    from planner.analysis import robustness

    sc0 = result.scenario
    mine = with_acceptance(result.plan.placements)
    items = assumptions(sc0.acceptance)
    plans, values = [], []
    for i, a in enumerate(items):
        for cs in (a.low_set, a.high_set):
            sc = replace(sc0, acceptance=shifted_curves(sc0.acceptance, cs))
            again, _ = acceptance.solve_accepting(sc, result.settings, placement_pairs(sc))
            again = again if again.status.has_solution else None
            plans.append(again)
            ev = evaluate(sc0, mine, [cs]).iloc[0].to_dict()
            ev2 = (evaluate(sc0, with_acceptance(again.placements), [cs]).iloc[0].to_dict()
                   if again is not None else None)
            values.append((ev, ev2))
        if progress is not None:
            progress(i + 1, len(items))
    base = float(evaluate(sc0, mine, [CurveSet()])["need"].iloc[0])
    return robustness.sensitivity(result, items, plans, values, base)


# --- marginal values confirmed by integer re-solves ----------------------------------------------

def _solve_accepting(scenario: Scenario, result: Result):
    """The plan on ``scenario`` (another budget row of ``result``'s), with its settings."""
    plan, _ = acceptance.solve_accepting(scenario, result.settings, placement_pairs(scenario))
    return plan


def fair_comparison(result: Result, headline: dict) -> dict:
    """The plan re-solved at the 2024 policy's expected and guaranteed money (issue 22 item 5;
    the comparison itself is planner.analysis.fair's): what acceptance_report's ``fair`` takes."""
    return fair.fair_comparison(result, headline, _solve_accepting)


def confirm_marginals(result: Result, max_resolves: int = marginals.MAX_RESOLVES,
                      max_seconds: float | None = marginals.MAX_SECONDS,
                      progress: Callable[[int, int], None] | None = None) -> Result:
    """``result`` with its marginal values checked by re-solving the integer model one step up.

    +1 candidate of each category with a non-zero LP value (or whose LP and integer use of
    candidates disagree) and +1 million MXN per month, the budget first then highest LP value
    first, at most ``max_resolves`` re-solves and ``max_seconds`` seconds
    (:func:`planner.analysis.marginals.confirmation_steps`). The rows land in
    ``Result.marginals`` for the tables and the result workbook. ``progress(done, total)`` is
    called before the first re-solve and after each one (total: the re-solves planned).
    """
    rows = marginals.lp_rows(result)
    started = time.perf_counter()
    steps = [s for s in marginals.confirmation_steps(result, rows)[:max(0, max_resolves)]
             if s[1] is not None]
    if progress is not None:
        progress(0, len(steps))
    for done, (row, what_if, with_lp) in enumerate(steps, start=1):
        if max_seconds is not None and time.perf_counter() - started > max_seconds:
            break
        settings = replace(result.settings, relaxation=with_lp)
        changed = apply_overrides(result.scenario, what_if)
        if acceptance.is_active(changed):  # issue 13: re-solve the same (acceptance) model
            again, _ = acceptance.solve_accepting(changed, settings)
        else:
            again = solve_allocation(changed, settings)
        marginals.record_confirmation(row, result.plan, again, with_lp)
        if progress is not None:
            progress(done, len(steps))
    return replace(result, marginals=tuple(rows))


def _confirmed(result: Result) -> Result:
    """:func:`confirm_marginals` with its caps (for callers whose flag shadows its name)."""
    return confirm_marginals(result)


def _marginals_confirmed_first(table: Callable[[Result, bool, str], pd.DataFrame],
                               result: Result, confirm: bool, lang: str, max_resolves: int,
                               max_seconds: float | None) -> pd.DataFrame:
    """``table(result, confirm, lang)``, with the integer re-solves first when ``confirm``."""
    if confirm:
        result = confirm_marginals(result, max_resolves, max_seconds)
    return table(result, confirm, lang)


def marginal_values(result: Result, confirm: bool = True, lang: str = "es",
                    max_resolves: int = marginals.MAX_RESOLVES,
                    max_seconds: float | None = marginals.MAX_SECONDS) -> pd.DataFrame:
    """:func:`planner.analysis.marginals.marginal_values`, confirmed first when ``confirm``."""
    return _marginals_confirmed_first(marginals.marginal_values, result, confirm, lang,
                                      max_resolves, max_seconds)


def marginal_table(result: Result, confirm: bool = True, lang: str = "es",
                   max_resolves: int = marginals.MAX_RESOLVES,
                   max_seconds: float | None = marginals.MAX_SECONDS) -> pd.DataFrame:
    """:func:`planner.analysis.marginals.marginal_table`, confirmed first when ``confirm``."""
    return _marginals_confirmed_first(marginals.marginal_table, result, confirm, lang,
                                      max_resolves, max_seconds)


def write_sensitivity_sheet(wb: Workbook, result: Result, lang: str = "es",
                            confirm: bool = True) -> Worksheet:
    """The ``sensibilidad`` sheet (:mod:`planner.analysis.marginals`), confirmed first."""
    if confirm:
        result = confirm_marginals(result)
    return marginals.write_sensitivity_sheet(wb, result, lang, confirm)


# --- sweeps: one plan per point, serially or on Dask --------------------------------------------

DEFAULT_WORKERS = 2
OnResult = Callable[[int, int], None]  # (points done, points in all)


def sweep_settings(scenario: Scenario, solver: str | None = None,
                   base: SolverSettings | None = None,
                   what_if: WhatIf | None = None) -> SolverSettings:
    """Settings of every point: the scenario's time limit and gap (after ``what_if``), no LP
    relaxation (the sweep reports plans, not marginal values).

    The solver's thread count is left as the process already has it: HiGHS fixes a global
    scheduler at its first solve in a process, and a later solve asking for another thread
    count fails outright (status 'no solution'), e.g. a serial sweep in the app after a solve.
    """
    s = settings_for(apply_overrides(scenario, what_if), solver, base)
    return replace(s, relaxation=False, log=False)


def run_sweep(scenario: Scenario, points: Sequence[Mapping[str, object]],
              base: WhatIf | None = None, settings: SolverSettings | None = None,
              workers: int = DEFAULT_WORKERS, scheduler: str | None = None,
              client: object | None = None, on_result: OnResult | None = None,
              lang: str = "es") -> Sweep:
    """Solve every point of the sweep; rows come back in point order.

    Parameters
    ----------
    scenario
        The validated scenario (sent to the workers once).
    points
        Grid column → value for each point (see :func:`point_what_if`).
    base
        What-if applied under every point (the point's own values win).
    settings
        Solver settings of every point; default :func:`sweep_settings`.
    workers
        Processes of the embedded ``LocalCluster``; 1 runs serially without Dask.
    scheduler
        Address of an existing Dask scheduler (``tcp://host:8786``); its workers must be able
        to import ``planner`` and ``models``.
    client
        An existing ``distributed.Client`` to use (the app keeps one per session).
    on_result
        Called with (done, total) as each point finishes (in completion order).
    lang
        Language of each row's ``message`` (why a point is infeasible).
    """
    points = [dict(p) for p in points]
    settings = settings or sweep_settings(scenario, what_if=base)
    started = time.perf_counter()
    if client is not None:
        rows = _run_on_client(client, scenario, points, base, settings, on_result, lang)
        mode, n = "client", _n_workers(client)
    elif scheduler:
        with _quiet_dask(), _client(address=scheduler) as c:
            check_cluster(c, scheduler)
            try:
                rows = _run_on_client(c, scenario, points, base, settings, on_result, lang)
            except RuntimeError as exc:  # the check could not run: the scheduler's own words
                if "deserialization of the task graph" not in str(exc):
                    raise
                raise ClusterError("cluster_scheduler_cannot_import", address=scheduler,
                                   module="planner") from None
            mode, n = "scheduler", _n_workers(c)
    elif workers <= 1 or len(points) <= 1:
        rows, mode, n = _run_serial(scenario, points, base, settings, on_result, lang), \
            "serial", 1
    else:
        with _quiet_dask(), _client(workers=min(workers, len(points))) as c:
            rows = _run_on_client(c, scenario, points, base, settings, on_result, lang)
            mode, n = "local_cluster", min(workers, len(points))
    params = tuple(dict.fromkeys(k for p in points for k in p))
    table = _table(rows, points, params)
    return Sweep(table, params, mode, n, time.perf_counter() - started, settings)


def solve_point(scenario: Scenario, point: Mapping[str, object], base: WhatIf | None,
                settings: SolverSettings, lang: str = "es") -> dict[str, object]:
    """Solve one point and return its headline row (never raises: errors become a row)."""
    t0 = time.perf_counter()
    try:
        what_if = point_what_if(point, base)
        result = solve(scenario, what_if, settings)
    except Exception as exc:  # a bad combination or a solver crash: one row says so
        return {"status": "error", "message": f"{type(exc).__name__}: {exc}"[:300],
                "seconds": time.perf_counter() - t0}
    row = point_row(result, lang)
    row["seconds"] = time.perf_counter() - t0
    return row


def _run_serial(scenario: Scenario, points: list[Point], base: WhatIf | None,
                settings: SolverSettings, on_result: OnResult | None,
                lang: str) -> list[dict]:
    rows = []
    for i, point in enumerate(points):
        rows.append(solve_point(scenario, point, base, settings, lang))
        if on_result:
            on_result(i + 1, len(points))
    return rows


def _run_on_client(client: object, scenario: Scenario, points: list[Point],
                   base: WhatIf | None, settings: SolverSettings,
                   on_result: OnResult | None, lang: str) -> list[dict]:
    """Scatter the scenario once, submit one task per point, gather in point order."""
    from distributed import as_completed

    remote = client.scatter(scenario, broadcast=True)
    futures = [client.submit(solve_point, remote, point, base, settings, lang, pure=False)
               for point in points]
    index = {f.key: i for i, f in enumerate(futures)}
    rows: list[dict | None] = [None] * len(points)
    for done, future in enumerate(as_completed(futures, loop=client.loop), start=1):
        rows[index[future.key]] = future.result()
        if on_result:
            on_result(done, len(points))
    return [r for r in rows if r is not None]


CLUSTER_MODULES = ("planner.pipeline", "models.solve")


def check_cluster(client: object, address: str) -> None:
    """Raise :class:`ClusterError` when the scheduler or a worker of an existing cluster cannot
    import the project. Recent Dask unpickles the task graph on the scheduler, so the scheduler
    needs the project as much as the workers do (otherwise Dask only says "Error during
    deserialization of the task graph"). The probe is a standard-library function
    (``pkgutil.resolve_name``), which any scheduler can unpickle."""
    import pkgutil
    import re

    def missing(exc: BaseException, module: str) -> str:
        m = re.search(r"No module named '([^']+)'", str(exc))
        return m.group(1) if m else module.split(".")[0]

    for module in CLUSTER_MODULES:
        try:
            client.run_on_scheduler(pkgutil.resolve_name, f"{module}:__name__")
        except ImportError as exc:
            raise ClusterError("cluster_scheduler_cannot_import", address=address,
                               module=missing(exc, module)) from None
        except Exception:  # a scheduler that refuses run_on_scheduler: the task-graph check stays
            break
    for module in CLUSTER_MODULES:
        try:
            client.run(pkgutil.resolve_name, f"{module}:__name__")
        except ImportError as exc:
            raise ClusterError("cluster_workers_cannot_import", address=address,
                               module=missing(exc, module)) from None


def _n_workers(client: object) -> int:
    try:
        return len(client.scheduler_info()["workers"])
    except Exception:
        return 0


@contextlib.contextmanager
def _client(workers: int = DEFAULT_WORKERS, address: str | None = None) -> Iterator[object]:
    """A Dask client: on an embedded LocalCluster (processes, one thread each, no dashboard),
    or connected to ``address``."""
    from distributed import Client, LocalCluster

    if address:
        with Client(address, set_as_default=False) as client:
            yield client
        return
    # No dashboard; the scheduler's small health endpoint goes to a free local port instead of
    # trying 8787 (taken by any other Dask on the machine, which prints a warning).
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.CRITICAL,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster, \
            Client(cluster, set_as_default=False) as client:
        yield client


@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask's own loggers at CRITICAL while a sweep runs; the workers are silenced the same way
    by LocalCluster. (On a loaded machine the teardown can race a worker's heartbeat and log an
    ERROR traceback that means nothing to a planner; task errors still reach the rows.)"""
    names = ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker",
             "distributed.core", "distributed.comm", "distributed.batched")
    saved = {n: logging.getLogger(n).level for n in names}
    for n in names:
        logging.getLogger(n).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for n, level in saved.items():
            logging.getLogger(n).setLevel(level)


def _table(rows: list[dict], points: list[Point], params: tuple[str, ...]) -> pd.DataFrame:
    """One row per point: the point's parameters, then the headline columns."""
    records = []
    for i, (point, row) in enumerate(zip(points, rows, strict=True), start=1):
        rec: dict[str, object] = {"point": i}
        rec.update({k: point.get(k) for k in params})
        rec.update({k: row.get(k) for k in ROW_COLUMNS if k != "point"})
        records.append(rec)
    columns = ["point", *params, *[k for k in ROW_COLUMNS if k != "point"]]
    table = pd.DataFrame(records, columns=columns)
    for column in params:  # whole numbers stay whole where a point leaves one blank
        if column.startswith(SUPPLY_PREFIX) or GRID_PARAMS.get(column, ("", ""))[1] == "int":
            table[column] = table[column].astype("Int64")
    return table


def budget_frontier(scenario: Scenario, what_if: WhatIf | None = None,
                    budgets: Sequence[float] | None = None, workers: int = DEFAULT_WORKERS,
                    settings: SolverSettings | None = None, scheduler: str | None = None,
                    client: object | None = None, include_current: bool = True,
                    on_result: OnResult | None = None, lang: str = "es") -> pd.DataFrame:
    """The budget–coverage frontier of ``scenario`` under ``what_if``: one plan per budget.

    Parameters
    ----------
    budgets
        Monthly bonus budgets (MXN); default 11 points from 0 to twice the current budget.
    include_current
        Add the current budget (the scenario's, or the what-if's) when it is not in
        ``budgets``; its row has ``is_current`` True so the app can mark it.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``budget_month``: ``point, presupuesto_bono_mensual, status, objective,
        centres_at_target, centres, centres_no_doctor, spec_placed, gp_placed, bonus_month,
        budget_month, budget_used, hand_objective, gap, seconds, message, is_current``.
    """
    current = float(apply_overrides(scenario, what_if).params.budget)
    if budgets is None:
        budgets = budget_points(0.0, 2 * current if current > 0 else 50_000_000.0, 11)
    values = [float(b) for b in budgets]
    if include_current and not any(math.isclose(b, current) for b in values):
        values.append(current)
    sweep = run_sweep(scenario, [{BUDGET: b} for b in values], base=what_if,
                      settings=settings, workers=workers, scheduler=scheduler, client=client,
                      on_result=on_result, lang=lang)
    table = sweep.table.copy()
    table["is_current"] = np.isclose(table["budget_month"].astype(float), current)
    return table.sort_values("budget_month", kind="stable").reset_index(drop=True)


# --- the phases of a call (issue 23) ---------------------------------------------------------

def call_status(scenario: Scenario, settings: SolverSettings | None = None):
    """The state of the call recorded in the ``avance`` sheet beside the plan of the whole call
    (the workbook solved as it stands, before any phase): ``(CallState, Result)``."""
    from dataclasses import replace as _replace

    from planner.analysis.learning import learn
    from planner.analysis.phases import call_state

    result = solve(scenario, settings=settings, compare_modes=False)
    planned = None
    if result.solved:
        placements = result.plan.placements
        planned = placements.set_index(["clues", "category"])["placed"] \
            if "clues" in placements.columns else placements["placed"]
    return _replace(call_state(scenario, planned), learning=learn(scenario)), result


def next_phase(path: str | Path, out: str | Path, solver: str | None = None,
               progress: Progress = _quiet):
    """The next phase of a call: the workbook at ``path`` with its ``avance`` applied (remaining
    vacancies = vacancies − hired + resigned, remaining budget = budget − bonus committed),
    written to ``out`` as a valid input workbook with an empty ``avance``, and its plan solved
    with the same model. Returns ``(CallState of path, next Scenario, Result of the next plan)``.

    ``path`` is only read; ``out`` is written whole or not at all and never over ``path``.
    """
    import hashlib

    from planner.analysis.learning import acceptance_sheet, learn
    from planner.analysis.phases import call_state, remaining
    from planner.io.avance import next_phase as following
    from planner.io.avance import next_phase_tables
    from planner.io.read import raw_from_tables
    from planner.io.template import write_input_workbook

    check_output_path(out, protect=[path])
    progress("read")
    raw = read_workbook(path)
    progress("validate")
    scenario = validate(raw)
    from dataclasses import replace as _replace

    from planner.analysis.redirect import redirect

    state = _replace(call_state(scenario), redirection=redirect(scenario))
    current, left = remaining(scenario)
    tables = next_phase_tables(raw, scenario, current, left)
    learned = learn(scenario)  # issue 23 item 4: the next phase plans on the updated curves
    sheet = acceptance_sheet(learned) if learned is not None else None
    if sheet is not None:
        tables["aceptacion"] = sheet
        state = _replace(state, learning=learned)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    upcoming = following(state.phases) or "especial"
    leeme = [t("next_leeme_1", "es", book=Path(path).name, sha=digest[:16],
               phases=", ".join(state.phases) or "—", phase=upcoming),
             t("next_leeme_2", "es", filled=f"{int(state.posts['filled'].sum()):,}",
               empty=f"{int(state.posts['empty'].sum()):,}", budget=f"{state.budget:,.0f}",
               committed=f"{state.committed:,.0f}", left=f"{left:,.0f}"),
             t("next_leeme_3", "es")]
    if sheet is not None:
        leeme.append(t("next_leeme_learned", "es", phases=", ".join(learned.phases),
                       strength=f"{learned.prior_strength:g}"))
    progress("write")
    write_input_workbook(out, tables, leeme)
    progress("solve")
    following_scenario = validate(raw_from_tables(tables, str(out)))  # = reading ``out`` back
    result = solve(following_scenario, settings=settings_for(following_scenario, solver),
                   compare_modes=False)
    return state, following_scenario, result
