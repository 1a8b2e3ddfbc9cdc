"""An invariant checker written with pandas alone (no model code), run on every solved plan.

It recomputes gaps, supply, state pools, linked specialties, equity floors, the hard minimum,
bonus costs, weights and the objective from the scenario's tables and checks the plan, the hand
rule's plan and their indicators against them, so a bug in the model, the hand rule or the
indicators cannot hide behind itself. Use::

    check_invariants(scenario, result)   # raises AssertionError with a clear message
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

CENTRE = "centro de salud"
SPECIALTY = "especialidad"
FULL_CENTRE_FAMILIES = 6000.0


def check_invariants(scenario, result) -> None:
    """Raise AssertionError naming the first broken invariant of ``result`` on ``scenario``.

    The optimised plan must respect every rule (hard rules included); the hand rule's plan every
    limit (supply, pools, links, budget, gaps) but may fall short of the equity floor or the hard
    minimum. An infeasible plan must carry its explanation in ``Plan.rules``.
    """
    plan = result.plan
    if plan.status.value == "infeasible":
        _check_infeasible(scenario, result)
    elif plan.status.has_solution:
        _check_plan(scenario, plan, result.indicators, hard=True, who="plan")
    if getattr(result, "hand", None) is not None:
        _check_plan(scenario, result.hand, result.hand_indicators, hard=False, who="hand rule")


# --- one plan ---------------------------------------------------------------------------------

def _check_plan(scenario, plan, ind, hard: bool, who: str) -> None:
    placed = _placed(scenario, plan, who)
    gap = _gaps(scenario)
    over = placed - gap.reindex(placed.index).fillna(0).astype(int)
    assert (over <= 0).all(), f"{who}: placed over the gap at {list(over[over > 0].index[:5])}"
    _check_supply(scenario, placed, who)
    _check_pools(scenario, placed, who)
    bonus = _bonus_levels(scenario, plan, placed, who)
    p = _acceptance(scenario, placed.index, bonus)
    cost = float((bonus * placed.to_numpy()).sum())  # guaranteed: every offer accepted
    charged = cost if scenario.params.budget_basis == "garantizado" else \
        float((bonus * p * placed.to_numpy()).sum())
    assert charged <= scenario.params.budget * (1 + 1e-9) + 1e-6, \
        f"{who}: bonus {charged:,.2f} over the budget {scenario.params.budget:,.2f}"
    _check_links(scenario, placed, who)
    if hard:
        _check_floors(scenario, placed, gap, who)
        _check_hard_minimum(scenario, placed, who)
    _check_objective(scenario, plan, placed, who, p)
    if ind is not None:
        _check_indicators(scenario, plan, ind, placed, charged, who, p)


def _placed(scenario, plan, who: str) -> pd.Series:
    """Placements per (clues, category), every staffing row, integers ≥ 0."""
    pl = plan.placements
    assert {"clues", "category", "placed"} <= set(pl.columns), f"{who}: placements lack columns"
    key = pd.MultiIndex.from_arrays([pl["clues"], pl["category"]])
    assert key.is_unique, f"{who}: a (unit, category) pair appears twice in the placements"
    values = pl["placed"].to_numpy()
    assert np.all(np.asarray(values, dtype=float) == np.rint(np.asarray(values, dtype=float))), \
        f"{who}: fractional placement"
    unknown = key.difference(scenario.staffing.index)
    assert len(unknown) == 0, f"{who}: placements at pairs not in 'plantilla': {list(unknown[:5])}"
    placed = pd.Series(values.astype(int), index=key)
    assert (placed >= 0).all(), f"{who}: negative placement"
    return placed.reindex(scenario.staffing.index, fill_value=0)


def _gaps(scenario) -> pd.Series:
    """g[u,k] = max(0, required − current), a blank 'requeridos' meaning the target T (general
    medicine) or the nurse target (a category of type enfermería)."""
    staffing = scenario.staffing
    return (_required(scenario) - staffing["current"]).clip(lower=0).astype(int)


def _required(scenario) -> pd.Series:
    """Required per staffing row, blanks resolved by the category's type, written out here."""
    staffing = scenario.staffing
    p = scenario.params
    kinds = scenario.categories["kind"].reindex(staffing.index.get_level_values("category"))
    fill = np.where(kinds.to_numpy() == "enfermería", float(p.nurse_target), float(p.target))
    return staffing["required"].fillna(pd.Series(fill, index=staffing.index))


