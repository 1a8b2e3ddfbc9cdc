"""Acceptance-aware plans (issue 13): offers accepted with probability p, the bonus as a decision.

Two modes, chosen by ``modo_bono`` (docs/MODELO.md, "Aceptación"):

``fijo``
    today's model on transformed placement pairs: ``weight = w·p`` and ``cost = b·p`` (expected
    budget) or ``b`` (guaranteed budget), where ``b`` is the pair's fixed bonus and ``p`` its
    acceptance probability at that bonus. The model, solver paths, hand rule and indicators
    run unchanged; with every p = 1 the pairs are today's, bit for bit.
``por_hospital``
    each pair at a bonus-eligible unit is expanded into one row per bonus level l of its
    (type, zone); a binary y[g,l] picks one level per (unit, category type) g, and
    x[u,k,l] ≤ gap·y[g,l]. Objective Σ w·p_l·x (+ first-doctor term), supply Σ_l x ≤ offers,
    budget Σ b_l·p_l·x (expected) or Σ b_l·x (guaranteed) ≤ B. Built on
    :func:`models.allocation.build_allocation` over the expanded pairs; linked specialties and
    equity floors are added here over the sums across levels.

After solving, :func:`collapse` folds the levels back into one row per (unit, category) with the
level chosen (columns ``bonus``, ``p_accept``), so every downstream table keeps its shape.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pandas as pd
import pulp

from models import budget_risk, exact_levels, rules
from models.allocation import (
    AllocationModel,
    _add_hard_row,
    _key,
    build_allocation,
    placement_pairs,
)
from models.backend import add_usage, make_solver, quiet_stdout
from models.curve_sets import CurveSet, pair_keys, set_probabilities
from models.settings import SolverSettings
from models.solve import _relaxation, solve_model
from planner.core.plan import Plan, Status
from planner.core.scenario import Scenario
from planner.core.text import slug
from planner.io.acceptance import levels_for, probability

EXPECTED, GUARANTEED = "esperado", "garantizado"


def is_active(scenario: Scenario) -> bool:
    """True when acceptance or the bonus choice changes anything (else today's model)."""
    return scenario.acceptance is not None or scenario.params.bonus_mode == "por_hospital"


def _pair_keys(scenario: Scenario, pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray,
                                                                  np.ndarray]:
    """(category type, marginalization grade, bonus-eligible) of each pair."""
    kind, grade = pair_keys(scenario, pairs)
    eligible = scenario.units["bonus_eligible"].reindex(pairs["clues"]).to_numpy(dtype=bool)
    return kind, grade, eligible


def expected_pairs(scenario: Scenario, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The fijo transformation: pairs with ``weight = w·p`` and ``cost`` on the budget basis.

    Added columns: ``bonus`` (MXN paid per accepted doctor), ``p_accept`` and ``weight_full``
    (w, the need one filled post covers). With no acceptance data p = 1 and weight/cost are
    today's values unchanged.
    """
    pairs = placement_pairs(scenario) if pairs is None else pairs
    kind, grade, _ = _pair_keys(scenario, pairs)
    bonus = pairs["cost"].to_numpy(dtype=float)
    p = probability(scenario.acceptance, kind, pairs["zone"].to_numpy(), grade, bonus)
    return _with_probability(scenario, pairs, bonus, p)


def _with_probability(scenario: Scenario, pairs: pd.DataFrame, bonus: np.ndarray,
                      p: np.ndarray) -> pd.DataFrame:
    out = pairs.copy()
    w = pairs["weight"].to_numpy(dtype=float)
    out["weight_full"] = w
    out["bonus"] = bonus
    out["p_accept"] = p
    out["weight"] = w * p
    guaranteed = scenario.params.budget_basis == GUARANTEED
    out["cost"] = bonus if guaranteed else bonus * p
    return out


def level_pairs(scenario: Scenario, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The por_hospital expansion: one row per pair and bonus level at eligible units.

    Extra columns: ``pair`` (row of the original pair), ``group`` (one per eligible unit and
    category type; -1 for pairs with no bonus choice), ``level`` (index of the level in its
    group). Pairs at units that are not bonus-eligible keep one row at bonus 0.
    """
    pairs = placement_pairs(scenario) if pairs is None else pairs
    kind, grade, eligible = _pair_keys(scenario, pairs)
    zone = pairs["zone"].to_numpy(dtype=int)
    idx, bonus, group, level = _expand_levels(scenario, pairs["clues"].to_numpy(dtype=object),
                                              kind, zone, eligible)
    expanded = pairs.iloc[idx].reset_index(drop=True)
    p = probability(scenario.acceptance, kind[idx], zone[idx], grade[idx], bonus)
    out = _with_probability(scenario, expanded, bonus, p)
    out["pair"] = idx
    out["group"] = group
    out["level"] = level
    return out


def _expand_levels(scenario: Scenario, clues: np.ndarray, kind: np.ndarray, zone: np.ndarray,
                   eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(pair, bonus, group, level) of each expanded row, pairs in order and levels in order
    within a pair: an eligible pair takes every level of its (type, zone), a pair elsewhere one
    row at bonus 0 (group -1, level 0). Groups are numbered per (unit, type) in order of first
    appearance among the eligible pairs. In bulk with numpy (it was a loop over pairs,
    0.05-0.12 s nationally; benchmarks/README.md)."""
    n = len(clues)
    where = np.flatnonzero(eligible)
    counts = np.ones(n, dtype=int)
    group = np.full(n, -1, dtype=int)
    first = np.zeros(n, dtype=int)  # each pair's first level in ``flat``
    flat = np.zeros(1)  # flat[0] = 0.0, the bonus of a pair at an ineligible unit
    if len(where):
        kind_code, kinds = pd.factorize(kind[where], use_na_sentinel=False)
        low = int(zone[where].min())
        zones = zone[where] - low
        span = int(zones.max()) + 1
        key_of, keys = pd.factorize(kind_code * span + zones)  # (type, zone): few
        levels = [levels_for(scenario, str(kinds[c // span]), int(c % span) + low) for c in keys]
        sizes = np.array([len(v) for v in levels], dtype=int)
        flat = np.concatenate([flat, *[np.asarray(v, dtype=float) for v in levels]])
        starts = 1 + np.concatenate([[0], np.cumsum(sizes)[:-1]])
        counts[where] = sizes[key_of]
        first[where] = starts[key_of]
        unit_code, _ = pd.factorize(clues[where], use_na_sentinel=False)
        group[where] = pd.factorize(unit_code * len(kinds) + kind_code)[0]  # first appearance
    idx = np.repeat(np.arange(n), counts)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    level = np.arange(len(idx)) - np.repeat(offsets, counts)
    bonus = flat[first[idx] + level]
    return idx, bonus, group[idx], level


@dataclasses.dataclass
class LevelModel:
    """The por_hospital model: the allocation model over expanded pairs plus the level choice."""

    model: AllocationModel
    y: dict[tuple[int, int], pulp.LpVariable]


def build_por_hospital(scenario: Scenario, pairs: pd.DataFrame | None = None) -> LevelModel:
    """The por_hospital integer program (docs/MODELO.md): one bonus level per unit and type."""
    pairs = placement_pairs(scenario) if pairs is None else pairs
    expanded = level_pairs(scenario, pairs)
    # Links and floors count a pair's placements over its levels: added below, not per row.
    # The hard minimum per centre too: its row sums a centre's general medicine over levels.
    plain = dataclasses.replace(scenario, params=dataclasses.replace(
        scenario.params, equity_floor=0.0, one_doctor_per_centre=False))
    model = build_allocation(plain, expanded, relax=frozenset({"links"}))
    y = add_level_choice(model, expanded)
    members = expanded.groupby("pair", sort=True).indices
    add_links_over_levels(model, rules.linked_pairs(scenario, pairs), pairs, members)
    add_floors_over_levels(model, rules.equity_floors(scenario, pairs), pairs, members)
    add_one_doctor_over_levels(model, rules.centres_needing_doctor(scenario, pairs), members,
                               scenario.general_category)
    return LevelModel(model, y)


def add_level_choice(model: AllocationModel, expanded: pd.DataFrame
                     ) -> dict[tuple[int, int], pulp.LpVariable]:
    """Σ_l y[g,l] ≤ 1 per group, and x[u,k,l] ≤ gap[u,k]·y[g,l] for each expanded row."""
    y: dict[tuple[int, int], pulp.LpVariable] = {}
    group = expanded["group"].to_numpy(dtype=int)
    level = expanded["level"].to_numpy(dtype=int)
    gap = expanded["gap"].to_numpy(dtype=float)
    for i in np.flatnonzero(group >= 0):
        key = (int(group[i]), int(level[i]))
        if key not in y:
            y[key] = pulp.LpVariable(f"y_{key[0]:06d}_{key[1]:02d}", 0, 1, cat=pulp.LpInteger)
        expr = pulp.LpAffineExpression([(model.x[i], 1.0), (y[key], -gap[i])])
        model.prob.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintLE,
                                                   f"level_{i:06d}", 0.0))
    by_group: dict[int, list[pulp.LpVariable]] = {}
    for (g, _), var in y.items():
        by_group.setdefault(g, []).append(var)
    for g, vars_ in by_group.items():
        expr = pulp.LpAffineExpression([(v, 1.0) for v in vars_])
        model.prob.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintLE,
                                                   f"one_level_{g:06d}", 1.0))
    return y


def add_links_over_levels(model: AllocationModel, links: pd.DataFrame, pairs: pd.DataFrame,
                          members: dict) -> None:
    """Σ_l x[u,k,l] ≤ g[u,k]·Σ_l x[u,r,l] where u has no r today (0 if no gap for r)."""
    gap = pairs["gap"].to_numpy(dtype=float)
    for i, j in zip(links["pair"].to_numpy(dtype=int),
                    links["requires_pair"].to_numpy(dtype=int), strict=True):
        terms = [(model.x[m], 1.0) for m in members[i]]
        if j >= 0:
            terms += [(model.x[m], -gap[i]) for m in members[j]]
        model.prob.addConstraint(pulp.LpConstraint(
            pulp.LpAffineExpression(terms), pulp.LpConstraintLE, f"link_{i:06d}", 0.0))


def add_floors_over_levels(model: AllocationModel, floors: pd.DataFrame, pairs: pd.DataFrame,
                           members: dict) -> None:
    """Σ_{u∈e,l} x[u,k,l] ≥ floor[k,e] (equity floor, offers counted over every level)."""
    groups = pairs.groupby(["category", "state_code"], sort=False).indices
    rows = zip(floors["category"], floors["state_code"], floors["floor"], strict=True)
    for category, state, floor in rows:
        idx = groups.get((category, state), ())
        cols = [int(m) for i in idx for m in members[i]]
        _add_hard_row(model, [(model.x[m], 1.0) for m in cols], float(floor),
                      f"equity_{slug(str(category))}_{int(state):02d}",
                      {"rule": "equity_floor", "category": str(category),
                       "state_code": int(state), "clues": None, "required": int(floor),
                       "pairs": cols})


def add_one_doctor_over_levels(model: AllocationModel, centres: pd.DataFrame, members: dict,
                               general: str) -> None:
    """Σ_l x[u, Medicina general, l] ≥ 1 at every centre with no general doctor today (hard
    minimum; a bonus-eligible centre has one row per level, so the rule counts them all)."""
    rows = zip(centres["clues"], centres["state_code"], centres["pair"], strict=True)
    for clues, state, i in rows:
        cols = [int(m) for m in members[int(i)]] if i >= 0 else []
        _add_hard_row(model, [(model.x[m], 1.0) for m in cols], 1.0,
                      f"one_doctor_{_key(clues)}",
                      {"rule": "one_doctor_per_centre", "category": general,
                       "state_code": int(state), "clues": str(clues), "required": 1,
                       "pairs": cols})


def collapse(expanded: pd.DataFrame, pairs: pd.DataFrame, placed: np.ndarray,
             first_doctor: np.ndarray, scenario: Scenario) -> pd.DataFrame:
    """One row per original pair: placements summed over levels, the level used kept.

    A pair with no placement keeps the level its group chose if any placement in the group
    chose one, else the lowest level (it carries no offer, so its level does not matter).
    """
    placed = np.asarray(placed, dtype=int)
    n = len(pairs)
    pair = expanded["pair"].to_numpy(dtype=int)
    total = np.bincount(pair, weights=placed, minlength=n).astype(int)
    first = np.zeros(n, dtype=bool)
    np.logical_or.at(first, pair, np.asarray(first_doctor, dtype=bool))
    # level per group: the one with placements (at most one by construction)
    group = expanded["group"].to_numpy(dtype=int)
    level = expanded["level"].to_numpy(dtype=int)
    chosen: dict[int, int] = {}
    for i in np.flatnonzero((placed > 0) & (group >= 0)):
        chosen[int(group[i])] = int(level[i])
    keep = np.zeros(len(expanded), dtype=bool)
    seen = np.zeros(n, dtype=bool)
    for i in range(len(expanded)):
        g = group[i]
        want = chosen.get(int(g), 0) if g >= 0 else level[i]
        if level[i] == want and not seen[pair[i]]:
            keep[i] = True
            seen[pair[i]] = True
    rows = expanded[keep].set_index("pair").reindex(range(n))
    out = pairs.copy()
    for col in ("weight_full", "bonus", "p_accept", "weight", "cost"):
        out[col] = rows[col].to_numpy(dtype=float)
    out["placed"] = total
    out["first_doctor"] = first
    return out


def solve_por_hospital(scenario: Scenario, settings: SolverSettings,
                       pairs: pd.DataFrame | None = None) -> Plan:
    """Build and solve the por_hospital model; the plan's placements are collapsed per pair."""
    t0 = time.perf_counter()
    pairs = placement_pairs(scenario) if pairs is None else pairs
    if settings.solver == "exact":  # models/exact_levels.py; HiGHS when it cannot answer
        return _solve_exact_levels(scenario, settings, pairs)
    lm = build_por_hospital(scenario, pairs)
    build = time.perf_counter() - t0
    # The LP relaxation (bound, marginal values) and a rounded incumbent; when the incumbent is
    # within the accepted gap of the LP bound it is the answer, else the full program is solved
    # from it (same optimum, proven by the solver).
    t0 = time.perf_counter()
    lp_bound, marginal = _relaxation(lm.model, settings)
    relax = time.perf_counter() - t0
    t0 = time.perf_counter()
    start = rounding_start(lm, settings) if lp_bound is not None else None
    heuristic = time.perf_counter() - t0
    timings = {"build": build, "relax": relax, "start": heuristic}
    if start is not None and lp_bound is not None:
        plan = _plan_from_values(lm, settings, start, lp_bound, marginal, dict(timings))
        if plan.gap is not None and plan.gap <= settings.mip_gap:
            return _collapsed(plan, lm, pairs, scenario)
    if lp_bound is None:  # infeasible or failed relaxation: the usual path reports it
        plan = solve_model(lm.model, settings)
        plan.timings.update(timings)
        return _collapsed(plan, lm, pairs, scenario)
    left = dataclasses.replace(settings, relaxation=False,
                               time_limit=max(1.0, settings.time_limit - relax - heuristic))
    return _from_start(lm, pairs, scenario, left, start, lp_bound, marginal, timings)


def _from_start(lm: LevelModel, pairs: pd.DataFrame, scenario: Scenario,
                settings: SolverSettings, start: dict[str, float] | None, lp_bound: float,
                marginal: pd.DataFrame, timings: dict[str, float]) -> Plan:
    """The full program solved from ``start`` (no relaxation: its bound and marginals given)."""
    plan = solve_model(lm.model, settings, start=start)
    plan.timings.update(timings)
    if plan.status.has_solution:
        gap = plan.gap if plan.gap is not None else max(
            0.0, lp_bound - plan.objective) / max(abs(lp_bound), 1e-9)
        usage = add_usage(marginal, lm.model.pools, plan.placements) if not marginal.empty \
            else marginal
        plan = dataclasses.replace(plan, lp_bound=lp_bound, gap=gap, marginal=usage)
    return _collapsed(plan, lm, pairs, scenario)


def _solve_exact_levels(scenario: Scenario, settings: SolverSettings,
                       pairs: pd.DataFrame) -> Plan:
    """The exact path's answer, or HiGHS on the whole program (from its incumbent when it has
    one); a plan HiGHS solved says solver "highs"."""
    t0 = time.perf_counter()
    expanded = level_pairs(scenario, pairs)
    spent = time.perf_counter() - t0
    answer = exact_levels.solve_levels(scenario, settings, pairs, expanded)
    answer.timings["build"] = answer.timings.get("build", 0.0) + spent
    if answer.plan is not None:
        return _collapsed(answer.plan, expanded, pairs, scenario)
    highs = dataclasses.replace(settings, solver="highs")
    if answer.start is None or answer.lp_bound is None:
        plan = solve_por_hospital(scenario, highs, pairs)
        plan.timings.update({f"exact_{k}": v for k, v in answer.timings.items()})
        return plan
    t0 = time.perf_counter()
    lm = build_por_hospital(scenario, pairs)
    answer.timings["build"] += time.perf_counter() - t0
    spent = sum(answer.timings.values())
    left = dataclasses.replace(highs, relaxation=False,
                               time_limit=max(1.0, settings.time_limit - spent))
    return _from_start(lm, pairs, scenario, left, answer.start, answer.lp_bound,
                       answer.marginal, answer.timings)


def _collapsed(plan: Plan, lm: LevelModel | pd.DataFrame, pairs: pd.DataFrame,
               scenario: Scenario) -> Plan:
    """The plan with its placements folded back to one row per (unit, category)."""
    if not plan.status.has_solution:
        return plan
    raw = plan.placements
    expanded = lm if isinstance(lm, pd.DataFrame) else lm.model.pairs
    out = collapse(expanded, pairs, raw["placed"].to_numpy(),
                   raw["first_doctor"].to_numpy(dtype=bool), scenario)
    return dataclasses.replace(plan, placements=out)


def rounding_start(lm: LevelModel, settings: SolverSettings) -> dict[str, float] | None:
    """A first incumbent from the LP relaxation just solved (values in the variables): each
    (unit, type) takes the level with the largest y, and the integer program is solved with
    those levels fixed (today's model in all but name, which the solvers finish fast).

    Returns every variable's value by name, or None when the fixed program has no solution.
    """
    if not lm.y:
        return None
    prob = lm.model.prob
    best: dict[int, tuple[int, float]] = {}
    for (g, lvl), var in sorted(lm.y.items()):
        value = float(var.varValue or 0.0)
        if g not in best or value > best[g][1] + 1e-9:
            best[g] = (lvl, value)
    saved = {key: var.upBound for key, var in lm.y.items()}
    try:
        for (g, lvl), var in lm.y.items():
            var.upBound = 1 if best[g][0] == lvl else 0
        with quiet_stdout(settings.log):
            prob.solve(make_solver(settings, mip=True))
        if prob.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            return None
        return {v.name: float(round(v.varValue or 0.0)) for v in prob.variables()}
    finally:
        for key, var in lm.y.items():
            var.upBound = saved[key]


def _plan_from_values(lm: LevelModel, settings: SolverSettings, values: dict[str, float],
                      lp_bound: float, marginal: pd.DataFrame,
                      timings: dict[str, float]) -> Plan:
    """The plan of a known integer point whose distance to the LP bound is within the gap.

    Its status is ``optimal`` only when it reaches the bound; otherwise ``feasible`` with the
    gap measured against the LP bound (a proof that the optimum is at most that far).
    """
    model = lm.model
    objective = float(sum(c * values.get(v.name, 0.0) for v, c in model.prob.objective.items()))
    gap = max(0.0, lp_bound - objective) / max(abs(lp_bound), 1e-9)
    status = Status.OPTIMAL if gap <= 1e-9 else Status.FEASIBLE
    pairs = model.pairs.copy()
    pairs["placed"] = np.array([int(values.get(v.name, 0.0)) for v in model.x], dtype=int)
    pairs["first_doctor"] = False
    if len(model.z):
        zvals = np.array([values.get(v.name, 0.0) for v in model.z]) > 0.5
        pairs.loc[model.z_pairs, "first_doctor"] = zvals
    if not marginal.empty:
        marginal = add_usage(marginal, model.pools, pairs)
    return Plan(status=status, solver=settings.solver,
                solver_status=f"LP rounding within gap {settings.mip_gap:g}",
                objective=objective, lp_bound=lp_bound, gap=gap, placements=pairs,
                marginal=marginal, timings=timings,
                n_variables=len(model.x) + len(model.z) + len(lm.y),
                n_constraints=model.prob.numConstraints())


def solve_accepting(scenario: Scenario, settings: SolverSettings,
                    pairs: pd.DataFrame | None = None) -> tuple[Plan, pd.DataFrame]:
    """The plan for ``scenario`` under its acceptance data and bonus mode, and the fijo pairs.

    The fijo pairs (uniform bonus of the ``bonos`` sheet, weights and costs scaled by p) are
    what the hand rule, the 2024 policy, is run on.
    """
    from models.solve import solve_allocation

    pairs = placement_pairs(scenario) if pairs is None else pairs
    fixed = expected_pairs(scenario, pairs)

    def solve_at(budget: float, basis: str) -> Plan:
        sc = at_budget(scenario, budget, basis)
        if sc.params.bonus_mode == "por_hospital":
            return solve_por_hospital(sc, settings, pairs)
        return solve_allocation(sc, settings, expected_pairs(sc, pairs) if sc is not scenario
                                else fixed)

    if budget_risk.applies(scenario.params):  # riesgo_presupuesto: models/budget_risk.py
        plan = budget_risk.tighten(solve_at, scenario.params.budget, scenario.params.budget_risk)
    else:
        plan = solve_at(scenario.params.budget, scenario.params.budget_basis)
    return plan, fixed


def at_budget(scenario: Scenario, budget: float, basis: str) -> Scenario:
    """``scenario`` with its budget row and basis replaced (itself when both are unchanged)."""
    p = scenario.params
    if budget == p.budget and basis == p.budget_basis:
        return scenario
    return dataclasses.replace(scenario, params=dataclasses.replace(p, budget=budget,
                                                                    budget_basis=basis))


def hand_with_risk(scenario: Scenario, pairs: pd.DataFrame, hand_rule) -> Plan:
    """The 2024 policy (``hand_rule`` on the fijo pairs) under the same riesgo_presupuesto
    guarantee as the plan, so both are compared at the same risk of overrun."""
    if not budget_risk.applies(scenario.params):
        return hand_rule(scenario, pairs)

    def solve_at(budget: float, basis: str) -> Plan:
        sc = at_budget(scenario, budget, basis)
        return hand_rule(sc, pairs if sc is scenario or basis == scenario.params.budget_basis
                         else expected_pairs(sc, pairs))

    return budget_risk.tighten(solve_at, scenario.params.budget, scenario.params.budget_risk)


def expected_value(placements: pd.DataFrame, first_doctor_weight: float) -> float:
    """Expected weighted need covered by placements carrying ``weight_full`` and ``p_accept``."""
    w = placements["weight_full"].to_numpy(dtype=float)
    p = placements["p_accept"].to_numpy(dtype=float)
    x = placements["placed"].to_numpy(dtype=float)
    z = placements["first_doctor"].to_numpy(dtype=bool)
    return float((w * p * x).sum() + (first_doctor_weight * w * p * z).sum())


# --- plans robust to the curves (issue 22, item 4): see solve_robust -------------------------


def _robust_model(scenario: Scenario, pairs: pd.DataFrame, sets: list[CurveSet]):
    """The central model (por_hospital or fijo) with the max-min objective; (model, lm|None)."""
    if scenario.params.bonus_mode == "por_hospital":
        lm = build_por_hospital(scenario, pairs)
        model = lm.model
    else:
        lm = None
        model = build_allocation(scenario, _robust_rows(scenario, pairs))
    rows = model.pairs
    w = rows["weight_full"].to_numpy(dtype=float)
    big_p = scenario.params.first_doctor_weight
    t = pulp.LpVariable("t_robusto", lowBound=None)
    for k, cs in enumerate(sets):
        wp = w * set_probabilities(scenario, rows, cs)
        terms = list(zip(model.x, (-wp).tolist()))
        terms += list(zip(model.z, (-big_p * wp[model.z_pairs]).tolist()))
        terms.append((t, 1.0))
        model.prob += pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintLE,
                                        f"robusto_{k:03d}", 0.0)
    model.prob.setObjective(pulp.LpAffineExpression([(t, 1.0)], name="peor_caso"))
    return model, lm


def solve_robust(scenario: Scenario, settings: SolverSettings, sets: list[CurveSet],
                 pairs: pd.DataFrame | None = None) -> Plan:
    """The plan that maximises the worst case over the curve ``sets`` (docs/MODELO.md «Planes
    robustos»); placements one row per pair with the level chosen (as the central plan's),
    objective = its worst case.

    A curve set (models/curve_sets.py: the sets, their `supuesto` ranges, the evaluation of a
    plan under each) moves each curve's level and bonus effect. The model: max t subject to
    t ≤ V_k(x, z) = Σ_i w_i · p_k,i · (x_i + P·z_i) for every set k, where w_i is the need one
    filled post covers and p_k,i the acceptance of pair (and bonus level) i under set k, with the
    rows of the central plan (supply, budget on its basis and at its row, rules, one bonus level
    per hospital). The budget row keeps the central curves' expected cost, so both plans spend
    under the same rule; with ``riesgo_presupuesto`` it is tightened as the central plan's
    (models/budget_risk.py, certificate on the central curves).

    Solver paths: ``highs``/``cbc`` solve the PuLP model (:func:`_robust_model`). ``exact``:
    models.exact_levels.solve_robust_levels (LP bound, levels rounded, fix and solve, every row
    checked); ``optimal`` when its worst case meets the bound, ``feasible`` with the measured gap
    within ``brecha_mip``, otherwise HiGHS solves the whole program from it and the plan says
    "highs" — so at ``brecha_mip = 0`` every path gives HiGHS's proven optimum.
    """
    t0 = time.perf_counter()
    pairs = placement_pairs(scenario) if pairs is None else pairs
    highs = dataclasses.replace(settings, solver="highs", relaxation=False)
    weights: dict[str, list[np.ndarray]] = {}  # per budget basis: w·p_k of each row, each set

    def solve_at(budget: float, basis: str) -> Plan:
        sc = at_budget(scenario, budget, basis)
        start = None
        if settings.solver not in ("highs", "cbc"):
            rows = _robust_rows(sc, pairs)
            if basis not in weights:
                w = rows["weight_full"].to_numpy(dtype=float)
                weights[basis] = [w * set_probabilities(sc, rows, cs) for cs in sets]
            plan, start = exact_levels.solve_robust_levels(sc, settings, pairs, rows,
                                                           weights[basis])
            if plan is not None:
                return _collapsed(plan, rows, pairs, sc)
        mip = highs if settings.solver not in ("highs", "cbc") else dataclasses.replace(
            settings, relaxation=False)
        model, lm = _robust_model(sc, pairs, sets)
        plan = solve_model(model, mip, start=start)
        return _collapsed(plan, lm if lm is not None else model.pairs, pairs, sc)

    if budget_risk.applies(scenario.params):
        plan = budget_risk.tighten(solve_at, scenario.params.budget, scenario.params.budget_risk)
    else:
        plan = solve_at(scenario.params.budget, scenario.params.budget_basis)
    plan.timings["robust"] = time.perf_counter() - t0
    return plan


def _robust_rows(scenario: Scenario, pairs: pd.DataFrame) -> pd.DataFrame:
    """The model's rows: the level expansion (por_hospital) or the fijo pairs, both with
    ``pair``, ``group``, ``level`` so that acceptance.collapse folds them back."""
    if scenario.params.bonus_mode == "por_hospital":
        return level_pairs(scenario, pairs)
    rows = expected_pairs(scenario, pairs)
    return rows.assign(pair=np.arange(len(rows)), group=-1, level=0)


__all__ = ["build_por_hospital", "collapse", "expected_pairs", "expected_value", "is_active",
           "level_pairs", "solve_accepting", "solve_por_hospital", "solve_robust"]
