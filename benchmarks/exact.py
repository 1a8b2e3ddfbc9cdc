"""The exact path (models/exact.py) against HiGHS and the highspy floor (issue 12).

    python -m benchmarks.exact [--repeats 3] [--highs-frontier] [--k8] [--only levels,...]

Prints markdown tables (medians) for benchmarks/README.md, section "Exact path":

- *levels*: the national default as it is (por_hospital bonus levels, its own gap), solve only
  (``acceptance.solve_por_hospital``) and ``pipeline.solve``, per solver;
- *what-if*: ``pipeline.solve`` on the loaded national workbook at half its budget (the app's
  re-solve: model, LP, MIP, indicators, hand rule), per solver;
- *process*: ``planner solve WORKBOOK --json [--budget B]`` as a fresh process, per solver, at
  the workbook's budget and at half, beside the floor (``benchmarks/floor.py``: calamine, numpy,
  one highspy LP + MIP, no validation, no indicators) with the same budget, and their ratio;
- *frontier*: the 11-point budget frontier (``sweep.budget_frontier``, serial) of the generated
  k = 1 workbook; HiGHS only with ``--highs-frontier`` (about two minutes);
- *k = 8*: ``planner solve --out`` end to end on the generated k = 8 workbook, one run, with
  ``--k8`` (wall seconds and peak memory of the process).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "inputs" / "nacional_2024.xlsx"
PLANNER = [sys.executable, "-m", "planner"]


def _median(xs: list[float]) -> float:
    return float(statistics.median(xs))


def what_if(repeats: int) -> list[dict]:
    """pipeline.solve at half budget on the national scenario, loaded once, per solver."""
    from models.settings import SolverSettings
    from planner.core.scenario import WhatIf
    from planner.pipeline import load_scenario, settings_for, solve

    scenario, _ = load_scenario(NATIONAL)
    half = WhatIf(budget=scenario.params.budget / 2)
    rows = []
    for solver in ("exact", "highs"):
        settings = settings_for(scenario, solver, SolverSettings())
        solve(scenario, None, settings)  # the app's first solve
        seconds, stages, objective = [], [], None
        for _ in range(repeats):
            t0 = time.perf_counter()
            r = solve(scenario, half, settings)
            seconds.append(time.perf_counter() - t0)
            stages.append(dict(r.timings))
            objective = r.plan.objective
        rows.append({"solver": solver, "seconds": _median(seconds), "runs": seconds,
                     "objective": objective, "status": r.plan.status.value,
                     "stages": {k: _median([s.get(k, 0.0) for s in stages]) for k in stages[0]}})
    return rows


def levels(repeats: int) -> list[dict]:
    """The national default (por_hospital, its own brecha_mip): solve only
    (``acceptance.solve_por_hospital``) and ``pipeline.solve``, per solver, medians."""
    from models.acceptance import solve_por_hospital
    from models.allocation import placement_pairs
    from models.settings import SolverSettings
    from planner.pipeline import load_scenario, settings_for, solve

    scenario, _ = load_scenario(NATIONAL)
    pairs = placement_pairs(scenario)
    rows = []
    for solver in ("exact", "highs"):
        settings = settings_for(scenario, solver, SolverSettings())
        solve_por_hospital(scenario, settings, pairs)  # imports, HiGHS's first start
        for what in ("solve only", "pipeline.solve"):
            seconds, stages, plan = [], [], None
            for _ in range(repeats):
                t0 = time.perf_counter()
                if what == "solve only":
                    plan = solve_por_hospital(scenario, settings, pairs)
                else:
                    plan = solve(scenario, None, settings).plan
                seconds.append(time.perf_counter() - t0)
                stages.append(dict(plan.timings))
            rows.append({"solver": solver, "what": what, "seconds": _median(seconds),
                         "runs": seconds, "status": plan.status.value, "plan_solver": plan.solver,
                         "objective": plan.objective, "lp_bound": plan.lp_bound, "gap": plan.gap,
                         "stages": {k: _median([s.get(k, 0.0) for s in stages])
                                    for k in stages[0]}})
    return rows


def _process(args: list[str]) -> tuple[float, float, dict]:
    """Wall seconds, peak MB (children) and the JSON printed by a fresh process."""
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    try:
        payload = json.loads(out.stdout)
    except json.JSONDecodeError:
        payload = {"stdout": out.stdout[-300:], "stderr": out.stderr[-300:]}
    return wall, peak, payload


FLOOR_CHILD = """
import json, sys, time
from benchmarks import floor
t0 = time.perf_counter()
d = floor.parse(floor.read(sys.argv[1]))
d.params["presupuesto_bono_mensual"] *= float(sys.argv[2])
s = floor.solve(floor.build(d))
print(json.dumps({"objective": s.objective, "status": s.status,
                  "inside": time.perf_counter() - t0}))
