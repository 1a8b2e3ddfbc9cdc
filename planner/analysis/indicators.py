"""Before/after indicators of a plan: per unit, per state, per category and the headline figures.

Everything is derived from the scenario and the plan's placements with pandas, so a planner can
check each figure by hand from the result workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models import rules
from planner.core.plan import Plan
from planner.core.scenario import Scenario
from planner.core.schema import CENTRE, GENERAL, HOSPITAL, NURSING, SPECIALTY
from planner.core.words import MESSAGES, t


@dataclass(frozen=True)
class Indicators:
    """Headline figures and the tables behind them (English column names; reports translate)."""

    headline: dict[str, float]
    units: pd.DataFrame  # one row per unit, before/after
    by_state: pd.DataFrame
    by_category: pd.DataFrame
    assignments: pd.DataFrame  # one row per (unit, category) with placed > 0
    # DESIGN §2b, each empty when its rule is off:
    pools: pd.DataFrame = field(default_factory=pd.DataFrame)  # state pools, per state × category
    linked: pd.DataFrame = field(default_factory=pd.DataFrame)  # vacancies held by a link
    floors: pd.DataFrame = field(default_factory=pd.DataFrame)  # equity floor per state × category


def placed_by_pair(scenario: Scenario, plan: Plan) -> pd.Series:
    """Doctors placed per (clues, category) over every staffing row (0 where none)."""
    placed = pd.Series(0, index=scenario.staffing.index, dtype=int)
    if plan.status.has_solution and len(plan.placements):
        pl = plan.placements
        at = _row_positions(scenario.staffing.index, pl["clues"], pl["category"])
        values = placed.to_numpy(copy=True)
        values[at] = pl["placed"].to_numpy(dtype=int)
        placed = pd.Series(values, index=scenario.staffing.index)
    return placed


def _row_positions(index: pd.MultiIndex, clues: pd.Series, category: pd.Series) -> np.ndarray:
    """Positions in the (clues, category) ``index`` of the given pairs (KeyError if one is not
    there); pairs encoded as integers from the index's level codes, so no tuple is hashed."""
    n_cat = len(index.levels[1])
    u = index.levels[0].get_indexer(clues)
    c = index.levels[1].get_indexer(category)
    rows = pd.Index(index.codes[0].astype(np.int64) * n_cat + index.codes[1])
    wanted = np.where((u >= 0) & (c >= 0), u.astype(np.int64) * n_cat + c, -1)
    at = rows.get_indexer(wanted)
    if np.any(at < 0):
        missing = [(a, b) for a, b, i in zip(clues, category, at, strict=True) if i < 0]
        raise KeyError(f"placements not in the staffing table: {missing[:5]}")
    return at


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
    codes = staffing.index.codes
    is_spec = (cat_kind.reindex(staffing.index.levels[1]).to_numpy() == SPECIALTY)[codes[1]]
    units = scenario.units
    at_unit = units.index.get_indexer(staffing.index.levels[0])[codes[0]]  # each row's unit
    if np.any(at_unit < 0):  # validate keeps only staffing rows of known units
        raise KeyError("staffing rows of units not in the units table")
    bonus = scenario.bonus_per_row()
    if "p_accept" in plan.placements and len(plan.placements):  # issue 13: the level chosen,
        # charged as the budget counts it (bonus × p when expected, bonus when guaranteed)
        chosen = plan.placements.set_index(["clues", "category"])["cost"]
        bonus = chosen.reindex(staffing.index).fillna(pd.Series(bonus, index=staffing.index)
                                                      ).to_numpy(dtype=float)

    rows = pd.DataFrame({
        "clues": clues, "category": cats, "required": required.to_numpy(),
        "current": current.to_numpy(), "placed": placed.to_numpy(),
        "gap": (required - current).clip(lower=0).to_numpy(),
        "is_general": is_general, "is_spec": is_spec, "cost": bonus,
    })
    rows["after"] = rows["current"] + rows["placed"]
    rows["bonus_month"] = rows["placed"] * rows["cost"]

    nurse_rows = None
    if (cat_kind == NURSING).any():  # nurses: their own columns, only when there are any
        nurse_rows = (cat_kind.reindex(staffing.index.levels[1]).to_numpy() == NURSING)[codes[1]]
        # expected posts filled: offers × p (p = 1 without acceptance data)
        rows["expected"] = rows["placed"].astype(float)
        if "p_accept" in plan.placements and len(plan.placements):
            p = plan.placements.set_index(["clues", "category"])["p_accept"]
            rows["expected"] *= p.reindex(staffing.index).fillna(1.0).to_numpy(dtype=float)
    per_unit = _per_unit(units, rows, scenario.params.target, at_unit, nurse_rows,
                         scenario.params.nurse_target)
    by_state = _by_state(per_unit)
    by_category = _by_category(scenario, rows)
    assignments = _assignments(units, rows, at_unit)
    headline = _headline(scenario, plan, per_unit, by_category)
    by_state = by_state.merge(_need_by_state(scenario, plan), on="state_code", how="left")
    by_state["need_covered"] = by_state["need_covered"].fillna(0.0)
    pools = pool_use(scenario, plan)
    linked = held_back(scenario, plan)
    floors = floor_status(scenario, plan)
    links_on = rules.active_rules(scenario)["linked_specialties"]
    by_state = _rule_columns(by_state, pools, linked if links_on else None, floors)
    if links_on:
        headline["spec_held_back"] = int(linked["held_back"].sum()) if len(linked) else 0
    if len(floors):
        headline["floors_unmet"] = int((floors["placed"] < floors["floor"]).sum())
    if len(pools):
        headline["pool_candidates"] = int(pools["pool"].sum())
        headline["pool_idle"] = int(pools["idle"].sum())
        headline["national_received"] = int(pools["from_national"].sum())
    return Indicators(headline, per_unit, by_state, by_category, assignments, pools, linked,
                      floors)