def _by(placed: pd.Series, level: str) -> pd.Series:
    return placed.groupby(level=level).sum()


def _state_of(scenario, placed: pd.Series) -> np.ndarray:
    return scenario.units["state_code"].reindex(placed.index.get_level_values("clues")).to_numpy()


def _check_supply(scenario, placed: pd.Series, who: str) -> None:
    """No category places more doctors than it has candidates (national plus every pool)."""
    supply = scenario.supply.groupby("category")["candidates"].sum()
    used = _by(placed, "category")
    excess = used - supply.reindex(used.index).fillna(0)
    assert (excess <= 0).all(), f"{who}: over supply: {excess[excess > 0].to_dict()}"


def _check_pools(scenario, placed: pd.Series, who: str) -> None:
    """Candidates bound to a state: Σ_e max(0, placed[k,e] − pool[k,e]) ≤ national[k]."""
    supply = scenario.supply
    pools = supply[supply["state_code"] != 0].groupby(["category", "state_code"])["candidates"]
    pools = pools.sum()
    if pools.empty:
        return
    national = supply[supply["state_code"] == 0].groupby("category")["candidates"].sum()
    frame = pd.DataFrame({"category": placed.index.get_level_values("category"),
                          "state_code": _state_of(scenario, placed), "placed": placed.to_numpy()})
    by_state = frame.groupby(["category", "state_code"])["placed"].sum()
    for category in pools.index.get_level_values("category").unique():
        mine = by_state[by_state.index.get_level_values("category") == category]
        pool = pools.reindex(mine.index, fill_value=0)
        need = (mine - pool).clip(lower=0)
        have = int(national.get(category, 0))
        assert need.sum() <= have, (
            f"{who}: {category} places {int(need.sum())} candidates beyond the state pools "
            f"but the national pool has {have} (by state: "
            f"{ {int(e): int(v) for (_, e), v in need[need > 0].items()} })")


def _bonus(scenario, placed: pd.Series) -> float:
    """Monthly bonus of the placements, recomputed from units, categories and the bonus table."""
    clues = placed.index.get_level_values("clues")
    units = scenario.units.reindex(clues)
    kinds = scenario.categories["kind"].reindex(placed.index.get_level_values("category"))
    bonus = np.array([scenario.bonuses["bonus"].get((k, int(z)), 0.0)
                      for k, z in zip(kinds, units["zone"], strict=True)], dtype=float)
    eligible = units["bonus_eligible"].to_numpy(dtype=bool)
    return float((bonus * eligible * placed.to_numpy()).sum())


