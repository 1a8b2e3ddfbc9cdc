"""Issue 26 item 3: ``planner solve`` with 100,000 registered candidates, ``optimo`` (target
≤ 20 s) and ``estable`` (target ≤ 60 s), the whole of ``pipeline.solve`` plus the result
workbook, and how much of the wall time ``seconds_by_stage`` accounts for (every stage timed:
their sum should be ≥ 0.9 × wall). Not a test; the figures go in benchmarks/NOTES.md.

    python -m benchmarks.candidates_100k [--n 100000] [--modes optimo,estable] [--no-write]

The list is benchmarks/candidates.py's SYNTHETIC seeded list (5 options each) on the national
workbook; its generation is not timed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import tempfile
import time
from pathlib import Path

from benchmarks.candidates import NATIONAL, synthetic_list
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve
from planner.report.result_book import write_result_workbook

TARGETS = {"optimo": 20.0, "estable": 60.0}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.candidates_100k")
    ap.add_argument("--workbook", default=str(NATIONAL))
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--options", type=int, default=5)
    ap.add_argument("--seed", type=int, default=26)
    ap.add_argument("--modes", default="optimo,estable")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    scenario, read = load_scenario(args.workbook)
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    listed = synthetic_list(scenario, args.n, args.options, args.seed)
    print(f"read {read_s:.1f} s; generated {len(listed):,} candidates in "
          f"{time.perf_counter() - t0:.1f} s (not timed)", flush=True)
    scenario = dataclasses.replace(scenario, candidates=listed)
    for mode in args.modes.split(","):
        t0 = time.perf_counter()
        result = solve(scenario, WhatIf(assignment_mode=mode), compare_modes=False)
        timings = dict(result.timings)
        if not args.no_write and result.solved:
            w0 = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                write_result_workbook(result, Path(tmp) / "r.xlsx")
            timings["write"] = time.perf_counter() - w0
        wall = time.perf_counter() - t0
        staged = sum(timings.values())
        ok = "within" if wall <= TARGETS.get(mode, float("inf")) else "OVER"
        print(f"{mode}: wall {wall:.1f} s (target {TARGETS.get(mode)} s: {ok}), stages sum "
              f"{staged:.1f} s = {staged / wall:.0%} of wall; status {result.plan.status.value}, "
              f"({result.plan.solver_status}), coverage {result.candidates.chosen.coverage}; "
              f"load {os.getloadavg()[0]:.1f}",
              flush=True)
        print("   " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(timings.items(),
                                                                   key=lambda kv: -kv[1])),
              flush=True)


if __name__ == "__main__":
    main()