def _per_unit(units: pd.DataFrame, rows: pd.DataFrame, target: int,
              at_unit: np.ndarray, nurse_rows: np.ndarray | None = None,
              nurse_target: int = 2) -> pd.DataFrame:
    """One row per unit; ``at_unit`` is each staffing row's position in ``units``.

    ``nurse_rows`` (None when the workbook has no nursing category) marks the staffing rows of
    nursing categories; then the nurse columns are added (``nurse_*``, ``no_nurse_*``).
    """
    n = len(units)

    def total(column: str, mask: np.ndarray) -> np.ndarray:  # integer sums: exact in float64
        weights = rows[column].to_numpy(dtype=np.int64)[mask]
        return np.bincount(at_unit[mask], weights=weights, minlength=n).astype(np.int64)

    gen = rows["is_general"].to_numpy(dtype=bool)
    spec = rows["is_spec"].to_numpy(dtype=bool)
    # float sums through pandas' groupby (its summation, rows in the same order as before)
    bonus = rows["bonus_month"].groupby(at_unit).sum()
    out = units[["name", "kind", "state_code", "state", "municipality", "zone", "grade",
                 "bonus_eligible", "families", "lat", "lon"]].copy()
    out["gp_required"] = total("required", gen)
    out["gp_before"] = total("current", gen)
    out["gp_placed"] = total("placed", gen)
    out["gp_after"] = out["gp_before"] + out["gp_placed"]
    out["spec_required"] = total("required", spec)
    out["spec_before"] = total("current", spec)
    out["spec_gap"] = total("gap", spec)
    out["spec_placed"] = total("placed", spec)
    out["spec_after"] = out["spec_before"] + out["spec_placed"]
    bonus_month = np.zeros(n)
    bonus_month[bonus.index.to_numpy()] = bonus.to_numpy(dtype=float)
    out["bonus_month"] = bonus_month
    centre = out["kind"] == CENTRE
    # A centre is at target when its general doctors reach its requirement (blank = T).
    need = out["gp_required"].where(out["gp_required"] > 0, target)
    out["at_target_before"] = centre & (out["gp_before"] >= need)
    out["at_target_after"] = centre & (out["gp_after"] >= need)
    out["no_doctor_before"] = centre & (out["gp_before"] == 0)
    out["no_doctor_after"] = centre & (out["gp_after"] == 0)
    if nurse_rows is not None:
        out["nurse_required"] = total("required", nurse_rows)
        out["nurse_before"] = total("current", nurse_rows)
        out["nurse_gap"] = total("gap", nurse_rows)
        out["nurse_placed"] = total("placed", nurse_rows)
        out["nurse_after"] = out["nurse_before"] + out["nurse_placed"]
        out["nurse_expected"] = np.bincount(
            at_unit[nurse_rows], weights=rows["expected"].to_numpy(dtype=float)[nurse_rows],
            minlength=n)
        need_n = out["nurse_required"].where(out["nurse_required"] > 0, nurse_target)
        out["nurse_at_target_before"] = centre & (out["nurse_before"] >= need_n)
        out["nurse_at_target_after"] = centre & (out["nurse_after"] >= need_n)
        out["no_nurse_before"] = centre & (out["nurse_before"] == 0)
        out["no_nurse_after"] = centre & (out["nurse_after"] == 0)
    return out


