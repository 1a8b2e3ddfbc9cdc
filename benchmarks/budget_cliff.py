"""The budget sweep at 1 M MXN steps (issue 24: "no point slower than 3× the median").

    python -m benchmarks.budget_cliff [--workbook inputs/nacional_2024.xlsx] [--to 60000000]
                                      [--step 1000000] [--repeats 1]

The scenario is loaded once; each budget is solved with ``planner.pipeline.solve`` (the app's
and the sweep's call: model, hand rule, indicators), ``--repeats`` times, in this process. Prints
one row per budget (seconds, status, solver, gap, the por_hospital stages) and then the median,
the slowest point and its ratio to the median, with the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve
from planner.ui.sources import DEFAULT_WORKBOOK

LIMIT_RATIO = 3.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workbook", default=str(DEFAULT_WORKBOOK))
    ap.add_argument("--from", dest="start", type=float, default=0.0)
    ap.add_argument("--to", type=float, default=60_000_000.0)
    ap.add_argument("--step", type=float, default=1_000_000.0)
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args(argv)
    load_before = os.getloadavg()
    scenario, _ = load_scenario(args.workbook)
    solve(scenario)  # warm imports and caches, as the app's first screen does
    seconds: list[float] = []
    budget = args.start
    print("budget MXN | s (median) | status | solver | gap | stages")
    while budget <= args.to + 1e-6:
        runs = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            result = solve(scenario, WhatIf(budget=budget))
            runs.append(time.perf_counter() - t0)
        plan = result.plan
        s = statistics.median(runs)
        seconds.append(s)
        stages = {k: round(v, 2) for k, v in plan.timings.items()
                  if k in ("relax", "start", "dive", "solve")}
        print(f"{budget:,.0f} | {s:.2f} | {plan.status.value} | {plan.solver} | "
              f"{plan.gap if plan.gap is not None else float('nan'):.1e} | {stages}", flush=True)
        budget += args.step
    med = statistics.median(seconds)
    worst = max(seconds)
    print(f"points {len(seconds)} · median {med:.2f} s · slowest {worst:.2f} s · "
          f"ratio {worst / med:.2f} (target ≤ {LIMIT_RATIO:g}) · total {sum(seconds):.1f} s")
    print(f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}")
    return 0 if worst <= LIMIT_RATIO * med else 1


if __name__ == "__main__":
    raise SystemExit(main())
