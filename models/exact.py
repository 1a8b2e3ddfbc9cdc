"""An exact solution path that uses the allocation model's structure (issue 12).

The model of DESIGN §2 (and §2b) falls apart into independent blocks: every row touches one
category only, except the bonus budget (which joins every category with a bonus-paying vacancy)
and the linked-specialty rows (which join a specialty and the one it requires). The categories
joined that way form the blocks: general medicine, which pays no bonus, is one block on its own;
the specialists are another (a knapsack: supply rows plus the budget).

Each block is solved on its own:

1. its LP relaxation, with highspy directly and presolve off (on this model presolve costs ten
   times the simplex). Together the blocks' LPs are the model's LP, so the optimum, the duals and
   the ranging of the supply, national-pool and budget rows are the model's marginal values.
2. If the LP optimum is integral, it is the block's integer optimum: objective = bound.
3. Otherwise a MIP on merged columns: a first doctor of a centre with none (z ≤ x) becomes a unit
   column worth (1 + P)·w plus a column worth w for the rest, the hard minimum becomes a lower
   bound, and integer columns with the same objective and the same rows (same category, cost,
   state where pools or floors apply; a linked pair stays on its own) become one column with
   summed bounds. Any integer value of the merged column splits back into its members' bounds;
   the split is deterministic (pairs' order, lower bounds first).

The plan is ``optimal`` only with a proof: each block's objective equals its LP bound within
1e-9 relative, or HiGHS closed its MIP at gap 0 (the settings' ``mip_gap`` is not used: the merged
MIPs are small). A block stopped by the time limit with an incumbent makes the plan ``feasible``,
with the bound HiGHS proved. A split that breaks a row (a bug) returns None, and the caller
(models.solve.solve_allocation) falls back to the HiGHS MIP of the whole model; a negative weight
(the schema forbids it) too. This module imports no other solver path (only models.backend).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models import rules
from models.backend import add_usage, quiet_stdout
from models.settings import SolverSettings
from planner.core.plan import Plan, Status
from planner.core.scenario import Scenario

INT_TOL = 1e-6  # an LP value this close to an integer is that integer
PROOF_TOL = 1e-9  # objective == bound within this relative tolerance proves optimality
FEAS_TOL = 1e-6
LP_PRESOLVE = False  # presolve is most of this LP's time (0.6 s vs 0.04 s at national size)

# Row kinds (the marginal values read supply, national and budget rows).
SUPPLY, POOL, NATIONAL, BUDGET, FIRST, LINK, EQUITY, ONE_DOCTOR = range(8)


@dataclass
class ArrayModel:
    """The allocation model as arrays: columns x (pairs), z (first doctors), n (pool transfers)."""

    n_x: int
    z_pairs: np.ndarray
    obj: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    colcat: np.ndarray  # category code of each column (for the blocks)
    rows: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)  # (cols, coefs)
    row_lo: list[float] = field(default_factory=list)
    row_hi: list[float] = field(default_factory=list)
    row_kind: list[int] = field(default_factory=list)
    row_key: list[str | None] = field(default_factory=list)  # category of marginal rows
    impossible: bool = False
    pools: pd.DataFrame = field(default_factory=pd.DataFrame)

    def add(self, cols, coefs, lo: float, hi: float, kind: int, key: str | None = None) -> None:
        self.rows.append((np.asarray(cols, dtype=np.int64), np.asarray(coefs, dtype=float)))
        self.row_lo.append(lo)
        self.row_hi.append(hi)
        self.row_kind.append(kind)
        self.row_key.append(key)


def build_arrays(scenario: Scenario, pairs: pd.DataFrame) -> ArrayModel:
    """The rows and columns of models.allocation.build_allocation, without PuLP."""
    inf = math.inf
    n = len(pairs)
    cats = list(scenario.categories.index)
    code = {c: i for i, c in enumerate(cats)}
    pcat = pairs["category"].map(code).to_numpy(dtype=np.int64)
    w = pairs["weight"].to_numpy(dtype=float)
    gap = pairs["gap"].to_numpy(dtype=float)
    z_pairs = np.flatnonzero(pairs["first"].to_numpy(dtype=bool))
    nz = len(z_pairs)
    p = scenario.params
    supply = scenario.supply_by_category()
    pooled = rules.pooled_categories(scenario)
    pools = rules.state_pools(scenario, pairs) if pooled else pd.DataFrame()
    # pool transfer columns n[k,e]: one per pooled (category, state) with a gap
    groups_ks = pairs.groupby(["category", "state_code"], sort=False).indices if n else {}
    n_cols: list[tuple[str, int, float]] = []
    if pooled:
        for category, state, pool in zip(pools["category"], pools["state_code"], pools["pool"],
                                         strict=True):
            if (category, state) in groups_ks:
                n_cols.append((str(category), int(state), float(pool)))
    nn = len(n_cols)
    obj = np.concatenate([w, float(p.first_doctor_weight) * w[z_pairs], np.zeros(nn)])
    lower = np.zeros(n + nz + nn)
    upper = np.concatenate([gap, np.ones(nz), np.full(nn, inf)])
    integer = np.concatenate([np.ones(n + nz, dtype=bool), np.zeros(nn, dtype=bool)])
    colcat = np.concatenate([pcat, pcat[z_pairs],
                             np.array([code[c] for c, _, _ in n_cols], dtype=np.int64)])
    m = ArrayModel(n, z_pairs, obj, lower, upper, integer, colcat, pools=pools)
    # first doctor: z_j - x_i <= 0
    for j, i in enumerate(z_pairs):
        m.add([n + j, i], [1.0, -1.0], -inf, 0.0, FIRST)
    by_cat = pairs.groupby("category", sort=False).indices if n else {}
    for category, candidates in supply.drop(pooled).items():
        idx = by_cat.get(category)
        if idx is not None:
            m.add(idx, np.ones(len(idx)), -inf, float(candidates), SUPPLY, str(category))
    if pooled:
        national = rules.national_supply(scenario)
        col_of = {(c, s): n + nz + t for t, (c, s, _) in enumerate(n_cols)}
        for category in pooled:
            received = []
            for c, s, pool in n_cols:
                if c != category:
                    continue
                idx = groups_ks[(c, s)]
                col = col_of[(c, s)]
                received.append(col)
                m.add(np.append(idx, col), np.append(np.ones(len(idx)), -1.0), -inf, pool, POOL)
            if received:
                m.add(received, np.ones(len(received)), -inf,
                      float(national.get(category, 0)), NATIONAL, category)
    cost = pairs["cost"].to_numpy(dtype=float)
    paying = np.flatnonzero(cost > 0)
    if len(paying):
        m.add(paying, cost[paying], -inf, float(p.budget), BUDGET, "presupuesto")
    links = rules.linked_pairs(scenario, pairs)
    for i, j in zip(links["pair"].to_numpy(dtype=int), links["requires_pair"].to_numpy(dtype=int),
                    strict=True):
        if j >= 0:
            m.add([i, j], [1.0, -gap[i]], -inf, 0.0, LINK)
        else:
            m.add([i], [1.0], -inf, 0.0, LINK)
    floors = rules.equity_floors(scenario, pairs)
    for category, state, floor in zip(floors["category"], floors["state_code"], floors["floor"],
                                      strict=True):
        idx = groups_ks.get((category, state), ())
        if len(idx) == 0:
            m.impossible = True
            continue
        m.add(idx, np.ones(len(idx)), float(floor), inf, EQUITY)
    centres = rules.centres_needing_doctor(scenario, pairs)
    for i in centres["pair"].to_numpy(dtype=int):
        if i < 0:
            m.impossible = True
            continue
        m.add([i], [1.0], 1.0, inf, ONE_DOCTOR)
    return m


def _blocks(m: ArrayModel, n_categories: int) -> tuple[np.ndarray, np.ndarray]:
    """Block of each column and of each row: categories joined by a row form one block."""
    parent = list(range(n_categories))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for cols, _ in m.rows:
        cs = np.unique(m.colcat[cols])
        root = find(int(cs[0]))
        for c in cs[1:]:
            parent[find(int(c))] = root
    roots = np.array([find(c) for c in range(n_categories)], dtype=np.int64)
    col_block = roots[m.colcat]
    row_block = np.array([col_block[cols[0]] for cols, _ in m.rows], dtype=np.int64)
    return col_block, row_block


@dataclass
class _BlockResult:
    lp_objective: float = 0.0
    objective: float = 0.0
    bound: float = 0.0
    proven: bool = False
    status: str = "optimal"  # optimal | feasible | infeasible | no_solution
    how: str = "lp"  # lp (LP integral) | mip
    lp_seconds: float = 0.0
    mip_seconds: float = 0.0
    mip_done: bool = False


def _highs(settings: SolverSettings, time_limit: float, presolve: bool, gap: float | None = None):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", bool(settings.log))
    h.setOptionValue("log_to_console", bool(settings.log))
    h.setOptionValue("presolve", "on" if presolve else "off")
    h.setOptionValue("time_limit", float(max(time_limit, 0.01)))
    if gap is not None:
        h.setOptionValue("mip_rel_gap", float(gap))
    if settings.threads:
        h.setOptionValue("threads", int(settings.threads))
    return h


def _pass(h, cost, lower, upper, rows, row_lo, row_hi, integer=None) -> None:
    """Hand a minimisation of ``cost`` with row-wise ``rows`` to ``h`` in one call."""
    import highspy

    inf = highspy.kHighsInf
    starts = np.zeros(len(rows), dtype=np.int32)
    pos = 0
    for r, (cols, _) in enumerate(rows):
        starts[r] = pos
        pos += len(cols)
    index = (np.concatenate([c for c, _ in rows]) if rows else np.zeros(0)).astype(np.int32)
    value = (np.concatenate([v for _, v in rows]) if rows else np.zeros(0)).astype(float)

    def fin(a):
        a = np.asarray(a, dtype=float).copy()
        a[np.isposinf(a)] = inf
        a[np.isneginf(a)] = -inf
        return a

    integ = (np.zeros(len(cost), dtype=np.int32) if integer is None
             else np.asarray(integer, dtype=np.int32))
    h.passModel(len(cost), len(rows), len(index), 2, 1, 0.0, np.asarray(cost, dtype=float),
                fin(lower), fin(upper), fin(row_lo), fin(row_hi), starts, index, value, integ)


def _row_activity(rows, values) -> np.ndarray:
    return np.array([float(v @ values[c]) for c, v in rows])


def _feasible(rows, lo, hi, values, lower, upper) -> bool:
    act = _row_activity(rows, values)
    return (bool(np.all(act >= np.asarray(lo) - FEAS_TOL)) and
            bool(np.all(act <= np.asarray(hi) + FEAS_TOL)) and
            bool(np.all(values >= lower - FEAS_TOL)) and bool(np.all(values <= upper + FEAS_TOL)))


def _proven(objective: float, bound: float) -> bool:
    return bound - objective <= PROOF_TOL * max(1.0, abs(bound))


def solve_exact(scenario: Scenario, settings: SolverSettings,
                pairs: pd.DataFrame, mip_gap: float = 0.0,
                enough: Enough | None = None) -> Plan | None:
    """Solve the allocation model block by block; same inputs and ``Plan`` as solve_allocation.

    ``pairs`` are models.allocation.placement_pairs(scenario) (read only; the caller has them).

    None when the exact path cannot vouch for the model (see the module's docstring): the
    caller then solves the whole model with HiGHS.

    ``mip_gap`` (0: proven optima) lets a block's MIP stop within that relative gap; the plan is
    then ``optimal`` only where the objective reaches the bound (models/exact_levels.py's
    incumbent uses it). ``enough`` (with ``mip_gap`` > 0) also stops a block's MIP once the
    whole plan is good enough for the caller (see :class:`Enough`), whatever HiGHS can prove.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    m = build_arrays(scenario, pairs)
    n_cols = len(m.obj)
    n_rows = len(m.rows)
    n_vars = m.n_x + len(m.z_pairs)
    timings["build"] = time.perf_counter() - started
    if m.impossible:
        return _no_plan(pairs, settings, Status.INFEASIBLE,
                        "Infeasible (hard rule with no vacancy)", timings, n_vars, n_rows)
    if np.any(m.obj < 0):  # the first-doctor split needs w ≥ 0 and P·w ≥ 0 (the schema's minimums)
        return None  # the caller solves the whole model with HiGHS
    col_block, row_block = _blocks(m, len(scenario.categories))
    values = np.zeros(n_cols)
    duals = np.zeros(n_rows)
    activity = np.zeros(n_rows)
    row_up = np.full(n_rows, np.nan)
    row_dn = np.full(n_rows, np.nan)
    results: list[_BlockResult] = []
    want_ranging = settings.relaxation
    with quiet_stdout(settings.log):
        # every block's LP first (their bounds tell each MIP how much the others leave it)
        pending = []
        for b in np.unique(col_block) if n_cols else []:
            cols = np.flatnonzero(col_block == b)
            rws = np.flatnonzero(row_block == b)
            left = settings.time_limit - (time.perf_counter() - started)
            res, mg = _solve_block_lp(m, cols, rws, settings, left, values, duals, activity,
                                      row_up, row_dn, want_ranging)
            results.append(res)
            if res.status in ("infeasible", "no_solution"):
                break
            if mg is not None:
                pending.append((res, mg, cols))
        if not any(r.status in ("infeasible", "no_solution") for r in results):
            for res, mg, cols in pending:
                # what the other blocks bring: their objective once solved, else their LP bound
                others = sum((r.objective if (r.how == "lp" or r.mip_done) else r.lp_objective)
                             for r in results if r is not res)
                goal = None if enough is None else enough.for_block(others)
                left = settings.time_limit - (time.perf_counter() - started)
                _solve_block_mip(m, mg, cols, settings, left, values, res, mip_gap, goal)
                if res.status in ("infeasible", "no_solution"):
                    break
    timings["relax"] = sum(r.lp_seconds for r in results)
    timings["solve"] = sum(r.mip_seconds for r in results)
    t0 = time.perf_counter()
    statuses = {r.status for r in results}
    if "infeasible" in statuses:
        word = "Infeasible (LP relaxation)" if any(r.how == "lp" and r.status == "infeasible"
                                                   for r in results) else "Infeasible"
        return _no_plan(pairs, settings, Status.INFEASIBLE, word, timings, n_vars, n_rows)
    if "no_solution" in statuses:
        return _no_plan(pairs, settings, Status.NO_SOLUTION, "Not Solved (exact: time limit)",
                        timings, n_vars, n_rows)
    if not _feasible(m.rows, m.row_lo, m.row_hi, values, m.lower, m.upper):
        return None  # the caller solves the whole model with HiGHS
    lp_bound = float(sum(r.lp_objective for r in results))
    bound = float(sum(r.bound for r in results))
    objective = float(m.obj @ values)
    proven = all(r.proven for r in results)
    status = Status.OPTIMAL if proven else Status.FEASIBLE
    out = pairs.copy()
    out["placed"] = np.rint(values[:m.n_x]).astype(int)
    out["first_doctor"] = False
    zvals = np.rint(values[m.n_x:m.n_x + len(m.z_pairs)]).astype(bool)
    if len(m.z_pairs):
        out.loc[m.z_pairs, "first_doctor"] = zvals
    gap = max(0.0, bound - objective) / max(abs(bound), 1e-9)
    marginal = pd.DataFrame()
    if settings.relaxation:
        marginal = _marginal(m, duals, activity, row_up, row_dn)
        if not marginal.empty:
            marginal = add_usage(marginal, m.pools, out)
    mips = sum(r.how == "mip" for r in results)
    word = (f"{'Optimal' if proven else 'Feasible'} (exact: {len(results)} blocks, "
            f"{len(results) - mips} LP-integral, {mips} MIP)")
    timings["extract"] = time.perf_counter() - t0
    return Plan(status=status, solver=settings.solver, solver_status=word, objective=objective,
                lp_bound=lp_bound if settings.relaxation else None, gap=gap, placements=out,
                marginal=marginal, timings=timings, n_variables=m.n_x + len(m.z_pairs),
                n_constraints=n_rows)


@dataclass
class _Merged:
    """A block in merged form: columns ``g`` stand for sets of identical extended columns."""

    keep: np.ndarray  # model rows kept (first-doctor rows dropped, hard minimum as bounds)
    rows: list[tuple[np.ndarray, np.ndarray]]
    row_lo: np.ndarray
    row_hi: np.ndarray
    obj: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    ext_src: np.ndarray  # model column of each extended column
    ext_group: np.ndarray  # merged column of each extended column
    ext_lo: np.ndarray
    ext_hi: np.ndarray


def _merge(m: ArrayModel, cols: np.ndarray, rws: np.ndarray) -> _Merged:
    """The block with first doctors split, the hard minimum as bounds, identical columns merged.

    A first doctor (z ≤ x, z worth P·w) becomes a unit column worth (1 + P)·w and a column worth
    w for the rest of the gap (P·w ≥ 0, so the unit one fills first: same LP and MIP optimum).
    Extended columns with the same integrality, objective and row coefficients become one
    column whose bounds are the sums of theirs (same LP; for integers, any integer value of the
    sum splits back into integers within each member's bounds).
    """
    n, nz = m.n_x, len(m.z_pairs)
    lb = m.lower.copy()
    kinds = np.asarray(m.row_kind)[rws]
    for r in rws[kinds == ONE_DOCTOR]:
        c = m.rows[r][0][0]
        lb[c] = max(lb[c], m.row_lo[r])
    keep = rws[(kinds != FIRST) & (kinds != ONE_DOCTOR)]
    first_of = np.full(len(m.obj), -1, dtype=np.int64)
    first_of[m.z_pairs] = np.arange(nz)
    base = cols[(cols < n) | (cols >= n + nz)]  # x and pool-transfer columns (z are folded in)
    j = first_of[base]
    split = base[j >= 0]
    pw = m.obj[n + j[j >= 0]]
    u_lo = np.minimum(lb[split], 1.0)
    ext_src = np.concatenate([base, split])
    ext_lo = np.concatenate([np.where(j >= 0, 0.0, lb[base]), lb[split] - u_lo])
    ext_lo[:len(base)][j >= 0] = u_lo
    ext_hi = np.concatenate([np.where(j >= 0, np.minimum(1.0, m.upper[base]), m.upper[base]),
                             np.maximum(m.upper[split] - 1.0, 0.0)])
    ext_obj = np.concatenate([m.obj[base], m.obj[split]])
    ext_obj[:len(base)][j >= 0] += pw
    ext_int = m.integer[ext_src]
    # each column's kept rows, as a fixed-width signature (row, coefficient) pairs
    local_row = {int(r): k for k, r in enumerate(keep)}
    rr = np.concatenate([np.full(len(m.rows[r][0]), local_row[int(r)]) for r in keep]) \
        if len(keep) else np.zeros(0, dtype=np.int64)
    cc = np.concatenate([m.rows[r][0] for r in keep]) if len(keep) else np.zeros(0, np.int64)
    vv = np.concatenate([m.rows[r][1] for r in keep]) if len(keep) else np.zeros(0)
    order = np.lexsort((rr, cc))
    rr, cc, vv = rr[order], cc[order], vv[order]
    count = np.bincount(cc, minlength=len(m.obj))
    width = int(count.max()) if len(cc) else 0
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    slot = np.arange(len(cc)) - start[cc]
    sig = np.zeros((len(m.obj), 2 * width))
    sig[:, 0::2] = -1.0
    sig[cc, 2 * slot] = rr
    sig[cc, 2 * slot + 1] = vv
    key = np.column_stack([ext_int.astype(float), ext_obj, sig[ext_src]])
    _, first, group = np.unique(key, axis=0, return_index=True, return_inverse=True)
    group = group.ravel()
    # merged columns in the order of their first member (deterministic, close to pairs' order)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    group = rank[group]
    rep = np.sort(first)
    n_g = len(rep)
    g_lo = np.bincount(group, weights=ext_lo, minlength=n_g)
    g_hi = np.bincount(group, weights=ext_hi, minlength=n_g)
    rep_sig = sig[ext_src[rep]]
    rows_k = rep_sig[:, 0::2]
    vals_k = rep_sig[:, 1::2]
    gg, slot_k = np.nonzero(rows_k >= 0)
    rk = rows_k[gg, slot_k].astype(np.int64)
    vk = vals_k[gg, slot_k]
    o = np.lexsort((gg, rk))
    rk, gg, vk = rk[o], gg[o], vk[o]
    bounds = np.searchsorted(rk, np.arange(len(keep) + 1))
    rows = [(gg[bounds[k]:bounds[k + 1]], vk[bounds[k]:bounds[k + 1]]) for k in range(len(keep))]
    return _Merged(keep, rows, np.asarray(m.row_lo)[keep], np.asarray(m.row_hi)[keep],
                   ext_obj[rep], g_lo, g_hi, ext_int[rep], ext_src, group, ext_lo, ext_hi)


def _split_back(m: ArrayModel, mg: _Merged, cols: np.ndarray, gv: np.ndarray,
                values: np.ndarray) -> None:
    """Members of each merged column in their order: lower bounds first, then filled up to their
    upper bounds; z = 1 wherever a first doctor is placed (never worse: P·w ≥ 0)."""
    rest = gv - np.bincount(mg.ext_group, weights=mg.ext_lo, minlength=len(gv))
    # no member takes more than its group's rest: infinite bounds (pool transfers) become that
    cap = np.minimum(mg.ext_hi - mg.ext_lo, max(float(rest.max(initial=0.0)), 0.0) + 1.0)
    order = np.lexsort((np.arange(len(cap)), mg.ext_group))
    g_sorted = mg.ext_group[order]
    cum = np.cumsum(cap[order])
    first_in_group = np.searchsorted(g_sorted, g_sorted)  # index of each group's first member
    before = cum - cap[order] - np.where(first_in_group > 0, cum[first_in_group - 1], 0.0)
    fill = np.clip(rest[g_sorted] - before, 0.0, cap[order])
    ext_val = mg.ext_lo.copy()
    ext_val[order] += fill
    vals = np.bincount(mg.ext_src, weights=ext_val, minlength=len(m.obj))
    n, nz = m.n_x, len(m.z_pairs)
    vals[n:n + nz] = np.minimum(1.0, vals[m.z_pairs])
    values[cols] = vals[cols]


@dataclass(frozen=True)
class Enough:
    """When a caller is satisfied with the whole model's objective, whatever HiGHS can prove.

    ``at_once``: an objective reached → the MIP stops at that incumbent. ``after``: an objective
    accepted once a block's MIP has searched ``patience`` seconds (HiGHS's clock). Both are for
    the whole model; a block's share is what the other blocks leave (:meth:`for_block`).

    Why (issue 24): a block's gap is relative to the block's own objective and needs HiGHS's dual
    bound, which on a knapsack of a few dozen merged columns can stall for the whole time limit
    (national fixed-level model at 15 M MXN: incumbent at 0.2 s, 9e-6 below the por_hospital LP
    bound, block gap stuck at 1.24e-5 > 1e-5 for 60 s) although the caller only needs the plan
    within its gap of an LP bound it already holds.
    """

    at_once: float
    after: float
    patience: float

    def for_block(self, others: float) -> tuple[float, float, float]:
        return self.at_once - others, self.after - others, self.patience


def _solve_block_lp(m: ArrayModel, cols: np.ndarray, rws: np.ndarray, settings: SolverSettings,
                    left: float, values: np.ndarray, duals: np.ndarray, activity: np.ndarray,
                    row_up: np.ndarray, row_dn: np.ndarray, want_ranging: bool
                    ) -> tuple[_BlockResult, _Merged | None]:
    """LP of one block (merged form); the merged block back when its LP is not integral."""
    import highspy

    res = _BlockResult()
    t0 = time.perf_counter()
    mg = _merge(m, cols, rws)
    h = _highs(settings, left, presolve=LP_PRESOLVE)
    _pass(h, -mg.obj, mg.lower, mg.upper, mg.rows, mg.row_lo, mg.row_hi)
    h.run()
    st = h.getModelStatus()
    if st == highspy.HighsModelStatus.kInfeasible:
        res.lp_seconds = time.perf_counter() - t0
        res.status, res.how = "infeasible", "lp"
        return res, None
    if st != highspy.HighsModelStatus.kOptimal:
        res.lp_seconds = time.perf_counter() - t0
        res.status = "no_solution"
        return res, None
    sol = h.getSolution()
    gv = np.asarray(sol.col_value, dtype=float)
    duals[mg.keep] = np.asarray(sol.row_dual, dtype=float)
    activity[mg.keep] = np.asarray(sol.row_value, dtype=float)
    res.lp_objective = float(mg.obj @ gv)
    kinds = np.asarray(m.row_kind)[mg.keep]
    marg = np.flatnonzero(np.isin(kinds, (SUPPLY, NATIONAL, BUDGET))
                          & (np.abs(duals[mg.keep]) >= 1e-9))
    if want_ranging and len(marg):
        status, ranging = h.getRanging()
        if getattr(status, "name", "") != "kError":
            row_up[mg.keep[marg]] = np.asarray(ranging.row_bound_up.value_, dtype=float)[marg]
            row_dn[mg.keep[marg]] = np.asarray(ranging.row_bound_dn.value_, dtype=float)[marg]
    res.lp_seconds = time.perf_counter() - t0
    rounded = np.where(mg.integer, np.rint(gv), gv)
    if np.all(np.abs(gv - rounded) <= INT_TOL):
        _split_back(m, mg, cols, rounded, values)
        res.objective = float(m.obj[cols] @ values[cols])
        if _proven(res.objective, res.lp_objective):
            res.bound = res.lp_objective
            res.proven = True
            return res, None
    res.how = "mip"
    return res, mg


def _solve_block_mip(m: ArrayModel, mg: _Merged, cols: np.ndarray, settings: SolverSettings,
                     left: float, values: np.ndarray, res: _BlockResult, mip_gap: float = 0.0,
                     goal: tuple[float, float, float] | None = None) -> None:
    """The block's MIP (merged form), its result written into ``res`` and ``values``."""
    import highspy

    t1 = time.perf_counter()
    # gap 0 whatever the settings say (the merged block is small, and 'optimal' means proven),
    # unless the caller asks for a gap (then only objective = bound proves)
    h = _highs(settings, left - res.lp_seconds, presolve=True, gap=mip_gap)
    _pass(h, -mg.obj, mg.lower, mg.upper, mg.rows, mg.row_lo, mg.row_hi, integer=mg.integer)
    if goal is not None and mip_gap > 0:
        at_once, after, patience = goal

        def good_enough(event) -> None:  # HiGHS minimises −obj: its primal bound is −incumbent
            found = -float(event.data_out.mip_primal_bound)
            if found >= at_once or (found >= after and event.data_out.running_time >= patience):
                event.interrupt()

        h.cbMipInterrupt.subscribe(good_enough)
    h.run()
    st = h.getModelStatus()
    info = h.getInfo()
    res.mip_seconds = time.perf_counter() - t1
    res.mip_done = True
    if st == highspy.HighsModelStatus.kInfeasible:
        res.status = "infeasible"
        return
    if info.primal_solution_status != 2:  # kSolutionStatusFeasible
        res.status = "no_solution"
        return
    gv = np.asarray(h.getSolution().col_value, dtype=float)
    _split_back(m, mg, cols, np.where(mg.integer, np.rint(gv), gv), values)
    res.objective = float(m.obj[cols] @ values[cols])
    mip_bound = -float(info.mip_dual_bound)
    res.bound = min(res.lp_objective, mip_bound) if math.isfinite(mip_bound) else res.lp_objective
    closed = st == highspy.HighsModelStatus.kOptimal and mip_gap == 0
    res.proven = closed or _proven(res.objective, res.bound)
    res.status = "optimal" if res.proven else "feasible"
    res.bound = max(res.bound, res.objective)


def _marginal(m: ArrayModel, duals, activity, row_up, row_dn) -> pd.DataFrame:
    """Marginal values of supply, national and budget rows, as models.solve._relaxation."""
    out = []
    order = [r for r, k in enumerate(m.row_kind) if k in (SUPPLY, NATIONAL)]
    order += [r for r, k in enumerate(m.row_kind) if k == BUDGET]
    # the model lists the non-pooled supply rows first, then the pooled national rows
    for r in order:
        kind = m.row_kind[r]
        rhs = float(m.row_hi[r])
        d = duals[r]
        value = 0.0 if (not math.isfinite(d) or abs(d) < 1e-9) else abs(float(d))
        if value == 0.0:
            rng = {"valid_down": float(activity[r]), "valid_up": math.inf}
        elif math.isnan(row_up[r]):
            rng = {"valid_down": math.nan, "valid_up": math.nan}
        else:
            rng = {"valid_down": min(float(row_dn[r]), rhs), "valid_up": max(float(row_up[r]),
                                                                            rhs)}
        out.append({"kind": "budget" if kind == BUDGET else "supply", "key": m.row_key[r],
                    "rhs": rhs, "value": value, **rng})
    return pd.DataFrame(out)


def _no_plan(pairs: pd.DataFrame, settings: SolverSettings, status: Status, word: str,
             timings: dict[str, float], n_vars: int, n_rows: int) -> Plan:
    return Plan(status=status, solver=settings.solver, solver_status=word, objective=None,
                lp_bound=None, gap=None,
                placements=pairs.iloc[0:0].assign(placed=pd.Series(dtype=int)),
                timings=timings, n_variables=n_vars, n_constraints=n_rows)