def _bonus_levels(scenario, plan, placed: pd.Series, who: str) -> np.ndarray:
    """Bonus per placement: the plan's level, checked against the levels the workbook allows.

    In ``fijo`` mode the level must be the ``bonos`` value (0 off bonus-eligible units); in
    ``por_hospital`` one of the ``niveles_bono`` levels of its (type, zone) (else its ``bonos``
    value), one level per (unit, type) among the pairs with a placement.
    """
    fixed = np.array(_fixed_bonus(scenario, placed.index))
    pl = plan.placements
    if "bonus" not in pl or len(pl) == 0:
        return fixed
    chosen = pl.set_index(["clues", "category"])["bonus"].reindex(placed.index).to_numpy(float)
    chosen = np.where(np.isnan(chosen), fixed, chosen)  # rows with no gap: nothing placed
    units = scenario.units.reindex(placed.index.get_level_values("clues"))
    kinds = scenario.categories["kind"].reindex(placed.index.get_level_values("category"))
    eligible = units["bonus_eligible"].to_numpy(dtype=bool)
    has = placed.to_numpy() > 0
    if scenario.params.bonus_mode != "por_hospital":
        bad = has & ~np.isclose(chosen, fixed)
        assert not bad.any(), f"{who}: fijo plan pays a bonus other than 'bonos'"
        return chosen
    levels = scenario.bonus_levels
    seen: dict[tuple[str, str], float] = {}
    for i in np.flatnonzero(has):
        k, z, u = kinds.iloc[i], int(units["zone"].iloc[i]), placed.index[i][0]
        if not eligible[i]:
            assert chosen[i] == 0.0, f"{who}: bonus paid at {u}, which is not bonus-eligible"
            continue
        allowed = levels[(levels["kind"] == k) & (levels["zone"] == z)]["bonus"].tolist() \
            if levels is not None else []
        allowed = allowed or [fixed[i]]
        assert any(np.isclose(chosen[i], a) for a in allowed), \
            f"{who}: bonus {chosen[i]} at {u} is not a level of ({k}, zona {z})"
        assert np.isclose(seen.setdefault((u, k), chosen[i]), chosen[i]), \
            f"{who}: two bonus levels at {u} for {k}"
    return chosen


def _fixed_bonus(scenario, index: pd.MultiIndex) -> list[float]:
    units = scenario.units.reindex(index.get_level_values("clues"))
    kinds = scenario.categories["kind"].reindex(index.get_level_values("category"))
    return [scenario.bonuses["bonus"].get((k, int(z)), 0.0) * bool(e)
            for k, z, e in zip(kinds, units["zone"], units["bonus_eligible"], strict=True)]


def _acceptance(scenario, index: pd.MultiIndex, bonus: np.ndarray) -> np.ndarray:
    """p per placement, read from the 'aceptacion' points (most specific curve, straight lines
    between points, flat beyond them); 1 without the sheet."""
    acc = scenario.acceptance
    out = np.ones(len(index))
    if acc is None:
        return out
    units = scenario.units.reindex(index.get_level_values("clues"))
    kinds = scenario.categories["kind"].reindex(index.get_level_values("category")).to_numpy()
    curves: dict[tuple, tuple[list, list] | None] = {}  # the same lookup, once per key
    for i, (k, z, g) in enumerate(zip(kinds, units["zone"], units["grade"], strict=True)):
        if (k, int(z), g) not in curves:
            curves[(k, int(z), g)] = None
            for zz, gg in ((int(z), g), (0, g), (int(z), ""), (0, "")):
                c = acc[(acc["kind"] == k) & (acc["zone"] == zz) & (acc["grade"] == gg)]
                if len(c):
                    c = c.sort_values("bonus")
                    curves[(k, int(z), g)] = (c["bonus"].tolist(), c["p"].tolist())
                    break
        curve = curves[(k, int(z), g)]
        if curve is None:
            continue
        xs, ps = curve
        b = float(bonus[i])
        if b <= xs[0]:
            out[i] = ps[0]
        elif b >= xs[-1]:
            out[i] = ps[-1]
        else:
            j = next(j for j in range(1, len(xs)) if xs[j] >= b)
            out[i] = ps[j - 1] + (ps[j] - ps[j - 1]) * (b - xs[j - 1]) / (xs[j] - xs[j - 1])
    return out


def _check_links(scenario, placed: pd.Series, who: str) -> None:
    """Linked specialties: k goes to a unit with no r = requiere(k) today only with an r placed."""
    requires = scenario.categories["requires"]
    requires = requires[requires.map(lambda r: isinstance(r, str) and r != "")]
    if requires.empty:
        return
    current = scenario.staffing["current"]
    for category, r in requires.items():
        mine = placed[(placed.index.get_level_values("category") == category) & (placed > 0)]
        for clues in mine.index.get_level_values("clues"):
            has_r = int(current.get((clues, r), 0)) > 0
            got_r = int(placed.get((clues, r), 0)) > 0
            assert has_r or got_r, (f"{who}: {category} placed at {clues}, which neither has "
                                    f"nor receives {r}")


