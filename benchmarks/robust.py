"""Decisions that hold (issue 22): the national chance-constrained plan and the robust plan.

    python -m benchmarks.robust [--workbook inputs/nacional_2024.xlsx] [--sets 20]
                                [--repeats 3] [--seed 0]

Not a timed test, a measurement, in one process after a warm-up solve: ``pipeline.solve`` of
the national default as written (por_hospital, riesgo_presupuesto 0.10: the plan whose bonus
bill exceeds the budget in at most 10 % of outcomes, models/budget_risk.py) and
``acceptance.solve_robust`` over ``--sets`` curve sets (models/curve_sets.py), each ``--repeats``
times; prints medians, the load average and the peak memory (ru_maxrss) as one JSON object.
Targets (issue 22): chance-constrained plan ≤ 5 s, robust plan over ≥ 20 sets ≤ 10 s, ≤ 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workbook", default=str(ROOT / "inputs" / "nacional_2024.xlsx"))
    ap.add_argument("--sets", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    from models.acceptance import solve_robust
    from models.curve_sets import curve_sets
    from planner.pipeline import load_scenario, solve

    scenario, _ = load_scenario(a.workbook)
    first = solve(scenario)  # warm-up (imports, caches): not counted
    chance, robust, gaps = [], [], []
    for _ in range(a.repeats):
        t = time.perf_counter()
        result = solve(scenario)
        chance.append(time.perf_counter() - t)
        sets = curve_sets(result.scenario.acceptance, a.sets, a.seed)
        t = time.perf_counter()
        plan = solve_robust(result.scenario, result.settings, sets)
        robust.append(time.perf_counter() - t)
        gaps.append(plan.gap)
    print(json.dumps({
        "workbook": a.workbook, "sets": a.sets, "repeats": a.repeats,
        "chance_constrained_s": round(statistics.median(chance), 2),
        "chance_constrained_runs": [round(x, 2) for x in chance],
        "central_status": first.plan.status.value, "central_objective": first.plan.objective,
        "robust_s": round(statistics.median(robust), 2),
        "robust_runs": [round(x, 2) for x in robust],
        "robust_status": plan.status.value, "robust_solver": plan.solver,
        "robust_objective": plan.objective, "robust_gap": max(gaps),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }, indent=1))


if __name__ == "__main__":
    main()
