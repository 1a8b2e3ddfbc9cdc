"""Expected figures of acceptance-aware plans and their comparison with the 2024 policy (issue 13).

Pure functions over a :class:`~planner.core.result.Result`: the faces (CLI, result workbook, app pages)
call :func:`acceptance_report` and render its tables and :func:`sentences` in either language.
The reference is the hand rule run on the fijo pairs: the uniform zone bonus of the ``bonos``
sheet at every eligible hospital, most valuable placement first (the 2024 policy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.analysis.simulate import compare
from planner.core.plan import with_acceptance
from planner.core.schema import NURSING, SPECIALTY
from planner.core.words import t
from planner.io.acceptance import basis_sentences, curve_bases, curve_draws, probability

if TYPE_CHECKING:  # types only (keeps the import chain short)
    from planner.core.result import Result


@dataclass(frozen=True)
class AcceptanceReport:
    """Expected figures of the plan and of the 2024 policy; simulated intervals when asked.

    headline: offers, expected_filled, expected_spec_bonus_units, expected_bonus,
        guaranteed_bonus, expected_need, and the same with ``hand_`` in front; with a
        simulation also filled_p10/p50/p90, hand_filled_p10/p50/p90, gain_p10/p50/p90 and
        gain_mean.
    by_state: per state offers, expected filled (plan and hand) and, simulated, P10/P50/P90,
        the probability of reaching the target, and the gain's P10/P90.
    national: the simulation's national table (metric, expected, mean, sd, p10, p50, p90) for
        the plan and the 2024 policy (column ``plan``: 'plan' | 'politica_2024'); empty without.
    """

    headline: dict[str, float]
    by_state: pd.DataFrame
    national: pd.DataFrame = field(default_factory=pd.DataFrame)
    draws: int = 0
    seed: int = 0
    second_round: bool = False
    bill: dict = field(default_factory=dict)  # budget_figures: the bill and P(overrun)
    bonus_mode: str = "por_hospital"  # modo_bono of the scenario (the sentences' words)
    fair: dict = field(default_factory=dict)  # planner.analysis.fair: the same money


def expected_figures(result: Result, pl: pd.DataFrame, prefix: str = "") -> dict[str, float]:
    """Expected posts filled, specialists at bonus units, bonus (expected and guaranteed)."""
    sc = result.scenario
    pl = with_acceptance(pl)
    x = pl["placed"].to_numpy(dtype=float)
    p = pl["p_accept"].to_numpy(dtype=float)
    b = pl["bonus"].to_numpy(dtype=float)
    kind = sc.categories["kind"].reindex(pl["category"]).to_numpy(dtype=object)
    elig = sc.units["bonus_eligible"].reindex(pl["clues"]).to_numpy(dtype=bool)
    spec_b = (kind == SPECIALTY) & elig
    first = pl["first_doctor"].to_numpy(dtype=bool) if "first_doctor" in pl else np.zeros(len(pl),
                                                                                          bool)
    w = pl["weight_full"].to_numpy(dtype=float)
    need = float((w * p * x).sum() + sc.params.first_doctor_weight * (w * p * first).sum())
    grade = sc.units["grade"].reindex(pl["clues"]).to_numpy(dtype=object)
    top = (kind == SPECIALTY) & (grade == "muy alto")
    nurses = {}
    if (sc.categories["kind"] == NURSING).any():  # nurses are in the posts above: say how many
        nurse = kind == NURSING
        acc = sc.acceptance
        curve = acc is not None and bool((acc["kind"] == NURSING).any())
        nurses = {f"{prefix}nurse_offers": float(x[nurse].sum()),
                  f"{prefix}expected_nurses": float((x * p)[nurse].sum()),
                  f"{prefix}nurse_curve": float(curve)}
    return {**nurses,
            f"{prefix}offers": float(x.sum()), f"{prefix}expected_filled": float((x * p).sum()),
            f"{prefix}expected_spec_muy_alto": float((x * p)[top].sum()),
            f"{prefix}expected_spec_bonus_units": float((x * p)[spec_b].sum()),
            f"{prefix}expected_bonus": float((x * p * b).sum()),
            f"{prefix}guaranteed_bonus": float((x * b).sum()),
            f"{prefix}expected_need": need}


def _state_expected(result: Result, pl: pd.DataFrame) -> pd.DataFrame:
    pl = with_acceptance(pl)
    e = (pl["placed"] * pl["p_accept"]).groupby(pl["state_code"]).sum()
    o = pl.groupby("state_code")["placed"].sum()
    return pd.DataFrame({"offers": o, "expected_filled": e})


def curve_probabilities(result: Result, pl: pd.DataFrame,
                        curves: list[pd.DataFrame]) -> np.ndarray:
    """(curve sets × pairs): each pair's acceptance probability at its bonus under each set."""
    sc = result.scenario
    kind = sc.categories["kind"].reindex(pl["category"]).to_numpy(dtype=object)
    grade = sc.units["grade"].reindex(pl["clues"]).to_numpy(dtype=object)
    zone, bonus = pl["zone"].to_numpy(dtype=int), pl["bonus"].to_numpy(dtype=float)
    return np.vstack([probability(c, kind, zone, grade, bonus) for c in curves])


