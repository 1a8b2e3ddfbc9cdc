"""A whole call, phase by phase (issue 23, item 5): what-if of R ≤ 6 phases under a policy, with
P10–P90 over seeded draws, vectorised with numpy (no solver: the first phase's offers are a
finished plan's).

A call of R phases, in each draw d:

1. **Candidates arrive by phase.** The call's offers of category k (``oferta``) arrive over the
   phases in the shape of the 2026 hiring (``dato``: candidates at the UAS stage per phase 1, 2,
   3, 3b, 4, 5 of inputs/fuentes/candidatos_por_unidad_puesto_estatus_20260822.csv, per
   specialists, general doctors, nurses; :data:`ARRIVALS_2026`), scaled to the R phases planned.
   A candidate not used in a phase stays for the next one.
2. **Each phase offers the posts still empty** of the plan (its x_i posts at pair i, bonus b_i,
   p_i), most valuable first (w·p, then the plan's order), within the candidates arrived and not
   yet used and within the monthly budget minus the bonus committed so far (``esperado``: an offer
   costs b·p; ``garantizado``: b). An offer is accepted with p; a filled post commits its bonus.
3. **The policy** says at what bonus: ``same`` keeps each post's bonus; ``raise`` moves a post
   that was offered and stayed empty one bonus level up (``niveles_bono`` of its type and zone,
   p from its curve), and the budget cut of step 2 then drops the least valuable offers if the
   raised ones do not all fit (raising is a trade: fewer, dearer offers); ``2024`` is the 2024 policy's offers (the hand rule's plan) at its
   uniform bonus.

Per draw: posts filled, weighted need covered (w per filled post, plus P·w for a centre's first
worker), bonus committed, the phase each post was filled in (time to fill: mean phase over filled
posts; share filled in phase 1). With R = 1 every candidate arrives in phase 1 and ``same`` is the
one-phase simulation (planner.analysis.simulate).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.core.plan import with_acceptance
from planner.io.acceptance import levels_for, probability

if TYPE_CHECKING:  # types only
    from planner.core.scenario import Scenario

MAX_PHASES = 6
PHASE_NAMES = ("1", "2", "3", "3b", "4", "5", "6")
# candidates at the UAS stage of the 2026 hiring per phase 1, 2, 3, 3b, 4, 5, 6 (dato:
# inputs/fuentes/candidatos_por_unidad_puesto_estatus_20260822.csv, all statuses)
ARRIVALS_2026: dict[str, tuple[int, ...]] = {
    "especialidad": (264, 134, 38, 195, 23, 331, 721),
    "medicina general": (116, 59, 27, 65, 733, 665, 282),
    "enfermería": (809, 449, 25, 342, 1470, 1628, 1653),
    "total": (1189, 642, 90, 602, 2226, 2624, 2656),
}
POLICIES = ("same", "raise", "2024")
QUANTILE_METHOD = "inverted_cdf"  # whole posts stay whole (as planner.analysis.simulate)


@dataclass(frozen=True)
class CallSimulation:
    """Per policy and metric: ``policy, metric, mean, p10, p50, p90`` (metrics ``filled``,
    ``need``, ``bonus``, ``mean_phase``, ``share_phase1``, ``raised``: offers moved up a level); ``by_phase``: per policy and phase
    the mean of posts filled so far."""

    table: pd.DataFrame
    by_phase: pd.DataFrame
    phases: int
    draws: int
    seed: int


def _pairs(scenario: Scenario, placements: pd.DataFrame) -> pd.DataFrame:
    return with_acceptance(placements[placements["placed"] > 0].reset_index(drop=True))


def _raised(scenario: Scenario, pl: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's bonus one level up and its p there (the same when no higher level)."""
    kind = scenario.categories["kind"].reindex(pl["category"]).to_numpy(dtype=object)
    units = scenario.units.reindex(pl["clues"])
    zone = units["zone"].to_numpy(dtype=int)
    eligible = units["bonus_eligible"].to_numpy(dtype=bool)
    bonus = pl["bonus"].to_numpy(dtype=float)
    up = bonus.copy()
    for i in np.flatnonzero(eligible):
        higher = [b for b in levels_for(scenario, str(kind[i]), int(zone[i])) if b > bonus[i] + 0.5]
        if higher:
            up[i] = min(higher)
    p_up = probability(scenario.acceptance, kind, zone, units["grade"].to_numpy(dtype=object), up)
    p_up = np.where(up > bonus, p_up, pl["p_accept"].to_numpy(dtype=float))
    return up, p_up


def _cut(want: np.ndarray, order: np.ndarray, groups: np.ndarray, left: np.ndarray) -> np.ndarray:
    """Offers per (draw, pair) within ``left[d, g]`` of each group g, pairs in ``order`` first."""
    out = np.zeros_like(want)
    for g in np.unique(groups):
        cols = order[groups[order] == g]
        if not len(cols):
            continue
        w = want[:, cols]
        before = np.cumsum(w, axis=1) - w
        out[:, cols] = np.clip(left[:, [g]] - before, 0, w)
    return out