"""


def process(repeats: int) -> list[dict]:
    """``planner solve --json`` per solver vs the floor, at the workbook's budget and half."""
    from planner.pipeline import load_scenario

    budget = load_scenario(NATIONAL)[0].params.budget
    rows = []
    for factor in (1.0, 0.5):
        extra = [] if factor == 1.0 else ["--budget", f"{budget * factor:.0f}"]
        floor = [_process([sys.executable, "-c", FLOOR_CHILD, str(NATIONAL), str(factor)])
                 for _ in range(repeats)]
        floor_s = _median([f[0] for f in floor])
        rows.append({"budget": factor, "path": "floor (highspy)", "seconds": floor_s,
                     "objective": floor[-1][2].get("objective"),
                     "status": floor[-1][2].get("status")})
        for solver in ("exact", "highs"):
            runs = [_process([*PLANNER, "solve", str(NATIONAL), "--json", "--solver", solver,
                              *extra]) for _ in range(repeats)]
            s = _median([r[0] for r in runs])
            rows.append({"budget": factor, "path": f"planner --solver {solver}", "seconds": s,
                         "ratio": s / floor_s, "objective": runs[-1][2].get("objective"),
                         "status": runs[-1][2].get("status")})
    return rows


def frontier(repeats: int, highs: bool) -> list[dict]:
    """The 11-point budget frontier of the generated k = 1 workbook, serial."""
    from benchmarks import generate
    from planner.pipeline import budget_frontier, load_scenario, sweep_settings

    scenario, _ = load_scenario(generate.cached(1))
    rows = []
    for solver in ("exact", "highs") if highs else ("exact",):
        settings = sweep_settings(scenario, solver)
        seconds, table = [], None
        for _ in range(repeats if solver == "exact" else 1):
            t0 = time.perf_counter()
            table = budget_frontier(scenario, workers=1, settings=settings,
                                    include_current=False)
            seconds.append(time.perf_counter() - t0)
        rows.append({"solver": solver, "seconds": _median(seconds), "runs": seconds,
                     "statuses": sorted(set(table["status"])),
                     "objectives": [round(float(v), 4) for v in table["objective"]]})
    return rows


def k8() -> dict:
    """``planner solve --out`` on the generated k = 8 workbook, one run, exact path."""
    from benchmarks import generate

    path = generate.cached(8)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "k8_resultado.xlsx"
        wall, peak, payload = _process([*PLANNER, "solve", str(path), "--out", str(out),
                                        "--json"])
    return {"seconds": wall, "peak_mb": peak, "objective": payload.get("objective"),
            "status": payload.get("status"), "stages": payload.get("timings")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--highs-frontier", action="store_true")
    ap.add_argument("--k8", action="store_true")
    ap.add_argument("--only", default="levels,whatif,process,frontier")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    out: dict[str, object] = {"load_before": os.getloadavg()}
    if "levels" in parts:
        out["levels"] = levels(args.repeats)
    if "whatif" in parts:
        out["whatif"] = what_if(args.repeats)
    if "process" in parts:
        out["process"] = process(args.repeats)
    if "frontier" in parts:
        out["frontier"] = frontier(args.repeats, args.highs_frontier)
    if args.k8:
        out["k8"] = k8()
    out["load_after"] = os.getloadavg()
    print(json.dumps(out, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