def _by_state(per_unit: pd.DataFrame) -> pd.DataFrame:
    centre = per_unit["kind"] == CENTRE
    hospital = per_unit["kind"] == HOSPITAL
    df = per_unit.assign(centre=centre, hospital=hospital)
    summed = ["centre", "hospital", "at_target_before", "at_target_after", "no_doctor_before",
              "no_doctor_after", "gp_placed", "spec_gap", "spec_placed", "bonus_month"]
    if "nurse_placed" in per_unit:
        summed += ["nurse_gap", "nurse_placed", "nurse_expected", "nurse_at_target_before",
                   "nurse_at_target_after", "no_nurse_before", "no_nurse_after"]
    agg = (df.groupby(["state_code", "state"], sort=True)[summed].sum()  # one pass, every column
           .rename(columns={"centre": "centres", "hospital": "hospitals"}).reset_index())
    agg["coverage_after"] = np.where(agg["centres"] > 0,
                                     agg["at_target_after"] / agg["centres"].clip(lower=1), np.nan)
    agg["spec_gap_left"] = agg["spec_gap"] - agg["spec_placed"]
    return agg


def _by_category(scenario: Scenario, rows: pd.DataFrame) -> pd.DataFrame:
    # grouped by the staffing index's category codes (integers), labelled by the level after
    level = scenario.staffing.index.levels[1]
    agg = rows[["gap", "placed", "current", "bonus_month"]].groupby(
        scenario.staffing.index.codes[1]).sum()
    agg.index = level[agg.index.to_numpy()]
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


def _assignments(units: pd.DataFrame, rows: pd.DataFrame, at_unit: np.ndarray) -> pd.DataFrame:
    mask = (rows["placed"] > 0).to_numpy()
    at = at_unit[mask]

    def unit(column: str) -> np.ndarray:
        return units[column].to_numpy()[at]

    def row(column: str) -> np.ndarray:
        return rows[column].to_numpy()[mask]

    return pd.DataFrame({
        "clues": row("clues"), "name": unit("name"), "state": unit("state"),
        "municipality": unit("municipality"), "kind": unit("kind"),
        "category": row("category"), "required": row("required"), "before": row("current"),
        "placed": row("placed"), "after": row("after"), "bonus_month": row("bonus_month"),
    }).sort_values(["state", "clues", "category"], kind="stable").reset_index(drop=True)


