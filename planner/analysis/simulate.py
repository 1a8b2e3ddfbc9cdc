"""Seeded Monte Carlo of who accepts the offers of a plan (issue 13), vectorised with numpy.

Every offer of a plan (a placement: one doctor of category k offered a post at unit u) is
accepted with its probability ``p_accept`` (1 when the plan carries none), independently. Each
offer slot s of a pair draws one uniform U[d,s] per draw d and is accepted when U < p; two plans
simulated with the same seed over the same scenario share those uniforms slot by slot (common
random numbers), so their difference has far less noise than two independent runs.

An optional second round re-offers each declined post once to a candidate still free: with R_k
offers of category k unused by the plan and D_k declined in a draw, each declined slot is
re-offered with probability min(1, R_k / D_k) and accepted with its p (a second uniform).

Measured per draw: posts filled, specialists at bonus-eligible units, centres at the general
doctors' target, monthly bonus actually paid (bonus × accepted), nationally and per state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.core.schema import SPECIALTY

if TYPE_CHECKING:  # types only (keeps the import chain short)
    from planner.core.scenario import Scenario

METRICS = ("filled", "spec_bonus_units", "centres_at_target", "bonus_paid")
QUANTILES = (0.10, 0.50, 0.90)
# quantiles are order statistics of the draws (inverted CDF): counts of posts stay whole numbers
# (no «P10–P90: 0.9 a 11», no stored −0.0999…), the same as a person counting the sorted draws
QUANTILE_METHOD = "inverted_cdf"
CHUNK_CELLS = 4_000_000  # uniforms held at once (draws × slots), bounds memory


@dataclass(frozen=True)
class Simulation:
    """Draws of one plan: national and per-state summaries and the per-draw samples."""

    draws: int
    seed: int
    second_round: bool
    national: pd.DataFrame  # metric, expected (model), mean, sd, p10, p50, p90
    by_state: pd.DataFrame  # state_code, state, offers, <metric>_{mean,p10,p50,p90}, target, p_target
    samples: dict[str, np.ndarray]  # metric -> (draws,)
    state_filled: np.ndarray  # (draws, states) posts filled per state
    states: pd.Index  # state codes, columns of state_filled


def _plan_columns(scenario: Scenario, placements: pd.DataFrame) -> pd.DataFrame:
    """Placements with p_accept and bonus (p = 1, bonus = cost when the plan has none)."""
    pl = placements
    if "p_accept" not in pl:
        pl = pl.assign(p_accept=1.0, bonus=pl["cost"].to_numpy(dtype=float))
    return pl


def _slots(placed_list: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Slots per pair: max placements across the plans compared; their starting offsets."""
    n = np.max(np.vstack(placed_list), axis=0).astype(int)
    starts = np.concatenate([[0], np.cumsum(n)[:-1]]).astype(int)
    return n, starts