def _need_per_set(result: Result, pl: pd.DataFrame, p_sets: np.ndarray) -> np.ndarray:
    """Expected weighted need of a plan under each curve set (the objective with its p)."""
    w = pl["weight_full"].to_numpy(dtype=float)
    x = pl["placed"].to_numpy(dtype=float)
    first = pl["first_doctor"].to_numpy(dtype=float) if "first_doctor" in pl else 0.0
    return p_sets @ (w * x + result.scenario.params.first_doctor_weight * w * first)


def _curve_figures(result: Result, plan: pd.DataFrame, hand: pd.DataFrame, draws: int,
                   seed: int, second_round: bool, sets: int) -> dict[str, float]:
    """P10–P90 of posts filled (plan, 2024 policy, gain) across ``sets`` curve sets and the
    acceptance draws, and of the expected weighted need across the curve sets."""
    curves = curve_draws(result.scenario.acceptance, sets, seed)
    pa, pb = curve_probabilities(result, plan, curves), curve_probabilities(result, hand, curves)
    sim, ref, gain = compare(result.scenario, plan, hand, draws, seed, second_round, (pa, pb))
    f = sim.national.set_index("metric").loc["filled"]
    g = ref.national.set_index("metric").loc["filled"]
    need, hand_need = _need_per_set(result, plan, pa), _need_per_set(result, hand, pb)
    nq = np.quantile(need, (0.1, 0.9))
    hq = np.quantile(hand_need, (0.1, 0.9))
    dq = np.quantile(need - hand_need, (0.1, 0.9))
    return {"curve_sets": float(sets), "curves_filled_p10": f["p10"],
            "curves_filled_p90": f["p90"], "curves_hand_filled_p10": g["p10"],
            "curves_hand_filled_p90": g["p90"], "curves_gain_p10": gain.iloc[0]["p10"],
            "curves_gain_p90": gain.iloc[0]["p90"], "curves_need_p10": float(nq[0]),
            "curves_need_p90": float(nq[1]), "curves_hand_need_p10": float(hq[0]),
            "curves_hand_need_p90": float(hq[1]), "curves_need_gain_p10": float(dq[0]),
            "curves_need_gain_p90": float(dq[1])}


