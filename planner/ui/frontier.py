"""The budget–coverage frontier as the app shows it: what the curve says in one or two plain
sentences, and its points as a table with Spanish (or English) headings.

The frontier itself is :func:`planner.pipeline.budget_frontier` and its chart
:func:`planner.report.sweep_book.frontier_chart`; nothing is solved here.
"""

from __future__ import annotations

import pandas as pd

from planner.core import fmt
from planner.core.words import t
from planner.report.sweep_book import STATUS_WORDS

SOLVED = ("optimal", "stable", "feasible")
FLAT = 1e-6  # relative objective difference under which two budgets cover the same need


def _mxn(x: float) -> str:
    return fmt.mxn(x)


def reading(table: pd.DataFrame, lang: str = "es") -> list[str]:
    """What the frontier says, in planner words.

    * Where it flattens: the least bonus actually spent by a plan that already covers the most
      need of any budget computed ("por encima de $X mensuales, más presupuesto ya no cubre más
      necesidad"), with the last budget below it; or that it never flattens within the range.
    * Where the current budget sits: above that point (and how much of it covers nothing more),
      or below it (share of the reachable need, and the need one more million buys).
    * How many budgets could not meet the rules (infeasible points, left off the curve).
    """
    lines: list[str] = []
    rows = table.sort_values("budget_month", kind="stable")
    solved = rows[rows["status"].isin(SOLVED)]
    unsolved = rows[~rows["status"].isin(SOLVED)]
    if solved.empty:
        return [t("frontier_none", lang)]
    obj = solved["objective"].astype(float)
    best = float(obj.max())
    tol = FLAT * max(1.0, abs(best))
    top = solved[obj >= best - tol]
    first_top = top.iloc[0]
    spend = float(top["bonus_month"].astype(float).min())
    below = solved[solved["budget_month"] < first_top["budget_month"]]
    if below.empty and len(top) == len(solved) and float(first_top["budget_month"]) == 0:
        lines.append(t("frontier_flat_from_zero", lang))
        flat_at = 0.0
    elif len(top) == 1 and first_top["budget_month"] == solved["budget_month"].max():
        lines.append(t("frontier_rising", lang, top=_mxn(first_top["budget_month"])))
        flat_at = None
    else:
        prev = float(below["budget_month"].max()) if len(below) else 0.0
        lines.append(t("frontier_flat", lang, spend=_mxn(spend), below=_mxn(prev)))
        flat_at = spend
    current = rows[rows["is_current"].astype(bool)] if "is_current" in rows else rows.iloc[:0]
    if len(current) and current.iloc[0]["status"] in SOLVED:
        cur = current.iloc[0]
        budget = float(cur["budget_month"])
        if flat_at is not None and budget >= flat_at and float(cur["objective"]) >= best - tol:
            spare = budget - spend
            if spare > 0.5:
                lines.append(t("frontier_current_above", lang, current=_mxn(budget),
                                spare=_mxn(spare)))
        else:
            nxt = solved[solved["budget_month"] > budget]
            per_million = fmt.DASH
            if len(nxt):
                n = nxt.iloc[0]
                step = (float(n["budget_month"]) - budget) / 1e6
                if step > 0:
                    per_million = fmt.decimal((float(n["objective"]) - float(cur["objective"]))
                                              / step)
            share = float(cur["objective"]) / best if best else 0.0
            lines.append(t("frontier_current_below", lang, current=_mxn(budget),
                            share=fmt.percent(share), per_million=per_million))
    infeasible = unsolved[unsolved["status"] == "infeasible"]
    if len(infeasible):
        lines.append(t("frontier_infeasible", lang, n=len(infeasible),
                        up_to=_mxn(infeasible["budget_month"].max())))
    return lines


# column -> (label key, Streamlit number format or None)
TABLE_COLUMNS: dict[str, tuple[str, str | None]] = {
    "budget_month": ("col_budget_month", "$%,d"),
    "status": ("col_status", None),
    "objective": ("col_objective", "%,.1f"),
    "hand_objective": ("col_hand_objective", "%,.1f"),
    "centres_at_target": ("col_centres_at_target", "%,d"),
    "centres_no_doctor": ("col_centres_no_doctor", "%,d"),
    "spec_placed": ("col_spec_placed", "%,d"),
    "gp_placed": ("col_gp_placed", "%,d"),
    "bonus_month": ("col_bonus_spent", "$%,d"),
    "budget_used": ("col_budget_used", None),
    "is_current": ("col_is_current", None),
    "message": ("col_message", None),
    "rule_shortfall": ("col_rule_shortfall", None),  # estable points: the rules not imposed
}


def points_table(table: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """The frontier's points for people: budget, status in words, need covered (plan and hand
    rule), centres, specialists, bonus used and share; 'por qué no hay plan' when any point
    has none."""
    j = 0 if lang == "es" else 1
    cols = [c for c in TABLE_COLUMNS if c in table.columns]
    out = table[cols].copy()
    out["status"] = out["status"].map(lambda s: STATUS_WORDS.get(s, (s, s))[j])
    if "budget_used" in out:
        out["budget_used"] = out["budget_used"].map(fmt.percent)
    if "is_current" in out:
        out["is_current"] = out["is_current"].map(lambda v: ("sí" if lang == "es" else "yes")
                                                  if bool(v) else "")
    for column in ("message", "rule_shortfall"):  # only when some point has one
        if column in out and out[column].isna().all():
            out = out.drop(columns=column)
    return out.rename(columns={c: t(TABLE_COLUMNS[c][0], lang) for c in out.columns})


def number_formats(lang: str = "es") -> dict[str, str]:
    """Display formats of the points table, by shown header."""
    return {t(key, lang): f for key, f in TABLE_COLUMNS.values() if f}


def wait_estimate(seconds_per_plan: float, points: int) -> tuple[int, int]:
    """An honest range, in seconds, for ``points`` plans when one took ``seconds_per_plan``: each
    frontier point is a whole plan (model built, solved, indicators), so the low end is the
    points times that plan, the high end half as much again (a tighter budget can solve more
    slowly), both rounded up to 5 s and at least 5 s apart."""
    def up(x: float) -> int:
        return max(5, int(-(-x // 5) * 5))

    base = max(0.0, float(seconds_per_plan)) * points
    low = up(base)
    return low, max(up(1.5 * base), low + 5)  # a range, never "5 a 5 segundos"


def remaining(elapsed: float, done: int, total: int) -> int | None:
    """Seconds left at the pace so far (None before the first point), rounded up to 5 s."""
    if done <= 0 or done >= total:
        return None
    left = elapsed / done * (total - done)
    return max(5, int(-(-left // 5) * 5))
