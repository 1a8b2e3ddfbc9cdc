"""Before/after indicators of a plan: per unit, per state, per category and the headline figures.

Everything is derived from the scenario and the plan's placements with pandas, so a planner can
check each figure by hand from the result workbook.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.plan import Plan
from planner.scenario import Scenario
from planner.schema import CENTRE, HOSPITAL, SPECIALTY


@dataclass(frozen=True)
class Indicators:
    """Headline figures and the tables behind them (English column names; reports translate)."""

    headline: dict[str, float]
    units: pd.DataFrame  # one row per unit, before/after
    by_state: pd.DataFrame
    by_category: pd.DataFrame
    assignments: pd.DataFrame  # one row per (unit, category) with placed > 0


def placed_by_pair(scenario: Scenario, plan: Plan) -> pd.Series:
    """Doctors placed per (clues, category) over every staffing row (0 where none)."""
    placed = pd.Series(0, index=scenario.staffing.index, dtype=int)
    if plan.status.has_solution and len(plan.placements):
        pl = plan.placements
        idx = pd.MultiIndex.from_arrays([pl["clues"], pl["category"]])
        placed.loc[idx] = pl["placed"].to_numpy(dtype=int)
    return placed


def compute(scenario: Scenario, plan: Plan) -> Indicators:
    """Indicators of ``plan`` on ``scenario``."""
    staffing = scenario.staffing
    required = scenario.required()
    current = staffing["current"].astype(int)
    placed = placed_by_pair(scenario, plan)
    cat_kind = scenario.categories["kind"]
    general = scenario.general_category
    cats = staffing.index.get_level_values("category")
    clues = staffing.index.get_level_values("clues")
    is_general = np.asarray(cats == general)
    is_spec = np.asarray(cat_kind.reindex(cats).to_numpy() == SPECIALTY)
    units = scenario.units
    bonus = _cost_per_pair(scenario)

    rows = pd.DataFrame({
        "clues": clues, "category": cats, "required": required.to_numpy(),
        "current": current.to_numpy(), "placed": placed.to_numpy(),
        "gap": (required - current).clip(lower=0).to_numpy(),
        "is_general": is_general, "is_spec": is_spec, "cost": bonus,
    })
    rows["after"] = rows["current"] + rows["placed"]
    rows["bonus_month"] = rows["placed"] * rows["cost"]

    per_unit = _per_unit(units, rows, scenario.params.target)
    by_state = _by_state(per_unit)
    by_category = _by_category(scenario, rows)
    assignments = _assignments(units, rows)
    headline = _headline(scenario, plan, per_unit, by_category)
    return Indicators(headline, per_unit, by_state, by_category, assignments)


def _cost_per_pair(scenario: Scenario) -> np.ndarray:
    """Monthly bonus one doctor placed at each staffing row costs the budget."""
    staffing = scenario.staffing
    clues = staffing.index.get_level_values("clues")
    cats = staffing.index.get_level_values("category")
    zone = scenario.units["zone"].reindex(clues).to_numpy()
    eligible = scenario.units["bonus_eligible"].reindex(clues).to_numpy(dtype=bool)
    kinds = scenario.categories["kind"].reindex(cats).to_numpy()
    keys = pd.MultiIndex.from_arrays([kinds, zone])
    bonus = scenario.bonuses["bonus"].reindex(keys).fillna(0.0).to_numpy(dtype=float)
    return np.where(eligible, bonus, 0.0)


def _per_unit(units: pd.DataFrame, rows: pd.DataFrame, target: int) -> pd.DataFrame:
    g = rows[rows["is_general"]].groupby("clues")[["required", "current", "placed", "after"]].sum()
    s = rows[rows["is_spec"]].groupby("clues")[["required", "current", "placed", "after",
                                                "gap"]].sum()
    b = rows.groupby("clues")["bonus_month"].sum()
    out = units[["name", "kind", "state_code", "state", "municipality", "zone", "grade",
                 "bonus_eligible", "families", "lat", "lon"]].copy()
    out["gp_required"] = g["required"].reindex(out.index).fillna(0).astype(int)
    out["gp_before"] = g["current"].reindex(out.index).fillna(0).astype(int)
    out["gp_placed"] = g["placed"].reindex(out.index).fillna(0).astype(int)
    out["gp_after"] = out["gp_before"] + out["gp_placed"]
    out["spec_required"] = s["required"].reindex(out.index).fillna(0).astype(int)
    out["spec_before"] = s["current"].reindex(out.index).fillna(0).astype(int)
    out["spec_gap"] = s["gap"].reindex(out.index).fillna(0).astype(int)
    out["spec_placed"] = s["placed"].reindex(out.index).fillna(0).astype(int)
    out["spec_after"] = out["spec_before"] + out["spec_placed"]
    out["bonus_month"] = b.reindex(out.index).fillna(0.0)
    centre = out["kind"] == CENTRE
    # A centre is at target when its general doctors reach its requirement (blank = T).
    need = out["gp_required"].where(out["gp_required"] > 0, target)
    out["at_target_before"] = centre & (out["gp_before"] >= need)
    out["at_target_after"] = centre & (out["gp_after"] >= need)
    out["no_doctor_before"] = centre & (out["gp_before"] == 0)
    out["no_doctor_after"] = centre & (out["gp_after"] == 0)
    return out


def _by_state(per_unit: pd.DataFrame) -> pd.DataFrame:
    centre = per_unit["kind"] == CENTRE
    hospital = per_unit["kind"] == HOSPITAL
    df = per_unit.assign(centre=centre, hospital=hospital)
    agg = df.groupby(["state_code", "state"], sort=True).agg(
        centres=("centre", "sum"), hospitals=("hospital", "sum"),
        at_target_before=("at_target_before", "sum"), at_target_after=("at_target_after", "sum"),
        no_doctor_before=("no_doctor_before", "sum"), no_doctor_after=("no_doctor_after", "sum"),
        gp_placed=("gp_placed", "sum"), spec_gap=("spec_gap", "sum"),
        spec_placed=("spec_placed", "sum"), bonus_month=("bonus_month", "sum"),
    ).reset_index()
    agg["coverage_after"] = np.where(agg["centres"] > 0,
                                     agg["at_target_after"] / agg["centres"].clip(lower=1), np.nan)
    agg["spec_gap_left"] = agg["spec_gap"] - agg["spec_placed"]
    return agg


def _by_category(scenario: Scenario, rows: pd.DataFrame) -> pd.DataFrame:
    agg = rows.groupby("category").agg(gap=("gap", "sum"), placed=("placed", "sum"),
                                       current=("current", "sum"),
                                       bonus_month=("bonus_month", "sum"))
    cats = scenario.categories
    out = pd.DataFrame(index=cats.index)
    out["kind"] = cats["kind"]
    out["candidates"] = scenario.supply_by_category()
    out = out.join(agg).fillna({"gap": 0, "placed": 0, "current": 0, "bonus_month": 0.0})
    for c in ("gap", "placed", "current"):
        out[c] = out[c].astype(int)
    out["unplaced"] = out["candidates"] - out["placed"]
    out["gap_left"] = out["gap"] - out["placed"]
    out.index.name = "category"
    return out.reset_index()


def _assignments(units: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    a = rows[rows["placed"] > 0]
    u = units.reindex(a["clues"])
    return pd.DataFrame({
        "clues": a["clues"].to_numpy(), "name": u["name"].to_numpy(),
        "state": u["state"].to_numpy(), "municipality": u["municipality"].to_numpy(),
        "kind": u["kind"].to_numpy(), "category": a["category"].to_numpy(),
        "required": a["required"].to_numpy(), "before": a["current"].to_numpy(),
        "placed": a["placed"].to_numpy(), "after": a["after"].to_numpy(),
        "bonus_month": a["bonus_month"].to_numpy(),
    }).sort_values(["state", "clues", "category"], kind="stable").reset_index(drop=True)


def _headline(scenario: Scenario, plan: Plan, per_unit: pd.DataFrame,
              by_category: pd.DataFrame) -> dict[str, float]:
    centre = per_unit["kind"] == CENTRE
    spec = by_category["kind"] == SPECIALTY
    bonus_month = float(per_unit["bonus_month"].sum())
    budget = float(scenario.params.budget)
    return {
        "centres": int(centre.sum()),
        "hospitals": int((per_unit["kind"] == HOSPITAL).sum()),
        "centres_at_target_before": int(per_unit["at_target_before"].sum()),
        "centres_at_target_after": int(per_unit["at_target_after"].sum()),
        "centres_no_doctor_before": int(per_unit["no_doctor_before"].sum()),
        "centres_no_doctor_after": int(per_unit["no_doctor_after"].sum()),
        "gp_placed": int(by_category.loc[~spec, "placed"].sum()),
        "gp_candidates": int(by_category.loc[~spec, "candidates"].sum()),
        "spec_gap": int(by_category.loc[spec, "gap"].sum()),
        "spec_placed": int(by_category.loc[spec, "placed"].sum()),
        "spec_candidates": int(by_category.loc[spec, "candidates"].sum()),
        "unplaced": int(by_category["unplaced"].sum()),
        "bonus_month": bonus_month,
        "bonus_year": 12.0 * bonus_month,
        "budget_month": budget,
        "budget_used": bonus_month / budget if budget > 0 else 0.0,
        "objective": float(plan.objective) if plan.objective is not None else float("nan"),
    }
