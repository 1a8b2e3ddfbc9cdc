"""Acceptance-aware national plan, end to end (issue 13): not a timed test, a measurement.

    python -m benchmarks.acceptance [--workbook inputs/nacional_2024.xlsx] [--draws 1000]
                                    [--seed 0] [--out benchmarks/acceptance.json]

One process: read + validate the workbook, solve it as written (national default: por_hospital,
5 bonus levels per zone, expected budget, gap 0.01 %) with the 2024 policy beside it (the hand
rule on the uniform bonus), simulate both with common random numbers, write the result
workbook. Prints the figures and the seconds of each stage as one JSON object; ``--fijo`` also
solves the same workbook with ``modo_bono = fijo`` (the 2024 bonus, acceptance-weighted).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(workbook: Path, draws: int, seed: int, fijo: bool, mip_gap: float | None) -> dict:
    t0 = time.perf_counter()
    from planner.analysis.expected import acceptance_report
    from planner.core.scenario import WhatIf
    from planner.pipeline import load_scenario, solve
    from planner.report.result_book import write_result_workbook

    imports = time.perf_counter() - t0
    t = time.perf_counter()
    scenario, _ = load_scenario(workbook)
    read = time.perf_counter() - t
    t = time.perf_counter()
    result = solve(scenario, WhatIf(mip_gap=mip_gap) if mip_gap is not None else None)
    solve_s = time.perf_counter() - t
    t = time.perf_counter()
    report = acceptance_report(result, draws, seed)
    simulate_s = time.perf_counter() - t
    from dataclasses import replace

    result = replace(result, acceptance=report)
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_result_workbook(result, Path(tmp) / "r.xlsx")
    write_s = time.perf_counter() - t
    h = report.headline
    out = {
        "workbook": str(workbook), "mode": result.scenario.params.bonus_mode,
        "budget": result.scenario.params.budget, "mip_gap": result.scenario.params.mip_gap,
        "status": result.plan.status.value, "gap": result.plan.gap,
        "objective": result.plan.objective, "hand_objective": result.hand.objective,
        "draws": draws, "seed": seed,
        **{k: round(float(v), 2) for k, v in h.items()},
        "bonus_levels_offers": {f"{b:,.0f}": int(n) for b, n in result.plan.placements[
            result.plan.placements["placed"] > 0].groupby("bonus")["placed"].sum().items()},
        "seconds": {"imports": round(imports, 2), "read_validate": round(read, 2),
                    "solve_with_hand_rule": round(solve_s, 2),
                    "solver_stages": {k: round(v, 2) for k, v in result.plan.timings.items()},
                    "simulate_compare": round(simulate_s, 2), "write": round(write_s, 2),
                    "end_to_end": round(time.perf_counter() - t0, 2)},
    }
    if fijo:
        t = time.perf_counter()
        fixed = solve(scenario, WhatIf(bonus_mode="fijo"))
        rep = acceptance_report(fixed, draws, seed)
        out["fijo"] = {"status": fixed.plan.status.value, "objective": fixed.plan.objective,
                       "expected_filled": rep.headline["expected_filled"],
                       "expected_bonus": rep.headline["expected_bonus"],
                       "filled_p10": rep.headline["filled_p10"],
                       "filled_p90": rep.headline["filled_p90"],
                       "seconds": round(time.perf_counter() - t, 2)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workbook", type=Path, default=ROOT / "inputs" / "nacional_2024.xlsx")
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fijo", action="store_true")
    ap.add_argument("--mip-gap", type=float, default=None)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    figures = run(args.workbook, args.draws, args.seed, args.fijo, args.mip_gap)
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
