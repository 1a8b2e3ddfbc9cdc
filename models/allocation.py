"""The allocation integer program of DESIGN §2, built over the sparse (unit, category) pairs.

Every constraint family is one small function; solver names follow ``family_key`` in ASCII
(``supply_anestesiologia``, ``bonus_budget``) and variables are zero-padded (``x_000042``) so
the column order handed to the solver is stable and an LP file diffs cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pulp

from planner.scenario import Scenario
from planner.schema import CENTRE
from planner.text import slug

FAMILIES_PER_FULL_CENTRE = 6000.0  # DESIGN §2: (1 + F × familias / 6000)


def placement_pairs(scenario: Scenario) -> pd.DataFrame:
    """The (unit, category) pairs with a gap, with the data the model needs, in a stable order.

    Columns: ``clues, category, state_code, zone, is_centre, is_general, current, gap, weight,
    cost, first`` where ``weight`` is w[u,k] of DESIGN §2, ``cost`` the monthly bonus one doctor
    placed there costs the budget (0 when the unit is not bonus-eligible or no bonus applies) and
    ``first`` marks a centre's general medicine with no doctor today (the first-doctor bonus).
    """
    gaps = scenario.gaps()
    staffing = scenario.staffing.assign(gap=gaps)
    staffing = staffing[staffing["gap"] > 0]
    clues = staffing.index.get_level_values("clues")
    category = staffing.index.get_level_values("category")
    units = scenario.units.loc[clues]
    cats = scenario.categories.loc[category]
    p = scenario.params
    is_centre = (units["kind"] == CENTRE).to_numpy()
    general = scenario.general_category
    is_general = (category == general)
    families = np.where(is_centre, units["families"].to_numpy(dtype=float), 0.0)
    grade_w = scenario.grade_weights.reindex(units["grade"]).to_numpy(dtype=float)
    weight = (cats["weight"].to_numpy(dtype=float) * grade_w
              * (1.0 + p.families_weight * families / FAMILIES_PER_FULL_CENTRE))
    bonus = scenario.bonuses["bonus"]
    keys = pd.MultiIndex.from_arrays([cats["kind"].to_numpy(), units["zone"].to_numpy()])
    unit_bonus = bonus.reindex(keys).fillna(0.0).to_numpy(dtype=float)
    cost = np.where(units["bonus_eligible"].to_numpy(dtype=bool), unit_bonus, 0.0)
    current = staffing["current"].to_numpy(dtype=int)
    pairs = pd.DataFrame({
        "clues": np.asarray(clues, dtype=object),
        "category": np.asarray(category, dtype=object),
        "state_code": units["state_code"].to_numpy(dtype=int),
        "zone": units["zone"].to_numpy(dtype=int),
        "is_centre": is_centre,
        "is_general": np.asarray(is_general, dtype=bool),
        "current": current,
        "gap": staffing["gap"].to_numpy(dtype=int),
        "weight": weight,
        "cost": cost,
        "first": is_centre & np.asarray(is_general, dtype=bool) & (current == 0),
    })
    order = {c: i for i, c in enumerate(scenario.categories.index)}
    pairs["_cat"] = pairs["category"].map(order)
    pairs = pairs.sort_values(["state_code", "clues", "_cat"], kind="stable")
    return pairs.drop(columns="_cat").reset_index(drop=True)


@dataclass
class AllocationModel:
    """A built PuLP problem and the handles needed to read it back into tables."""

    prob: pulp.LpProblem
    pairs: pd.DataFrame
    x: list[pulp.LpVariable]
    z: list[pulp.LpVariable]
    z_pairs: np.ndarray  # index in ``pairs`` of each z
    supply: dict[str, pulp.LpConstraint] = field(default_factory=dict)
    budget: pulp.LpConstraint | None = None


def build_allocation(scenario: Scenario, pairs: pd.DataFrame | None = None) -> AllocationModel:
    """The default model of DESIGN §2: maximise weighted need covered within supply and budget."""
    pairs = placement_pairs(scenario) if pairs is None else pairs
    prob = pulp.LpProblem("asignacion", pulp.LpMaximize)
    x = add_placement_variables(pairs)
    z_pairs = np.flatnonzero(pairs["first"].to_numpy())
    z = [pulp.LpVariable(f"z_{i:06d}", 0, 1, cat=pulp.LpInteger) for i in range(len(z_pairs))]
    model = AllocationModel(prob, pairs, x, z, z_pairs)
    set_objective(model, scenario.params.first_doctor_weight)
    add_first_doctor_links(model)
    model.supply = add_supply_limits(model, scenario.supply_by_category())
    model.budget = add_bonus_budget(model, scenario.params.budget)
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
    """z[u] ≤ x[u, Medicina general]: the first-doctor bonus needs a doctor placed."""
    for j, (zv, i) in enumerate(zip(model.z, model.z_pairs)):
        expr = pulp.LpAffineExpression([(zv, 1.0), (model.x[i], -1.0)])
        model.prob.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintLE, f"first_{j:06d}",
                                                   0.0))


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
