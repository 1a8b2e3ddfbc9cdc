"""Run the benchmarks and write ``benchmarks/README.md``.

    python -m benchmarks.run [--scales 1,2,4,8] [--repeats 3] [--naive-scales 1] [--quick]

Every measured run is a fresh child process (``python -m benchmarks.run --child ...``), so the
end-to-end time includes the interpreter start and the imports, as ``planner solve`` does, and the
peak memory is that process's own ``ru_maxrss`` (and that of its children: CBC runs as one).
Tables report medians over the repeats.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAGES = ("read", "validate", "build", "solve", "extract", "indicators", "write", "confirm")


# --- children: one measured run each ------------------------------------------------------------

def _child(args: argparse.Namespace) -> dict:
    """Run one measured job in this process and return its figures."""
    started = time.perf_counter()
    if args.child == "pipeline":
        out = _pipeline(args)
    elif args.child == "floor":
        from benchmarks import floor

        t, s = floor.run(args.workbook, args.out)
        t.setdefault("extract", 0.0)
        out = {"stages": t, "objective": s.objective, "status": s.status}
    elif args.child == "naive":
        from benchmarks import naive

        t, obj, status = naive.run(args.workbook, args.out, solver=args.solver)
        t.setdefault("extract", 0.0)
        out = {"stages": t, "objective": obj, "status": status}
    elif args.child == "whatif":
        out = _whatif(args)
    elif args.child == "order":
        out = _order(args)
    else:
        raise SystemExit(f"unknown child {args.child}")
    out["inside"] = time.perf_counter() - started
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out["peak_mb"] = max(me, kids) / 1024.0  # Linux: kilobytes
    cpu = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    out["cpu"] = sum(r.ru_utime + r.ru_stime for r in cpu)  # robust on a shared machine
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _pipeline(args: argparse.Namespace) -> dict:
    """What ``planner solve WORKBOOK --out OUT [--solver S] [--time-limit T]`` runs."""
    from planner.core.scenario import WhatIf
    from planner.pipeline import solve_workbook

    what_if = WhatIf(time_limit=args.time_limit) if args.time_limit else None
    peaks: dict[str, float] = {}
    current = ["start"]

    def step(name: str) -> None:  # peak memory reached by the end of each stage
        peaks[current[0]] = _peak_mb()
        current[0] = name

    with _timing_confirm() as spent:
        r = solve_workbook(args.workbook, args.out, what_if, solver=args.solver or None,
                           progress=step)
    step("end")
    t = dict(r.timings)
    t["solve"] = t.get("solve", 0.0) + t.pop("relax", 0.0)
    if "write" in t:  # the sensibilidad sheet's integer re-solves, apart from the tables
        t["confirm"] = spent[0]
        t["write"] -= spent[0]
    return {"stages": t, "peaks": peaks, "objective": r.plan.objective,
            "status": r.plan.status.value,
            "lp_bound": r.plan.lp_bound, "gap": r.plan.gap, "solver": r.plan.solver,
            "n_variables": r.plan.n_variables, "n_constraints": r.plan.n_constraints}


@contextlib.contextmanager
def _timing_confirm() -> Iterator[list[float]]:
    """Time the marginal-value confirmation re-solves (planner.pipeline) inside *write*."""
    spent = [0.0]
    try:
        import planner.pipeline as sens
    except ImportError:
        yield spent
        return
    original = getattr(sens, "confirm_marginals", None)
    if original is None:
        yield spent
        return

    def timed(*args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    sens.confirm_marginals = timed
    try:
        yield spent
    finally:
        sens.confirm_marginals = original


WHAT_IFS = (("presupuesto −10 %", {"budget": 0.9}), ("presupuesto +10 %", {"budget": 1.1}),
            ("meta 3 médicos por centro", {"target": 3}),
            ("bono Zona 3 +20 %", {"bonus": 1.2}),
            ("+200 anestesiólogos", {"supply": 200}))


def _whatif(args: argparse.Namespace) -> dict:
    """The app's path: the scenario loaded once, then each what-if re-solved (pipeline.solve)."""
    from models.settings import SolverSettings
    from planner.core.scenario import WhatIf
    from planner.core.schema import SPECIALTY
    from planner.pipeline import load_scenario, settings_for, solve

    scenario, _ = load_scenario(args.workbook)
    settings = settings_for(scenario, args.solver or None, SolverSettings())
    t0 = time.perf_counter()
    solve(scenario, None, settings)
    first = time.perf_counter() - t0
    rows = []
    for label, change in WHAT_IFS:
        kw: dict = {}
        if "budget" in change:
            kw["budget"] = scenario.params.budget * change["budget"]
        if "target" in change:
            kw["target"] = change["target"]
        if "bonus" in change:
            kw["bonus"] = {(SPECIALTY, 3): float(scenario.bonuses.loc[(SPECIALTY, 3), "bonus"])
                           * change["bonus"]}
        if "supply" in change:
            total = int(scenario.supply_by_category()["Anestesiología"])
            kw["supply"] = {"Anestesiología": total + change["supply"]}
        t0 = time.perf_counter()
        r = solve(scenario, WhatIf(**kw), settings)
        rows.append({"what_if": label, "seconds": time.perf_counter() - t0,
                     "status": r.plan.status.value, "objective": r.plan.objective,
                     "stages": dict(r.timings)})
    return {"first": first, "rows": rows}


