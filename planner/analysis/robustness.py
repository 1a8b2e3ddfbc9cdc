"""What a planner reads about the robust plan (issue 22, item 4): the regret table and its summary.

The robust plan itself comes from models.acceptance.solve_robust through planner.pipeline.robust_report (the
analysis stage never solves); here each plan — the plan of the central curves, the robust plan and
the 2024 policy — is evaluated under every curve set (models/curve_sets.py): its expected weighted
need and expected bonus bill, and its *regret*, the best of the three under that set minus its own.
The curve sets are an assumption (`supuesto`: the ranges of models/curve_sets.py); the figures
under them are estimates on that assumption, and every sentence says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.core.plan import Plan, with_acceptance
from planner.core.words import t

if TYPE_CHECKING:  # types only: keeps the import chain of the result book at 9
    from models.curve_sets import CurveSet
    from planner.core.result import Result

PLANS = ("central", "robust", "hand")  # column order of every table


@dataclass(frozen=True)
class RobustReport:
    """The robust plan, the curve sets, the regret table and one summary row per plan.

    ``table``: ``set, level, slope, plan, need, bill, regret`` (level/slope: the set's mean factor
    over the curves). ``summary`` (index = plan): ``worst, p10, mean, central, max_regret,
    bill_central, bill_max``.
    """

    plan: Plan
    sets: tuple[CurveSet, ...]
    seed: int
    table: pd.DataFrame
    summary: pd.DataFrame
    level_range: tuple[float, float]
    slope_range: tuple[float, float]


def plans_to_compare(result: Result, plan: Plan) -> dict[str, pd.DataFrame]:
    """The placements of the central plan, ``plan`` (the robust one) and the 2024 policy."""
    plans = {"central": result.plan.placements, "robust": plan.placements}
    if result.hand is not None and result.hand.status.has_solution:
        plans["hand"] = result.hand.placements
    return {k: with_acceptance(v) for k, v in plans.items()}


def report(plan: Plan, sets: list[CurveSet], table: pd.DataFrame, seed: int,
           level_range: tuple[float, float], slope_range: tuple[float, float]) -> RobustReport:
    """The summary per plan of ``table`` (models.curve_sets.regret_table of
    :func:`plans_to_compare` under ``sets``)."""
    rows = {}
    for name, part in table.groupby("plan", sort=False):
        need = part["need"].to_numpy(dtype=float)
        rows[name] = {"worst": float(need.min()), "p10": float(np.quantile(need, 0.1)),
                      "mean": float(need.mean()), "central": float(need[0]),
                      "max_regret": float(part["regret"].max()),
                      "bill_central": float(part["bill"].iloc[0]),
                      "bill_max": float(part["bill"].max())}
    summary = pd.DataFrame.from_dict(rows, orient="index")
    return RobustReport(plan, tuple(sets), seed, table, summary, level_range, slope_range)


def _n(x: float) -> str:
    return f"{x:,.1f}"


def sentences(rep: RobustReport, lang: str = "es") -> list[str]:
    """The head (what was assumed), one line per plan, and the trade-off in one sentence."""
    (l0, l1), (s0, s1) = rep.level_range, rep.slope_range
    out = [t("rob_head", lang, sets=len(rep.sets), seed=rep.seed, l0=f"{l0:g}", l1=f"{l1:g}",
             s0=f"{s0:g}", s1=f"{s1:g}",
             status=t(f"status_word_{rep.plan.status.value}", lang))]
    for name in PLANS:
        if name not in rep.summary.index:
            continue
        r = rep.summary.loc[name]
        out.append(t("rob_line", lang, plan=t(f"rob_plan_{name}", lang), worst=_n(r["worst"]),
                     p10=_n(r["p10"]), mean=_n(r["mean"]), central=_n(r["central"]),
                     regret=_n(r["max_regret"]), bill=f"{r['bill_central']:,.0f}",
                     bill_max=f"{r['bill_max']:,.0f}"))
    c, r = rep.summary.loc["central"], rep.summary.loc["robust"]
    gain, cost = r["worst"] - c["worst"], c["central"] - r["central"]
    if gain <= 1e-9:
        out.append(t("rob_same", lang))
    else:
        out.append(t("rob_tradeoff", lang, gain=_n(gain), cost=_n(max(cost, 0.0))))
    if "hand" in rep.summary.index:  # does the plan beat the 2024 policy whatever the curves?
        for name in ("central", "robust"):
            diff = (rep.table.loc[rep.table["plan"] == name, "need"].to_numpy()
                    - rep.table.loc[rep.table["plan"] == "hand", "need"].to_numpy())
            out.append(t("rob_vs_2024", lang, plan=t(f"rob_plan_{name}", lang),
                         wins=int((diff > 1e-9).sum()), sets=len(diff),
                         low=f"{diff.min():+,.1f}", high=f"{diff.max():+,.1f}"))
    return out


def payload(rep: RobustReport) -> dict:
    """The ``--json`` block ``robust``: sets, plan status and the summary per plan."""
    return {"sets": len(rep.sets), "seed": rep.seed, "basis": "supuesto",
            "level_range": list(rep.level_range), "slope_range": list(rep.slope_range),
            "status": rep.plan.status.value, "solver": rep.plan.solver,
            "objective": rep.plan.objective, "lp_bound": rep.plan.lp_bound, "gap": rep.plan.gap,
            "plans": {name: {k: round(float(v), 6) for k, v in rep.summary.loc[name].items()}
                      for name in rep.summary.index}}


@dataclass(frozen=True)
class SensitivityReport:
    """What would change the decision: one row per assumption and end of its range.

    ``table``: ``assumption, grade, side, factor, need_plan, bill_plan, need_replanned,
    bill_replanned, gain, offers_moved, hospitals_rebonused`` — the plan as it is and the plan
    re-solved for those curves, both valued under them; ``gain`` = replanned − plan (what
    knowing the assumption is worth at that end), ``offers_moved`` = ½ Σ |x' − x| over the
    posts, ``hospitals_rebonused`` the hospitals whose bonus changes. ``order``: assumptions by
    the swing of the plan's need across the range, largest first.
    """

    base_need: float
    table: pd.DataFrame
    order: tuple[str, ...]


def _label(key: str, grade: str | None) -> str:
    return key if grade is None else f"{key}:{grade}"


def sensitivity(result: Result, items: list, plans: list[Plan | None],
                values: list[tuple[dict, dict | None]], base_need: float) -> SensitivityReport:
    """The table of :class:`SensitivityReport` from ``items`` (models.curve_sets.Assumption),
    the re-solved plans (two per item: low end, high end; None when a re-solve found no plan)
    and ``values``: per plan, (need and bill of ``result``'s plan, of the re-solved plan) under
    those curves (models.curve_sets.evaluate, run by the chain)."""
    mine = with_acceptance(result.plan.placements)
    key = ["clues", "category"]
    rows = []
    for j, a in enumerate(items):
        for k, (side, factor) in enumerate((("low", a.low), ("high", a.high))):
            plan, (ev, ev2) = plans[2 * j + k], values[2 * j + k]
            row = {"assumption": a.key, "grade": a.grade or "", "side": side, "factor": factor,
                   "need_plan": ev["need"], "bill_plan": ev["bill"], "need_replanned": np.nan,
                   "bill_replanned": np.nan, "gain": np.nan, "offers_moved": np.nan,
                   "hospitals_rebonused": np.nan}
            if plan is not None and ev2 is not None:
                other = with_acceptance(plan.placements)
                both = mine.set_index(key)[["placed", "bonus"]].join(
                    other.set_index(key)[["placed", "bonus"]], suffixes=("", "_new"), how="outer")
                both = both.fillna(0.0)
                moved = float((both["placed"] - both["placed_new"]).abs().sum() / 2)
                offered = (both["placed"] > 0) | (both["placed_new"] > 0)
                changed = offered & ((both["bonus"] - both["bonus_new"]).abs() > 0.5)
                row.update(need_replanned=ev2["need"], bill_replanned=ev2["bill"],
                           gain=ev2["need"] - ev["need"], offers_moved=moved,
                           hospitals_rebonused=float(both[changed].index.get_level_values(
                               "clues").nunique()))
            rows.append(row)
    table = pd.DataFrame(rows)
    swing = (table.assign(label=[_label(k, g or None) for k, g in
                                 zip(table["assumption"], table["grade"], strict=True)])
             .groupby("label", sort=False)["need_plan"].agg(lambda v: v.max() - v.min()))
    return SensitivityReport(float(base_need), table, tuple(swing.sort_values(
        ascending=False, kind="stable").index))


def assumption_word(label: str, lang: str = "es") -> str:
    """«el efecto del bono (pendiente de todas las curvas)», «la aceptación en unidades de
    marginación alta», … for a label of :attr:`SensitivityReport.order`."""
    key, _, grade = label.partition(":")
    return t(f"sens_as_{key}", lang, grade=grade) if grade else t(f"sens_as_{key}", lang)


def sensitivity_sentences(rep: SensitivityReport, lang: str = "es",
                          budget: float | None = None) -> list[str]:
    """Head, one line per assumption (largest swing first) and the verdict; with ``budget``,
    each line says where the plan as it is would expect to pay more than it."""
    out = [t("sens_head", lang, base=_n(rep.base_need))]
    table = rep.table.assign(label=[_label(k, g or None) for k, g in
                                    zip(rep.table["assumption"], rep.table["grade"],
                                        strict=True)])
    for label in rep.order:
        lo, hi = (table[(table["label"] == label) & (table["side"] == s)].iloc[0]
                  for s in ("low", "high"))
        gain = np.nanmax([lo["gain"], hi["gain"]])
        moved = np.nanmax([lo["offers_moved"], hi["offers_moved"]])
        out.append(t("sens_line", lang, what=assumption_word(label, lang),
                     low=f"{lo['factor']:g}", high=f"{hi['factor']:g}",
                     need_low=_n(lo["need_plan"]), need_high=_n(hi["need_plan"]),
                     gain=_n(max(gain, 0.0)) if np.isfinite(gain) else "—",
                     moved=f"{moved:,.0f}" if np.isfinite(moved) else "—"))
        over = [r for r in (lo, hi) if budget is not None and r["bill_plan"] > budget * (1 + 1e-9)]
        for r in over:
            out[-1] += t("sens_over", lang, factor=f"{r['factor']:g}",
                         bill=f"{r['bill_plan']:,.0f}", budget=f"{budget:,.0f}")
    gains = table.groupby("label", sort=False)["gain"].max()
    if len(rep.order):
        top = rep.order[0]
        best = gains.idxmax() if gains.notna().any() else top
        out.append(t("sens_verdict", lang, moves=assumption_word(top, lang),
                     decides=assumption_word(best, lang),
                     gain=_n(max(float(gains.get(best, 0.0) or 0.0), 0.0))))
    return out


def sensitivity_payload(rep: SensitivityReport) -> dict:
    """The ``--json`` block ``what_changes_the_decision``."""
    rows = rep.table.replace({np.nan: None}).to_dict(orient="records")
    return {"basis": "supuesto", "base_need": rep.base_need, "order": list(rep.order),
            "rows": rows}


__all__ = ["PLANS", "RobustReport", "SensitivityReport", "assumption_word", "payload",
           "plans_to_compare", "report", "sensitivity", "sensitivity_payload",
           "sensitivity_sentences", "sentences"]