def _check_floors(scenario, placed: pd.Series, gap: pd.Series, who: str) -> None:
    """Equity floor: placed[k,e] ≥ floor(α · min(supply_k, gap_k) · gap[k,e] / gap_k)."""
    alpha = float(scenario.params.equity_floor)
    if alpha <= 0:
        return
    frame = pd.DataFrame({"category": gap.index.get_level_values("category"),
                          "state_code": _state_of(scenario, gap), "gap": gap.to_numpy(),
                          "placed": placed.reindex(gap.index).to_numpy()})
    by = frame.groupby(["category", "state_code"])[["gap", "placed"]].sum()
    gap_k = by["gap"].groupby(level="category").transform("sum")
    supply = scenario.supply.groupby("category")["candidates"].sum()
    sup = supply.reindex(by.index.get_level_values("category")).fillna(0).to_numpy()
    for (category, state), g, gk, s, p in zip(by.index, by["gap"], gap_k, sup, by["placed"],
                                               strict=True):
        if gk <= 0:
            continue
        floor = math.floor(alpha * min(s, gk) * g / gk + 1e-9)
        assert p >= floor, (f"{who}: equity floor of {category} in state {state} is {floor}, "
                            f"placed {p}")


def _check_hard_minimum(scenario, placed: pd.Series, who: str) -> None:
    """Hard minimum: every centre ends with at least one general doctor."""
    if not scenario.params.one_doctor_per_centre:
        return
    gp = scenario.general_category
    centres = scenario.units.index[scenario.units["kind"] == CENTRE]
    key = pd.MultiIndex.from_arrays([centres, [gp] * len(centres)])
    after = (scenario.staffing["current"].reindex(key).fillna(0).to_numpy()
             + placed.reindex(key).fillna(0).to_numpy())
    empty = list(centres[after < 1][:5])
    assert not empty, f"{who}: centres with no general doctor under the hard minimum: {empty}"


def _weights(scenario, index: pd.MultiIndex) -> np.ndarray:
    """w[u,k] of DESIGN §2, recomputed from the tables."""
    p = scenario.params
    units = scenario.units.reindex(index.get_level_values("clues"))
    cat_w = scenario.categories["weight"].reindex(index.get_level_values("category")).to_numpy()
    grade_w = scenario.grade_weights.reindex(units["grade"]).to_numpy(dtype=float)
    centre = (units["kind"] == CENTRE).to_numpy()
    fam = np.where(centre, units["families"].to_numpy(dtype=float), 0.0)
    return cat_w * grade_w * (1.0 + p.families_weight * fam / FULL_CENTRE_FAMILIES)


def _objective(scenario, placed: pd.Series, p: np.ndarray | None = None) -> float:
    """Σ w·p·x + P·w·p over centres with no general doctor today that receive one (p = 1 when
    the scenario has no acceptance data)."""
    w = _weights(scenario, placed.index) * (1.0 if p is None else p)
    gp = scenario.general_category
    nurses = set(scenario.categories.index[scenario.categories["kind"] == "enfermería"])
    cats = placed.index.get_level_values("category")
    is_first = (((cats == gp) | cats.isin(nurses))
                & (scenario.units["kind"].reindex(placed.index.get_level_values("clues"))
                   == CENTRE).to_numpy()
                & (scenario.staffing["current"].reindex(placed.index).to_numpy() == 0))
    first = is_first & (placed.to_numpy() > 0)
    return float((w * placed.to_numpy()).sum()
                 + scenario.params.first_doctor_weight * (w * first).sum())