def _budget_cut(offers: np.ndarray, cost: np.ndarray, order: np.ndarray,
                left: np.ndarray) -> np.ndarray:
    """Offers within the budget ``left[d]``: most valuable first, whole offers only. Only the
    offers that cost something are cut (the others never touch the budget), and only in the
    draws whose offers would not all fit."""
    cost = np.broadcast_to(cost, offers.shape)
    paid = order[(cost[:, order] > 0).any(axis=0)]
    if not len(paid):
        return offers
    c = cost[:, paid]
    o = offers[:, paid]
    over = (o * c).sum(axis=1) > left + 1e-6
    if not over.any():
        return offers
    c, o = c[over], o[over]
    spent_before = np.cumsum(o * c, axis=1) - o * c
    room = np.maximum(left[over][:, None] - spent_before, 0)
    fit = np.floor(room / np.where(c > 0, c, 1) + 1e-9)
    out = offers.copy()
    rows = np.flatnonzero(over)
    out[np.ix_(rows, paid)] = np.where(c > 0, np.clip(fit, 0, o), o).astype(offers.dtype)
    return out


def arrival_shares(kind: str, phases: int) -> np.ndarray:
    """Share of the call's candidates of ``kind`` arriving in each of ``phases`` phases (the
    2026 shape of :data:`ARRIVALS_2026` over its first ``phases`` phases; all in one phase when
    ``phases`` is 1)."""
    counts = np.asarray(ARRIVALS_2026.get(kind, ARRIVALS_2026["total"])[:phases], dtype=float)
    return counts / counts.sum()


def _arrivals(supply: np.ndarray, kinds: list[str], phases: int) -> np.ndarray:
    """Candidates of each category arrived by the end of each phase (whole, cumulative)."""
    out = np.zeros((phases, len(supply)))
    for k, (n, kind) in enumerate(zip(supply, kinds, strict=True)):
        out[:, k] = np.floor(np.cumsum(arrival_shares(kind, phases)) * n + 1e-9)
        out[-1, k] = n
    return out


