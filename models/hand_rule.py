"""The hand rule a planner follows without an optimiser: most valuable placement first.

Each doctor that could be placed is one placement worth w[u,k] (the first general doctor of a
centre with none is worth (1 + P)·w); placements are taken in decreasing value while the
category has candidates and the bonus budget can pay for it. It is the baseline every plan is
compared with, so planners see what the optimiser gains.

The hand rule follows the rules of DESIGN §2b the way a careful planner with a spreadsheet would:

- **state pools**: a placement in state e takes a candidate registered in e while any is left,
  then one from the national pool;
- **linked specialties**: k is placed at a unit only where r = requiere(k) exists today or was
  already placed; a blocked placement waits and re-enters the queue, at its value, as soon as an
  r is placed there;
- **hard minimum**: first, in decreasing value, the first general doctor of every centre with
  none;
- **equity floor**: next, state by state and category by category (required categories first),
  the most valuable placements until the state's floor is reached;
- then everything else, most valuable first.

Each step stops silently when candidates or budget run out, so the hand plan may leave a floor or
the hard minimum unmet where the optimiser (or its explanation) would not: that is the point of
the comparison.
"""

from __future__ import annotations

import heapq
import time

import numpy as np
import pandas as pd

from models import rules
from planner.core.plan import Plan, Status
from planner.core.scenario import Scenario


class _Ledger:
    """What is left while the hand rule places doctors: candidates, pools, budget, placements."""

    def __init__(self, scenario: Scenario, pairs: pd.DataFrame) -> None:
        self.pairs = pairs
        self.gap = pairs["gap"].to_numpy(dtype=int)
        self.cost = pairs["cost"].to_numpy(dtype=float)
        self.category = pairs["category"].to_numpy()
        self.state = pairs["state_code"].to_numpy(dtype=int)
        self.placed = np.zeros(len(pairs), dtype=int)
        self.budget = float(scenario.params.budget)
        pooled = set(rules.pooled_categories(scenario))
        total = scenario.supply_by_category()
        national = rules.national_supply(scenario)
        self.left = {str(k): int(national[k] if k in pooled else total[k]) for k in total.index}
        supply = scenario.supply
        registered = supply[supply["state_code"] != rules.NATIONAL]
        self.pool = _pool_items(registered)
        links = rules.linked_pairs(scenario, pairs)
        self.requires = np.full(len(pairs), -2, dtype=int)  # -2: free; -1: never; j: needs pair j
        self.requires[links["pair"].to_numpy(dtype=int)] = links["requires_pair"].to_numpy(
            dtype=int)

    def blocked(self, i: int) -> bool:
        """A linked specialty with no required doctor at the unit, today or placed."""
        j = self.requires[i]
        return j != -2 and (j == -1 or self.placed[j] == 0)

    def take(self, i: int) -> bool:
        """Place one doctor at pair ``i`` if the gap, the link, a candidate and the budget allow."""
        if self.placed[i] >= self.gap[i] or self.blocked(i) or self.cost[i] > self.budget + 1e-9:
            return False
        key = (str(self.category[i]), int(self.state[i]))
        if self.pool.get(key, 0) > 0:
            self.pool[key] -= 1
        elif self.left[key[0]] > 0:
            self.left[key[0]] -= 1
        else:
            return False
        self.budget -= self.cost[i]
        self.placed[i] += 1
        return True


def _pool_items(registered: pd.DataFrame) -> dict[tuple[str, int], int]:
    """Registered candidates per (category, state)."""
    sums = registered.groupby(["category", "state_code"])["candidates"].sum()
    return {(str(k), int(e)): int(n) for (k, e), n in sums.items()}


def hand_rule(scenario: Scenario, pairs: pd.DataFrame) -> Plan:
    """Fill ``pairs`` greedily by value within the rules, supply and budget; returns a plan."""
    t0 = time.perf_counter()
    p = scenario.params.first_doctor_weight
    weight = pairs["weight"].to_numpy(dtype=float)
    first = pairs["first"].to_numpy(dtype=bool)
    ledger = _Ledger(scenario, pairs)
    first_value = weight * np.where(first, 1.0 + p, 1.0)
    if scenario.params.one_doctor_per_centre:
        # the hard minimum is about general doctors only (first nurses are not forced)
        _place_first_doctors(ledger, first & pairs["is_general"].to_numpy(dtype=bool),
                             first_value)
    floors = rules.equity_floors(scenario, pairs)
    if len(floors):
        _place_floors(ledger, scenario, floors, weight, first_value)
    _place_by_value(ledger, weight, first_value)
    placed = ledger.placed
    out = pairs.copy()
    out["placed"] = placed
    out["first_doctor"] = first & (placed > 0)
    objective = float((weight * placed).sum() + (p * weight * out["first_doctor"]).sum())
    return Plan(status=Status.FEASIBLE, solver="regla_manual", solver_status="greedy",
                objective=objective, lp_bound=None, gap=None, placements=out,
                timings={"solve": time.perf_counter() - t0})


def _next_value(ledger: _Ledger, i: int, weight: np.ndarray, first_value: np.ndarray) -> float:
    """Value of the next doctor at pair ``i`` (the first one of an empty centre is worth more)."""
    return float(first_value[i] if ledger.placed[i] == 0 else weight[i])


def _place_first_doctors(ledger: _Ledger, first: np.ndarray, first_value: np.ndarray) -> None:
    """Hard minimum: the first general doctor of each centre with none, most valuable first."""
    idx = np.flatnonzero(first)
    for i in idx[np.lexsort((idx, -first_value[idx]))]:
        ledger.take(int(i))


def _place_floors(ledger: _Ledger, scenario: Scenario, floors: pd.DataFrame,
                  weight: np.ndarray, first_value: np.ndarray) -> None:
    """Equity floor: in each state, the most valuable placements of k until its floor is reached."""
    required = set(scenario.categories["requires"].dropna())
    floors = floors.assign(_r=~floors["category"].isin(required))  # required categories first
    floors = floors.sort_values(["_r", "state_code"], kind="stable")
    groups = ledger.pairs.groupby(["category", "state_code"], sort=False).indices
    rows = zip(floors["category"], floors["state_code"], floors["floor"], strict=True)
    for category, state, floor in rows:
        idx = groups.get((category, state), np.array([], dtype=int))
        need = int(floor) - int(ledger.placed[idx].sum())
        heap = [(-_next_value(ledger, int(i), weight, first_value), int(i)) for i in idx]
        heapq.heapify(heap)
        while need > 0 and heap:
            _, i = heapq.heappop(heap)
            if ledger.take(i):
                need -= 1
                heapq.heappush(heap, (-float(weight[i]), i))


def _place_by_value(ledger: _Ledger, weight: np.ndarray, first_value: np.ndarray) -> None:
    """Every remaining doctor, most valuable first; blocked linked placements wait for their r."""
    heap = [(-_next_value(ledger, i, weight, first_value), i) for i in range(len(weight))
            if ledger.placed[i] < ledger.gap[i]]
    heapq.heapify(heap)
    waiting: dict[int, list[tuple[float, int]]] = {}
    while heap:
        value, i = heapq.heappop(heap)
        if ledger.blocked(i):
            j = ledger.requires[i]
            if j >= 0:
                waiting.setdefault(int(j), []).append((value, i))
            continue
        if not ledger.take(i):
            continue  # no candidate or budget left for it: this pair is done
        for item in waiting.pop(i, ()):  # an r placed here frees the linked placements
            heapq.heappush(heap, item)
        if ledger.placed[i] < ledger.gap[i]:
            heapq.heappush(heap, (-float(weight[i]), i))