def _check_nurses(scenario, plan, ind, placed: pd.Series, nurse: np.ndarray,
                  who: str) -> None:
    """Nurses placed, centres at the nurse target and centres with no nurse, recomputed from the
    placements (a blank 'requeridos' of a nursing category meaning the nurse target)."""
    h = ind.headline
    assert h["nurse_placed"] == int(placed[nurse].sum()), f"{who}: nurse_placed"
    cats = scenario.categories
    nursing = cats.index[cats["kind"] == "enfermería"]
    centres = scenario.units.index[scenario.units["kind"] == CENTRE]
    st = scenario.staffing
    mine = st[st.index.get_level_values("category").isin(nursing)
              & st.index.get_level_values("clues").isin(centres)]
    req = mine["required"].fillna(float(scenario.params.nurse_target))
    got = placed.reindex(mine.index).fillna(0)
    before = mine["current"].groupby(level="clues").sum().reindex(centres, fill_value=0)
    after = (mine["current"] + got).groupby(level="clues").sum().reindex(centres, fill_value=0)
    need = req.groupby(level="clues").sum().reindex(centres, fill_value=0)
    need = need.where(need > 0, scenario.params.nurse_target)
    for name, value in (("centres_nurse_target_before", int((before >= need).sum())),
                        ("centres_nurse_target_after", int((after >= need).sum())),
                        ("centres_no_nurse_before", int((before == 0).sum())),
                        ("centres_no_nurse_after", int((after == 0).sum()))):
        assert h[name] == value, f"{who}: {name} {h[name]} != {value}"
    by_state = ind.by_state
    assert int(by_state["nurse_placed"].sum()) == h["nurse_placed"], f"{who}: por_entidad nurses"
    rows = st[st.index.get_level_values("category").isin(nursing)]
    gap = (_required(scenario).reindex(rows.index) - rows["current"]).clip(lower=0)
    assert h["nurse_gap"] == int(gap.sum()), f"{who}: nurse_gap"
    assert int(by_state["nurse_gap"].sum()) == h["nurse_gap"], f"{who}: por_entidad nurse_gap"
    assert h["nurse_gap_left"] == int(gap.sum()) - int(placed[nurse].sum()), \
        f"{who}: nurse_gap_left"
    pl = plan.placements
    mine = pl[pl["category"].isin(nursing)]
    p = mine["p_accept"].to_numpy(dtype=float) if "p_accept" in mine else 1.0
    expected = float((mine["placed"].to_numpy(dtype=float) * p).sum())
    assert np.isclose(h["nurse_expected"], expected), f"{who}: nurse_expected"
    assert np.isclose(by_state["nurse_expected"].sum(), expected), f"{who}: por_entidad expected"


def _check_objective(scenario, plan, placed: pd.Series, who: str,
                     p: np.ndarray | None = None) -> None:
    """The reported objective is the objective of the placements (never above it)."""
    if plan.objective is None:
        return
    value = _objective(scenario, placed, p)
    tol = 1e-6 * max(1.0, abs(value))
    if plan.status.value == "optimal" or who == "hand rule":
        assert abs(plan.objective - value) <= tol, \
            f"{who}: objective {plan.objective} but the placements are worth {value}"
    else:
        assert plan.objective <= value + tol, \
            f"{who}: objective {plan.objective} above the placements' worth {value}"


# --- indicators --------------------------------------------------------------------------------

