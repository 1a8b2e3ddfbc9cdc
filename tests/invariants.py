"""An invariant checker written with pandas alone (no model code), run on every solved plan.

It recomputes gaps, supply and bonus costs from the scenario's tables and checks the plan
against them, so a bug in the model or in the indicators cannot hide behind itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def check_invariants(scenario, result) -> None:
    """Raise AssertionError naming the first broken invariant of ``result`` on ``scenario``."""
    plan = result.plan
    if not plan.status.has_solution:
        return
    pl = plan.placements
    placed = pl.set_index(["clues", "category"])["placed"].astype(int)
    assert (placed >= 0).all(), "negative placement"
    # No unit over its gap (gap recomputed from the staffing table).
    staffing = scenario.staffing
    required = staffing["required"].fillna(float(scenario.params.target))
    gap = (required - staffing["current"]).clip(lower=0).astype(int)
    over = placed - gap.reindex(placed.index).fillna(0).astype(int)
    assert (over <= 0).all(), f"placed over the gap at {list(over[over > 0].index[:5])}"
    # No category over its supply.
    supply = scenario.supply.groupby("category")["candidates"].sum()
    used = placed.groupby(level="category").sum()
    excess = used - supply.reindex(used.index).fillna(0)
    assert (excess <= 0).all(), f"over supply: {excess[excess > 0].to_dict()}"
    # Bonus within budget, with the cost recomputed from units and the bonus table.
    units = scenario.units.reindex(placed.index.get_level_values("clues"))
    kinds = scenario.categories["kind"].reindex(placed.index.get_level_values("category"))
    bonus = pd.Series(
        [scenario.bonuses["bonus"].get((k, z), 0.0) for k, z in zip(kinds, units["zone"])],
        index=placed.index)
    cost = (bonus * units["bonus_eligible"].to_numpy(dtype=bool) * placed).sum()
    assert cost <= scenario.params.budget + 1e-6, f"bonus {cost} over budget"
    # Indicators consistent with placements.
    ind = result.indicators
    if ind is not None:
        assert int(ind.assignments["placed"].sum()) == int(placed.sum())
        assert np.isclose(ind.headline["bonus_month"], cost)
        centres = scenario.units[scenario.units["kind"] == "centro de salud"]
        gp = scenario.general_category
        mg = staffing.xs(gp, level="category")["current"] if len(staffing) else pd.Series()
        has_gp = gp in placed.index.get_level_values("category")
        after = mg.add(placed.xs(gp, level="category") if has_gp else 0, fill_value=0)
        no_doctor = int((after.reindex(centres.index).fillna(0) == 0).sum())
        assert ind.headline["centres_no_doctor_after"] == no_doctor
