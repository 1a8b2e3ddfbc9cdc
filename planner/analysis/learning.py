"""Curves that learn from a phase (issue 23, item 4): the acceptance curves updated from what the
call's candidates actually did, and the back-test of the curves against it.

For each acceptance curve c (kind, zone, grade of the ``aceptacion`` sheet) the phases so far
(``avance``) give the offers made at posts that use c and the candidates who accepted, a_c. The
curve predicted E_c = Σ offers × p_c(bonus), the bonus of the post (``bonos`` at bonus-eligible
units, what the budget row counts; the level a por_hospital plan chose is not recorded in
``avance``: an assumption, stated). The update is Bayesian on a level factor λ_c that multiplies
the curve (p' = min(1, λ_c·p)): a Gamma(α₀, α₀) prior with mean 1 — today's curve — and a
Poisson likelihood of a_c given λ_c·E_c give the Gamma(α₀ + a_c, α₀ + E_c) posterior, mean
λ̂_c = (α₀ + a_c)/(α₀ + E_c) with its 90 % interval. α₀ (:data:`PRIOR_STRENGTH`, `supuesto`) says
how many expected acceptances' worth of evidence today's curve counts for: with few offers the
curve barely moves, with many it follows the data. A curve with no offers keeps λ = 1.

The back-test compares, per state, the acceptances today's curves predicted for the offers made
(E, before seeing them) with those observed (a): the check a planner needs before trusting the
model. The posterior column is a fit of the same data (in-sample), shown as such.
Posts with no curve (p = 1, e.g. nurses without a curve) are counted apart: their observed rate
is reported, no curve is invented for them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.scenario import Scenario
from planner.io.acceptance import ANY_GRADE, ANY_ZONE, curve_key, probability

PRIOR_STRENGTH = 20.0  # α₀: today's curve counts as 20 expected acceptances (supuesto)
INTERVAL = (0.05, 0.95)


@dataclass(frozen=True)
class Learning:
    """Per curve: ``kind, zone, grade, offers, accepted, expected, factor, low, high`` (the
    posterior mean of λ and its 90 % interval); per state: ``state_code, state, offers,
    accepted, expected, expected_after``; ``no_curve``: offers and accepted at posts without a
    curve, per kind; ``acceptance``: the updated ``aceptacion`` table (None without curves)."""

    curves: pd.DataFrame
    by_state: pd.DataFrame
    no_curve: pd.DataFrame
    acceptance: pd.DataFrame | None
    phases: tuple[str, ...]
    prior_strength: float = PRIOR_STRENGTH


def curve_keys(acceptance: pd.DataFrame, kind: np.ndarray, zone: np.ndarray,
               grade: np.ndarray) -> list[tuple[str, int, str] | None]:
    """The curve each (kind, zone, grade) takes (planner.io.acceptance.curve_key, the lookup
    planner.io.acceptance.probability uses); None when none."""
    have = set(zip(acceptance["kind"], acceptance["zone"].astype(int), acceptance["grade"],
                   strict=True))
    return [curve_key(have, k, int(z), g) for k, z, g in zip(kind, zone, grade, strict=True)]


def learn(scenario: Scenario, prior_strength: float = PRIOR_STRENGTH) -> Learning | None:
    """The update and the back-test from ``scenario.progress`` (None without any offer)."""
    from scipy.stats import gamma

    av = scenario.progress
    if av is None or len(av) == 0 or int(av["offers"].sum()) == 0:
        return None
    acc = scenario.acceptance
    units = scenario.units.reindex(av["clues"])
    kind = scenario.categories["kind"].reindex(av["category"]).to_numpy(dtype=object)
    zone = units["zone"].to_numpy(dtype=int)
    grade = units["grade"].to_numpy(dtype=object)
    bonus_of = pd.Series(scenario.bonus_per_row(), index=scenario.staffing.index)
    bonus = bonus_of.reindex(pd.MultiIndex.from_arrays([av["clues"], av["category"]])) \
        .fillna(0.0).to_numpy(dtype=float)
    offers = av["offers"].to_numpy(dtype=float)
    accepted = av["accepted"].to_numpy(dtype=float)
    p = probability(acc, kind, zone, grade, bonus)
    keys = curve_keys(acc, kind, zone, grade) if acc is not None else [None] * len(av)
    rows = pd.DataFrame({"key": keys, "kind": kind, "offers": offers, "accepted": accepted,
                         "expected": offers * p, "state_code": units["state_code"].to_numpy(),
                         "state": units["state"].to_numpy()})
    with_curve = rows[rows["key"].notna()]
    curves = (with_curve.groupby("key", sort=False)[["offers", "accepted", "expected"]].sum()
              .reset_index())
    a0 = float(prior_strength)
    shape = a0 + curves["accepted"].to_numpy(dtype=float)
    rate = a0 + curves["expected"].to_numpy(dtype=float)
    curves["factor"] = shape / rate
    curves["low"] = gamma.ppf(INTERVAL[0], shape, scale=1 / rate)
    curves["high"] = gamma.ppf(INTERVAL[1], shape, scale=1 / rate)
    curves.insert(0, "kind", [k[0] for k in curves["key"]])
    curves.insert(1, "zone", [k[1] for k in curves["key"]])
    curves.insert(2, "grade", [k[2] for k in curves["key"]])
    factor = dict(zip(curves["key"], curves["factor"], strict=True))
    lam = np.array([factor.get(k, 1.0) if k is not None else 1.0 for k in keys])
    rows["expected_after"] = offers * np.minimum(1.0, lam * p)
    by_state = (rows[rows["key"].notna()].groupby(["state_code", "state"], sort=True)
                [["offers", "accepted", "expected", "expected_after"]].sum().reset_index())
    no_curve = (rows[rows["key"].isna()].groupby("kind", sort=True)[["offers", "accepted"]]
                .sum().reset_index())
    updated = None
    if acc is not None:
        updated = acc.copy()
        f = np.array([factor.get((k, int(z), g), 1.0) for k, z, g in
                      zip(acc["kind"], acc["zone"], acc["grade"], strict=True)])
        updated["p"] = np.minimum(1.0, f * acc["p"].to_numpy(dtype=float))
    phases = tuple(sorted(set(av["phase"]), key=list(av["phase"]).index))
    return Learning(curves.drop(columns="key"), by_state, no_curve, updated, phases, a0)


def acceptance_sheet(lr: Learning) -> pd.DataFrame | None:
    """The next phase's ``aceptacion`` sheet: every curve point with its updated probability
    (zone 0 and grade '' written blank, as the template says «any»)."""
    acc = lr.acceptance
    if acc is None:
        return None
    learned = {(k, int(z), g) for k, z, g in zip(lr.curves["kind"], lr.curves["zone"],
                                                lr.curves["grade"], strict=True)}
    keys = list(zip(acc["kind"], acc["zone"].astype(int), acc["grade"], strict=True))
    old_basis = acc["basis"] if "basis" in acc else pd.Series([None] * len(acc))
    old_source = acc["source"] if "source" in acc else pd.Series([None] * len(acc))
    old_se = acc["se"] if "se" in acc else pd.Series([np.nan] * len(acc))
    phases = ", ".join(lr.phases)
    return pd.DataFrame({
        "tipo": acc["kind"].to_numpy(dtype=object),
        "zona": [None if int(z) == ANY_ZONE else int(z) for z in acc["zone"]],
        "grado_marginacion": [None if g == ANY_GRADE else g for g in acc["grade"]],
        "bono_mensual": acc["bonus"].to_numpy(dtype=float),
        "probabilidad": np.round(acc["p"].to_numpy(dtype=float), 6),
        # an updated curve is an estimate of the phases' data; its old standard error no
        # longer describes it (left blank); a curve no phase offered keeps what it had
        "error_estandar": [None if k in learned else (None if pd.isna(se) else float(se))
                           for k, se in zip(keys, old_se, strict=True)],
        "base": ["estimado" if k in learned else b for k, b in zip(keys, old_basis,
                                                                    strict=True)],
        "fuente": [f"actualizada con las fases {phases} del avance (α₀ = {lr.prior_strength:g})"
                   if k in learned else s for k, s in zip(keys, old_source, strict=True)],
    })


def sentences(lr: Learning, lang: str = "es") -> list[str]:
    """Head, one line per curve with offers, the back-test per state in one sentence, and the
    posts without a curve."""
    from planner.core.words import t

    out = [t("learn_head", lang, phases=", ".join(lr.phases),
             strength=f"{lr.prior_strength:g}")]
    for r in lr.curves.itertuples(index=False):
        where = r.grade if r.grade else t("learn_any_grade", lang)
        out.append(t("learn_curve", lang, kind=r.kind, grade=where, accepted=f"{r.accepted:,.0f}",
                     offers=f"{r.offers:,.0f}", expected=f"{r.expected:,.1f}",
                     factor=f"{r.factor:.2f}", low=f"{r.low:.2f}", high=f"{r.high:.2f}"))
    bs = lr.by_state
    if len(bs):
        err = (bs["expected"] - bs["accepted"]).to_numpy(dtype=float)
        out.append(t("learn_backtest", lang, states=len(bs),
                     predicted=f"{bs['expected'].sum():,.1f}",
                     observed=f"{bs['accepted'].sum():,.0f}",
                     mae=f"{np.abs(err).mean():,.1f}", under=int((err < -0.5).sum()),
                     over=int((err > 0.5).sum())))
    for r in lr.no_curve.itertuples(index=False):
        rate = r.accepted / r.offers if r.offers else 0.0
        out.append(t("learn_no_curve", lang, kind=r.kind, accepted=f"{r.accepted:,.0f}",
                     offers=f"{r.offers:,.0f}", rate=f"{rate:.0%}"))
    return out


def payload(lr: Learning) -> dict:
    """The ``--json`` block ``learning``."""
    def recs(df: pd.DataFrame) -> list[dict]:
        return [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()}
                for r in df.to_dict(orient="records")]

    return {"basis": "estimado", "prior_strength": lr.prior_strength,
            "prior_basis": "supuesto", "phases": list(lr.phases), "curves": recs(lr.curves),
            "by_state": recs(lr.by_state), "no_curve": recs(lr.no_curve)}


__all__ = ["INTERVAL", "Learning", "PRIOR_STRENGTH", "acceptance_sheet", "curve_keys", "learn",
           "payload", "sentences"]
