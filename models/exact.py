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
1e-9 relative, or its MIP was closed by HiGHS (at the settings' gap, as the HiGHS path). A split
that breaks a row (a bug) falls back to the HiGHS MIP of the whole model.
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models import rules
from models.allocation import placement_pairs
from models.settings import SolverSettings
from planner.plan import Plan, Status
from planner.scenario import Scenario

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
                pairs: pd.DataFrame | None = None) -> Plan:
    """Solve the allocation model block by block; same inputs and ``Plan`` as solve_allocation."""
    from models.solve import quiet_stdout

    started = time.perf_counter()
    timings: dict[str, float] = {}
    pairs = placement_pairs(scenario) if pairs is None else pairs
    m = build_arrays(scenario, pairs)
    n_cols = len(m.obj)
    n_rows = len(m.rows)
    n_vars = m.n_x + len(m.z_pairs)
    timings["build"] = time.perf_counter() - started
    if m.impossible:
        return _no_plan(pairs, settings, Status.INFEASIBLE,
                        "Infeasible (hard rule with no vacancy)", timings, n_vars, n_rows)
    col_block, row_block = _blocks(m, len(scenario.categories))
    values = np.zeros(n_cols)
    duals = np.zeros(n_rows)
    activity = np.zeros(n_rows)
    row_up = np.full(n_rows, np.nan)
    row_dn = np.full(n_rows, np.nan)
    results: list[_BlockResult] = []
    want_ranging = settings.relaxation
    with quiet_stdout(settings.log):
        for b in np.unique(col_block) if n_cols else []:
            cols = np.flatnonzero(col_block == b)
            rws = np.flatnonzero(row_block == b)
            left = settings.time_limit - (time.perf_counter() - started)
            res = _solve_block(m, cols, rws, settings, left, values, duals, activity, row_up,
                               row_dn, want_ranging)
            results.append(res)
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
        return _fallback(scenario, settings, pairs, timings)
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
            from models.solve import _add_usage

            marginal = _add_usage(marginal, m, out)
    mips = sum(r.how == "mip" for r in results)
    word = (f"{'Optimal' if proven else 'Feasible'} (exact: {len(results)} blocks, "
            f"{len(results) - mips} LP-integral, {mips} MIP)")
    timings["extract"] = time.perf_counter() - t0
    return Plan(status=status, solver=settings.solver, solver_status=word, objective=objective,
                lp_bound=lp_bound if settings.relaxation else None, gap=gap, placements=out,
                marginal=marginal, timings=timings, n_variables=m.n_x + len(m.z_pairs),
                n_constraints=n_rows)


def _solve_block(m: ArrayModel, cols: np.ndarray, rws: np.ndarray, settings: SolverSettings,
                 left: float, values: np.ndarray, duals: np.ndarray, activity: np.ndarray,
                 row_up: np.ndarray, row_dn: np.ndarray, want_ranging: bool) -> _BlockResult:
    """LP of one block; its MIP on merged columns when the LP optimum is not integral."""
    import highspy

    res = _BlockResult()
    local = np.full(len(m.obj), -1, dtype=np.int64)
    local[cols] = np.arange(len(cols))
    rows = [(local[m.rows[r][0]], m.rows[r][1]) for r in rws]
    lo = [m.row_lo[r] for r in rws]
    hi = [m.row_hi[r] for r in rws]
    t0 = time.perf_counter()
    h = _highs(settings, left, presolve=LP_PRESOLVE)
    _pass(h, -m.obj[cols], m.lower[cols], m.upper[cols], rows, lo, hi)
    h.run()
    st = h.getModelStatus()
    res.lp_seconds = time.perf_counter() - t0
    if st == highspy.HighsModelStatus.kInfeasible:
        res.status, res.how = "infeasible", "lp"
        return res
    if st != highspy.HighsModelStatus.kOptimal:
        res.status = "no_solution"
        return res
    sol = h.getSolution()
    x = np.asarray(sol.col_value, dtype=float)
    duals[rws] = np.asarray(sol.row_dual, dtype=float)
    activity[rws] = np.asarray(sol.row_value, dtype=float)
    res.lp_objective = float(m.obj[cols] @ x)
    marg = [k for k, r in enumerate(rws) if m.row_kind[r] in (SUPPLY, NATIONAL, BUDGET)
            and abs(duals[r]) >= 1e-9]
    if want_ranging and marg:
        t1 = time.perf_counter()
        status, ranging = h.getRanging()
        if getattr(status, "name", "") != "kError":
            up = np.asarray(ranging.row_bound_up.value_, dtype=float)
            dn = np.asarray(ranging.row_bound_dn.value_, dtype=float)
            row_up[rws[marg]] = up[marg]
            row_dn[rws[marg]] = dn[marg]
        res.lp_seconds += time.perf_counter() - t1
    integ = m.integer[cols]
    rounded = x.copy()
    rounded[integ] = np.rint(x[integ])
    if np.all(np.abs(x[integ] - rounded[integ]) <= INT_TOL) and \
            _feasible(rows, lo, hi, rounded, m.lower[cols], m.upper[cols]):
        obj = float(m.obj[cols] @ rounded)
        if _proven(obj, res.lp_objective):
            values[cols] = rounded
            res.objective = obj
            res.bound = res.lp_objective
            res.proven = True
            return res
    res.how = "mip"
    t1 = time.perf_counter()
    _merged_mip(m, cols, rws, settings, left - res.lp_seconds, values, res)
    res.mip_seconds = time.perf_counter() - t1
    return res


