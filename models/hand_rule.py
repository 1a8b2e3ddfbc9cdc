"""The hand rule a planner follows without an optimiser: most valuable placement first.

Each doctor that could be placed is one placement worth w[u,k] (the first general doctor of a
centre with none is worth (1 + P)·w); placements are taken in decreasing value while the
category has candidates and the bonus budget can pay for it. It is the baseline every plan is
compared with, so planners see what the optimiser gains.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from planner.plan import Plan, Status
from planner.scenario import Scenario


def hand_rule(scenario: Scenario, pairs: pd.DataFrame) -> Plan:
    """Fill ``pairs`` greedily by value within supply and budget; returns a plan like the solver's."""
    t0 = time.perf_counter()
    p = scenario.params.first_doctor_weight
    gap = pairs["gap"].to_numpy(dtype=int)
    weight = pairs["weight"].to_numpy(dtype=float)
    first = pairs["first"].to_numpy(dtype=bool)
    pair_of = np.repeat(np.arange(len(pairs)), gap)
    nth = np.arange(len(pair_of)) - np.repeat(np.cumsum(gap) - gap, gap)
    value = weight[pair_of] * np.where(first[pair_of] & (nth == 0), 1.0 + p, 1.0)
    order = np.lexsort((np.arange(len(value)), -value))  # by value, ties in table order
    cat_codes, cats = pd.factorize(pairs["category"])
    supply = scenario.supply_by_category().reindex(cats, fill_value=0).to_numpy(dtype=int)
    left = supply.copy()
    cost = pairs["cost"].to_numpy(dtype=float)
    budget = float(scenario.params.budget)
    placed = np.zeros(len(pairs), dtype=int)
    for j in order:
        i = pair_of[j]
        c = cat_codes[i]
        if left[c] <= 0 or cost[i] > budget + 1e-9:
            continue
        left[c] -= 1
        budget -= cost[i]
        placed[i] += 1
    out = pairs.copy()
    out["placed"] = placed
    out["first_doctor"] = first & (placed > 0)
    objective = float((weight * placed).sum() + (p * weight * out["first_doctor"]).sum())
    return Plan(status=Status.FEASIBLE, solver="regla_manual", solver_status="greedy",
                objective=objective, lp_bound=None, gap=None, placements=out,
                timings={"solve": time.perf_counter() - t0})
