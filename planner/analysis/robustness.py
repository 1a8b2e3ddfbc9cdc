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

from planner.core.plan import Plan
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


def _with_p(pl: pd.DataFrame) -> pd.DataFrame:
    if "p_accept" not in pl:  # a plan without acceptance: p = 1, bonus = cost
        pl = pl.assign(p_accept=1.0, bonus=pl["cost"], weight_full=pl["weight"])
    if "first_doctor" not in pl:
        pl = pl.assign(first_doctor=False)
    return pl


def plans_to_compare(result: Result, plan: Plan) -> dict[str, pd.DataFrame]:
    """The placements of the central plan, ``plan`` (the robust one) and the 2024 policy."""
    plans = {"central": result.plan.placements, "robust": plan.placements}
    if result.hand is not None and result.hand.status.has_solution:
        plans["hand"] = result.hand.placements
    return {k: _with_p(v) for k, v in plans.items()}


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


__all__ = ["PLANS", "RobustReport", "payload", "plans_to_compare", "report", "sentences"]