ORDERS = {
    "pares (entidad, clues, categoría)": None,
    "categoría primero": ["category", "state_code", "clues"],
    "peso descendente": ["weight"],
}


def _order(args: argparse.Namespace) -> dict:
    """The same model with the x columns named (so handed to the solver) in another order."""
    from models.allocation import build_allocation, placement_pairs
    from models.settings import SolverSettings
    from models.solve import solve_model
    from planner.pipeline import load_scenario

    scenario, _ = load_scenario(args.workbook)
    pairs = placement_pairs(scenario)
    keys = ORDERS[args.order]
    if keys == ["weight"]:
        pairs = pairs.sort_values("weight", ascending=False, kind="stable")
    elif keys:
        order = {c: i for i, c in enumerate(scenario.categories.index)}
        pairs = pairs.assign(category_rank=pairs["category"].map(order)).sort_values(
            ["category_rank", *keys[1:]], kind="stable").drop(columns="category_rank")
    pairs = pairs.reset_index(drop=True)
    settings = SolverSettings(solver=args.solver, time_limit=scenario.params.time_limit,
                              mip_gap=scenario.params.mip_gap, relaxation=False)
    model = build_allocation(scenario, pairs)
    t0 = time.perf_counter()
    plan = solve_model(model, settings)
    return {"seconds": time.perf_counter() - t0, "objective": plan.objective,
            "status": plan.status.value}


# --- parent: spawn, collect, tabulate -----------------------------------------------------------

def spawn(child: str, workbook: Path, solver: str = "", out: bool = True,
          time_limit: float | None = None, order: str = "", timeout: float = 3600) -> dict:
    """Run one child process; its figures plus ``wall`` (seconds from spawn to exit)."""
    with tempfile.TemporaryDirectory(prefix="bench_") as tmp:
        res = Path(tmp) / "res.json"
        cmd = [sys.executable, "-m", "benchmarks.run", "--child", child, "--workbook",
               str(workbook), "--result", str(res), "--solver", solver, "--order", order]
        if out:
            cmd += ["--out", str(Path(tmp) / "resultado.xlsx")]
        if time_limit:
            cmd += ["--time-limit", str(time_limit)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"{child} failed:\n{proc.stderr[-3000:]}")
        data = json.loads(res.read_text())
    data["wall"] = wall
    return data


