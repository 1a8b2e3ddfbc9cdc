"""The candidates tab's wait, before and after computing only the chosen mode on click.

    python -m benchmarks.candidates_tab [--modes optimo estable]

National workbook with its bundled (SYNTHETIC) list of 15,674 candidates. Per mode, in one
process, wall and CPU seconds of: *before*, the tab's click as it was (``pipeline.solve`` with
both modes, for the price of stability); *after*, the click now (``compare_modes=False``: the
chosen mode only); and *compare*, the second button (``pipeline.compare_assignments``: the other
mode, the price and the blocking pairs). Also whether chosen + compare gave the same coverages,
price and blocking pairs as both at once (they do whenever both solves reach the same plan;
under heavy load ``optimo`` can stop at its time limit, and the figures say so). Not a test.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def _figures(result) -> tuple:
    cres = result.candidates
    opt, stab = cres.optimo, cres.estable
    return (None if opt is None else opt.coverage, None if stab is None else stab.coverage,
            cres.price_of_stability, None if opt is None else opt.blocking_pairs,
            None if opt is None else opt.plan.status.value)


def main(argv: list[str] | None = None) -> None:
    import warnings

    warnings.simplefilter("ignore")  # PuLP 4.0 deprecation notices, one per variable
    from planner.core.scenario import WhatIf
    from planner.pipeline import compare_assignments, load_scenario, solve

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modes", nargs="+", default=["optimo", "estable"])
    args = ap.parse_args(argv)
    scenario, _ = load_scenario(ROOT / "inputs" / "nacional_2024.xlsx")
    print(f"{len(scenario.candidates):,} candidates; load average {os.getloadavg()[0]:.1f}")
    print("| mode | before: both modes (wall / CPU s) | after: chosen only | compare button | "
          "same figures | load |")
    print("|---|---:|---:|---:|---|---:|")
    for mode in args.modes:
        what_if = WhatIf(assignment_mode=mode)
        both, bw, bc = _timed(lambda: solve(scenario, what_if))  # noqa: B023
        one, ow, oc = _timed(lambda: solve(scenario, what_if, compare_modes=False))  # noqa: B023
        cmp, cw, cc = _timed(lambda: compare_assignments(one))  # noqa: B023
        same = _figures(both) == _figures(cmp)
        print(f"| {mode} | {bw:.1f} / {bc:.1f} | {ow:.1f} / {oc:.1f} | {cw:.1f} / {cc:.1f} | "
              f"{'yes' if same else 'no: ' + str(_figures(both)) + ' vs ' + str(_figures(cmp))}"
              f" | {os.getloadavg()[0]:.1f} |", flush=True)


if __name__ == "__main__":
    main()
