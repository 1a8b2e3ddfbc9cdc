"""Tables and charts of the robustness tab (issue 22 items 4 and 6), without Streamlit: the regret
summary per plan, each plan's need across the curve sets, and the tornado of the assumptions."""

from __future__ import annotations

import altair as alt
import pandas as pd

from planner.analysis.robustness import (
    PLANS,
    RobustReport,
    SensitivityReport,
    assumption_word,
)
from planner.core.words import t
from planner.ui.charts import GOLD, GREEN, GUINDA

GREY_TICK = "#8A8C8F"
SUMMARY_COLUMNS = ("worst", "p10", "mean", "central", "max_regret", "bill_central")


def summary_table(rep: RobustReport, lang: str = "es") -> pd.DataFrame:
    """One row per plan (the workbook's «robustez» sheet), headers in ``lang``."""
    rows = rep.summary.reindex([p for p in PLANS if p in rep.summary.index])
    out = rows[list(SUMMARY_COLUMNS)].rename(columns={c: t(f"rob_col_{c}", lang)
                                                      for c in SUMMARY_COLUMNS})
    out.insert(0, t("rob_col_plan", lang), [t(f"rob_plan_{p}", lang) for p in rows.index])
    return out.reset_index(drop=True)


def sets_chart(rep: RobustReport, lang: str = "es") -> alt.Chart:
    """Each plan's expected weighted need in every curve set (one tick per set), the workbook's
    curves marked: how wide each plan's outcomes are, and where the worst case lies."""
    data = rep.table.assign(
        plan_label=rep.table["plan"].map(lambda p: t(f"rob_plan_{p}", lang)),
        central=rep.table["set"].eq(0).map({True: t("rob_set_central", lang),
                                            False: t("rob_set_drawn", lang)}))
    order = [t(f"rob_plan_{p}", lang) for p in PLANS if p in set(rep.table["plan"])]
    return alt.Chart(data).mark_tick(thickness=2, size=22).encode(
        x=alt.X("need:Q", title=t("rob_col_need", lang), scale=alt.Scale(zero=False)),
        y=alt.Y("plan_label:N", title=None, sort=order),
        color=alt.Color("central:N", title=None,  # the domain fixes the colours in every language
                        scale=alt.Scale(domain=[t("rob_set_central", lang),
                                                t("rob_set_drawn", lang)],
                                        range=[GUINDA, GREY_TICK])),
        tooltip=[alt.Tooltip("set:Q", title=t("rob_col_set", lang)),
                 alt.Tooltip("need:Q", title=t("rob_col_need", lang), format=",.1f"),
                 alt.Tooltip("regret:Q", title=t("rob_col_regret", lang), format=",.1f")],
    ).properties(height=60 * len(order))


def tornado_frame(rep: SensitivityReport, lang: str = "es") -> pd.DataFrame:
    """One row per assumption, largest swing first: the plan's need at each end (as it is), the
    largest gain from replanning and the offers it would move."""
    rows = []
    for label in rep.order:
        key, _, grade = label.partition(":")
        part = rep.table[(rep.table["assumption"] == key) & (rep.table["grade"] == grade)]
        lo = part[part["side"] == "low"].iloc[0]
        hi = part[part["side"] == "high"].iloc[0]
        rows.append({"assumption": assumption_word(label, lang),
                     "low": float(lo["need_plan"]), "high": float(hi["need_plan"]),
                     "low_factor": float(lo["factor"]), "high_factor": float(hi["factor"]),
                     "gain": float(part["gain"].max()),
                     "moved": float(part["offers_moved"].max())})
    return pd.DataFrame(rows)


def tornado_chart(rep: SensitivityReport, lang: str = "es") -> alt.Chart:
    """The tornado: per assumption a bar from the plan's need at the low end to the high end
    (largest swing on top), the workbook's figure as a rule, the gain from replanning in the
    tooltip."""
    frame = tornado_frame(rep, lang)
    base = alt.Chart(frame).encode(
        y=alt.Y("assumption:N", title=None, sort=list(frame["assumption"]),
                axis=alt.Axis(labelLimit=360)))
    bars = base.mark_bar(color=GREEN, height=18).encode(
        x=alt.X("low:Q", title=t("sens_axis", lang), scale=alt.Scale(zero=False)),
        x2="high:Q",
        tooltip=[alt.Tooltip("assumption:N", title=t("sens_col_assumption", lang)),
                 alt.Tooltip("low:Q", title=t("sens_tip_low", lang), format=",.1f"),
                 alt.Tooltip("high:Q", title=t("sens_tip_high", lang), format=",.1f"),
                 alt.Tooltip("gain:Q", title=t("sens_col_gain", lang), format=",.1f"),
                 alt.Tooltip("moved:Q", title=t("sens_col_offers_moved", lang),
                             format=",.0f")])
    rule = alt.Chart(pd.DataFrame({"base": [rep.base_need]})).mark_rule(
        color=GOLD, strokeWidth=2).encode(x="base:Q")
    ends = frame.assign(low_text=[f"×{v:g}" for v in frame["low_factor"]],
                        high_text=[f"×{v:g}" for v in frame["high_factor"]])
    low = alt.Chart(ends).mark_text(align="right", dx=-4, fontSize=11).encode(
        y=alt.Y("assumption:N", sort=list(frame["assumption"])), x="low:Q", text="low_text:N")
    high = alt.Chart(ends).mark_text(align="left", dx=4, fontSize=11).encode(
        y=alt.Y("assumption:N", sort=list(frame["assumption"])), x="high:Q", text="high_text:N")
    return (bars + rule + low + high).properties(height=34 * max(len(frame), 1))


__all__ = ["summary_table", "sets_chart", "tornado_chart", "tornado_frame"]
