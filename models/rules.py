"""The data of the optional rules of DESIGN §2b, as tables over the placement pairs.

Each rule is switched on by its data: state pools by ``oferta.clave_entidad``, linked specialties
by ``categorias.requiere``, the equity floor by ``cobertura_minima_entidad`` > 0 and the hard
minimum by ``minimo_un_medico_por_centro``. These functions only read the scenario (no solver), so
the model, the elastic explanation, the hand rule and the reports share one reading of each rule.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planner.core.scenario import Scenario

NATIONAL = 0  # state_code of the national pool in Scenario.supply
FLOOR_EPS = 1e-9  # floor(α·…) is taken after adding this, so 0.5·6 = 3 never becomes 2


def pooled_categories(scenario: Scenario) -> list[str]:
    """Categories with at least one pool registered for a state, in category order."""
    supply = scenario.supply
    pooled = set(supply.loc[supply["state_code"] != NATIONAL, "category"])
    return [str(c) for c in scenario.categories.index if c in pooled]


def national_supply(scenario: Scenario) -> pd.Series:
    """Candidates of the national pool (rows without a state) per category, every category."""
    supply = scenario.supply
    national = supply[supply["state_code"] == NATIONAL].groupby("category")["candidates"].sum()
    return national.reindex(scenario.categories.index, fill_value=0).astype(int)


def state_pools(scenario: Scenario, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per pooled category and state that has a pool or a gap for it.

    Columns ``category, state_code, pool`` (pool 0 where the state has a gap but no registered
    candidates: it can only receive national candidates).
    """
    pooled = pooled_categories(scenario)
    if not pooled:
        return pd.DataFrame(columns=["category", "state_code", "pool"])
    supply = scenario.supply
    registered = (supply[(supply["state_code"] != NATIONAL) & supply["category"].isin(pooled)]
                  .groupby(["category", "state_code"])["candidates"].sum())
    with_gap = (pairs[pairs["category"].isin(pooled)]
                .groupby(["category", "state_code"]).size())
    index = registered.index.union(with_gap.index)
    out = registered.reindex(index, fill_value=0).astype(int).rename("pool").reset_index()
    order = {c: i for i, c in enumerate(scenario.categories.index)}
    out["_cat"] = out["category"].map(order)
    out = out.sort_values(["_cat", "state_code"], kind="stable").drop(columns="_cat")
    return out.reset_index(drop=True)


def linked_pairs(scenario: Scenario, pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs (u, k) held by a linked specialty: k requires r and u has no r today.

    Columns ``pair`` (row of (u, k) in ``pairs``), ``clues``, ``category``, ``requires`` and
    ``requires_pair`` (row of (u, r) in ``pairs``, or -1 when u has no gap for r: then k cannot
    be placed at u at all).
    """
    requires = scenario.categories["requires"].dropna()
    requires = requires[requires.astype(bool)]
    cols = ["pair", "clues", "category", "requires", "requires_pair"]
    if requires.empty or pairs.empty:
        return pd.DataFrame(columns=cols)
    held = pairs[pairs["category"].isin(requires.index)]
    if held.empty:
        return pd.DataFrame(columns=cols)
    r = held["category"].map(requires)
    current = scenario.staffing["current"]
    key = pd.MultiIndex.from_arrays([held["clues"], r])
    has_r = current.reindex(key).fillna(0).to_numpy() > 0
    held, r = held[~has_r], r[~has_r]
    where = pd.Series(np.arange(len(pairs)),
                      index=pd.MultiIndex.from_arrays([pairs["clues"], pairs["category"]]))
    r_pair = where.reindex(pd.MultiIndex.from_arrays([held["clues"], r])).fillna(-1)
    return pd.DataFrame({"pair": held.index.to_numpy(dtype=int),
                         "clues": held["clues"].to_numpy(), "category": held["category"].to_numpy(),
                         "requires": r.to_numpy(), "requires_pair": r_pair.to_numpy(dtype=int)})


def equity_floors(scenario: Scenario, pairs: pd.DataFrame) -> pd.DataFrame:
    """floor[k,e] = floor(α · min(supply_k, gap_k) · gap[e,k] / gap_k) per category and state.

    Columns ``category, state_code, gap, floor``; only rows with a positive floor; empty when
    α = 0.
    """
    cols = ["category", "state_code", "gap", "floor"]
    alpha = float(scenario.params.equity_floor)
    if alpha <= 0 or pairs.empty:
        return pd.DataFrame(columns=cols)
    by_state = pairs.groupby(["category", "state_code"], sort=False)["gap"].sum().reset_index()
    gap_k = by_state.groupby("category")["gap"].transform("sum").to_numpy(dtype=float)
    supply = scenario.supply_by_category().reindex(by_state["category"]).to_numpy(dtype=float)
    share = alpha * np.minimum(supply, gap_k) * by_state["gap"].to_numpy(dtype=float) / gap_k
    by_state["floor"] = [int(math.floor(v + FLOOR_EPS)) for v in share]
    out = by_state[by_state["floor"] > 0]
    order = {c: i for i, c in enumerate(scenario.categories.index)}
    out = out.assign(_cat=out["category"].map(order)).sort_values(["_cat", "state_code"])
    return out.drop(columns="_cat")[cols].reset_index(drop=True)


def centres_needing_doctor(scenario: Scenario, pairs: pd.DataFrame) -> pd.DataFrame:
    """Centres with no general doctor today, under the hard minimum (empty when it is off).

    Columns ``clues, state_code, pair`` where ``pair`` is the row of the centre's general
    medicine in ``pairs``, or -1 when the centre has no vacancy recorded for it (required 0 or no
    row in 'plantilla'): then the rule cannot be met there.
    """
    cols = ["clues", "state_code", "pair"]
    if not scenario.params.one_doctor_per_centre:
        return pd.DataFrame(columns=cols)
    centres = scenario.centres()
    general = scenario.general_category
    key = pd.MultiIndex.from_arrays([centres.index, [general] * len(centres)])
    current = scenario.staffing["current"].reindex(key).fillna(0).to_numpy()
    empty = centres[current == 0]
    gp = pairs[pairs["is_general"].to_numpy(dtype=bool)]
    where = pd.Series(gp.index.to_numpy(), index=gp["clues"].to_numpy())
    pair = where.reindex(empty.index).fillna(-1).astype(int).to_numpy()
    out = pd.DataFrame({"clues": empty.index.to_numpy(),
                        "state_code": empty["state_code"].to_numpy(dtype=int), "pair": pair})
    return out.sort_values(["state_code", "clues"], kind="stable").reset_index(drop=True)


def active_rules(scenario: Scenario) -> dict[str, bool]:
    """Which §2b rules the scenario's data switches on."""
    requires = scenario.categories["requires"].dropna()
    return {
        "state_pools": bool(pooled_categories(scenario)),
        "linked_specialties": bool(requires.astype(bool).any()) if len(requires) else False,
        "equity_floor": float(scenario.params.equity_floor) > 0,
        "one_doctor_per_centre": bool(scenario.params.one_doctor_per_centre),
    }


def has_hard_rules(scenario: Scenario) -> bool:
    """True when a rule that demands placements (equity floor, hard minimum) is on."""
    active = active_rules(scenario)
    return active["equity_floor"] or active["one_doctor_per_centre"]