def simulate(scenario: Scenario, placements: pd.DataFrame, draws: int = 1000, seed: int = 0,
             second_round: bool = False, targets: pd.Series | None = None,
             _slots_n: np.ndarray | None = None,
             p_draws: np.ndarray | None = None) -> Simulation:
    """Simulate ``draws`` acceptances of the plan ``placements`` (one row per pair, ``placed``).

    ``p_draws`` (curve sets × pairs, issue 22 item 2): draw d accepts with the probabilities of
    curve set d mod K instead of ``p_accept``, so the quantiles cover the curves' uncertainty
    as well as the acceptances'; the same uniforms as without it (common random numbers)."""
    pl = _plan_columns(scenario, placements).reset_index(drop=True)
    placed = pl["placed"].to_numpy(dtype=int)
    n_slots = placed if _slots_n is None else np.asarray(_slots_n, dtype=int)
    p = pl["p_accept"].to_numpy(dtype=float)
    bonus = pl["bonus"].to_numpy(dtype=float)
    states = pd.Index(sorted(scenario.units["state_code"].unique()), name="state_code")
    s_idx = states.get_indexer(pl["state_code"].to_numpy(dtype=int))
    onehot = np.zeros((len(pl), len(states)), dtype=np.float64)
    onehot[np.arange(len(pl)), s_idx] = 1.0
    kind = scenario.categories["kind"].reindex(pl["category"]).to_numpy(dtype=object)
    eligible = scenario.units["bonus_eligible"].reindex(pl["clues"]).to_numpy(dtype=bool)
    spec_bonus = (kind == SPECIALTY) & eligible
    centre_gp = pl["is_centre"].to_numpy(dtype=bool) & pl["is_general"].to_numpy(dtype=bool)
    gap = pl["gap"].to_numpy(dtype=int)
    base_centres = _centres_at_target_without_gap(scenario, pl, states)
    cats = pd.Index(scenario.categories.index)
    c_idx = cats.get_indexer(pl["category"])
    unused = (scenario.supply_by_category().reindex(cats).to_numpy(dtype=float)
              - np.bincount(c_idx, weights=placed, minlength=len(cats)))
    unused = np.clip(unused, 0, None)

    starts = np.concatenate([[0], np.cumsum(n_slots)[:-1]]).astype(int)
    total_slots = int(n_slots.sum())
    slot_pair = np.repeat(np.arange(len(pl)), n_slots)
    slot_rank = np.arange(total_slots) - starts[slot_pair]
    used = slot_rank < placed[slot_pair]
    slot_p = p[slot_pair]
    rng = np.random.default_rng(seed)
    # Bounded memory (issue 26): the uniforms come in chunks of at most CHUNK_CELLS, and each
    # chunk's offers accepted per pair are reduced at once to the four metrics per state; only
    # those (draws × states × 4) are kept (planner.core.schema.MAX_DRAWS bounds draws).
    chunk = max(1, CHUNK_CELLS // max(total_slots, len(pl), 1))
    centre_onehot = onehot[centre_gp]
    per_rows: dict[str, list[np.ndarray]] = {m: [] for m in METRICS}
    for d0 in range(0, draws, chunk):
        m = min(chunk, draws - d0)
        u1 = rng.random((m, total_slots))
        u2 = rng.random((m, total_slots)) if second_round else None
        if p_draws is not None:  # each draw with its own set of curves
            slot_p = p_draws[(d0 + np.arange(m)) % len(p_draws)][:, slot_pair]
        hit = (u1 < slot_p) & used
        if second_round:
            declined = used & ~hit
            dec_by_cat = _per_pair_sum(declined, starts, n_slots, len(pl)) @ _cat_onehot(
                c_idx, len(cats))
            r = np.where(dec_by_cat > 0, np.minimum(1.0, unused / np.maximum(dec_by_cat, 1)),
                         0.0)  # (m, categories)
            r_slot = r[:, c_idx[slot_pair]]
            hit = hit | (declined & (u2 < r_slot * slot_p))
        accepted = _per_pair_sum(hit, starts, n_slots, len(pl))  # (m, pairs), this chunk only
        per_rows["filled"].append(accepted @ onehot)
        at_target = accepted[:, centre_gp] >= gap[centre_gp]
        per_rows["centres_at_target"].append(at_target.astype(float) @ centre_onehot
                                             + base_centres)
        per_rows["spec_bonus_units"].append(accepted[:, spec_bonus] @ onehot[spec_bonus])
        per_rows["bonus_paid"].append((accepted * bonus) @ onehot)
    per = {k: (np.vstack(per_rows[k]) if per_rows[k] else np.zeros((0, len(states))))
           for k in ("filled", "centres_at_target", "spec_bonus_units", "bonus_paid")}
    state_filled = per["filled"]
    samples = {k: per[k].sum(axis=1) for k in METRICS}  # each pair is in exactly one state
    expected = {
        "filled": float((placed * p).sum()),
        "spec_bonus_units": float((placed * p)[spec_bonus].sum()),
        "centres_at_target": float(np.nan),
        "bonus_paid": float((placed * p * bonus).sum()),
    }
    national = pd.DataFrame([_summary(k, samples[k], expected[k]) for k in METRICS])
    by_state = _by_state(scenario, states, pl, placed, p, per, targets)
    return Simulation(draws, seed, second_round, national, by_state, samples, state_filled,
                      states)


def _cat_onehot(c_idx: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((len(c_idx), n))
    out[np.arange(len(c_idx)), c_idx] = 1.0
    return out


def _per_pair_sum(hit: np.ndarray, starts: np.ndarray, n_slots: np.ndarray,
                  n_pairs: int) -> np.ndarray:
    """(draws, slots) booleans summed per pair → (draws, pairs)."""
    out = np.zeros((hit.shape[0], n_pairs))
    has = n_slots > 0
    if has.any() and hit.shape[1]:
        out[:, has] = np.add.reduceat(hit.astype(np.int32), starts[has], axis=1)
    return out


def _centres_at_target_without_gap(scenario: Scenario, pl: pd.DataFrame,
                                   states: pd.Index) -> np.ndarray:
    """Centres per state already at target (no general-medicine gap in the pairs)."""
    centres = scenario.centres()
    with_gap = set(pl.loc[pl["is_centre"] & pl["is_general"], "clues"])
    ok = centres[~centres.index.isin(with_gap)]
    return ok["state_code"].value_counts().reindex(states, fill_value=0).to_numpy(dtype=float)


def _summary(metric: str, x: np.ndarray, expected: float) -> dict:
    q = np.quantile(x, QUANTILES, method=QUANTILE_METHOD) if len(x) else [np.nan] * 3
    return {"metric": metric, "expected": expected, "mean": float(np.mean(x)),
            "sd": float(np.std(x, ddof=1)) if len(x) > 1 else 0.0,
            "p10": float(q[0]), "p50": float(q[1]), "p90": float(q[2])}


def _by_state(scenario: Scenario, states: pd.Index, pl: pd.DataFrame, placed: np.ndarray,
              p: np.ndarray, per: dict[str, np.ndarray],
              targets: pd.Series | None) -> pd.DataFrame:
    """Per state: offers, expected filled and each metric's mean and P10/P50/P90 over the draws
    (``per``: metric -> (draws, states))."""
    names = scenario.units.groupby("state_code")["state"].first().reindex(states)
    offers = pl.groupby("state_code")["placed"].sum().reindex(states, fill_value=0)
    exp = pd.Series(placed * p).groupby(pl["state_code"].to_numpy()).sum().reindex(
        states, fill_value=0.0)
    out = pd.DataFrame({"state_code": states.to_numpy(), "state": names.to_numpy(),
                        "offers": offers.to_numpy(dtype=int), "expected": exp.to_numpy()})
    state_filled = per["filled"]
    for metric, x in per.items():
        q = np.quantile(x, QUANTILES, axis=0, method=QUANTILE_METHOD)
        out[f"{metric}_mean"] = x.mean(axis=0)
        out[f"{metric}_p10"], out[f"{metric}_p50"], out[f"{metric}_p90"] = q
    target = (np.ceil(exp.to_numpy() - 1e-9) if targets is None
              else targets.reindex(states, fill_value=0).to_numpy(dtype=float))
    out["target"] = target
    out["p_target"] = (state_filled >= target - 1e-9).mean(axis=0)
    return out


def compare(scenario: Scenario, plan: pd.DataFrame, reference: pd.DataFrame, draws: int = 1000,
            seed: int = 0, second_round: bool = False,
            p_draws: tuple[np.ndarray, np.ndarray] | None = None,
            ) -> tuple[Simulation, Simulation, pd.DataFrame]:
    """Simulate ``plan`` and ``reference`` with common random numbers; their difference.

    Returns (plan simulation, reference simulation, gain) where ``gain`` has one row for the
    nation (state_code 0) and one per state: ``expected`` (difference of expected posts
    filled), ``mean, p10, p50, p90`` of (filled by plan − filled by reference) per draw. The
    reference's state targets are its own expected filled posts (rounded up), for both plans.
    ``p_draws``: the plan's and the reference's probabilities per curve set (see simulate);
    draw d uses the same curve set for both.
    """
    a = _plan_columns(scenario, plan).reset_index(drop=True)
    b = _plan_columns(scenario, reference).reset_index(drop=True)
    same = (a["clues"].to_numpy() == b["clues"].to_numpy()).all() and \
        (a["category"].to_numpy() == b["category"].to_numpy()).all()
    if not same:
        raise ValueError("plans must be over the same placement pairs")
    n, _ = _slots([a["placed"].to_numpy(), b["placed"].to_numpy()])
    expected = (b["placed"] * b["p_accept"]).groupby(b["state_code"].to_numpy()).sum()
    targets = np.ceil(expected - 1e-9)  # the reference's expected posts filled, rounded up
    pa, pb = p_draws if p_draws is not None else (None, None)
    sim = simulate(scenario, a, draws, seed, second_round, targets, n, pa)
    ref = simulate(scenario, b, draws, seed, second_round, targets, n, pb)
    diff_nat = sim.samples["filled"] - ref.samples["filled"]
    rows = [_gain_row(0, "Nacional", diff_nat,
                      float(sim.national.loc[0, "expected"] - ref.national.loc[0, "expected"]))]
    d_state = sim.state_filled - ref.state_filled
    for j, code in enumerate(sim.states):
        rows.append(_gain_row(int(code), str(sim.by_state.loc[j, "state"]), d_state[:, j],
                              float(sim.by_state.loc[j, "expected"]
                                    - ref.by_state.loc[j, "expected"])))
    return sim, ref, pd.DataFrame(rows)


def _gain_row(code: int, name: str, d: np.ndarray, expected: float) -> dict:
    q = np.quantile(d, QUANTILES, method=QUANTILE_METHOD)
    return {"state_code": code, "state": name, "expected": expected, "mean": float(d.mean()),
            "p10": float(q[0]), "p50": float(q[1]), "p90": float(q[2])}
