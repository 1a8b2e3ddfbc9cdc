"""Assigning registered candidates (people, not counts) to posts: ``optimo`` and ``estable``.

A post is a placement pair (unit u, category k) with a gap; a candidate of category k lists up to
five options (a CLUES, a municipality or a state, :mod:`planner.io.candidates`), each covering the
posts of k inside it.

``optimo`` (an integer program, built and solved through :mod:`models.solve`)
    maximises DESIGN §2's weighted need covered, Σ w·x + Σ P·w·z, with the bonus budget, the
    first-doctor term and the §2b rules that make sense for listed people (linked specialties, the
    equity floor on the listed candidates, the hard minimum), where every candidate is placed at
    most once and only in a post of an option they listed. Candidates with the same category and
    the same option list are one group with a count (they are interchangeable), and options are
    nodes shared by every group listing them, so the model grows with the distinct options, not
    with candidates × posts:

        Σ_j y[g,j] ≤ n_g                      group g sends at most its candidates
        Σ_(g,j)→o y[g,j] = Σ_{p∈o} f[o,p]     what reaches option o is placed in its posts
        x[p] = Σ_{o∋p} f[o,p]                 doctors placed at p come through options covering p

    Among plans of equal coverage the better-ranked options are preferred, lexicographically: a
    second solve minimises Σ rank·y with coverage held at the first optimum (less a 1e-9
    relative tolerance for the solver's arithmetic).

``estable``
    candidate-proposing deferred acceptance (hospital–resident with capacities) from the
    ``matching`` library: a post ranks the candidates who listed it by ``puntaje`` (higher first;
    ties by folio), a candidate ranks posts by option number, and inside one option (a
    municipality or a state covers many posts) by the post's weight w, highest first, then CLUES.
    The budget holds by capacities: posts that cost no bonus open every vacancy; bonus posts open
    vacancies in decreasing weight (ties by CLUES), counting only vacancies some candidate listed,
    while the monthly bonus of what is opened fits the budget. The §2b rules are not imposed on
    the stable assignment (they are not part of the residency-match rule; the reports check them
    on the plan, :mod:`planner.analysis.rule_check`). Its plan has status ``Status.STABLE``:
    exact for its own question, not an optimum of the objective (docs/MODELO.md §C).

Both modes report the price of stability (coverage of ``optimo`` minus that of ``estable``) and
the number of blocking pairs of each (0 for ``estable``, by construction).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pulp

from models.allocation import build_allocation, placement_pairs
from models.backend import make_solver, quiet_stdout, solution_status
from models.settings import SolverSettings
from planner.core.plan import Plan, Status
from planner.core.scenario import Scenario

MODES = ("optimo", "estable")
N_OPTIONS = 5
INTEGRALITY_TOL = 1e-7  # an LP value this close to an integer counts as integral
LP_PRESOLVE = "off"  # HiGHS presolve costs more than it saves on these flow LPs (README)
DUAL_TOL = 1e-7  # a reduced cost or dual above this is nonzero
COVERAGE_RTOL = 1e-9  # second stage keeps coverage ≥ (1 − rtol)·optimum − 1e-6


@dataclass(frozen=True)
class Choices:
    """The candidates' options expanded to posts.

    people
        one row per candidate (index 0..n−1): ``folio, category, state_code, score, row``,
        ``priority`` (0 = highest score; ties by folio) and ``group``.
    nodes
        one row per distinct (category, option): ``node, category, key`` (key = the option's
        tuple of CLUES).
    node_posts
        ``node, pair`` for every post of a node (``pair`` = row of ``pairs``).
    group_nodes
        ``group, node, rank`` (rank = option number 1..5, first occurrence kept).
    groups
        ``group, category, size``.
    prefs
        the strict preference order of each candidate over posts: ``person, pair, rank, pos``.
    """

    people: pd.DataFrame
    nodes: pd.DataFrame
    node_posts: pd.DataFrame
    group_nodes: pd.DataFrame
    groups: pd.DataFrame
    pairs: pd.DataFrame
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def prefs(self) -> pd.DataFrame:
        """Each candidate's posts in strict order (option rank, then weight desc, then CLUES);
        computed once per :class:`Choices` (read only)."""
        cached = self._cache.get("prefs")
        if cached is None:
            cached = self._cache["prefs"] = self._prefs()
        return cached

    def _prefs(self) -> pd.DataFrame:
        gn = self.group_nodes.merge(self.node_posts, on="node")
        w = self.pairs["weight"].to_numpy()
        c = self.pairs["clues"].to_numpy()
        gn = gn.assign(_w=-w[gn["pair"].to_numpy()], _c=c[gn["pair"].to_numpy()])
        gn = gn.sort_values(["group", "rank", "_w", "_c"], kind="stable")
        gn = gn.drop_duplicates(["group", "pair"], keep="first")
        gn["pos"] = gn.groupby("group").cumcount()
        people = self.people[["group"]].reset_index(names="person")
        out = people.merge(gn[["group", "pair", "rank", "pos"]], on="group")
        return out[["person", "pair", "rank", "pos"]].sort_values(["person", "pos"]) \
            .reset_index(drop=True)


def expand_choices(scenario: Scenario, pairs: pd.DataFrame) -> Choices:
    """Candidates grouped by (category, option list), options as nodes over the posts."""
    cand = scenario.candidates
    if cand is None:
        raise ValueError("the scenario has no registered candidates")
    people = cand.reset_index(drop=True).copy()
    order = np.lexsort((people["folio"].to_numpy(dtype=str), -people["score"].to_numpy()))
    people["priority"] = np.empty(len(people), dtype=int)
    people.loc[order, "priority"] = np.arange(len(people))
    by_cat_clues: dict[str, dict[str, list[int]]] = {}
    for i, (clues, cat) in enumerate(zip(pairs["clues"], pairs["category"], strict=True)):
        by_cat_clues.setdefault(cat, {}).setdefault(clues, []).append(i)
    node_of: dict[tuple[str, tuple[str, ...]], int] = {}
    node_rows: list[tuple[int, str, tuple[str, ...]]] = []
    node_posts: list[tuple[int, int]] = []

    def node(cat: str, key: tuple[str, ...]) -> int | None:
        nk = (cat, key)
        if nk in node_of:
            return node_of[nk]
        posts = by_cat_clues.get(cat, {})
        found = [p for c in key for p in posts.get(c, ())]
        if not found:
            node_of[nk] = None
            return None
        n = len(node_rows)
        node_of[nk] = n
        node_rows.append((n, cat, key))
        node_posts.extend((n, p) for p in found)
        return n

    signature = []
    option_cols = [f"option_{j}" for j in range(1, N_OPTIONS + 1)]
    for cat, *opts in people[["category", *option_cols]].itertuples(index=False, name=None):
        seq: list[tuple[int, int]] = []
        seen: set[int] = set()
        for rank, key in enumerate(opts, start=1):
            if not key:
                continue
            n = node(cat, tuple(key))
            if n is None or n in seen:
                continue
            seen.add(n)
            seq.append((n, rank))
        signature.append((cat, tuple(seq)))
    sig = pd.Series(signature)
    codes, uniques = pd.factorize(sig)
    people["group"] = codes
    groups = pd.DataFrame({"group": np.arange(len(uniques)),
                           "category": [u[0] for u in uniques],
                           "size": np.bincount(codes, minlength=len(uniques))})
    gn = [(g, n, r) for g, (_, seq) in enumerate(uniques) for n, r in seq]
    return Choices(
        people=people,
        nodes=pd.DataFrame(node_rows, columns=["node", "category", "key"]),
        node_posts=pd.DataFrame(node_posts, columns=["node", "pair"], dtype=int),
        group_nodes=pd.DataFrame(gn, columns=["group", "node", "rank"], dtype=int),
        groups=groups, pairs=pairs)


@dataclass(frozen=True)
class Assignment:
    """One assignment of registered candidates.

    plan
        a :class:`Plan` whose ``placements`` are the pairs with ``placed`` (and
        ``first_doctor``), so indicators and reports read it like any plan.
    people
        one row per candidate: ``folio, category, state_code, score, pair, clues, rank``
        (pair −1, clues None and rank NA when not placed).
    posts
        one row per pair: ``clues, category, state_code, gap, cost, weight, capacity,
        applicants, placed`` (capacity = vacancies opened for the stable rule).
    """

    mode: str
    plan: Plan
    people: pd.DataFrame
    posts: pd.DataFrame
    blocking_pairs: int | None  # None until counted against the stable rule (side_by_side)
    coverage: float | None
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class CandidateResult:
    """Both assignments, the one the scenario asked for first, and what stability costs."""

    mode: str
    chosen: Assignment
    other: Assignment | None
    price_of_stability: float | None  # coverage(optimo) − coverage(estable)
    unwanted: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def optimo(self) -> Assignment | None:
        return self.chosen if self.mode == "optimo" else self.other

    @property
    def estable(self) -> Assignment | None:
        return self.chosen if self.mode == "estable" else self.other


# --- optimo: the integer program over groups and option nodes ---------------------------------

def candidate_supply(scenario: Scenario) -> pd.DataFrame:
    """The listed candidates as a national ``supply`` table (category counts), so the equity
    floor is measured against the people registered, not against ``oferta``."""
    counts = scenario.candidates.groupby("category").size()
    counts = counts.reindex(scenario.categories.index, fill_value=0)
    return pd.DataFrame({"category": counts.index.to_numpy(), "state_code": 0,
                         "candidates": counts.to_numpy(dtype=int)})


def _all_timed(solve):
    """The rest of an assignment's work (reading the solution back, the people and posts
    tables, the blocking pairs) as its stage ``extract``: nothing it does runs untimed
    (issue 26: 39 s of 227 were in no stage with 100,000 candidates)."""
    @functools.wraps(solve)
    def timed(*args, **kwargs) -> Assignment:
        t0 = time.perf_counter()
        out = solve(*args, **kwargs)
        rest = time.perf_counter() - t0 - sum(out.timings.values())
        out.timings["extract"] = out.timings.get("extract", 0.0) + max(rest, 0.0)
        if out.plan.timings is not out.timings:
            out.plan.timings["extract"] = out.timings["extract"]
        return out
    return timed


@_all_timed
def solve_optimo(scenario: Scenario, settings: SolverSettings, pairs: pd.DataFrame,
                 choices: Choices) -> Assignment:
    """Most weighted need covered by the listed candidates; then the best-ranked such plan."""
    t0 = time.perf_counter()
    listed = dataclasses.replace(scenario, supply=candidate_supply(scenario))
    model = build_allocation(listed, pairs, relax=frozenset({"candidates"}))
    prob = model.prob
    gn = choices.group_nodes
    y = [pulp.LpVariable(f"y_{i:07d}", 0, int(s), cat=pulp.LpInteger)
         for i, s in enumerate(choices.groups["size"].to_numpy()[gn["group"].to_numpy()])]
    npst = choices.node_posts
    # A node with one post (a CLUES option) needs no flow variable: its groups feed the post.
    posts_per_node = np.bincount(npst["node"].to_numpy(), minlength=len(choices.nodes))
    single = posts_per_node[npst["node"].to_numpy()] == 1
    multi_rows = np.flatnonzero(~single)
    f = [pulp.LpVariable(f"f_{i:07d}", 0, None, cat=pulp.LpInteger) for i in multi_rows]
    f_of_row = dict(zip(multi_rows.tolist(), f, strict=True))
    for g, idx in gn.groupby("group", sort=True).indices.items():
        size = int(choices.groups.at[g, "size"])
        prob.addConstraint(pulp.LpConstraint(
            pulp.LpAffineExpression([(y[i], 1.0) for i in idx]), pulp.LpConstraintLE,
            f"group_{g:07d}", float(size)))
    into = gn.groupby("node", sort=True).indices
    out_of = npst.iloc[multi_rows].groupby("node", sort=True).indices
    for n, rows in out_of.items():
        terms = [(y[i], 1.0) for i in into.get(n, ())] + \
            [(f[j], -1.0) for j in rows]  # positions in multi_rows, as f is
        prob.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(terms),
                                             pulp.LpConstraintEQ, f"option_{n:07d}", 0.0))
    node_post = npst["pair"].to_numpy()
    feeds: dict[int, list] = {}
    for row in np.flatnonzero(single).tolist():
        n = int(npst["node"].iat[row])
        feeds.setdefault(int(node_post[row]), []).extend(y[i] for i in into.get(n, ()))
    for row, var in f_of_row.items():
        feeds.setdefault(int(node_post[row]), []).append(var)
    for p, xv in enumerate(model.x):
        inflow = feeds.get(p)
        if not inflow:
            xv.upBound = 0  # nobody listed this post
            continue
        terms = [(xv, 1.0)] + [(v, -1.0) for v in inflow]
        prob.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(terms),
                                             pulp.LpConstraintEQ, f"take_{p:07d}", 0.0))
    timings = {"build": time.perf_counter() - t0}
    if model.impossible:
        return _failed("optimo", Status.INFEASIBLE, "Infeasible (hard rule with no vacancy)",
                       settings, pairs, choices, timings)
    t0 = time.perf_counter()
    status, how1 = _solve_integral(prob, settings)
    timings["solve"] = time.perf_counter() - t0
    if not status.has_solution:
        return _failed("optimo", status, pulp.LpStatus.get(prob.status, "?"), settings, pairs,
                       choices, timings)
    best = float(pulp.value(prob.objective) or 0.0)
    coverage_expr = prob.objective
    # Second stage: same coverage, best ranks.
    t0 = time.perf_counter()
    # PuLP models run on HiGHS under "exact" too (models.backend.make_solver): both give duals
    if how1 == "integral LP" and settings.solver in ("highs", "exact") and \
            _restrict_to_optimal_face(prob):
        how1 = "integral LP, optimal face"
    else:  # keep coverage with an explicit row (less a tolerance for the solver's arithmetic)
        floor = best - COVERAGE_RTOL * abs(best) - 1e-6
        prob.addConstraint(pulp.LpConstraint(coverage_expr, pulp.LpConstraintGE,
                                             "coverage_kept", floor))
    ranks = gn["rank"].to_numpy(dtype=float)
    prob.setObjective(pulp.LpAffineExpression([(v, -r) for v, r in zip(y, ranks, strict=True)],
                                              name="rango"))
    left = max(1.0, settings.time_limit - timings["solve"])
    status2, how2 = _solve_integral(prob, dataclasses.replace(settings, time_limit=left))
    timings["solve_rank"] = time.perf_counter() - t0
    if not status2.has_solution:  # keep the first stage's plan? it is gone from the variables
        return _failed("optimo", status2, pulp.LpStatus.get(prob.status, "?"), settings, pairs,
                       choices, timings)
    final = Status.OPTIMAL if (status is Status.OPTIMAL and status2 is Status.OPTIMAL) \
        else Status.FEASIBLE
    placed = np.rint([v.varValue or 0.0 for v in model.x]).astype(int)
    zvals = np.rint([v.varValue or 0.0 for v in model.z]).astype(bool)
    yv = np.rint([v.varValue or 0.0 for v in y]).astype(int)
    fv = np.zeros(len(npst), dtype=int)  # flow on every (node, post), single nodes included
    fv[multi_rows] = np.rint([v.varValue or 0.0 for v in f]).astype(int)
    inflow = np.bincount(gn["node"].to_numpy(), weights=yv, minlength=len(choices.nodes))
    rows1 = np.flatnonzero(single)
    fv[rows1] = np.rint(inflow[npst["node"].to_numpy()[rows1]]).astype(int)
    people = _people_from_flows(choices, yv, fv)
    placements = pairs.copy()
    placements["placed"] = placed
    placements["first_doctor"] = False
    if len(zvals):
        placements.loc[model.z_pairs, "first_doctor"] = zvals
    objective = coverage_of(placements, scenario.params.first_doctor_weight)
    if objective < best - COVERAGE_RTOL * abs(best) - 1e-6:  # never report a loss as optimal
        final = Status.FEASIBLE
    plan = Plan(status=final, solver=settings.solver,
                solver_status=f"{pulp.LpStatus.get(prob.status, '?')} (2 stages: {how1}, "
                              f"{how2})",
                objective=objective, lp_bound=best, gap=_gap(objective, best),
                placements=placements, timings=timings,
                n_variables=len(prob.variables()), n_constraints=prob.numConstraints())
    return Assignment("optimo", plan, people, _posts(pairs, choices, placed), None, objective,
                      timings)  # blocking pairs: counted by side_by_side, with estable's vacancies


def _restrict_to_optimal_face(prob: pulp.LpProblem) -> bool:
    """Restrict ``prob`` to the optimal face of its LP just solved: variables with a nonzero
    reduced cost fixed where they are, rows with a nonzero dual made equalities.

    Every point of that face has the LP optimum as objective (complementary slackness), and
    when the LP optimum was integral it is the integer optimum, so every optimal integer plan
    lies on the face: minimising ranks over it is the lexicographic second stage, without the
    dense coverage row. False (nothing changed) when the solver gave no duals.
    """
    variables = prob.variables()
    rows = list(prob.constraints.values())
    if any(getattr(v, "dj", None) is None for v in variables) or \
            any(getattr(c, "pi", None) is None for c in rows):
        return False
    for v in variables:
        if abs(v.dj) > DUAL_TOL:
            v.lowBound = v.upBound = v.varValue
    for c in rows:
        if abs(c.pi) > DUAL_TOL:
            c.sense = pulp.LpConstraintEQ
    return True


def _solve_integral(prob: pulp.LpProblem, settings: SolverSettings) -> tuple[Status, str]:
    """Solve ``prob``: its LP relaxation first, the integer program only if that is fractional.

    The flow structure makes the relaxation integral whenever the budget does not cut a post in
    two; an integral LP optimum is feasible for the integer program and no integer plan can beat
    the relaxation, so it is the proven integer optimum. Returns the status and which way.
    """
    solver = make_solver(settings, mip=False)
    if settings.solver in ("highs", "exact"):
        solver.optionsDict["presolve"] = LP_PRESOLVE
    with quiet_stdout(settings.log):
        prob.solve(solver)
    if prob.sol_status == pulp.LpSolutionOptimal:
        integer = [v for v in prob.variables() if v.cat == pulp.LpInteger]
        values = np.array([v.varValue or 0.0 for v in integer])
        if np.all(np.abs(values - np.rint(values)) <= INTEGRALITY_TOL):
            for v, value in zip(integer, np.rint(values).tolist(), strict=True):
                v.varValue = value
            return Status.OPTIMAL, "integral LP"
    elif prob.sol_status == pulp.LpSolutionInfeasible:
        return Status.INFEASIBLE, "infeasible LP"
    with quiet_stdout(settings.log):
        prob.solve(make_solver(settings, mip=True))
    return solution_status(prob), "MIP"


def _gap(objective: float, bound: float) -> float:
    return max(0.0, bound - objective) / max(abs(bound), 1e-9)


def coverage_of(placements: pd.DataFrame, first_doctor_weight: float) -> float:
    """Σ w·x + P·Σ w·z of a placement table (z = a first doctor placed where there was none)."""
    w = placements["weight"].to_numpy(dtype=float)
    x = placements["placed"].to_numpy(dtype=float)
    z = (placements["first"].to_numpy(dtype=bool) & (x >= 1)).astype(float)
    return float(w @ x + first_doctor_weight * (w @ z))


def _people_from_flows(choices: Choices, y: np.ndarray, f: np.ndarray) -> pd.DataFrame:
    """Candidates placed from the group and option flows: within a group, higher priority
    first gets the best-ranked option; within an option node, posts in node order."""
    people = choices.people
    npst = choices.node_posts
    slots: dict[int, list[int]] = {}
    nodes, posts = npst["node"].to_numpy(), npst["pair"].to_numpy()
    for i in np.flatnonzero(f > 0):
        slots.setdefault(int(nodes[i]), []).extend([int(posts[i])] * int(f[i]))
    group = people["group"].to_numpy()
    members = np.lexsort((people["priority"].to_numpy(), group))  # by group, then priority
    start = np.searchsorted(group[members], np.arange(len(choices.groups)))
    gn = choices.group_nodes
    g_, n_, r_ = (gn[c].to_numpy() for c in ("group", "node", "rank"))
    used = np.flatnonzero(y > 0)
    used = used[np.lexsort((r_[used], g_[used]))]
    pair = np.full(len(people), -1, dtype=int)
    rank = np.full(len(people), -1, dtype=int)
    for i in used.tolist():
        g, k = int(g_[i]), int(y[i])
        who = members[start[g]:start[g] + k]
        start[g] += k
        box = slots[int(n_[i])]
        for person in who.tolist():
            pair[person] = box.pop()
            rank[person] = int(r_[i])
    return _people_table(choices, pair, rank)


def _people_table(choices: Choices, pair: np.ndarray, rank: np.ndarray) -> pd.DataFrame:
    people = choices.people
    clues = choices.pairs["clues"].to_numpy()
    return pd.DataFrame({
        "folio": people["folio"].to_numpy(), "category": people["category"].to_numpy(),
        "state_code": people["state_code"].to_numpy(dtype=int),
        "score": people["score"].to_numpy(dtype=float),
        "priority": people["priority"].to_numpy(dtype=int),
        "pair": pair,
        "clues": np.where(pair >= 0, clues[np.maximum(pair, 0)], None),
        "rank": pd.array([int(r) if r > 0 else pd.NA for r in rank], dtype="Int64"),
    })


def _posts(pairs: pd.DataFrame, choices: Choices, placed: np.ndarray,
           capacity: np.ndarray | None = None) -> pd.DataFrame:
    """Per pair: applicants (candidates who listed it) and placed."""
    prefs = choices.prefs()
    applicants = np.bincount(prefs["pair"].to_numpy(dtype=int), minlength=len(pairs))
    out = pairs[["clues", "category", "state_code", "gap", "cost", "weight"]].copy()
    out["capacity"] = stable_capacities(pairs, choices, None) if capacity is None else capacity
    out["applicants"] = applicants
    out["placed"] = placed
    return out


def _failed(mode: str, status: Status, word: str, settings: SolverSettings, pairs: pd.DataFrame,
            choices: Choices, timings: dict[str, float]) -> Assignment:
    plan = Plan(status=status, solver=settings.solver, solver_status=word, objective=None,
                lp_bound=None, gap=None,
                placements=pairs.iloc[0:0].assign(placed=pd.Series(dtype=int)), timings=timings)
    none = np.full(len(choices.people), -1, dtype=int)
    return Assignment(mode, plan, _people_table(choices, none, none),
                      _posts(pairs, choices, np.zeros(len(pairs), dtype=int)), 0, None, timings)


# --- estable: deferred acceptance from the ``matching`` library -------------------------------

def stable_capacities(pairs: pd.DataFrame, choices: Choices, budget: float | None,
                      prefs: pd.DataFrame | None = None) -> np.ndarray:
    """Vacancies opened per post for the stable rule (see the module docstring).

    Posts without bonus cost open their whole gap. Bonus posts open, in decreasing weight (ties
    by CLUES), min(gap, candidates who listed it) vacancies one at a time while the cumulative
    bonus fits ``budget`` (None: no budget, every listed vacancy opens).
    """
    prefs = choices.prefs() if prefs is None else prefs
    listed = np.bincount(prefs["pair"].to_numpy(dtype=int), minlength=len(pairs))
    gap = pairs["gap"].to_numpy(dtype=int)
    cost = pairs["cost"].to_numpy(dtype=float)
    cap = np.where(cost > 0, 0, gap)
    if budget is None:
        return np.where(cost > 0, np.minimum(gap, listed), gap)
    order = np.lexsort((pairs["clues"].to_numpy(dtype=str), -pairs["weight"].to_numpy()))
    left = float(budget)
    for i in order:
        if cost[i] <= 0:
            continue
        want = int(min(gap[i], listed[i]))
        k = int(min(want, left // cost[i])) if want else 0
        cap[i] = k
        left -= k * cost[i]
    return cap


def matching_library():
    """The ``matching`` library, imported so that it cannot reset the process's warning filters.

    ``matching/__init__.py`` calls ``warnings.simplefilter("always")`` when the interpreter has
    no ``-W`` options: imported plainly, it turns every once-per-place warning (PuLP's
    DeprecationWarnings, one per variable built) into one line per occurrence for the life of
    the process — the app's log grew to 24 MB in 11 minutes (issue 26). The import runs inside
    ``warnings.catch_warnings()``, which puts the filters back as they were; later imports find
    the module in ``sys.modules`` and run nothing. Every use of the library goes through here.
    """
    with warnings.catch_warnings():
        import matching
        import matching.algorithms  # noqa: F401  (imported here too: nothing of it runs later)
        import matching.players  # noqa: F401
    return matching


def _player_classes():
    """``matching``'s resident and hospital players, with ``_forget`` done by ``list.remove``.

    The library's ``_forget`` rebuilds the whole preference list in a Python comprehension
    each time a pair is deleted, which is quadratic in a post's list (a state option puts
    thousands of candidates on it). ``list.remove`` deletes the same single entry (lists hold
    each player once) in C; the algorithm, ``hospital_resident``, is the library's unchanged.
    """
    lib = matching_library()
    Player, Hospital = lib.Player, lib.Hospital

    class Resident(Player):
        def _forget(self, other):
            with contextlib.suppress(ValueError):
                self.prefs.remove(other)

    class Post(Hospital):
        def _forget(self, other):
            with contextlib.suppress(ValueError):
                self.prefs.remove(other)

    return Resident, Post


@_all_timed
def solve_estable(scenario: Scenario, settings: SolverSettings, pairs: pd.DataFrame,
                  choices: Choices) -> Assignment:
    """Candidate-optimal stable assignment (``matching``'s hospital–resident algorithm)."""
    hospital_resident = matching_library().algorithms.hospital_resident

    Resident, Hospital = _player_classes()
    t0 = time.perf_counter()
    prefs = choices.prefs()
    cap = stable_capacities(pairs, choices, scenario.params.budget, prefs)
    open_ = prefs[cap[prefs["pair"].to_numpy()] > 0]  # sorted by person, then preference
    who = open_["person"].to_numpy(dtype=int)
    where = open_["pair"].to_numpy(dtype=int)
    hospitals = {int(h): Hospital(int(h), int(cap[h])) for h in np.unique(where)}
    objects = [hospitals[h] for h in where.tolist()]
    ids, starts = np.unique(who, return_index=True)
    ends = np.append(starts[1:], len(who))
    residents = {}
    for r, a, b in zip(ids.tolist(), starts.tolist(), ends.tolist(), strict=True):
        residents[r] = Resident(r)
        residents[r].set_prefs(objects[a:b])
    prio = choices.people["priority"].to_numpy()
    order = np.lexsort((prio[who], where))  # each post ranks its applicants by priority
    by_post, ranked = where[order], who[order].tolist()
    cuts = np.flatnonzero(np.diff(by_post)) + 1
    for h, a, b in zip(by_post[np.append(0, cuts)].tolist(), np.append(0, cuts).tolist(),
                       np.append(cuts, len(by_post)).tolist(), strict=True):
        hospitals[h].set_prefs([residents[r] for r in ranked[a:b]])
    timings = {"build": time.perf_counter() - t0}
    t0 = time.perf_counter()
    matched = hospital_resident(list(residents.values()), list(hospitals.values()),
                                optimal="resident")
    timings["solve"] = time.perf_counter() - t0
    pair = np.full(len(choices.people), -1, dtype=int)
    for hospital, who in matched.items():
        for r in who:
            pair[int(r.name)] = int(hospital.name)
    rank = _rank_of(prefs, pair, len(pairs))
    placed = np.bincount(pair[pair >= 0], minlength=len(pairs))
    placements = pairs.copy()
    placements["placed"] = placed
    placements["first_doctor"] = placements["first"].to_numpy(dtype=bool) & (placed >= 1)
    objective = coverage_of(placements, scenario.params.first_doctor_weight)
    plan = Plan(status=Status.STABLE, solver="matching",
                solver_status="candidate-optimal stable matching", objective=objective, lp_bound=None, gap=None,
                placements=placements, timings=timings)
    people = _people_table(choices, pair, rank)
    posts = _posts(pairs, choices, placed, cap)
    return Assignment("estable", plan, people, posts,
                      count_blocking_pairs(people, prefs, posts), objective, timings)


def _rank_of(prefs: pd.DataFrame, pair: np.ndarray, n_pairs: int) -> np.ndarray:
    """Option rank of each candidate's post (−1 when unplaced)."""
    key = prefs["person"].to_numpy(dtype=np.int64) * n_pairs + prefs["pair"].to_numpy()
    lookup = pd.Series(prefs["rank"].to_numpy(dtype=int), index=key)
    mine = np.arange(len(pair), dtype=np.int64) * n_pairs + np.maximum(pair, 0)
    rank = lookup.reindex(mine).to_numpy()
    return np.where(pair >= 0, rank, -1).astype(int)


def count_blocking_pairs(people: pd.DataFrame, prefs: pd.DataFrame, posts: pd.DataFrame) -> int:
    """Candidate c and post p that c listed form a blocking pair when c is unplaced or prefers p
    to their post, and p has an opened vacancy left (placed < max(capacity, placed)) or holds a
    candidate of lower priority than c."""
    pos = prefs.set_index(["person", "pair"])["pos"]
    key = pd.MultiIndex.from_arrays([np.arange(len(people)), people["pair"].to_numpy()])
    mine = pos.reindex(key).to_numpy()
    mine = np.where(people["pair"].to_numpy() >= 0, mine, np.inf)
    better = prefs[prefs["pos"].to_numpy() < mine[prefs["person"].to_numpy()]]
    if better.empty:
        return 0
    placed = posts["placed"].to_numpy()
    room = placed < np.maximum(posts["capacity"].to_numpy(), placed)
    taken = people[people["pair"] >= 0]
    worst = np.full(len(posts), -1, dtype=int)  # largest priority number (= worst) at each post
    np.maximum.at(worst, taken["pair"].to_numpy(dtype=int), taken["priority"].to_numpy())
    prio = people["priority"].to_numpy()
    p = better["pair"].to_numpy(dtype=int)
    c = better["person"].to_numpy(dtype=int)
    blocking = room[p] | ((worst[p] >= 0) & (worst[p] > prio[c]))
    return int(blocking.sum())


# --- both modes -------------------------------------------------------------------------------

def assign_candidates(scenario: Scenario, settings: SolverSettings,
                      pairs: pd.DataFrame | None = None) -> CandidateResult:
    """The assignment in the scenario's mode, the other mode beside it, and the price of
    stability (both are always computed: the price needs both). ``unwanted`` is left empty:
    the pipeline fills it from :func:`planner.analysis.candidates.unwanted_by_state`."""
    pairs = placement_pairs(scenario) if pairs is None else pairs
    t0 = time.perf_counter()
    choices = expand_choices(scenario, pairs)
    expand = time.perf_counter() - t0
    opt = solve_optimo(scenario, settings, pairs, choices)
    stab = solve_estable(scenario, settings, pairs, choices)
    for a in (opt, stab):
        a.timings["expand"] = expand
    return side_by_side(scenario.params.assignment_mode, opt, stab, choices)


def side_by_side(mode: str, opt: Assignment, stab: Assignment,
                 choices: Choices) -> CandidateResult:
    """Both assignments, ``mode``'s first: optimo's blocking pairs counted against the stable
    rule's vacancies, and the price of stability (also used when the second mode is computed
    later, on request: planner.pipeline.compare_assignments)."""
    if opt.coverage is not None:
        posts = opt.posts.assign(capacity=stab.posts["capacity"].to_numpy())
        opt = dataclasses.replace(opt, posts=posts, blocking_pairs=count_blocking_pairs(
            opt.people, choices.prefs(), posts))
    chosen, other = (opt, stab) if mode == "optimo" else (stab, opt)
    price = None
    if opt.coverage is not None and stab.coverage is not None:
        price = opt.coverage - stab.coverage
    return CandidateResult(mode, chosen, other, price)
