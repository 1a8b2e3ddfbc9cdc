"""What-if latency of the app: how long a planner waits after pressing «Calcular escenario».

    python -m benchmarks.app_latency [--workbook inputs/nacional_2024.xlsx] [--repeats 5]
                                     [--result-workbook]

The scenario is loaded once (the app caches it); each what-if is then solved ``--repeats`` times
with ``planner.pipeline.solve`` — exactly the app's call — and the median, minimum and maximum
are printed, with the median of each stage (``result.timings``). A last row times what the app
computes to draw the page (headline figures, map spec, charts, unit table, marginal sentences).
``--result-workbook`` also times the result workbook the download button prepares (slow on the
national scenario: it confirms marginal values with integer re-solves). Target: median ≤ 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from planner.core.result import Result
from planner.core.scenario import Scenario, WhatIf
from planner.pipeline import load_scenario, solve
from planner.ui.sources import DEFAULT_WORKBOOK

TARGET_S = 1.0


def what_ifs(scenario: Scenario) -> dict[str, WhatIf]:
    """The what-ifs a planner tries first, relative to the scenario's own values."""
    p = scenario.params
    trunk = scenario.categories.index[scenario.categories["trunk"]].tolist()
    supply = scenario.supply_by_category()
    more = {trunk[0]: int(supply[trunk[0]]) + 50} if trunk else {}
    return {
        "presupuesto −25 %": WhatIf(budget=0.75 * p.budget),
        "presupuesto $10 M": WhatIf(budget=10_000_000),
        "meta 3 por centro": WhatIf(target=p.target + 1),
        "bono zona 2 +$2,000": WhatIf(bonus={("especialidad", 2): 12_979.0}),
        f"+50 {trunk[0] if trunk else ''}".strip(): WhatIf(supply=more),
    }


def timed(fn: Callable[[], object], repeats: int) -> tuple[list[float], list]:
    """Wall times of ``repeats`` calls of ``fn`` and the values returned."""
    times, values = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        values.append(fn())
        times.append(time.perf_counter() - t0)
    return times, values


def render_prep(result: Result, baseline: Result) -> None:
    """What the app computes to draw one page of results (no Streamlit)."""
    from planner.analysis import marginals as sensitivity
    from planner.ui import charts, figures, tables

    ind = result.indicators
    figures.headline_figures(result, baseline)
    figures.hand_rule_table(result)
    charts.states_map(ind.by_state)
    charts.state_at_target_chart(ind.by_state).to_dict()
    charts.state_spec_gap_chart(ind.by_state).to_dict()
    charts.category_gap_chart(ind.by_category).to_dict()
    tables.units_table(result, tables.UnitFilter(), "es")
    tables.specialty_table(result)
    sensitivity.marginal_table(result, confirm=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.app_latency",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--workbook", type=Path, default=DEFAULT_WORKBOOK)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--result-workbook", action="store_true",
                        help="also time the result workbook the download prepares")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    scenario, _ = load_scenario(args.workbook)
    load_s = time.perf_counter() - t0
    base_times, (baseline,) = timed(lambda: solve(scenario), 1)
    print(f"Libro: {args.workbook.name} · {len(scenario.units):,} unidades · "
          f"{len(scenario.staffing):,} filas de plantilla")
    print(f"Carga y validación (una vez, en caché): {load_s:.2f} s · plan base: "
          f"{base_times[0]:.2f} s\n")

    # "start": the por_hospital path's levels rounded and the fixed-level model solved
    stages = ("build", "relax", "solve", "start", "extract", "indicators")
    head = f"{'qué pasa si':<26}{'mediana':>9}{'mín':>7}{'máx':>7}  " + "".join(
        f"{s:>11}" for s in stages) + "   estado"
    print(head)
    print("-" * len(head))
    medians = []
    for name, what_if in what_ifs(scenario).items():
        times, results = timed(lambda w=what_if: solve(scenario, w), args.repeats)
        result = results[-1]
        med = statistics.median(times)
        medians.append(med)
        st = "".join(f"{statistics.median(r.timings.get(s, 0.0) for r in results):>11.3f}"
                     for s in stages)
        print(f"{name:<26}{med:>9.2f}{min(times):>7.2f}{max(times):>7.2f}  {st}   "
              f"{result.plan.status.value}")
    prep, _ = timed(lambda: render_prep(result, baseline), args.repeats)
    print(f"{'preparar la página':<26}{statistics.median(prep):>9.2f}{min(prep):>7.2f}"
          f"{max(prep):>7.2f}")
    overall = statistics.median(medians)
    verdict = "cumple" if overall <= TARGET_S else "no cumple"
    print(f"\nMediana de las medianas de re-solución: {overall:.2f} s (meta ≤ {TARGET_S:.0f} s: "
          f"{verdict}). Etapas: medianas de result.timings en segundos; el resto del tiempo es la "
          f"regla manual y sus indicadores.")
    if args.result_workbook:
        from planner.ui.sources import result_workbook_bytes

        wb_times, (data,) = timed(lambda: result_workbook_bytes(baseline), 1)
        print(f"Libro de resultados para descargar: {wb_times[0]:.1f} s ({len(data) / 2**20:.1f} "
              f"MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