def acceptance_report(result: Result, draws: int = 0, seed: int = 0,
                      second_round: bool = False,
                      fair: Callable[[Result, dict], dict] | None = None,
                      curve_sets: int = 0) -> AcceptanceReport | None:
    """Expected figures of the plan and the 2024 policy; with ``draws`` > 0 a Monte Carlo of
    both with common random numbers; ``fair`` (given by planner.pipeline, which may solve:
    ``fair(result, headline)``) adds the plan re-solved at the 2024 policy's expected and
    guaranteed money (planner.analysis.fair); ``curve_sets`` > 0 (with draws and curves with
    standard errors) adds the P10–P90 across curve sets and acceptance draws (issue 22 item 2,
    :func:`planner.io.acceptance.curve_draws`). None when the plan has no solution."""
    if not result.solved or result.hand is None:
        return None
    plan, hand = result.plan.placements, result.hand.placements
    head = {**expected_figures(result, plan), **expected_figures(result, hand, "hand_")}
    names = result.scenario.units.groupby("state_code")["state"].first()
    a, h = _state_expected(result, plan), _state_expected(result, hand)
    by_state = pd.DataFrame({"state": names}).join(a).join(h, suffixes=("", "_hand")).fillna(0.0)
    by_state.index.name = "state_code"
    by_state = by_state.reset_index()
    national = pd.DataFrame()
    if draws > 0:
        sim, ref, gain = compare(result.scenario, with_acceptance(plan), with_acceptance(hand),
                                 draws, seed, second_round)
        f = sim.national.set_index("metric").loc["filled"]
        g = ref.national.set_index("metric").loc["filled"]
        nat_gain = gain.iloc[0]
        head.update({"filled_p10": f["p10"], "filled_p50": f["p50"], "filled_p90": f["p90"],
                     "hand_filled_p10": g["p10"], "hand_filled_p50": g["p50"],
                     "hand_filled_p90": g["p90"], "gain_mean": nat_gain["mean"],
                     "gain_p10": nat_gain["p10"], "gain_p50": nat_gain["p50"],
                     "gain_p90": nat_gain["p90"]})
        st = sim.by_state.set_index("state_code")
        rt = ref.by_state.set_index("state_code")
        gs = gain.iloc[1:].set_index("state_code")
        by_state = by_state.set_index("state_code")
        for q in ("p10", "p50", "p90"):
            by_state[f"filled_{q}"] = st[f"filled_{q}"]
            by_state[f"hand_filled_{q}"] = rt[f"filled_{q}"]
        by_state["target"] = st["target"]
        by_state["p_target"] = st["p_target"]
        by_state["hand_p_target"] = rt["p_target"]
        for q in ("p10", "p90"):
            by_state[f"gain_{q}"] = gs[q]
        by_state["centres_at_target_p50"] = st["centres_at_target_p50"]
        by_state["bonus_paid_p50"] = st["bonus_paid_p50"]
        by_state = by_state.reset_index()
        if curve_sets > 0 and result.scenario.acceptance is not None:
            head.update(_curve_figures(result, with_acceptance(plan), with_acceptance(hand),
                                       draws, seed, second_round, curve_sets))
        national = pd.concat([sim.national.assign(plan="plan"),
                              ref.national.assign(plan="politica_2024")], ignore_index=True)
    paid = (sim.samples["bonus_paid"], ref.samples["bonus_paid"]) if draws > 0 else None
    return AcceptanceReport(head, by_state, national, draws, seed, second_round,
                            budget_figures(result, paid, seed),
                            result.scenario.params.bonus_mode,
                            fair(result, head) if fair is not None else {})


SPEND_TOL = 0.01  # share of the budget: expected bills closer than this count as the same money


def _posts(x: float) -> str:
    """A signed count of posts: one decimal (−2.3, +0.0 written 0)."""
    r = round(float(x), 1)
    return "0" if r == 0 else f"{r:+,.1f}"


def fair_sentences(fair: dict, lang: str = "es") -> list[str]:
    """The fair comparison in words (CLI, result book, app): whether the 2024 policy spends the
    budget, then the gain at the same expected and at the same guaranteed money."""
    if not fair:
        return []
    out = []
    if fair["hand_underspends"]:
        out.append(t("fair_underspends", lang, hand=f"${fair['hand_expected_bonus']:,.0f}",
                     plan=f"${fair['plan_expected_bonus']:,.0f}",
                     budget=f"${fair['budget']:,.0f}",
                     share=f"{100 * fair['hand_expected_bonus'] / fair['budget']:.1f}"))
    for name in ("expected", "guaranteed"):
        f = fair[name]
        money = f"${f['money']:,.0f}"
        if not f["solved"]:
            out.append(t(f"fair_{name}_none", lang, money=money))
            continue
        need = f["gain_need"]
        share = 100 * need / fair["hand_expected_need"] if fair["hand_expected_need"] else 0.0
        out.append(t(f"fair_{name}", lang, money=money, n=_posts(f["gain_filled"]),
                     need=f"{round(need, 1):+,.1f}" if round(need, 1) else "0",
                     pct=f"{share:+.1f}"))
    return out


BILL_DRAWS = 4000  # draws of the bill alone when no simulation ran (large plans)


