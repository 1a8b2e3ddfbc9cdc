"""Benchmark of the registered-candidate modes (issue 14): national scenario, 15,000 candidates
with 5 options each, ``optimo`` and ``estable`` timed stage by stage. Not a test (no timing in
tests); the figures go in benchmarks/README.md.

    python -m benchmarks.candidates [--n 15000] [--options 5] [--repeats 1] [--seed 14]

The list is SYNTHETIC (seeded): categories in the 2024 registration proportions (2,706
specialists : 12,968 GPs), 80 % of the options in the candidate's state, 60 % CLUES, 35 %
municipality, 5 % whole state; units drawn leaning to less marginalized, more populous centres
(√(families + 1) × grade factor), every option holding a post of the candidate's category.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from models.allocation import placement_pairs
from models.matching import count_blocking_pairs, expand_choices, solve_estable, solve_optimo
from planner.data.candidatos import GRADE_PULL
from planner.pipeline import load_scenario, settings_for

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "inputs" / "nacional_2024.xlsx"
FORMS = (0.60, 0.35, 0.05)


def synthetic_list(scenario, n: int, n_options: int, seed: int) -> pd.DataFrame:
    """``n`` candidates with exactly ``n_options`` distinct options each (resolved form, as in
    ``Scenario.candidates``)."""
    rng = np.random.default_rng(seed)
    units = scenario.units
    pairs = placement_pairs(scenario)
    size = np.sqrt(units["families"].reindex(pairs["clues"]).to_numpy(dtype=float) + 1.0)
    pull = units["grade"].reindex(pairs["clues"]).map(GRADE_PULL).to_numpy(dtype=float)
    pairs = pairs.assign(w=size * pull)
    general = scenario.general_category
    spec_cats = [c for c in pairs["category"].unique() if c != general]
    n_spec = round(n * 2_706 / (2_706 + 12_968))
    cats = [general] * (n - n_spec) + [spec_cats[i % len(spec_cats)] for i in range(n_spec)]
    by_state_unit = units.groupby("state_code").groups
    by_mun = units.groupby(["state_code", "municipality"]).groups
    tables: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}
    for (cat, state), g in pairs.groupby(["category", "state_code"]):
        tables[(cat, int(state))] = (g["clues"].to_numpy(), (g["w"] / g["w"].sum()).to_numpy())
    states_of = {c: sorted(s for (k, s) in tables if k == c) for c in set(cats)}
    rows = []
    for i, cat in enumerate(cats):
        states = states_of[cat]
        home = states[int(rng.integers(len(states)))]
        opts: list[tuple[str, ...]] = []
        while len(opts) < n_options:
            st = home if rng.random() < 0.8 else states[int(rng.integers(len(states)))]
            clues, p = tables[(cat, st)]
            u = str(clues[rng.choice(len(clues), p=p)])
            form = rng.choice(3, p=FORMS)
            if form == 1 and (st, units.at[u, "municipality"]) not in by_mun:
                form = 0  # a real unit without a municipality (national data): its CLUES
            key = ((u,) if form == 0 else
                   tuple(sorted(by_mun[(st, units.at[u, "municipality"])])) if form == 1 else
                   tuple(sorted(by_state_unit[st])))
            if key not in opts:
                opts.append(key)
        rows.append({"folio": f"B{i:06d}", "category": cat, "state_code": home,
                     "score": float(rng.uniform(60, 100)), "row": i + 2,
                     **{f"option_{j}": opts[j - 1] if j <= n_options else ()
                        for j in range(1, 6)},
                     **{f"text_{j}": None for j in range(1, 6)}})
    return pd.DataFrame(rows)


def run_once(scenario, settings) -> dict[str, float]:
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    pairs = placement_pairs(scenario)
    choices = expand_choices(scenario, pairs)
    choices.prefs()
    out["expand"] = time.perf_counter() - t0
    out["load_1min"] = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    opt = solve_optimo(scenario, settings, pairs, choices)
    out["optimo"] = time.perf_counter() - t0
    out["optimo_cpu"] = time.process_time() - c0
    out.update({f"optimo_{k}": v for k, v in opt.timings.items() if k != "expand"})
    t0, c0 = time.perf_counter(), time.process_time()
    stab = solve_estable(scenario, settings, pairs, choices)
    out["estable"] = time.perf_counter() - t0
    out["estable_cpu"] = time.process_time() - c0
    out.update({f"estable_{k}": v for k, v in stab.timings.items() if k != "expand"})
    t0 = time.perf_counter()
    posts = opt.posts.assign(capacity=stab.posts["capacity"].to_numpy())
    blocking = count_blocking_pairs(opt.people, choices.prefs(), posts)
    out["blocking"] = time.perf_counter() - t0
    out.update(coverage_optimo=opt.coverage, coverage_estable=stab.coverage,
               placed_optimo=int((opt.people["pair"] >= 0).sum()),
               placed_estable=int((stab.people["pair"] >= 0).sum()),
               blocking_pairs_optimo=blocking, status_optimo=opt.plan.status.value,
               groups=len(choices.groups), nodes=len(choices.nodes),
               node_posts=len(choices.node_posts), prefs=len(choices.prefs()),
               variables=opt.plan.n_variables, constraints=opt.plan.n_constraints)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.candidates")
    ap.add_argument("--workbook", default=str(NATIONAL))
    ap.add_argument("--n", type=int, default=15_000)
    ap.add_argument("--options", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--bundled", action="store_true",
                    help="use the workbook's own candidatos sheet instead of a generated list")
    args = ap.parse_args(argv)
    scenario, _ = load_scenario(args.workbook)
    if not args.bundled:
        t0 = time.perf_counter()
        listed = synthetic_list(scenario, args.n, args.options, args.seed)
        print(f"generated {len(listed):,} candidates × {args.options} options in "
              f"{time.perf_counter() - t0:.1f} s")
        scenario = dataclasses.replace(scenario, candidates=listed)
    settings = settings_for(scenario)
    runs = [run_once(scenario, settings) for _ in range(args.repeats)]
    for key in runs[0]:
        vals = [r[key] for r in runs]
        if isinstance(vals[0], float) and key.startswith(("expand", "optimo", "estable",
                                                          "blocking", "load")):
            print(f"{key:<24} {statistics.median(vals):8.2f} s")
        else:
            print(f"{key:<24} {vals[0]}")


if __name__ == "__main__":
    main()