def _headline(scenario: Scenario, plan: Plan, per_unit: pd.DataFrame,
              by_category: pd.DataFrame) -> dict[str, float]:
    centre = per_unit["kind"] == CENTRE
    spec = by_category["kind"] == SPECIALTY
    gp = by_category["kind"] == GENERAL
    bonus_month = float(per_unit["bonus_month"].sum())
    budget = float(scenario.params.budget)
    nurses: dict[str, float] = {}
    if "nurse_placed" in per_unit:  # only when the workbook has a nursing category
        nurse = by_category["kind"] == NURSING
        nurses = {
            "nurse_placed": int(by_category.loc[nurse, "placed"].sum()),
            "nurse_expected": float(per_unit["nurse_expected"].sum()),
            "nurse_candidates": int(by_category.loc[nurse, "candidates"].sum()),
            "nurse_gap": int(by_category.loc[nurse, "gap"].sum()),
            "nurse_gap_left": int(by_category.loc[nurse, "gap"].sum()
                                  - by_category.loc[nurse, "placed"].sum()),
            "centres_nurse_target_before": int(per_unit["nurse_at_target_before"].sum()),
            "centres_nurse_target_after": int(per_unit["nurse_at_target_after"].sum()),
            "centres_no_nurse_before": int(per_unit["no_nurse_before"].sum()),
            "centres_no_nurse_after": int(per_unit["no_nurse_after"].sum()),
        }
    return {
        "centres": int(centre.sum()),
        "hospitals": int((per_unit["kind"] == HOSPITAL).sum()),
        "centres_at_target_before": int(per_unit["at_target_before"].sum()),
        "centres_at_target_after": int(per_unit["at_target_after"].sum()),
        "centres_no_doctor_before": int(per_unit["no_doctor_before"].sum()),
        "centres_no_doctor_after": int(per_unit["no_doctor_after"].sum()),
        "gp_placed": int(by_category.loc[gp, "placed"].sum()),
        "gp_candidates": int(by_category.loc[gp, "candidates"].sum()),
        "spec_gap": int(by_category.loc[spec, "gap"].sum()),
        "spec_placed": int(by_category.loc[spec, "placed"].sum()),
        "spec_gap_left": int(by_category.loc[spec, "gap"].sum()
                             - by_category.loc[spec, "placed"].sum()),
        "spec_placed_bonus_units": int(per_unit.loc[per_unit["bonus_eligible"].astype(bool),
                                                    "spec_placed"].sum()),
        "spec_candidates": int(by_category.loc[spec, "candidates"].sum()),
        "unplaced": int(by_category["unplaced"].sum()),
        "bonus_month": bonus_month,
        "bonus_year": 12.0 * bonus_month,
        "budget_month": budget,
        "budget_used": bonus_month / budget if budget > 0 else 0.0,
        "objective": float(plan.objective) if plan.objective is not None else float("nan"),
        **nurses,
    }


# --- the rules of DESIGN §2b and the comparison with the hand rule -----------------------------