def simulate_call(scenario: Scenario, placements: pd.DataFrame, phases: int, draws: int = 1000,
                  seed: int = 0, policy: str = "same") -> dict[str, np.ndarray]:
    """Per-draw outcomes of a call of ``phases`` phases on ``placements``' posts under
    ``policy`` (``same`` or ``raise``): ``filled``, ``need``, ``bonus``, ``mean_phase``,
    ``share_phase1`` (one value per draw) and ``cumulative`` (draws × phases: posts filled by
    the end of each phase)."""
    pl = _pairs(scenario, placements)
    n = len(pl)
    rng = np.random.default_rng(seed)
    x = pl["placed"].to_numpy(dtype=np.int64)
    b0 = pl["bonus"].to_numpy(dtype=float)
    p0 = pl["p_accept"].to_numpy(dtype=float)
    w = pl["weight_full"].to_numpy(dtype=float)
    first = pl["first_doctor"].to_numpy(dtype=bool)
    cats, cat = np.unique(pl["category"].to_numpy(dtype=object), return_inverse=True)
    kinds = [str(k) for k in scenario.categories["kind"].reindex(cats)]
    supply = scenario.supply_by_category().reindex(cats).fillna(0).to_numpy(dtype=float)
    arrived = _arrivals(supply, kinds, phases)
    params = scenario.params
    guaranteed = params.budget_basis == "garantizado"
    big_p = params.first_doctor_weight
    order = np.lexsort((np.arange(n), -(w * p0)))  # most valuable first, then the plan's order
    if policy == "raise":
        b_up, p_up = _raised(scenario, pl)
    bonus = np.broadcast_to(b0, (draws, n)).copy()
    p = np.broadcast_to(p0, (draws, n)).copy()
    offered = np.zeros((draws, n), dtype=bool)
    used = np.zeros((draws, len(cats)))
    filled = np.zeros((draws, n), dtype=np.int64)
    phase_sum = np.zeros(draws)
    phase1 = np.zeros(draws)
    committed = np.zeros(draws)
    cumulative = np.zeros((draws, phases))
    raised = np.zeros(draws)
    onehot = np.zeros((n, len(cats)), dtype=np.int64)
    onehot[np.arange(n), cat] = 1
    for r in range(phases):
        open_ = x[None, :] - filled
        if policy == "raise" and r > 0:  # posts offered and still empty go one level up
            bump = offered & (open_ > 0) & (b_up[None, :] > bonus)
            raised += bump.sum(axis=1)
            bonus = np.where(bump, b_up[None, :], bonus)
            p = np.where(bump, p_up[None, :], p)
        offers = _cut(open_, order, cat, arrived[r][None, :] - used)
        unit = bonus if guaranteed else bonus * p
        offers = _budget_cut(offers, unit, order, params.budget - committed)
        used += offers @ onehot
        offered |= offers > 0
        accepted = rng.binomial(offers, p)
        filled += accepted
        committed += (accepted * bonus).sum(axis=1)
        phase_sum += accepted.sum(axis=1) * (r + 1)
        if r == 0:
            phase1 = accepted.sum(axis=1).astype(float)
        cumulative[:, r] = filled.sum(axis=1)
    total = filled.sum(axis=1).astype(float)
    need = (filled * w[None, :]).sum(axis=1) + big_p * ((filled > 0) * (w * first)[None, :]).sum(
        axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_phase = np.where(total > 0, phase_sum / np.maximum(total, 1), np.nan)
        share1 = np.where(total > 0, phase1 / np.maximum(total, 1), np.nan)
    return {"filled": total, "need": need, "bonus": committed, "mean_phase": mean_phase,
            "share_phase1": share1, "raised": raised, "cumulative": cumulative}


def compare_policies(scenario: Scenario, plan: pd.DataFrame, hand: pd.DataFrame | None,
                     phases: int, draws: int = 1000, seed: int = 0) -> CallSimulation:
    """The plan re-offered at the same bonus and one level up, and the 2024 policy at its bonus,
    over the same seed (common random numbers per policy run)."""
    runs = {"same": simulate_call(scenario, plan, phases, draws, seed, "same"),
            "raise": simulate_call(scenario, plan, phases, draws, seed, "raise")}
    if hand is not None:
        runs["2024"] = simulate_call(scenario, hand, phases, draws, seed, "same")
    rows, phase_rows = [], []
    for policy, out in runs.items():
        for metric in ("filled", "need", "bonus", "mean_phase", "share_phase1", "raised"):
            v = out[metric][np.isfinite(out[metric])]
            q = np.quantile(v, (0.1, 0.5, 0.9), method=QUANTILE_METHOD) if len(v) else [np.nan] * 3
            rows.append({"policy": policy, "metric": metric, "mean": float(v.mean()) if len(v)
                         else np.nan, "p10": float(q[0]), "p50": float(q[1]), "p90": float(q[2])})
        for r in range(phases):
            phase_rows.append({"policy": policy, "phase": r + 1,
                               "filled_mean": float(out["cumulative"][:, r].mean())})
    return CallSimulation(pd.DataFrame(rows), pd.DataFrame(phase_rows), phases, draws, seed)


def _row(cs: CallSimulation, policy: str, metric: str) -> pd.Series:
    t_ = cs.table
    return t_[(t_["policy"] == policy) & (t_["metric"] == metric)].iloc[0]


def sentences(cs: CallSimulation, lang: str = "es") -> list[str]:
    """Head (what is data and what is assumed), one line per policy, and which policy covers
    the most weighted need (median)."""
    from planner.core.words import t

    out = [t("mp_head", lang, phases=cs.phases, draws=f"{cs.draws:,}", seed=cs.seed,
             names=", ".join(PHASE_NAMES[:cs.phases]))]
    best, best_need = None, -np.inf
    for policy in POLICIES:
        if policy not in set(cs.table["policy"]):
            continue
        f, nd, b = (_row(cs, policy, m) for m in ("filled", "need", "bonus"))
        ph, s1, ra = (_row(cs, policy, m) for m in ("mean_phase", "share_phase1", "raised"))
        raised = t("mp_raised", lang, n=f"{ra['p50']:,.0f}") if policy == "raise" else ""
        out.append(t("mp_line", lang, policy=t(f"mp_policy_{policy}", lang),
                     filled=f"{f['p50']:,.0f}", f10=f"{f['p10']:,.0f}", f90=f"{f['p90']:,.0f}",
                     need=f"{nd['p50']:,.1f}", n10=f"{nd['p10']:,.1f}", n90=f"{nd['p90']:,.1f}",
                     bonus=f"{b['p50']:,.0f}", phase=f"{ph['mean']:.1f}",
                     share=f"{s1['mean']:.0%}", raised=raised))
        if nd["p50"] > best_need:
            best, best_need = policy, nd["p50"]
    if best is not None:
        out.append(t("mp_best", lang, policy=t(f"mp_policy_{best}", lang),
                     need=f"{best_need:,.1f}"))
    return out


def payload(cs: CallSimulation) -> dict:
    """The ``--json`` block ``call``."""
    return {"phases": cs.phases, "draws": cs.draws, "seed": cs.seed,
            "arrivals_basis": "dato (contratación 2026 por fase)",
            "reoffer_basis": "supuesto",
            "table": cs.table.replace({np.nan: None}).to_dict(orient="records"),
            "by_phase": cs.by_phase.to_dict(orient="records")}


__all__ = ["ARRIVALS_2026", "CallSimulation", "MAX_PHASES", "POLICIES", "arrival_shares",
           "compare_policies", "payload", "sentences", "simulate_call"]
