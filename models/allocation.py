"""The allocation integer program of DESIGN §2, built over the sparse (unit, category) pairs.

Every constraint family is one small function; solver names follow ``family_key`` in ASCII
(``supply_anestesiologia``, ``bonus_budget``) and variables are zero-padded (``x_000042``) so
the column order handed to the solver is stable and an LP file diffs cleanly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pulp

from models import rules
from planner.core.scenario import Scenario
from planner.core.schema import CENTRE
from planner.core.text import slug

FAMILIES_PER_FULL_CENTRE = 6000.0  # DESIGN §2: (1 + F × familias / 6000)


def placement_pairs(scenario: Scenario) -> pd.DataFrame:
    """The (unit, category) pairs with a gap, with the data the model needs, in a stable order.

    Columns: ``clues, category, state_code, zone, is_centre, is_general, current, gap, weight,
    cost, first`` where ``weight`` is w[u,k] of DESIGN §2, ``cost`` the monthly bonus one doctor
    placed there costs the budget (0 when the unit is not bonus-eligible or no bonus applies) and
    ``first`` marks a centre's category with a centre target (general medicine, nursing:
    schema.CENTRE_TARGETS) and nobody of it today (the first-worker weight P).
    """
    gaps = scenario.gaps()
    staffing = scenario.staffing.assign(gap=gaps)
    with_gap = (staffing["gap"] > 0).to_numpy()
    staffing = staffing[with_gap]
    clues = staffing.index.get_level_values("clues")
    category = staffing.index.get_level_values("category")
    # units and categories looked up once per index level, then taken per row by level codes
    u_at = _positions(scenario.units.index, staffing.index, 0)
    c_at = _positions(scenario.categories.index, staffing.index, 1)
    units = scenario.units
    p = scenario.params
    is_centre = (units["kind"] == CENTRE).to_numpy()[u_at]
    general = scenario.general_category
    is_general = (category == general)
    families = np.where(is_centre, units["families"].to_numpy(dtype=float)[u_at], 0.0)
    grade_w = scenario.grade_weights.reindex(units["grade"]).to_numpy(dtype=float)[u_at]
    weight = (scenario.categories["weight"].to_numpy(dtype=float)[c_at] * grade_w
              * (1.0 + p.families_weight * families / FAMILIES_PER_FULL_CENTRE))
    cost = scenario.bonus_per_row()[with_gap]
    current = staffing["current"].to_numpy(dtype=int)
    pairs = pd.DataFrame({
        "clues": np.asarray(clues, dtype=object),
        "category": np.asarray(category, dtype=object),
        "state_code": units["state_code"].to_numpy(dtype=int)[u_at],
        "zone": units["zone"].to_numpy(dtype=int)[u_at],
        "is_centre": is_centre,
        "is_general": np.asarray(is_general, dtype=bool),
        "current": current,
        "gap": staffing["gap"].to_numpy(dtype=int),
        "weight": weight,
        "cost": cost,
        "first": is_centre & scenario.has_centre_target()[c_at] & (current == 0),
    })
    pairs["_cat"] = c_at  # the categories' sheet order
    pairs = pairs.sort_values(["state_code", "clues", "_cat"], kind="stable")
    return pairs.drop(columns="_cat").reset_index(drop=True)


def _positions(index: pd.Index, rows: pd.MultiIndex, level: int) -> np.ndarray:
    """Position in ``index`` of each row's label at ``level`` of ``rows`` (KeyError for a label
    not there, as ``.loc``); labels are looked up once per level value, not once per row."""
    at = index.get_indexer(rows.levels[level])[rows.codes[level]]
    if np.any(at < 0):
        raise KeyError(f"not found: {list(rows.get_level_values(level)[at < 0][:5])}")
    return at


# Families an elastic what-if may leave out (models.elastic): ``candidates`` drops every supply
# and pool row, ``budget`` the bonus budget, ``pools`` turns state pools into one national row,
# ``links`` drops the linked-specialty rows.
RELAXABLE = ("candidates", "budget", "pools", "links")


@dataclass
class AllocationModel:
    """A built PuLP problem and the handles needed to read it back into tables.

    ``slack`` (elastic models only) holds one non-negative variable per hard-rule row and
    ``slack_rows`` what each row demands: ``rule, category, state_code, clues, required`` and
    ``pairs`` (rows of ``pairs`` whose placements count towards it).
    ``impossible`` lists hard-rule rows with nothing to place (a centre with no general-medicine
    vacancy under the hard minimum): the model is infeasible before any solver runs.
    """

    prob: pulp.LpProblem
    pairs: pd.DataFrame
    x: list[pulp.LpVariable]
    z: list[pulp.LpVariable]
    z_pairs: np.ndarray  # index in ``pairs`` of each z
    supply: dict[str, pulp.LpConstraint] = field(default_factory=dict)
    pools: pd.DataFrame = field(default_factory=pd.DataFrame)  # category, state_code, pool
    budget: pulp.LpConstraint | None = None
    elastic: bool = False
    slack: list[pulp.LpVariable] = field(default_factory=list)
    slack_rows: list[dict] = field(default_factory=list)
    impossible: list[dict] = field(default_factory=list)


def build_allocation(scenario: Scenario, pairs: pd.DataFrame | None = None,
                     elastic: bool = False, relax: frozenset[str] = frozenset()
                     ) -> AllocationModel:
    """The model of DESIGN §2 plus every §2b rule the scenario's data switches on.

    With ``elastic`` each hard-rule row (equity floor, hard minimum) gets a non-negative slack,
    so the model is always feasible; ``relax`` names families to leave out (see ``RELAXABLE``).
    """
    pairs = placement_pairs(scenario) if pairs is None else pairs
    prob = pulp.LpProblem("asignacion", pulp.LpMaximize)
    x = add_placement_variables(pairs)
    z_pairs = np.flatnonzero(pairs["first"].to_numpy())
    z = [pulp.LpVariable(f"z_{i:06d}", 0, 1, cat=pulp.LpInteger) for i in range(len(z_pairs))]
    model = AllocationModel(prob, pairs, x, z, z_pairs, elastic=elastic)
    set_objective(model, scenario.params.first_doctor_weight)
    add_first_doctor_links(model)
    supply = scenario.supply_by_category()
    pooled = [] if "pools" in relax else rules.pooled_categories(scenario)
    if "candidates" not in relax:
        model.supply = add_supply_limits(model, supply.drop(pooled))
        if pooled:
            model.pools = rules.state_pools(scenario, pairs)
            model.supply.update(add_state_pools(model, model.pools,
                                                rules.national_supply(scenario)))
    if "budget" not in relax:
        model.budget = add_bonus_budget(model, scenario.params.budget)
    if "links" not in relax:
        add_linked_specialties(model, rules.linked_pairs(scenario, pairs))
    add_equity_floors(model, rules.equity_floors(scenario, pairs))
    add_one_doctor_per_centre(model, rules.centres_needing_doctor(scenario, pairs),
                              scenario.general_category)
    return model


def add_placement_variables(pairs: pd.DataFrame) -> list[pulp.LpVariable]:
    """x[u,k] integer in [0, gap[u,k]]: new doctors of k placed at u."""
    return [pulp.LpVariable(f"x_{i:06d}", 0, int(g), cat=pulp.LpInteger)
            for i, g in enumerate(pairs["gap"].to_numpy())]


def set_objective(model: AllocationModel, first_doctor_weight: float) -> None:
    """Maximise Σ w·x + Σ P·w·z (weighted need covered, plus first doctors)."""
    w = model.pairs["weight"].to_numpy(dtype=float)
    terms = list(zip(model.x, w.tolist()))
    wz = (first_doctor_weight * w[model.z_pairs]).tolist()
    terms += list(zip(model.z, wz))
    model.prob.setObjective(pulp.LpAffineExpression(terms, name="necesidad_cubierta"))


def add_first_doctor_links(model: AllocationModel) -> None:
    """z[u,k] ≤ x[u,k]: the first-worker weight needs a worker placed (k: Medicina general,
    row ``first_<clues>``; a nursing category, row ``first_<clues>_<category>``; either with
    ``_l<level>`` when the pairs are expanded over bonus levels: row_keys)."""
    plain = row_keys(model.pairs)
    with_category = row_keys(model.pairs, with_category=True)
    general = model.pairs["is_general"].to_numpy(dtype=bool)
    for zv, i in zip(model.z, model.z_pairs):
        expr = pulp.LpAffineExpression([(zv, 1.0), (model.x[i], -1.0)])
        name = f"first_{plain[i] if general[i] else with_category[i]}"
        model.prob.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintLE, name, 0.0))


def add_supply_limits(model: AllocationModel, supply: pd.Series) -> dict[str, pulp.LpConstraint]:
    """No category places more doctors than it has candidates."""
    rows: dict[str, pulp.LpConstraint] = {}
    groups = model.pairs.groupby("category", sort=False).indices
    for category, candidates in supply.items():
        idx = groups.get(category)
        if idx is None:
            continue
        expr = pulp.LpAffineExpression([(model.x[i], 1.0) for i in idx])
        con = pulp.LpConstraint(expr, pulp.LpConstraintLE, f"supply_{slug(category)}",
                                float(candidates))
        model.prob.addConstraint(con)
        rows[str(category)] = con
    return rows


def add_bonus_budget(model: AllocationModel, budget: float) -> pulp.LpConstraint | None:
    """Monthly bonuses of the doctors placed at bonus-eligible units stay within the budget."""
    cost = model.pairs["cost"].to_numpy(dtype=float)
    idx = np.flatnonzero(cost > 0)
    if len(idx) == 0:
        return None
    expr = pulp.LpAffineExpression([(model.x[i], float(cost[i])) for i in idx])
    con = pulp.LpConstraint(expr, pulp.LpConstraintLE, "bonus_budget", float(budget))
    model.prob.addConstraint(con)
    return con


# --- the rules of DESIGN §2b, each switched on by its data -------------------------------------

def add_state_pools(model: AllocationModel, pools: pd.DataFrame,
                    national: pd.Series) -> dict[str, pulp.LpConstraint]:
    """Σ_{u∈e} x[u,k] ≤ pool[k,e] + n[k,e], Σ_e n[k,e] ≤ national[k]: candidates bound to a state.

    Returns the national row of each pooled category: its dual is the value of one more national
    candidate, and it stands for the category in ``AllocationModel.supply``.
    """
    groups = model.pairs.groupby(["category", "state_code"], sort=False).indices
    rows: dict[str, pulp.LpConstraint] = {}
    for category, block in pools.groupby("category", sort=False):
        key = slug(str(category))
        received = []
        for state, pool in zip(block["state_code"], block["pool"], strict=True):
            idx = groups.get((category, state))
            if idx is None:
                continue  # a pool in a state with no gap for it stays idle
            n = pulp.LpVariable(f"n_{key}_{int(state):02d}", 0)
            received.append(n)
            expr = pulp.LpAffineExpression([(model.x[i], 1.0) for i in idx] + [(n, -1.0)])
            model.prob.addConstraint(pulp.LpConstraint(
                expr, pulp.LpConstraintLE, f"pool_{key}_{int(state):02d}", float(pool)))
        if not received:
            continue
        expr = pulp.LpAffineExpression([(n, 1.0) for n in received])
        con = pulp.LpConstraint(expr, pulp.LpConstraintLE, f"national_{key}",
                                float(national.get(category, 0)))
        model.prob.addConstraint(con)
        rows[str(category)] = con
    return rows


def add_linked_specialties(model: AllocationModel, links: pd.DataFrame) -> None:
    """x[u,k] ≤ g[u,k]·x[u,r] where u has no r = requiere(k) today (x[u,k] = 0 if no gap for r)."""
    gap = model.pairs["gap"].to_numpy(dtype=float)
    keys = row_keys(model.pairs, with_category=True)
    pairs = links["pair"].to_numpy(dtype=int)
    for i, j in zip(pairs, links["requires_pair"].to_numpy(dtype=int), strict=True):
        terms = [(model.x[i], 1.0)]
        if j >= 0:
            terms.append((model.x[j], -gap[i]))
        name = f"link_{keys[i]}"
        model.prob.addConstraint(pulp.LpConstraint(
            pulp.LpAffineExpression(terms), pulp.LpConstraintLE, name, 0.0))


def add_equity_floors(model: AllocationModel, floors: pd.DataFrame) -> None:
    """Σ_{u∈e} x[u,k] ≥ floor[k,e]: each state receives its share of each category, scaled by α."""
    groups = model.pairs.groupby(["category", "state_code"], sort=False).indices
    rows = zip(floors["category"], floors["state_code"], floors["floor"], strict=True)
    for category, state, floor in rows:
        name = f"equity_{slug(str(category))}_{int(state):02d}"
        idx = groups.get((category, state), ())
        terms = [(model.x[i], 1.0) for i in idx]
        _add_hard_row(model, terms, float(floor), name,
                      {"rule": "equity_floor", "category": str(category),
                       "state_code": int(state), "clues": None, "required": int(floor),
                       "pairs": [int(i) for i in idx]})


def add_one_doctor_per_centre(model: AllocationModel, centres: pd.DataFrame,
                              general: str) -> None:
    """x[u, Medicina general] ≥ 1 at every centre with no general doctor today (hard minimum)."""
    rows = zip(centres["clues"], centres["state_code"], centres["pair"], strict=True)
    for clues, state, i in rows:
        terms = [(model.x[int(i)], 1.0)] if i >= 0 else []
        _add_hard_row(model, terms, 1.0, f"one_doctor_{_key(clues)}",
                      {"rule": "one_doctor_per_centre", "category": general,
                       "state_code": int(state), "clues": str(clues), "required": 1,
                       "pairs": [int(i)] if i >= 0 else []})


def row_keys(pairs: pd.DataFrame, with_category: bool = False) -> list[str]:
    """The key of each row of ``pairs`` in row names: unique by construction (issue 26).

    ``<clues>`` (plus ``_<category>`` with ``with_category``), plus ``_l<level>`` when the pairs
    are expanded over bonus levels (models.acceptance): the same unit and category appear once
    per level there, so a name built from the unit alone would collide (PulpError
    "overlapping constraint names"). First-doctor rows exist for general medicine only, so the
    unit (and level) identifies them; a caller naming rows of several categories asks for them.
    """
    keys = [_key(c) for c in pairs["clues"].to_numpy()]
    if with_category:
        keys = [f"{k}_{slug(str(c))}" for k, c in zip(keys, pairs["category"].to_numpy())]
    if "level" in pairs.columns:
        keys = [f"{k}_l{int(lv):02d}" for k, lv in zip(keys, pairs["level"].to_numpy())]
    return keys


def _key(clues: object) -> str:
    """A unit's CLUES as it goes in a row name (PuLP's ASCII: letters, digits, underscore).

    Rows are named by key (``first_<clues>``, ``link_<clues>_<category>``,
    ``one_doctor_<clues>``), not by position, so one new unit does not rename every other row.
    """
    return re.sub(r"[^A-Za-z0-9_]", "_", str(clues))


def _add_hard_row(model: AllocationModel, terms: list, rhs: float, name: str,
                  info: dict) -> None:
    """A ≥ row of a hard rule; elastic models add a slack, rows with nothing to place are noted."""
    if model.elastic:
        s = pulp.LpVariable(f"s_{name}", 0)
        model.slack.append(s)
        model.slack_rows.append(info)
        terms = [*terms, (s, 1.0)]
    elif not terms:
        model.impossible.append(info)
        return
    model.prob.addConstraint(pulp.LpConstraint(
        pulp.LpAffineExpression(terms), pulp.LpConstraintGE, name, rhs))
