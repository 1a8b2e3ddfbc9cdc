"""The exact path for the por_hospital bonus model (docs/MODELO.md, "Aceptación", issue 13).

``models.acceptance.solve_por_hospital`` calls :func:`solve_levels` when ``settings.solver`` is
``"exact"``; HiGHS and CBC keep the PuLP model. The model is the one of
``models.acceptance.build_por_hospital`` (same columns, rows and objective), built here as arrays:

1. The LP relaxation with highspy directly, presolve off (as models/exact.py): the rows of
   :func:`models.exact.build_arrays` over the expanded (pair, level) rows, with the links and
   equity floors summed over levels, plus y[g,l] columns, ``x ≤ gap·y`` and ``Σ_l y ≤ 1``. Its
   optimum is the bound; its duals and ranging give the marginal values (supply, national pools,
   budget), in models/exact.py's form.
2. An incumbent: each group (eligible unit, category type) takes the level with the largest y in
   the LP (ties to the lowest level, as ``rounding_start``), and the model with those levels
   fixed, which is the fijo model on the pairs with each unit's bonus, cost and p at its level, is
   solved by :func:`models.exact.solve_exact` (its MIP at gap 0 when ``mip_gap`` is 0, else within
   a tenth of ``mip_gap``: the incumbent only has to be within ``mip_gap`` of the LP bound).
3. The answer: ``optimal`` only when the incumbent reaches the LP bound (1e-9 relative); else
   ``feasible`` with the measured gap when that gap is within ``settings.mip_gap`` (> 0). Otherwise
   (gap above ``mip_gap``, or ``mip_gap`` = 0 and not proven) there is no plan here: the caller
   solves the whole program with HiGHS from this incumbent (``start``, values by PuLP variable
   name), so the answer at gap 0 is HiGHS's and the plan says solver "highs".

The caller also hands over to HiGHS (no start) when this path cannot vouch for the model: a hard
rule with nothing to place, an infeasible or unsolved LP or fixed-level model (hard rules with a
budget the rounded levels cannot meet), a negative weight, or a decline of models.exact. Links and
floors never make it decline: they are rows of the LP and of the fixed-level model alike.
This module imports models.exact and models.backend only (no PuLP model is built here).
"""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
import pandas as pd

from models import rules
from models.backend import add_usage, quiet_stdout
from models.exact import (
    BUDGET,
    NATIONAL,
    SUPPLY,
    ArrayModel,
    Enough,
    _highs,
    _marginal,
    build_arrays,
    solve_exact,
)
from models.settings import SolverSettings
from planner.core.plan import Plan, Status
from planner.core.scenario import Scenario
from planner.core.text import slug

PROOF_TOL = 1e-9  # incumbent == LP bound within this relative tolerance proves optimality
# The fixed-level MIP stops within this share of mip_gap (0 when mip_gap is 0): the national
# 75 % budget took 12 s to close at gap 0 and 0.2 s at 1e-5, with the same incumbent.
FIXED_GAP_SHARE = 0.1
LP_PRESOLVE = False  # as models/exact.py: presolve costs more than this LP's simplex
# The fixed-level MIP is measured against the por_hospital LP bound, not its own dual bound: it
# stops at once within FIXED_GAP_SHARE·mip_gap of that bound, and within mip_gap after
# PATIENCE_S seconds of search (issue 24: at 15 M MXN nationally HiGHS held a plan 9e-6 below
# the bound from 0.2 s on and searched 60 s for a proof of its own block gap).
PATIENCE_S = 0.5
# The dive stops after this many LP re-solves (then HiGHS solves the whole program, as before).
# A count, not seconds: a wall-clock cap (1.5 s until issue 22) made the same scenario take the
# exact path on an idle machine and HiGHS under load (tests/test_exact_levels.py's 9 M budget
# needed 1.7 s with the fitted curves of a previous build). Nationally a warm-started LP takes
# 0.05-0.1 s, so 60 re-solves are 3-6 s at most; the planner's time limit still bounds it.
DIVE_LPS = 60