def budget_figures(result: Result, paid: tuple[np.ndarray, np.ndarray] | None = None,
                   seed: int = 0) -> dict:
    """The bonus bill as a random amount, for the plan and the 2024 policy: budget, the bill if
    every offer is accepted, P(bill > budget) and how it was found (``exacta`` when at most 20
    offers are uncertain, else from the simulation's draws ``paid`` when given — the figures
    beside it come from the same draws — or :data:`BILL_DRAWS` seeded draws), the risk asked
    and the budget row the model used (models/budget_risk.py)."""
    from models.budget_risk import overrun_probability

    sc = result.scenario
    budget = float(sc.params.budget)
    out: dict = {"budget": budget, "budget_risk": float(sc.params.budget_risk),
                 "budget_basis": sc.params.budget_basis,
                 "risk_budget": result.plan.risk_budget}
    for prefix, plan, samples in (("", result.plan, paid[0] if paid else None),
                                  ("hand_", result.hand, paid[1] if paid else None)):
        pl = with_acceptance(plan.placements)
        p, how = overrun_probability(pl, budget, draws=BILL_DRAWS, seed=seed)
        draws = BILL_DRAWS
        if how != "exacta" and samples is not None:
            p, draws = float((np.asarray(samples) > budget + 1e-6).mean()), len(samples)
        out.update({f"{prefix}all_accept": float((pl["placed"] * pl["bonus"]).sum()),
                    f"{prefix}overrun_p": p, f"{prefix}overrun_how": how,
                    f"{prefix}overrun_draws": draws if how != "exacta" else 0})
    return out


def percent_text(p: float) -> str:
    """A probability as a percent: one decimal ('2.0%'), '0%' only when it is exactly 0."""
    return "0%" if p == 0 else f"{100 * p:,.1f}%"


def budget_sentences(bill: dict, lang: str = "es") -> list[str]:
    """The one place the bill figures are written (CLI, result book, app)."""
    if not bill:
        return []
    how = t("risk_how_exact", lang) if bill["overrun_how"] == "exacta" else t(
        "risk_how_sim", lang, draws=f"{bill['overrun_draws']:,}")
    risk = bill["budget_risk"]
    if bill["budget_basis"] == "garantizado" or risk <= 0:
        guarantee = t("risk_guarantee_zero", lang)
    elif risk >= 1:
        guarantee = t("risk_guarantee_none", lang)
    elif bill.get("risk_budget") is not None and bill["risk_budget"] < bill["budget"]:
        guarantee = t("risk_guarantee_row", lang, risk=percent_text(risk),
                      row=f"${bill['risk_budget']:,.0f}")
    else:
        guarantee = t("risk_guarantee", lang, risk=percent_text(risk))
    return [t("risk_bill", lang, budget=f"${bill['budget']:,.0f}",
              all=f"${bill['all_accept']:,.0f}", p=percent_text(bill["overrun_p"]), how=how,
              guarantee=guarantee),
            t("risk_bill_hand", lang, all=f"${bill['hand_all_accept']:,.0f}",
              p=percent_text(bill["hand_overrun_p"]))]


def _n(x: float) -> str:
    """A count of posts as written: whole above 10, one decimal below (0.5 plazas)."""
    x = float(x)
    if abs(x) < 10 and abs(x - round(x)) > 0.05:
        return f"{x:,.1f}"
    return f"{x:,.0f}"