def _check_indicators(scenario, plan, ind, placed: pd.Series, cost: float, who: str,
                      p: np.ndarray | None = None) -> None:
    """The report's figures, recomputed from the placements."""
    h = ind.headline
    assert int(ind.assignments["placed"].sum()) == int(placed.sum()), \
        f"{who}: assignments total {int(ind.assignments['placed'].sum())} != {int(placed.sum())}"
    assert np.isclose(h["bonus_month"], cost), f"{who}: bonus_month {h['bonus_month']} != {cost}"
    assert np.isclose(h["bonus_year"], 12 * cost), f"{who}: bonus_year is not 12 × bonus_month"
    kinds = scenario.categories["kind"].reindex(placed.index.get_level_values("category"))
    spec = (kinds == SPECIALTY).to_numpy()
    assert h["spec_placed"] == int(placed[spec].sum()), f"{who}: spec_placed"
    assert h["gp_placed"] == int(placed[(kinds == "medicina general").to_numpy()].sum()), \
        f"{who}: gp_placed"
    nurse = (kinds == "enfermería").to_numpy()
    if nurse.any() or "nurse_placed" in h:
        _check_nurses(scenario, plan, ind, placed, nurse, who)
    by_cat = ind.by_category.set_index("category")["placed"]
    mine = _by(placed, "category").reindex(by_cat.index, fill_value=0)
    assert (by_cat == mine).all(), f"{who}: por_categoria placed differs from the placements"

    gp = scenario.general_category
    centres = scenario.units[scenario.units["kind"] == CENTRE]
    key = pd.MultiIndex.from_arrays([centres.index, [gp] * len(centres)])
    required = _required(scenario)
    req = required.reindex(key).fillna(0).to_numpy()
    after = (scenario.staffing["current"].reindex(key).fillna(0).to_numpy()
             + placed.reindex(key).fillna(0).to_numpy())
    need = np.where(req > 0, req, scenario.params.target)
    assert h["centres_no_doctor_after"] == int((after == 0).sum()), \
        f"{who}: centres with no doctor {h['centres_no_doctor_after']} != {int((after == 0).sum())}"
    assert h["centres_at_target_after"] == int((after >= need).sum()), \
        f"{who}: centres at target {h['centres_at_target_after']} != {int((after >= need).sum())}"

    by_state = ind.by_state
    for col, head in (("at_target_after", "centres_at_target_after"),
                      ("no_doctor_after", "centres_no_doctor_after"),
                      ("spec_placed", "spec_placed"), ("gp_placed", "gp_placed")):
        assert int(by_state[col].sum()) == int(h[head]), f"{who}: por_entidad {col} total"
    if "need_covered" in by_state and plan.objective is not None:
        assert np.isclose(by_state["need_covered"].sum(), _objective(scenario, placed, p)), \
            f"{who}: need covered by state does not add up to the objective"
    _check_pool_table(scenario, ind, placed, who)


def _check_pool_table(scenario, ind, placed: pd.Series, who: str) -> None:
    """The state-pool table: registered placed + national received = placed; nothing negative."""
    pools = getattr(ind, "pools", None)
    if pools is None or pools.empty:
        return
    assert ((pools["from_pool"] + pools["from_national"]) == pools["placed"]).all(), \
        f"{who}: pool table does not add up"
    assert ((pools["from_pool"] + pools["idle"]) == pools["pool"]).all(), \
        f"{who}: pool table idle does not add up"
    assert (pools[["from_pool", "from_national", "idle"]] >= 0).all().all(), \
        f"{who}: negative figure in the pool table"
    frame = pd.DataFrame({"category": placed.index.get_level_values("category"),
                          "state_code": _state_of(scenario, placed), "placed": placed.to_numpy()})
    by_state = frame.groupby(["category", "state_code"])["placed"].sum()
    for rec in pools.itertuples(index=False):
        assert rec.placed == int(by_state.get((rec.category, rec.state_code), 0)), \
            f"{who}: pool table placed {rec.category} in {rec.state_code}"


# --- infeasible -------------------------------------------------------------------------------

def _check_infeasible(scenario, result) -> None:
    """An infeasible plan has no placements nor indicators; under hard rules it explains itself."""
    plan = result.plan
    assert plan.placements.empty or int(plan.placements["placed"].sum()) == 0, \
        "infeasible plan with placements"
    assert result.indicators is None, "infeasible plan with indicators"
    hard = (float(scenario.params.equity_floor) > 0) or bool(scenario.params.one_doctor_per_centre)
    if not hard:
        return
    rules = plan.rules
    assert rules is not None and not rules.empty, "infeasible under hard rules but no explanation"
    assert (rules["shortfall"] > 0).all(), "an explanation row with no shortfall"
    assert ((rules["required"] - rules["reached"]) == rules["shortfall"]).all(), \
        "explanation rows: required − reached != shortfall"
    assert set(rules["rule"]) <= {"equity_floor", "one_doctor_per_centre"}, \
        f"unknown rule in the explanation: {set(rules['rule'])}"