def _merged_mip(m: ArrayModel, cols: np.ndarray, rws: np.ndarray, settings: SolverSettings,
                left: float, values: np.ndarray, res: _BlockResult) -> None:
    """The block's MIP with first doctors split, hard minimum as bounds and columns merged."""
    import highspy

    n = m.n_x
    nz = len(m.z_pairs)
    pw = m.obj[n:n + nz]
    x_cols = cols[cols < n]
    other = cols[cols >= n + nz]  # pool transfers (continuous)
    first_of = np.full(n, -1, dtype=np.int64)
    first_of[m.z_pairs] = np.arange(nz)
    lb = m.lower.copy()
    keep: list[int] = []
    for r in rws:
        kind = m.row_kind[r]
        if kind == FIRST:
            continue
        if kind == ONE_DOCTOR:
            lb[m.rows[r][0][0]] = max(lb[m.rows[r][0][0]], m.row_lo[r])
            continue
        keep.append(int(r))
    if np.any(pw < 0):  # the split needs P·w ≥ 0 (a first doctor always worth taking)
        raise_split = True
    else:
        raise_split = False
    # extended columns: (original column, part) with part 0 whole, 1 unit, 2 rest
    ext_src: list[int] = []
    ext_part: list[int] = []
    ext_lo: list[float] = []
    ext_hi: list[float] = []
    ext_obj: list[float] = []
    ext_int: list[bool] = []
    for c in x_cols:
        j = first_of[c]
        if j >= 0 and not raise_split:
            u_lo = min(lb[c], 1.0)
            ext_src += [c, c]
            ext_part += [1, 2]
            ext_lo += [u_lo, lb[c] - u_lo]
            ext_hi += [min(1.0, m.upper[c]), max(m.upper[c] - 1.0, 0.0)]
            ext_obj += [m.obj[c] + pw[j], m.obj[c]]
            ext_int += [True, True]
        else:
            ext_src.append(c)
            ext_part.append(0)
            ext_lo.append(lb[c])
            ext_hi.append(m.upper[c])
            ext_obj.append(m.obj[c])
            ext_int.append(bool(m.integer[c]))
    for c in other:
        ext_src.append(c)
        ext_part.append(0)
        ext_lo.append(lb[c])
        ext_hi.append(m.upper[c])
        ext_obj.append(m.obj[c])
        ext_int.append(bool(m.integer[c]))
    if raise_split:  # keep z columns and their rows as they are
        for c in cols[(cols >= n) & (cols < n + nz)]:
            ext_src.append(c)
            ext_part.append(0)
            ext_lo.append(lb[c])
            ext_hi.append(m.upper[c])
            ext_obj.append(m.obj[c])
            ext_int.append(True)
        keep = [int(r) for r in rws if m.row_kind[r] != ONE_DOCTOR]
    ext_src_a = np.asarray(ext_src, dtype=np.int64)
    # column -> rows it appears in (kept rows only)
    entries: dict[int, list[tuple[int, float]]] = {}
    for k, r in enumerate(keep):
        cs, vs = m.rows[r]
        for c, v in zip(cs.tolist(), vs.tolist()):
            entries.setdefault(c, []).append((k, v))
    groups: dict[tuple, int] = {}
    member_group = np.empty(len(ext_src), dtype=np.int64)
    g_lo: list[float] = []
    g_hi: list[float] = []
    g_obj: list[float] = []
    g_int: list[bool] = []
    g_rows: list[tuple] = []
    for e, c in enumerate(ext_src):
        sig = tuple(entries.get(c, ()))
        key = (ext_int[e], ext_obj[e], sig) if ext_int[e] else (False, e)
        g = groups.get(key)
        if g is None:
            g = len(g_lo)
            groups[key] = g
            g_lo.append(0.0)
            g_hi.append(0.0)
            g_obj.append(ext_obj[e])
            g_int.append(ext_int[e])
            g_rows.append(sig)
        member_group[e] = g
        g_lo[g] += ext_lo[e]
        g_hi[g] += ext_hi[e]
    # rows over the merged columns
    row_cols: list[list[int]] = [[] for _ in keep]
    row_vals: list[list[float]] = [[] for _ in keep]
    for g, sig in enumerate(g_rows):
        for k, v in sig:
            row_cols[k].append(g)
            row_vals[k].append(v)
    rows = [(np.asarray(c, dtype=np.int64), np.asarray(v, dtype=float))
            for c, v in zip(row_cols, row_vals, strict=True)]
    h = _highs(settings, left, presolve=True, gap=settings.mip_gap)
    _pass(h, -np.asarray(g_obj), g_lo, g_hi, rows, [m.row_lo[r] for r in keep],
          [m.row_hi[r] for r in keep], integer=g_int)
    h.run()
    st = h.getModelStatus()
    info = h.getInfo()
    if st == highspy.HighsModelStatus.kInfeasible:
        res.status = "infeasible"
        return
    if info.primal_solution_status != 2:  # kSolutionStatusFeasible
        res.status = "no_solution"
        return
    gv = np.asarray(h.getSolution().col_value, dtype=float)
    gv = np.where(np.asarray(g_int), np.rint(gv), gv)
    # split back: members in their order, lower bounds first, then filled up to their bounds
    ext_val = np.asarray(ext_lo, dtype=float).copy()
    rest = gv - np.asarray(g_lo)
    ext_hi_a = np.asarray(ext_hi, dtype=float)
    for e in range(len(ext_src)):
        g = member_group[e]
        if rest[g] <= 0:
            continue
        add = min(rest[g], ext_hi_a[e] - ext_val[e])
        ext_val[e] += add
        rest[g] -= add
    vals = values.copy()
    vals[cols] = 0.0
    np.add.at(vals, ext_src_a, ext_val)
    if not raise_split:  # z = 1 wherever a first doctor is placed (never worse: P·w ≥ 0)
        zs = np.flatnonzero(np.isin(m.z_pairs, x_cols))
        vals[n + zs] = np.minimum(1.0, vals[m.z_pairs[zs]])
    values[cols] = vals[cols]
    res.objective = float(m.obj[cols] @ values[cols])
    mip_bound = -float(info.mip_dual_bound)
    res.bound = min(res.lp_objective, mip_bound) if math.isfinite(mip_bound) else res.lp_objective
    closed = st == highspy.HighsModelStatus.kOptimal
    res.proven = closed or _proven(res.objective, res.bound)
    res.status = "optimal" if res.proven else "feasible"
    if not res.proven:
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


def _fallback(scenario: Scenario, settings: SolverSettings, pairs: pd.DataFrame,
              timings: dict[str, float]) -> Plan:
    """The HiGHS MIP of the whole model (a split that broke a row: never expected)."""
    from models.allocation import build_allocation
    from models.solve import solve_model

    t0 = time.perf_counter()
    model = build_allocation(scenario, pairs)
    plan = solve_model(model, dataclasses.replace(settings, solver="highs"))
    plan.timings["build"] = timings.get("build", 0.0) + time.perf_counter() - t0
    return dataclasses.replace(plan, solver=settings.solver,
                               solver_status=f"{plan.solver_status} (exact: HiGHS fallback)")