def sentences(report: AcceptanceReport, lang: str = "es") -> list[str]:
    """The headline sentences of the report (expected posts, gain over the 2024 policy)."""
    h = report.headline
    point = "" if "filled_p10" in h else "_point"  # no simulation: no P10–P90 to give
    lo = h.get("filled_p10", h["expected_filled"])
    hi = h.get("filled_p90", h["expected_filled"])
    out = [t("acc_expected" + point, lang, mean=_n(h["expected_filled"]), lo=_n(lo), hi=_n(hi),
             offers=_n(h["offers"]), bonus=f"${h['expected_bonus']:,.0f}")]
    if "nurse_offers" in h:
        key = "acc_expected_nurses" if h["nurse_curve"] else "acc_expected_nurses_p1"
        out.append(t(key, lang, nurses=_n(h["expected_nurses"]),
                     offers=_n(h["nurse_offers"])))
    gain = h["expected_filled"] - h["hand_expected_filled"]
    glo, ghi = h.get("gain_p10", gain), h.get("gain_p90", gain)
    key = "acc_gain" if gain >= 0 else "acc_loss"
    # «bono diferenciado» only when the plan chooses the bonus (modo_bono = por_hospital)
    fijo = "" if report.bonus_mode == "por_hospital" else "_fijo"
    need = h["expected_need"] - h["hand_expected_need"]
    pct = 100.0 * need / h["hand_expected_need"] if h["hand_expected_need"] else 0.0
    out.append(t(key + point + fijo, lang, n=_n(abs(gain)), lo=_n(glo), hi=_n(ghi), need=f"{need:,.1f}",
                 pct=f"{pct:+.1f}"))
    if h["expected_spec_muy_alto"] or h["hand_expected_spec_muy_alto"]:
        out.append(t("acc_muy_alto" + fijo, lang, plan=_n(h["expected_spec_muy_alto"]),
                     hand=_n(h["hand_expected_spec_muy_alto"])))
    if "curve_sets" in h:  # issue 22 item 2: the curves' uncertainty too
        out.append(t("acc_curves", lang, sets=_n(h["curve_sets"]), draws=_n(report.draws),
                     lo=_n(h["curves_filled_p10"]), hi=_n(h["curves_filled_p90"]),
                     alo=_n(lo), ahi=_n(hi), glo=_n(h["curves_gain_p10"]),
                     ghi=_n(h["curves_gain_p90"]), nlo=f"{h['curves_need_p10']:,.0f}",
                     nhi=f"{h['curves_need_p90']:,.0f}",
                     dlo=f"{h['curves_need_gain_p10']:+,.0f}",
                     dhi=f"{h['curves_need_gain_p90']:+,.0f}"))
    return out + fair_sentences(report.fair, lang) + budget_sentences(report.bill, lang)


def state_sentences(report: AcceptanceReport, lang: str = "es") -> list[str]:
    """One line per state: the gain over the 2024 policy (P10–P90 when simulated)."""
    out = []
    for r in report.by_state.itertuples():
        gain = r.expected_filled - r.expected_filled_hand
        lo = getattr(r, "gain_p10", gain)
        hi = getattr(r, "gain_p90", gain)
        point = "" if hasattr(r, "gain_p10") else "_point"  # not simulated: no P10–P90
        out.append(t("acc_gain_state" + point, lang, state=r.state, n=f"{gain:+,.1f}",
                     lo=_n(lo), hi=_n(hi)))
    return out


def acceptance_payload(result: Result) -> dict:
    """The ``--json`` block: {"acceptance": {...}} with the expected figures, intervals, gain
    and per-state rows; {} when the scenario has no acceptance data and nothing was simulated."""
    report = result.acceptance
    if not isinstance(report, AcceptanceReport):
        return {}

    def num(x: object) -> object:
        if isinstance(x, (float, np.floating)):
            return None if not np.isfinite(x) else round(float(x), 4)
        if isinstance(x, (np.integer,)):
            return int(x)
        return x

    return {"acceptance": {
        "draws": report.draws, "seed": report.seed, "second_round": report.second_round,
        **{k: num(v) for k, v in report.headline.items()},
        "gain_expected": num(report.headline["expected_filled"]
                             - report.headline["hand_expected_filled"]),
        "sentences": sentences(report, "es"),
        "curve_basis": [{k: num(v) for k, v in rec.items()} for rec in
                        curve_bases(result.scenario.acceptance).to_dict(orient="records")],
        "budget_risk": {k: num(v) for k, v in report.bill.items()},
        "fair": {k: ({kk: num(vv) for kk, vv in v.items()} if isinstance(v, dict) else num(v))
                 for k, v in report.fair.items()},
        "by_state": [{k: num(v) for k, v in rec.items()}
                     for rec in report.by_state.to_dict(orient="records")],
    }}


def acceptance_lines(result: Result, lang: str = "es") -> list[str]:
    """The sentences the CLI prints after its report (empty without acceptance figures)."""
    report = result.acceptance
    if not isinstance(report, AcceptanceReport):
        return []
    return sentences(report, lang) + basis_sentences(result.scenario.acceptance, lang)