def median(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def summarise(runs: list[dict]) -> dict:
    """Medians of every stage, of the wall time and of the peak memory."""
    stages = {s: median([r["stages"].get(s) for r in runs]) for s in STAGES}
    return {"stages": stages, "wall": median([r["wall"] for r in runs]),
            "cpu": median([r.get("cpu") for r in runs]),
            "peak_mb": median([r["peak_mb"] for r in runs]), "objective": runs[0]["objective"],
            "status": runs[0].get("status"), "n": len(runs),
            "objectives": sorted({round(r["objective"], 6) for r in runs
                                  if r["objective"] is not None}),
            "each_solve": [r["stages"].get("solve") for r in runs],
            "peaks": {s: median([r.get("peaks", {}).get(s) for r in runs])
                      for s in ("start", "read", "validate", "solve", "indicators", "write")},
            "n_variables": runs[0].get("n_variables"),
            "n_constraints": runs[0].get("n_constraints")}


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None else a - (b or 0.0)


def fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b <= 0:
        return "—"
    return f"{a / b:.2f}×"


def stage_table(results: dict[float, dict[str, dict]]) -> list[str]:
    """Markdown: per scale, per path, seconds per stage, end to end, peak memory."""
    lines = ["| k | path | " + " | ".join(STAGES) + " | end to end | end to end − confirm | "
             "CPU s | peak MB | objective | status |",
             "|---|---|" + "---:|" * (len(STAGES) + 5) + "---|"]
    for k, paths in results.items():
        for name, s in paths.items():
            cells = [fmt(s["stages"][st]) for st in STAGES]
            lines.append(f"| {k:g} | {name} | " + " | ".join(cells) +
                         f" | **{fmt(s['wall'])}** | {fmt(_minus(s['wall'], s['stages']['confirm']))}"
                         f" | {fmt(s['cpu'])} | {fmt(s['peak_mb'], 0)} | "
                         f"{fmt(s['objective'], 4)} | {s['status']} |")
    return lines


def ratio_table(results: dict[float, dict[str, dict]], a: str, b: str) -> list[str]:
    lines = ["| k | " + " | ".join(STAGES) + " | end to end | end to end − confirm | CPU |",
             "|---|" + "---:|" * (len(STAGES) + 3)]
    for k, paths in results.items():
        if a not in paths or b not in paths:
            continue
        pa, pb = paths[a], paths[b]
        cells = []
        for st in STAGES:
            x, y = pa["stages"][st], pb["stages"][st]
            cells.append(ratio(x, y) if (y or 0) >= 0.1 else f"{fmt(x)} s vs {fmt(y)} s")
        lines.append(f"| {k:g} | " + " | ".join(cells) +
                     f" | **{ratio(pa['wall'], pb['wall'])}** | "
                     f"{ratio(_minus(pa['wall'], pa['stages']['confirm']), pb['wall'])} | "
                     f"{ratio(pa['cpu'], pb['cpu'])} |")
    return lines


def machine() -> list[str]:
    import highspy
    import numpy
    import openpyxl
    import pandas
    import pulp

    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    h = highspy.Highs
    hv = f"{h().versionMajor()}.{h().versionMinor()}.{h().versionPatch()}" \
        if hasattr(h(), "versionMajor") else "?"
    return [
        f"- Machine: {cpu}, {os.cpu_count()} logical CPUs, {mem} RAM, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}; PuLP {pulp.__version__} (bundled CBC "
        f"{_cbc_version()}); highspy {hv}; numpy {numpy.__version__}; pandas "
        f"{pandas.__version__}; openpyxl {openpyxl.__version__}",
    ]


def _cbc_version() -> str:
    import pulp

    try:
        path = pulp.PULP_CBC_CMD().path
        proc = subprocess.run([path, "-quit"], capture_output=True, text=True, timeout=20)
        for line in proc.stdout.splitlines():
            if line.strip().startswith("Version:"):
                return line.split(":", 1)[1].strip()
    except Exception:
        pass
    return "?"


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Benchmarks of the planner (tables in README.md).")
    ap.add_argument("--scales", default="1,2,4,8")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--naive-scales", default="1",
                    help="scales at which the naive path also runs (it grows quadratically)")
    ap.add_argument("--big-repeats", type=int, default=1,
                    help="repeats at scales above 2 (minutes each; 3 for medians there)")
    ap.add_argument("--naive-repeats", type=int, default=1,
                    help="runs of the naive path (about a minute each at k = 1)")
    ap.add_argument("--solver-scales", default="1,2", help="scales of the HiGHS vs CBC table")
    ap.add_argument("--whatif-scale", type=float, default=1.0)
    ap.add_argument("--no-readme", action="store_true", help="print only; keep README.md")
    ap.add_argument("--render-only", action="store_true",
                    help="rewrite README.md from the last run's saved figures (no measuring)")
    ap.add_argument("--quick", action="store_true",
                    help="scales 1,2, one repeat, no naive, no order study (a smoke run)")
    # child mode
    ap.add_argument("--child", default="")
    ap.add_argument("--workbook", default="")
    ap.add_argument("--result", default="")
    ap.add_argument("--out", default=None)
    ap.add_argument("--solver", default="")
    ap.add_argument("--order", default="")
    ap.add_argument("--time-limit", type=float, default=None)
    args = ap.parse_args(argv)

    if args.child:
        data = _child(args)
        Path(args.result).write_text(json.dumps(data, default=float))
        return

    if args.quick:
        args.scales, args.repeats, args.naive_scales = "1,2", 1, ""
    scales = [float(s) for s in args.scales.split(",") if s]
    naive_scales = {float(s) for s in args.naive_scales.split(",") if s}
    solver_scales = [float(s) for s in args.solver_scales.split(",") if s]
    from benchmarks import generate
    from models.settings import DEFAULT_SOLVER

    started = time.perf_counter()
    report: list[str] = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        report.append(line)

    results: dict[float, dict[str, dict]] = {}
    solvers: dict[float, dict[str, dict]] = {}
    limited: list[dict] = []
    orders: dict[str, dict[str, float | None]] = {}
    whatif_runs: list[dict] = []

    def render() -> None:
        """Write what has been measured so far (README.md is rewritten after each part)."""
        report.clear()
        minutes, load = _save_or_load(state, args, (time.perf_counter() - started) / 60)
        say("# Benchmarks: the planner against the floor")
        say()
        say("Generated by `python -m benchmarks.run` (`make bench`); do not edit by hand. "
            f"Arguments: scales {args.scales}, {args.repeats} repeats ({args.big_repeats} above "
            f"k = 2), naive at {args.naive_scales or 'none'} ({args.naive_repeats} run). Time "
            f"spent when this was written: {minutes:.1f} min.")
        say()
        for line in machine():
            say(line)
        say(f"- Load average (1, 5, 15 min) at the end of the run: "
            f"{', '.join(f'{x:.1f}' for x in load) if load[0] == load[0] else 'not recorded'} — the machine is shared with other "
            "engineers' jobs, so wall-clock seconds carry noise; CPU seconds are steadier.")
        say(f"- Default solver: `{DEFAULT_SOLVER}` (models/settings.py). Seconds are medians of "
            f"{args.repeats} runs, each a fresh process; peak memory is the process's ru_maxrss "
            "(CBC's own process included).")
        say()
        say("## Instances")
        say()
        say("`benchmarks/generate.py`, seed 20240411: at k = 1, 700 hospitals (282 bonus-eligible), "
            "12,000 centres, 23 states, 15 specialties + Medicina general, 4,010 + 5,850 candidates, "
            "a binding monthly bonus budget; every count × k.")
        say()
        say("| k | units | variables | constraints |")
        say("|---|---:|---:|---:|")
        for k in results:
            c = generate.counts(k)
            say(f"| {k:g} | {c['hospitals'] + c['centres']:,} | "
                f"{_first(results[k], 'n_variables')} | {_first(results[k], 'n_constraints')} |")
        say()
        say("## Stage by stage (seconds, medians)")
        say()
        say("*planner*: `planner solve WORKBOOK --out RESULT.xlsx` (the same `solve_workbook` call, in "
            "a fresh process); *floor*: `benchmarks/floor.py` (calamine → numpy → one highspy "
            "`passModel`, LP + MIP with the same options, openpyxl write-only, no validation); "
            "*naive*: `benchmarks/naive.py` (pandas.read_excel, PuLP `+=` in loops with built-in "
            "`sum()`, bundled CBC, `to_excel`). *solve* is LP relaxation + MIP; *end to end* is the "
            "process's wall time, interpreter start and imports included. *confirm* is the part of "
            "writing the result spent re-solving the integer model to confirm the marginal "
            "values of the `sensibilidad` sheet (planner.pipeline.confirm_marginals, up to 8 re-solves "
            "or 120 s); *write* is the rest.")
        say()
        for line in stage_table(results):
            say(line)
        say()
        say("### Peak memory of the planner by stage (MB, ru_maxrss at the end of each stage)")
        say()
        say("| k | imports | read | validate | build + solve | indicators | write |")
        say("|---|---:|---:|---:|---:|---:|---:|")
        for k, paths in results.items():
            pk = paths["planner"]["peaks"]
            say(f"| {k:g} | " + " | ".join(fmt(pk.get(s), 0) for s in (
                "start", "read", "validate", "solve", "indicators", "write")) + " |")
        say()
        say("### Ratio planner / floor")
        say()
        for line in ratio_table(results, "planner", "floor"):
            say(line)
        say()
        bad, limited_k = [], []
        for k, p in results.items():
            proven = [r for r in p.values() if str(r["status"]).lower() == "optimal"]
            if len(proven) < len(p):  # a time limit: incumbents may differ, nothing to check
                limited_k.append(k)
            objs = [o for r in proven for o in r["objectives"]]
            if objs and max(objs) - min(objs) > 1e-6 * max(1.0, abs(max(objs))):
                bad.append(k)
        say("Objectives: planner, floor" + (" and naive" if naive_scales else "") +
            (" agree wherever all reached a proven optimum (1e-6 relative)." if not bad else
             f" DISAGREE at k = {', '.join(f'{k:g}' for k in bad)}.") +
            (f" At k = {', '.join(f'{k:g}' for k in limited_k)} a run stopped at the time limit "
             "(status above): its incumbent is not a proven optimum and is not compared."
             if limited_k else ""))
        say()
        if solvers:
            say("## Default solver: HiGHS vs CBC through the pipeline")
            say()
            say("| k | solver | build | solve (LP + MIP) | solve, each run | end to end | peak MB | "
                "objective |")
            say("|---|---|---:|---:|---|---:|---:|---:|")
            for k, by in solvers.items():
                for solver, s in by.items():
                    each = ", ".join(fmt(x) for x in s["each_solve"])
                    say(f"| {k:g} | {solver} | {fmt(s['stages']['build'])} | "
                        f"{fmt(s['stages']['solve'])} | {each} | {fmt(s['wall'])} | "
                        f"{fmt(s['peak_mb'], 0)} | "
                        f"{fmt(s['objective'], 4)} |")
            say()
            say("Under a short time limit (`--time-limit`; one limit for the LP relaxation and "
                "the MIP together since d59e0a6, earlier one for each):")
            say()
            say("| k | limit s | solver | status | objective | gap | solve s |")
            say("|---|---:|---|---|---:|---:|---:|")
            for r in limited:
                say(f"| {r['k']:g} | {r['limit']:g} | {r['solver']} | {r['status']} | "
                    f"{fmt(r['objective'], 4)} | {fmt(r['gap'], 6) if r['gap'] is not None else '—'}"
                    f" | {fmt(r['stages']['solve'])} |")
            say()
        if orders:
            say("## Column order handed to the solver (k = 1, MIP only, seconds)")
            say()
            say("PuLP sorts variables by name; the pipeline names `x_000000…` in the order of the "
                "pairs table, so the naming order is the column order.")
            say()
            say("| order of x | HiGHS | CBC |")
            say("|---|---:|---:|")
            for order, v in orders.items():
                say(f"| {order} | {fmt(v['highs'])} | {fmt(v['cbc'])} |")
            say()
        if not whatif_runs:
            return _write(report, args)
        say(f"## What-if re-solves (the app's path, k = {args.whatif_scale:g})")
        say()
        say("Scenario loaded once; each change applied with `apply_overrides` and solved with "
            "`pipeline.solve` (model build, LP relaxation, MIP, indicators, hand rule).")
        say()
        say("| what-if | seconds (median) | status |")
        say("|---|---:|---|")
        say(f"| first solve | {fmt(median([r['first'] for r in whatif_runs]))} | |")
        for i, (label, _) in enumerate(WHAT_IFS):
            rows = [r["rows"][i] for r in whatif_runs]
            say(f"| {label} | {fmt(median([r['seconds'] for r in rows]))} | {rows[0]['status']} |")
        say()
        _write(report, args)

    state = {"results": results, "solvers": solvers, "limited": limited, "orders": orders,
             "whatif_runs": whatif_runs}
    if args.render_only:  # the last run's figures again, e.g. after editing NOTES.md
        render()
        return

    # 1. What-if re-solves (the app's path) at k = whatif_scale.
    wb = generate.cached(args.whatif_scale)
    whatif_runs.extend(spawn("whatif", wb, out=False) for _ in range(args.repeats))
    render()


    # 2. HiGHS vs CBC through the pipeline, and under a short time limit.
    if not args.quick:
        for k in solver_scales:
            wb = generate.cached(k)
            solvers[k] = {}
            for solver in ("highs", "cbc"):
                rr = [spawn("pipeline", wb, solver=solver, out=False)
                      for _ in range(args.repeats)]
                solvers[k][solver] = summarise(rr)
            for limit in (1.0, 2.0):
                for solver in ("highs", "cbc"):
                    r = spawn("pipeline", wb, solver=solver, out=False, time_limit=limit)
                    limited.append({"k": k, "limit": limit, "solver": solver, **r})
            render()

    # 3. Stage table: pipeline (default solver) vs floor (vs naive at small scales).
    for k in scales:
        wb = generate.cached(k)
        print(f"k = {k:g}: {wb}", file=sys.stderr, flush=True)
        paths: dict[str, dict] = {}
        runs = {"planner": [], "floor": [], "naive": []}
        for _ in range(args.repeats if k <= 2 else args.big_repeats):
            runs["planner"].append(spawn("pipeline", wb))
            runs["floor"].append(spawn("floor", wb))
        for _ in range(args.naive_repeats if k in naive_scales else 0):
            runs["naive"].append(spawn("naive", wb, solver="cbc"))
        for name, rr in runs.items():
            if rr:
                paths[name] = summarise(rr)
        results[k] = paths
        print(f"  planner {fmt(paths['planner']['wall'])} s, floor "
              f"{fmt(paths['floor']['wall'])} s", file=sys.stderr, flush=True)
        render()


    # 4. Variable order (names, hence columns handed to the solver) at k = 1.
    if not args.quick:
        wb = generate.cached(1.0)
        for order in ORDERS:
            orders[order] = {}
            for solver in ("highs", "cbc"):
                rr = [spawn("order", wb, solver=solver, out=False, order=order)
                      for _ in range(args.repeats)]
                orders[order][solver] = median([r["seconds"] for r in rr])
                orders[order][solver + "_obj"] = rr[0]["objective"]
        render()

    render()
    print(f"total {(time.perf_counter() - started) / 60:.1f} min", file=sys.stderr)


