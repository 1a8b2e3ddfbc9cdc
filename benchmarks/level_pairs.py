"""``models.acceptance.level_pairs`` (the por_hospital expansion) before and after numpy.

    python -m benchmarks.level_pairs [--repeats 15]

*before* is the former loop over pairs with the former pandas-groupby ``probability``, kept as
the reference in tests/test_level_pairs.py (which asserts both give the same frame); *after* is
the code now. Milliseconds (best and median of ``--repeats``) on the national workbook
(por_hospital, 12,922 pairs → 20,910 rows) and Hidalgo (fijo, 338 pairs), plus the whole
``pipeline.solve`` of the national default (exact por_hospital) with each, interleaved. Not a
test.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _times(fn, repeats: int) -> tuple[float, float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    out.sort()
    return out[0], out[len(out) // 2]


def main(argv: list[str] | None = None) -> int:
    import models.acceptance as acc
    from models.allocation import placement_pairs
    from planner.pipeline import load_scenario, solve
    from tests.test_level_pairs import level_pairs_loop

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    after = acc.level_pairs
    print(f"load {os.getloadavg()[0]:.2f}")
    print("| workbook | pairs | rows | before best / median (ms) | after best / median (ms) |")
    print("|---|---:|---:|---:|---:|")
    national = None
    for name in ("nacional_2024.xlsx", "hidalgo_2025.xlsx"):
        scenario, _ = load_scenario(ROOT / "inputs" / name)
        national = national or scenario
        pairs = placement_pairs(scenario)
        rows = len(after(scenario, pairs))
        b = _times(lambda s=scenario, p=pairs: level_pairs_loop(s, p), args.repeats)
        a = _times(lambda s=scenario, p=pairs: after(s, p), args.repeats)
        print(f"| {name} | {len(pairs):,} | {rows:,} | {b[0] * 1e3:.1f} / {b[1] * 1e3:.1f} | "
              f"{a[0] * 1e3:.1f} / {a[1] * 1e3:.1f} |")
    solve(national)  # warm
    runs: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(5):
        for label, fn in (("before", level_pairs_loop), ("after", after)):
            acc.level_pairs = fn
            t0 = time.perf_counter()
            solve(national)
            runs[label].append(time.perf_counter() - t0)
    acc.level_pairs = after
    for label, v in runs.items():
        v.sort()
        print(f"national solve(), {label}: best {v[0]:.3f} s, median {v[2]:.3f} s")
    print(f"load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