@dataclasses.dataclass
class LevelAnswer:
    """What the exact por_hospital path found.

    ``plan`` (placements per expanded row, as the PuLP path's) when it can answer; else None and,
    when an incumbent exists, ``start`` (value of each PuLP variable by name) with the LP's
    ``lp_bound`` and ``marginal`` for the HiGHS MIP the caller runs.
    """

    plan: Plan | None
    start: dict[str, float] | None = None
    lp_bound: float | None = None
    marginal: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    timings: dict[str, float] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class _LevelArrays:
    """The por_hospital LP: models.exact's array model over expanded rows plus the level rows."""

    base: ArrayModel
    n_y: int
    y_group: np.ndarray  # group of each y column
    y_level: np.ndarray  # level of each y column
    obj: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    starts: np.ndarray  # CSR over every row (base rows first, then the level-model rows)
    index: np.ndarray
    value: np.ndarray
    row_lo: np.ndarray
    row_hi: np.ndarray
    impossible: bool


def _csr(rows: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lengths = np.array([len(c) for c, _ in rows], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(rows) else np.zeros(0)
    index = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    value = np.concatenate([v for _, v in rows]) if rows else np.zeros(0)
    return starts.astype(np.int64), index.astype(np.int64), value.astype(float)


def build_level_arrays(scenario: Scenario, pairs: pd.DataFrame,
                       expanded: pd.DataFrame) -> _LevelArrays:
    """The rows and columns of models.acceptance.build_por_hospital, without PuLP.

    Column order: x (expanded rows), z (first doctors), n (pool transfers), y[g,l] (sorted by
    group, then level). Row order: models.exact.build_arrays's rows over the expanded rows
    without links, floors and the hard minimum, then ``x ≤ gap·y``, ``Σ_l y ≤ 1``, links and floors over levels.
    """
    inf = math.inf
    cats = scenario.categories.assign(requires=None)
    plain = dataclasses.replace(scenario, categories=cats, params=dataclasses.replace(
        scenario.params, equity_floor=0.0, one_doctor_per_centre=False))
    base = build_arrays(plain, expanded)
    n_base = len(base.obj)
    group = expanded["group"].to_numpy(dtype=np.int64)
    level = expanded["level"].to_numpy(dtype=np.int64)
    gap = expanded["gap"].to_numpy(dtype=float)
    leveled = np.flatnonzero(group >= 0)
    keys = np.unique(np.column_stack([group[leveled], level[leveled]]), axis=0) \
        if len(leveled) else np.zeros((0, 2), dtype=np.int64)
    n_y = len(keys)
    y_group, y_level = keys[:, 0], keys[:, 1]
    y_col = n_base + np.searchsorted(y_group * 1_000_000 + y_level,
                                     group[leveled] * 1_000_000 + level[leveled])
    starts, index, value = _csr(base.rows)
    lo = list(base.row_lo)
    hi = list(base.row_hi)
    parts_s, parts_i, parts_v = [starts], [index], [value]
    pos = len(index)
    # x[i] - gap[i]·y[g(i), l(i)] <= 0, two entries per row
    k = len(leveled)
    parts_s.append(pos + 2 * np.arange(k, dtype=np.int64))
    parts_i.append(np.column_stack([leveled, y_col]).ravel())
    parts_v.append(np.column_stack([np.ones(k), -gap[leveled]]).ravel())
    pos += 2 * k
    lo += [-inf] * k
    hi += [0.0] * k
    # Σ_l y[g,l] <= 1: the y columns are sorted by group
    first_of_group = np.flatnonzero(np.r_[True, y_group[1:] != y_group[:-1]]) if n_y else \
        np.zeros(0, dtype=np.int64)
    parts_s.append(pos + first_of_group)
    parts_i.append(n_base + np.arange(n_y, dtype=np.int64))
    parts_v.append(np.ones(n_y))
    pos += n_y
    lo += [-inf] * len(first_of_group)
    hi += [1.0] * len(first_of_group)
    # links and floors over the levels of each original pair
    pair_of = expanded["pair"].to_numpy(dtype=np.int64)
    order = np.argsort(pair_of, kind="stable")
    bounds = np.searchsorted(pair_of[order], np.arange(len(pairs) + 1))

    def members(i: int) -> np.ndarray:
        return order[bounds[i]:bounds[i + 1]]

    extra: list[tuple[np.ndarray, np.ndarray]] = []
    pgap = pairs["gap"].to_numpy(dtype=float)
    links = rules.linked_pairs(scenario, pairs)
    for i, j in zip(links["pair"].to_numpy(dtype=int), links["requires_pair"].to_numpy(dtype=int),
                    strict=True):
        cols, coefs = members(i), np.ones(len(members(i)))
        if j >= 0:
            cols = np.concatenate([cols, members(j)])
            coefs = np.concatenate([coefs, np.full(len(members(j)), -pgap[i])])
        extra.append((cols, coefs))
        lo.append(-inf)
        hi.append(0.0)
    impossible = base.impossible
    by_ks = pairs.groupby(["category", "state_code"], sort=False).indices if len(pairs) else {}
    floors = rules.equity_floors(scenario, pairs)
    for category, state, floor in zip(floors["category"], floors["state_code"], floors["floor"],
                                      strict=True):
        idx = by_ks.get((category, state), ())
        if len(idx) == 0:
            impossible = True
            continue
        cols = np.concatenate([members(int(i)) for i in idx])
        extra.append((cols, np.ones(len(cols))))
        lo.append(float(floor))
        hi.append(inf)
    # the hard minimum per centre, over the levels of its general medicine (issue 26)
    for i in rules.centres_needing_doctor(scenario, pairs)["pair"].to_numpy(dtype=int):
        if i < 0:
            impossible = True
            continue
        cols = members(int(i))
        extra.append((cols, np.ones(len(cols))))
        lo.append(1.0)
        hi.append(inf)
    s2, i2, v2 = _csr(extra)
    parts_s.append(pos + s2)
    parts_i.append(i2)
    parts_v.append(v2)
    obj = np.concatenate([base.obj, np.zeros(n_y)])
    lower = np.concatenate([base.lower, np.zeros(n_y)])
    upper = np.concatenate([base.upper, np.ones(n_y)])
    return _LevelArrays(base, n_y, y_group, y_level, obj, lower, upper,
                        np.concatenate(parts_s), np.concatenate(parts_i), np.concatenate(parts_v),
                        np.asarray(lo, dtype=float), np.asarray(hi, dtype=float), impossible)


def _finite(a) -> np.ndarray:
    """``a`` as floats with ±inf replaced by HiGHS's infinity."""
    import highspy

    a = np.asarray(a, dtype=float).copy()
    a[np.isposinf(a)], a[np.isneginf(a)] = highspy.kHighsInf, -highspy.kHighsInf
    return a


def _verdict(objective: float, bound: float, mip_gap: float) -> tuple[float, bool, bool]:
    """(relative gap to ``bound``, proven: the bound is reached within PROOF_TOL, answers:
    proven or within a positive ``mip_gap``) of an incumbent worth ``objective``."""
    gap = max(0.0, bound - objective) / max(abs(bound), 1e-9)
    proven = bound - objective <= PROOF_TOL * max(1.0, abs(bound))
    return gap, proven, proven or (mip_gap > 0 and gap <= mip_gap)


def _solve_lp(la: _LevelArrays, settings: SolverSettings):
    """The LP relaxation (maximisation handed to HiGHS as a minimisation of −obj)."""
    fin = _finite
    h = _highs(settings, settings.time_limit, presolve=LP_PRESOLVE)
    h.passModel(len(la.obj), len(la.row_lo), len(la.index), 2, 1, 0.0, -la.obj, fin(la.lower),
                fin(la.upper), fin(la.row_lo), fin(la.row_hi), la.starts.astype(np.int32),
                la.index.astype(np.int32), la.value, np.zeros(len(la.obj), dtype=np.int32))
    h.run()
    return h


def _lp_marginal(la: _LevelArrays, h, sol) -> pd.DataFrame:
    """Marginal values of the supply, national and budget rows (models.exact's table)."""
    m = la.base
    n_rows = len(m.rows)
    duals = np.asarray(sol.row_dual, dtype=float)[:n_rows]
    activity = np.asarray(sol.row_value, dtype=float)[:n_rows]
    row_up = np.full(n_rows, np.nan)
    row_dn = np.full(n_rows, np.nan)
    kinds = np.asarray(m.row_kind)
    marg = np.flatnonzero(np.isin(kinds, (SUPPLY, NATIONAL, BUDGET)) & (np.abs(duals) >= 1e-9))
    if len(marg):
        status, ranging = h.getRanging()
        if getattr(status, "name", "") != "kError":
            row_up[marg] = np.asarray(ranging.row_bound_up.value_, dtype=float)[marg]
            row_dn[marg] = np.asarray(ranging.row_bound_dn.value_, dtype=float)[marg]
    return _marginal(m, duals, activity, row_up, row_dn)


def rounded_levels(la: _LevelArrays, y: np.ndarray) -> dict[int, int]:
    """Each group's level with the largest LP y (the lowest level among equal ones)."""
    best: dict[int, tuple[int, float]] = {}
    for g, lvl, value in zip(la.y_group.tolist(), la.y_level.tolist(), y.tolist(), strict=True):
        if g not in best or value > best[g][1] + 1e-9:
            best[g] = (lvl, value)
    return {g: lvl for g, (lvl, _) in best.items()}


def fixed_rows(expanded: pd.DataFrame, chosen: dict[int, int]) -> np.ndarray:
    """Rows of ``expanded`` kept when each group pays its chosen level (one row per pair)."""
    group = expanded["group"].to_numpy(dtype=np.int64)
    level = expanded["level"].to_numpy(dtype=np.int64)
    want = np.array([chosen.get(int(g), 0) for g in group]) if len(group) else group
    return np.flatnonzero((group < 0) | (level == want))


def solve_levels(scenario: Scenario, settings: SolverSettings, pairs: pd.DataFrame,
                 expanded: pd.DataFrame) -> LevelAnswer:
    """Solve the por_hospital model (see the module's docstring).

    ``pairs`` are models.allocation.placement_pairs(scenario), ``expanded`` their level expansion
    (models.acceptance.level_pairs); both read only.
    """
    import highspy

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    la = build_level_arrays(scenario, pairs, expanded)
    timings["build"] = time.perf_counter() - t0
    if la.impossible or np.any(la.obj < 0):
        return LevelAnswer(None, timings=timings)
    t0 = time.perf_counter()
    with quiet_stdout(settings.log):
        h = _solve_lp(la, settings)
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            timings["relax"] = time.perf_counter() - t0
            return LevelAnswer(None, timings=timings)
        sol = h.getSolution()
        col = np.asarray(sol.col_value, dtype=float)
        lp_bound = float(la.obj @ col)
        marginal = _lp_marginal(la, h, sol) if settings.relaxation else pd.DataFrame()
    timings["relax"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    chosen = rounded_levels(la, col[len(la.base.obj):])
    fixed, keep = _fixed_level_plan(scenario, settings, expanded, chosen, lp_bound,
                                    settings.time_limit - timings["relax"])
    timings["start"] = time.perf_counter() - t0
    if fixed is not None and fixed.status.has_solution and not _within(fixed, lp_bound,
                                                                       settings.mip_gap):
        # the rounded levels lose too much: dive on the LP (issue 24, see _dive)
        t0 = time.perf_counter()
        with quiet_stdout(settings.log):
            dived = _dive(la, h, col, settings, settings.time_limit - timings["relax"]
                          - timings["start"])
        timings["dive_lp"] = time.perf_counter() - t0
        if dived is not None and dived != chosen:
            spent = timings["relax"] + timings["start"] + time.perf_counter() - t0
            other, other_keep = _fixed_level_plan(scenario, settings, expanded, dived,
                                                  lp_bound, settings.time_limit - spent)
            if other is not None and other.status.has_solution and \
                    other.objective > fixed.objective:
                fixed, keep, chosen = other, other_keep, dived
        timings["dive"] = time.perf_counter() - t0
    if fixed is None or not fixed.status.has_solution:
        return LevelAnswer(None, lp_bound=lp_bound, marginal=marginal, timings=timings)
    placed = np.zeros(len(expanded), dtype=int)
    placed[keep] = fixed.placements["placed"].to_numpy(dtype=int)
    first = np.zeros(len(expanded), dtype=bool)
    first[keep] = fixed.placements["first_doctor"].to_numpy(dtype=bool)
    objective = float(fixed.objective)
    gap, proven, answers = _verdict(objective, lp_bound, settings.mip_gap)
    if answers:
        out = expanded.copy()
        out["placed"] = placed
        out["first_doctor"] = first
        if not marginal.empty:
            marginal = add_usage(marginal, la.base.pools, out)
        word = ("Optimal (exact levels: the rounded levels reach the LP bound)" if proven else
                f"Feasible (exact levels: rounded levels within gap {settings.mip_gap:g} of the "
                f"LP bound)")
        plan = Plan(status=Status.OPTIMAL if proven else Status.FEASIBLE, solver="exact",
                    solver_status=word, objective=objective, lp_bound=lp_bound,
                    gap=0.0 if proven else gap, placements=out, marginal=marginal,
                    timings=timings, n_variables=la.base.n_x + len(la.base.z_pairs) + la.n_y,
                    n_constraints=len(la.row_lo))
        return LevelAnswer(plan, lp_bound=lp_bound, marginal=marginal, timings=timings)
    start = _start_values(scenario, la, expanded, placed, first, chosen)
    return LevelAnswer(None, start=start, lp_bound=lp_bound, marginal=marginal, timings=timings)


def _fixed_level_plan(scenario: Scenario, settings: SolverSettings, expanded: pd.DataFrame,
                      chosen: dict[int, int], lp_bound: float, left: float
                      ) -> tuple[Plan | None, np.ndarray]:
    """The fixed-level model (the fijo model with each group's chosen level) by solve_exact,
    and the rows of ``expanded`` it keeps."""
    keep = fixed_rows(expanded, chosen)
    fixed_pairs = expanded.iloc[keep].reset_index(drop=True)
    fixed = solve_exact(scenario, dataclasses.replace(settings, relaxation=False,
                                                      time_limit=max(1.0, left)), fixed_pairs,
                        mip_gap=settings.mip_gap * FIXED_GAP_SHARE,
                        enough=_enough(lp_bound, settings.mip_gap))
    return fixed, keep


def _within(plan: Plan, lp_bound: float, mip_gap: float) -> bool:
    """True when ``plan`` answers: it reaches the LP bound, or is within a positive mip_gap."""
    return _verdict(float(plan.objective), lp_bound, mip_gap)[2]


def _dive(la: _LevelArrays, h, col: np.ndarray, settings: SolverSettings,
          left: float, max_lps: int = DIVE_LPS) -> dict[int, int] | None:
    """Levels by diving on the LP: while some group's y is fractional, fix that group to each
    level it uses in the LP in turn (groups the LP sets whole stay), re-solve the LP from the current
    basis, and keep the choice with the best LP value. Each fixing is a branch of the LP, so the
    levels found keep as much of the LP bound as a one-group look-ahead can.

    Why (issue 24): rounding each group to its largest y ignores the budget the LP shared
    between levels; nationally at 9 M and 11 M MXN the rounded levels' own LP bound was 1.0e-4
    and 1.1e-4 below the LP's (above brecha_mip 1e-4), and the whole program went to HiGHS
    (10-14 s). Returns the levels, or None when an LP fails, ``max_lps`` re-solves are spent
    (the same answer on a busy or an idle machine) or ``left`` seconds (the planner's time
    limit) run out.
    """
    import highspy

    started = time.perf_counter()
    lps = 0
    n_base = len(la.base.obj)
    ycols = n_base + np.arange(la.n_y)
    first = np.flatnonzero(np.r_[True, la.y_group[1:] != la.y_group[:-1]]) if la.n_y else \
        np.zeros(0, dtype=np.int64)
    ends = np.r_[first[1:], la.n_y]
    y = col[n_base:].copy()
    # groups the LP already sets whole keep their levels (else each fixing spills the budget
    # onto other groups and the dive runs through a hundred LPs, 10 s nationally)
    whole = np.ones(len(first), dtype=bool)
    np.logical_and.at(whole, np.searchsorted(first, np.arange(la.n_y), side="right") - 1,
                      (y <= 1e-6) | (y >= 1 - 1e-6))
    frozen = np.flatnonzero(np.repeat(whole, ends - first))
    if len(frozen):
        v = np.rint(y[frozen])
        h.changeColsBounds(len(frozen), ycols[frozen].astype(np.int32), v, v)
    for _ in range(len(first) + 1):  # each pass fixes one more group
        frac = (y > 1e-6) & (y < 1 - 1e-6)
        if not frac.any():
            break
        g = int(np.searchsorted(first, np.flatnonzero(frac)[0], side="right") - 1)
        members = np.arange(first[g], ends[g])
        options = sorted(int(i) for i in members if y[i] > 1e-6)
        best: tuple[float, int, np.ndarray] | None = None
        for i in options:
            if lps >= max_lps or time.perf_counter() - started > left:
                return None
            lps += 1
            lo = np.where(members == i, 1.0, 0.0)
            h.changeColsBounds(len(members), ycols[members].astype(np.int32), lo, lo)
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                continue
            c = np.asarray(h.getSolution().col_value, dtype=float)
            value = float(la.obj @ c)
            if best is None or value > best[0] + 1e-9:
                best = (value, i, c)
        if best is None:
            return None
        lo = np.where(members == best[1], 1.0, 0.0)
        h.changeColsBounds(len(members), ycols[members].astype(np.int32), lo, lo)
        y = best[2][n_base:].copy()
    else:
        return None
    return rounded_levels(la, y)


def _enough(lp_bound: float, mip_gap: float) -> Enough | None:
    """The fixed-level MIP's stopping rule against the por_hospital LP bound (none at gap 0:
    then only a proof answers, and otherwise HiGHS solves the whole program)."""
    if mip_gap <= 0:
        return None
    scale = max(abs(lp_bound), 1e-9)
    # a hair inside mip_gap, so the plan's measured gap (after the split back) is within it
    return Enough(at_once=lp_bound - FIXED_GAP_SHARE * mip_gap * scale,
                  after=lp_bound - (1 - 1e-6) * mip_gap * scale, patience=PATIENCE_S)


def _start_values(scenario: Scenario, la: _LevelArrays, expanded: pd.DataFrame,
                  placed: np.ndarray, first: np.ndarray,
                  chosen: dict[int, int]) -> dict[str, float]:
    """The incumbent by PuLP variable name (models.allocation / models.acceptance names)."""
    start = {f"x_{i:06d}": float(v) for i, v in enumerate(placed) if v}
    for j, i in enumerate(la.base.z_pairs):
        if first[i]:
            start[f"z_{j:06d}"] = 1.0
    for g, lvl in chosen.items():
        start[f"y_{g:06d}_{lvl:02d}"] = 1.0
    pools = la.base.pools
    if not pools.empty:  # national candidates received: what a state uses beyond its pool
        used = (expanded.assign(placed=placed).groupby(["category", "state_code"])["placed"]
                .sum())
        for category, state, pool in zip(pools["category"], pools["state_code"], pools["pool"],
                                         strict=True):
            over = float(used.get((category, state), 0)) - float(pool)
            if over > 0:
                start[f"n_{slug(str(category))}_{int(state):02d}"] = over
    return start


def solve_robust_levels(scenario: Scenario, settings: SolverSettings, pairs: pd.DataFrame,
                        expanded: pd.DataFrame, wps: list[np.ndarray]
                        ) -> tuple[Plan | None, dict[str, float] | None]:
    """The robust plan's ``exact`` path (models.acceptance.solve_robust, docs/MODELO.md «Planes
    robustos»): max t s.t. t ≤ Σ wp_k·(x + P·z) for each curve set k (``wps``: w·p_k of each
    row of ``expanded``, the level expansion or the fijo pairs), over the rows of this module's
    LP. Its LP relaxation is the bound; each group's level is rounded to its largest y, the LP
    solved again with those levels, then *fix and solve*: the placements the LP sets whole stay
    and the few fractional ones are integers of a small MIP at gap 0. The plan is checked on
    every row; it is ``optimal`` when its worst case meets the bound (PROOF_TOL), ``feasible``
    with the measured gap when within ``mip_gap``. Returns (plan over ``expanded``'s rows, None)
    or (None, the HiGHS start by PuLP name, or None)."""
    import highspy
    from scipy.sparse import csr_matrix

    t0 = time.perf_counter()
    la = build_level_arrays(scenario, pairs, expanded)
    if la.impossible or np.any(la.obj < 0) or not wps:
        return None, None
    m = la.base
    n_cols = len(la.obj)
    n_z = len(m.z_pairs)
    big_p = scenario.params.first_doctor_weight
    # t − Σ w·p_k·(x + P·z) ≤ 0 per set, t the last column
    cols = np.r_[np.arange(m.n_x), m.n_x + np.arange(n_z), n_cols].astype(np.int64)
    r_starts = len(la.index) + np.arange(len(wps), dtype=np.int64) * len(cols)
    r_index = np.tile(cols, len(wps))
    r_value = np.concatenate([np.r_[-wp, -big_p * wp[m.z_pairs], 1.0] for wp in wps])
    fin = _finite
    cost = np.r_[np.zeros(n_cols), -1.0]  # maximise t
    lower, upper = np.r_[la.lower, -np.inf], np.r_[la.upper, np.inf]
    row_lo = np.r_[la.row_lo, np.full(len(wps), -np.inf)]
    row_hi = np.r_[la.row_hi, np.zeros(len(wps))]
    starts = np.r_[la.starts, r_starts]
    index = np.r_[la.index, r_index]
    value = np.r_[la.value, r_value]
    timings = {"build": time.perf_counter() - t0}
    t0 = time.perf_counter()
    with quiet_stdout(settings.log):
        h = _highs(settings, settings.time_limit, presolve=False)
        h.passModel(n_cols + 1, len(row_lo), len(index), 2, 1, 0.0, cost, fin(lower), fin(upper),
                    fin(row_lo), fin(row_hi), starts.astype(np.int32), index.astype(np.int32),
                    value, np.zeros(n_cols + 1, dtype=np.int32))
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None, None
        col = np.asarray(h.getSolution().col_value, dtype=float)
        bound = float(col[-1])
        chosen = rounded_levels(la, col[len(m.obj):n_cols])
        if la.n_y:
            ycols = (len(m.obj) + np.arange(la.n_y)).astype(np.int32)
            fixed = np.array([1.0 if chosen.get(int(g)) == int(lvl) else 0.0
                              for g, lvl in zip(la.y_group, la.y_level, strict=True)])
            h.changeColsBounds(la.n_y, ycols, fixed, fixed)
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None, None
            col = np.asarray(h.getSolution().col_value, dtype=float)
        timings["relax"] = time.perf_counter() - t0
        # fix and solve: the LP's whole placements stay, the few fractional ones are integers
        # in [floor, ceil] of a small MIP (nationally 6 of 22,008 with 20 sets)
        t0 = time.perf_counter()
        whole = np.flatnonzero(m.integer)
        near = np.rint(col[whole])
        is_whole = np.abs(col[whole] - near) <= 1e-6
        frac, keep = whole[~is_whole], whole[is_whole]
        if len(frac):
            h.changeColsBounds(len(keep), keep.astype(np.int32), near[is_whole], near[is_whole])
            h.changeColsBounds(len(frac), frac.astype(np.int32), np.floor(col[frac]),
                               np.ceil(col[frac]))
            h.changeColsIntegrality(len(frac), frac.astype(np.int32),
                                    np.full(len(frac), highspy.HighsVarType.kInteger))
            h.setOptionValue("mip_rel_gap", 0.0)
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None, None
            col = np.asarray(h.getSolution().col_value, dtype=float)
        timings["start"] = time.perf_counter() - t0
    v = col[:n_cols].copy()
    whole = np.flatnonzero(np.r_[m.integer, np.ones(la.n_y, dtype=bool)])
    v[whole] = np.rint(v[whole])
    a = csr_matrix((la.value, la.index, np.r_[la.starts, len(la.index)]),
                   shape=(len(la.row_lo), n_cols))
    act = a @ v
    tol = 1e-6 * np.maximum(1.0, np.abs(act))
    placed = v[:m.n_x].astype(int)
    first = v[m.n_x:m.n_x + n_z] > 0.5
    first_rows = np.zeros(m.n_x, dtype=bool)
    first_rows[m.z_pairs] = first
    start = _start_values(scenario, la, expanded, placed, first_rows, chosen)
    if np.any(act < la.row_lo - tol) or np.any(act > la.row_hi + tol):
        return None, None  # rounding broke a row: HiGHS from no start
    worst = min(float(wp[:m.n_x] @ v[:m.n_x] + big_p * wp[m.z_pairs] @ v[m.n_x:m.n_x + n_z])
                for wp in wps)
    start["t_robusto"] = worst
    gap, proven, answers = _verdict(worst, bound, settings.mip_gap)
    if not answers:
        return None, start
    out = expanded.copy()
    out["placed"] = placed
    out["first_doctor"] = first_rows
    word = ("Optimal (robust: the fix-and-solve plan reaches the LP bound)" if proven else
            f"Feasible (robust: fix-and-solve plan within gap {settings.mip_gap:g} of the LP "
            f"bound)")
    plan = Plan(status=Status.OPTIMAL if proven else Status.FEASIBLE, solver="exact",
                solver_status=word, objective=worst, lp_bound=bound,
                gap=0.0 if proven else gap, placements=out, timings=timings,
                n_variables=n_cols + 1, n_constraints=len(row_lo))
    return plan, None