LAST_RUN = HERE / ".cache" / "last_run.json"


def _save_or_load(state: dict, args: argparse.Namespace,
                  minutes: float) -> tuple[float, list[float]]:
    """Keep the figures measured so far in LAST_RUN, or (``--render-only``) load them back into
    ``state``; returns the minutes the run had taken and the load average then."""
    if args.render_only:
        saved = json.loads(LAST_RUN.read_text())
        for name in ("results", "solvers"):
            state[name].clear()
            state[name].update({float(k): v for k, v in saved[name].items()})
        for name in ("limited", "whatif_runs"):
            state[name][:] = saved[name]
        state["orders"].clear()
        state["orders"].update(saved["orders"])
        for key in ("scales", "repeats", "big_repeats", "naive_scales", "naive_repeats",
                    "whatif_scale"):
            setattr(args, key, saved["args"][key])
        return float(saved["minutes"]), saved.get("load", [float("nan")] * 3)
    LAST_RUN.parent.mkdir(exist_ok=True)
    saved = {name: value for name, value in state.items()}
    saved["args"] = {key: getattr(args, key) for key in (
        "scales", "repeats", "big_repeats", "naive_scales", "naive_repeats", "whatif_scale")}
    saved["minutes"] = minutes
    saved["load"] = list(os.getloadavg())
    LAST_RUN.write_text(json.dumps(saved, default=float))
    return minutes, saved["load"]


def _write(report: list[str], args: argparse.Namespace) -> None:
    """README.md: the generated tables, then the hand-written NOTES.md."""
    if not args.no_readme:
        notes = HERE / "NOTES.md"
        extra = notes.read_text() if notes.exists() else ""
        (HERE / "README.md").write_text("\n".join(report) + "\n" + extra)


def _first(paths: dict[str, dict], key: str) -> str:
    value = paths.get("planner", {}).get(key)
    return "—" if value is None else f"{value:,}"


if __name__ == "__main__":
    main()
