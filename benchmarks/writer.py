"""Writing the result workbook: openpyxl cell by cell against the bulk-rendered bodies.

    python -m benchmarks.writer [--repeats 5] [--only national hidalgo k8]

Solves each scenario once (national with its acceptance curves and a 1,000-draw simulation,
as ``benchmarks.acceptance``; Hidalgo; the generated k = 8 workbook, exact solver; by default
the first two), then times ``write_result_workbook`` alternately with ``result_book.BOOK =
openpyxl.Workbook`` (every cell an openpyxl cell: the writer before planner/io/fast_xlsx.py)
and with ``StreamedWorkbook`` (the default), in the same process. Prints a markdown table of
medians, the cells written, the file sizes and the load average, for benchmarks/README.md.
Not a test: tests/test_result_book_fast.py checks that both give the same workbook.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent


def _results(only: list[str]):
    from planner.analysis.expected import acceptance_report
    from planner.pipeline import load_scenario, solve

    if "national" in only:
        scenario, _ = load_scenario(ROOT / "inputs" / "nacional_2024.xlsx")
        national = solve(scenario)
        yield "national, acceptance + 1,000 draws", replace(
            national, acceptance=acceptance_report(national, 1000, 0))
    if "hidalgo" in only:
        scenario, _ = load_scenario(ROOT / "inputs" / "hidalgo_2025.xlsx")
        yield "Hidalgo", solve(scenario)
    if "k8" in only:
        from benchmarks.generate import cached

        scenario, _ = load_scenario(cached(8))
        yield "generated k = 8", solve(scenario)


def _time(result, book: type, folder: Path) -> tuple[float, int]:
    from planner.report import result_book

    saved = result_book.BOOK
    result_book.BOOK = book
    try:
        t = time.perf_counter()
        path = result_book.write_result_workbook(result, folder / f"{book.__name__}.xlsx")
        seconds = time.perf_counter() - t
    finally:
        result_book.BOOK = saved
    return seconds, path.stat().st_size


def main(argv: list[str] | None = None) -> None:
    from planner.io.fast_xlsx import StreamedWorkbook

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--only", nargs="+", default=["national", "hidalgo"],
                    choices=["national", "hidalgo", "k8"])
    args = ap.parse_args(argv)
    rows = []
    loads = [os.getloadavg()[0]]
    for name, result in _results(args.only):
        ind = result.indicators
        cells = sum(df.size for df in (ind.assignments, ind.units, ind.by_category, ind.by_state))
        times: dict[str, list[float]] = {"openpyxl": [], "fast": []}
        sizes = {}
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.repeats):  # alternate, so load changes hit both alike
                for label, book in (("openpyxl", Workbook), ("fast", StreamedWorkbook)):
                    seconds, sizes[label] = _time(result, book, Path(tmp))
                    times[label].append(seconds)
                loads.append(os.getloadavg()[0])
        old, new = (statistics.median(times[k]) for k in ("openpyxl", "fast"))
        rows.append(f"| {name} | {cells:,} | {old:.2f} | {new:.2f} | {old / new:.1f}× | "
                    f"{sizes['openpyxl'] / 1e6:.2f} / {sizes['fast'] / 1e6:.2f} |")
        print(name, {k: [round(x, 2) for x in v] for k, v in times.items()}, flush=True)
    print(f"\nmedians of {args.repeats}, load average (1 min) {min(loads):.1f}–{max(loads):.1f}"
          f" on {os.cpu_count()} cores\n")
    print("| result | table cells | openpyxl cell by cell, s | bulk bodies, s | ratio | "
          "MB (openpyxl / bulk) |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