def _need_by_state(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """Weighted need covered per state: Σ w·x + P·w over first doctors (the objective, by state)."""
    pl = plan.placements
    if not plan.status.has_solution or pl.empty:
        return pd.DataFrame({"state_code": pd.Series(dtype=int),
                             "need_covered": pd.Series(dtype=float)})
    first = pl["first_doctor"].astype(bool) if "first_doctor" in pl else False
    value = pl["weight"] * pl["placed"] + scenario.params.first_doctor_weight * pl["weight"] * first
    out = value.groupby(pl["state_code"]).sum().rename("need_covered").reset_index()
    return out


def pool_use(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """Per state and pooled category: registered candidates placed, national received, left idle.

    A state's placements use its registered candidates first, then national ones, so
    ``from_pool = min(placed, pool)``, ``from_national = placed − from_pool`` and
    ``idle = pool − from_pool``. Empty when no candidates are registered for a state.
    """
    pooled = rules.pooled_categories(scenario)
    cols = ["state_code", "state", "category", "pool", "placed", "from_pool", "from_national",
            "idle"]
    if not pooled:
        return pd.DataFrame(columns=cols)
    supply = scenario.supply
    registered = (supply[(supply["state_code"] != rules.NATIONAL) & supply["category"].isin(pooled)]
                  .groupby(["state_code", "category"])["candidates"].sum().rename("pool"))
    pl = plan.placements
    if plan.status.has_solution and len(pl):
        placed = (pl[pl["category"].isin(pooled)].groupby(["state_code", "category"])["placed"]
                  .sum())
    else:
        placed = pd.Series(dtype=int, name="placed")
    index = registered.index.union(placed.index)
    out = pd.DataFrame({"pool": registered.reindex(index, fill_value=0),
                        "placed": placed.reindex(index, fill_value=0)}).astype(int).reset_index()
    out.columns = ["state_code", "category", "pool", "placed"]
    out["from_pool"] = np.minimum(out["placed"], out["pool"])
    out["from_national"] = out["placed"] - out["from_pool"]
    out["idle"] = out["pool"] - out["from_pool"]
    out["state"] = out["state_code"].map(scenario.units.groupby("state_code")["state"].first())
    order = {c: i for i, c in enumerate(scenario.categories.index)}
    out = out.assign(_c=out["category"].map(order)).sort_values(["state_code", "_c"])
    return out[cols].reset_index(drop=True)


def held_back(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """Vacancies of a linked specialty k left empty because the unit neither has nor receives r.

    Where r = requiere(k) is missing today and the plan places no r, the rule forbids any k there:
    the whole gap of k is held back (``reason`` ``not_placed``: r has a vacancy there but got no
    doctor; ``no_vacancy``: the unit has no vacancy recorded for r either).
    """
    cols = ["clues", "name", "state_code", "state", "category", "requires", "held_back",
            "reason"]
    pl = plan.placements
    if not plan.status.has_solution or pl.empty:
        return pd.DataFrame(columns=cols)
    links = rules.linked_pairs(scenario, pl)
    if links.empty:
        return pd.DataFrame(columns=cols)
    placed = pl["placed"].to_numpy(dtype=int)
    j = links["requires_pair"].to_numpy(dtype=int)
    r_placed = np.where(j >= 0, placed[np.maximum(j, 0)], 0)
    links = links[r_placed == 0]
    if links.empty:
        return pd.DataFrame(columns=cols)
    units = scenario.units.reindex(links["clues"])
    return pd.DataFrame({
        "clues": links["clues"].to_numpy(), "name": units["name"].to_numpy(),
        "state_code": units["state_code"].to_numpy(dtype=int),
        "state": units["state"].to_numpy(), "category": links["category"].to_numpy(),
        "requires": links["requires"].to_numpy(),
        "held_back": pl["gap"].to_numpy(dtype=int)[links["pair"].to_numpy(dtype=int)],
        "reason": np.where(links["requires_pair"].to_numpy(dtype=int) >= 0, "not_placed",
                           "no_vacancy"),
    }).sort_values(["state_code", "clues", "category"], kind="stable").reset_index(drop=True)


def floor_status(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """Equity floor per state and category: the floor, what the plan placed, whether it holds."""
    cols = ["state_code", "state", "category", "gap", "floor", "placed", "met"]
    pl = plan.placements
    if not plan.status.has_solution or pl.empty:
        return pd.DataFrame(columns=cols)
    floors = rules.equity_floors(scenario, pl)
    if floors.empty:
        return pd.DataFrame(columns=cols)
    placed = pl.groupby(["category", "state_code"])["placed"].sum()
    key = pd.MultiIndex.from_arrays([floors["category"], floors["state_code"]])
    floors = floors.assign(placed=placed.reindex(key, fill_value=0).to_numpy(dtype=int))
    floors["met"] = floors["placed"] >= floors["floor"]
    floors["state"] = floors["state_code"].map(
        scenario.units.groupby("state_code")["state"].first())
    return floors.sort_values(["state_code"], kind="stable")[cols].reset_index(drop=True)


def _rule_columns(by_state: pd.DataFrame, pools: pd.DataFrame, linked: pd.DataFrame | None,
                  floors: pd.DataFrame) -> pd.DataFrame:
    """Per-state totals of the active rules as extra ``por_entidad`` columns (None: rule off)."""
    out = by_state
    if len(pools):
        agg = pools.groupby("state_code")[["pool", "from_pool", "from_national", "idle"]].sum()
        agg.columns = ["pool_candidates", "pool_placed", "national_received", "pool_idle"]
        out = out.merge(agg.reset_index(), on="state_code", how="left")
        out[agg.columns] = out[agg.columns].fillna(0).astype(int)
    if linked is not None:
        agg = (linked.groupby("state_code")["held_back"].sum().rename("spec_held_back")
               if len(linked) else pd.Series(dtype=int, name="spec_held_back"))
        agg.index.name = "state_code"
        out = out.merge(agg.reset_index(), on="state_code", how="left")
        out["spec_held_back"] = out["spec_held_back"].fillna(0).astype(int)
    if len(floors):
        unmet = floors.assign(unmet=~floors["met"].astype(bool))
        agg = unmet.groupby("state_code")["unmet"].sum().rename("floors_unmet")
        out = out.merge(agg.reset_index(), on="state_code", how="left")
        out["floors_unmet"] = out["floors_unmet"].fillna(0).astype(int)
    return out


COMPARED = {  # by_state column -> name in the comparison
    "at_target_after": "at_target",
    "no_doctor_after": "no_doctor",
    "spec_placed": "spec_placed",
    "need_covered": "need_covered",
}


def compare_by_state(plan: Indicators, hand: Indicators) -> pd.DataFrame:
    """Optimised plan beside the hand rule, per state (and a national total row, state_code 0).

    For each of centres at target, centres with no doctor, specialists placed and weighted need
    covered: ``<name>_plan``, ``<name>_hand`` and ``<name>_diff`` (plan − hand rule).
    """
    keys = ["state_code", "state"]
    a = plan.by_state.set_index(keys)[list(COMPARED)]
    b = hand.by_state.set_index(keys)[list(COMPARED)].reindex(a.index).fillna(0)
    out = pd.DataFrame(index=a.index)
    for col, name in COMPARED.items():
        out[f"{name}_plan"] = a[col]
        out[f"{name}_hand"] = b[col]
        out[f"{name}_diff"] = a[col] - b[col]
    out = out.reset_index()
    total = out.drop(columns=keys).sum()
    total_row = pd.DataFrame([{"state_code": 0, "state": "Total nacional", **total.to_dict()}])
    out = pd.concat([out, total_row], ignore_index=True)
    for c in out.columns:
        if c.startswith(("at_target", "no_doctor", "spec_placed")):
            out[c] = out[c].astype(int)
    return out


# --- explained infeasibility in planner words --------------------------------------------------

RULE_WORDS = {
    "one_doctor_per_centre": "unmet_one_doctor",
    "equity_floor": "unmet_equity_floor",
}
COUNTERFACTUAL_WORDS = {
    "total_if_more_candidates": "if_more_candidates",
    "total_if_more_budget": "if_more_budget",
    "total_if_national_pools": "if_national_pools",
    "total_if_no_links": "if_no_links",
}


def rule_messages(rules_table: pd.DataFrame, lang: str = "es", alpha: float | None = None,
                  max_states: int = 8) -> list[str]:
    """Sentences explaining the unmet rules of an infeasible plan (``Plan.rules``).

    One sentence per rule and category ("Faltan 120 médicos generales para que cada centro
    tenga uno: Chiapas 40, Oaxaca 35, …"), one for centres with no vacancy recorded, and one
    saying what lifting each limit would leave missing.
    """
    if rules_table is None or rules_table.empty:
        return []
    lines: list[str] = []
    for (rule, category), block in rules_table.groupby(["rule", "category"], sort=False):
        block = block.sort_values(["shortfall", "state_code"], ascending=[False, True])
        shown = [f"{s} {int(n):,}" for s, n in zip(block["state"], block["shortfall"],
                                                    strict=True)][:max_states]
        rest = len(block) - len(shown)
        where = ", ".join(shown) + (t("and_more_states", lang, n=rest) if rest > 0 else "")
        key = RULE_WORDS.get(str(rule), "unmet_rule")
        if int(block["shortfall"].sum()) == 1 and f"{key}_1" in MESSAGES:
            key = f"{key}_1"
        lines.append(t(key, lang, shortfall=f"{int(block['shortfall'].sum()):,}",
                       required=f"{int(block['required'].sum()):,}", category=category,
                       alpha=f"{100 * (alpha or 0):.0f} %", where=where))
        no_vacancy = int(block["no_vacancy"].sum())
        if no_vacancy:
            lines.append(t("unmet_no_vacancy", lang, n=f"{no_vacancy:,}", category=category))
    total = int(rules_table["shortfall"].sum())
    parts = []
    for column, key in COUNTERFACTUAL_WORDS.items():
        if column in rules_table and rules_table[column].notna().any():
            left = int(rules_table[column].iloc[0])
            parts.append(t(key, lang, n=f"{left:,}"))
    if parts:
        lines.append(t("unmet_limits", lang, total=f"{total:,}", parts="; ".join(parts)))
    return lines


def rule_records(rules_table: pd.DataFrame) -> list[dict]:
    """``Plan.rules`` as plain JSON-ready records (NaN as None)."""
    if rules_table is None or rules_table.empty:
        return []
    out = []
    for rec in rules_table.to_dict(orient="records"):
        clean = {}
        for k, v in rec.items():
            if isinstance(v, (float, np.floating)) and not np.isfinite(v):
                v = None
            elif isinstance(v, (np.integer,)):
                v = int(v)
            elif isinstance(v, (np.floating,)):
                v = float(v)
            clean[k] = v
        out.append(clean)
    return out
