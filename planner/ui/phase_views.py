"""The «Avance» page's data and charts (no Streamlit): the state of a call by state and by kind.

Each bar says what it counts: vacancies (``dato`` of ``plantilla``), planned (the plan of the
workbook as it stands, ``estimado`` by the model), filled (hired − resigned, ``dato`` of
``avance``) and still empty (vacancies − filled).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from planner.analysis.phases import CallState
from planner.core.words import t
from planner.ui.charts import GOLD, GREEN, GREY, GUINDA

SERIES = (("vacancies", "av_vacancies", GREY), ("planned", "av_planned", GOLD),
          ("filled", "av_filled", GREEN), ("empty", "av_empty", GUINDA))


def by_state_long(state: CallState, lang: str, kind: str | None = None) -> pd.DataFrame:
    """One row per state × series (vacancies, planned, filled, empty), optionally one kind."""
    rows = state.by_state if kind is None else state.by_state[state.by_state["kind"] == kind]
    per = rows.groupby("state", sort=True)[[s for s, _, _ in SERIES]].sum().reset_index()
    parts = [pd.DataFrame({"state": per["state"], "series": t(label, lang), "value": per[col],
                           "order": i}) for i, (col, label, _) in enumerate(SERIES)]
    return pd.concat(parts, ignore_index=True)


def state_chart(state: CallState, lang: str = "es", kind: str | None = None) -> alt.Chart:
    """Grouped bars per state: vacancies, planned, filled and still empty."""
    data = by_state_long(state, lang, kind)
    labels = [t(label, lang) for _, label, _ in SERIES]
    colours = [c for _, _, c in SERIES]
    return (alt.Chart(data).mark_bar()
            .encode(y=alt.Y("state:N", title=t("state", lang), sort="ascending"),
                    x=alt.X("value:Q", title=t("av_posts_axis", lang)),
                    yOffset=alt.YOffset("order:O"),
                    color=alt.Color("series:N", title=None,
                                    scale=alt.Scale(domain=labels, range=colours),
                                    legend=alt.Legend(orient="top")),
                    tooltip=[alt.Tooltip("state:N", title=t("state", lang)),
                             alt.Tooltip("series:N", title=" "),
                             alt.Tooltip("value:Q", title=t("av_posts_axis", lang),
                                         format=",.0f")])
            .properties(height=alt.Step(6)))


def money_chart(state: CallState, lang: str = "es") -> alt.Chart:
    """One stacked bar: bonus money committed and left (MXN per month) of the budget."""
    data = pd.DataFrame({"part": [t("av_committed", lang), t("av_left", lang)],
                         "value": [state.committed, state.left], "order": [0, 1]})
    return (alt.Chart(data).mark_bar()
            .encode(x=alt.X("sum(value):Q", title=t("av_money_axis", lang)),
                    color=alt.Color("part:N", title=None,
                                    scale=alt.Scale(domain=list(data["part"]),
                                                    range=[GUINDA, GREEN]),
                                    legend=alt.Legend(orient="top")),
                    order=alt.Order("order:O"),
                    tooltip=[alt.Tooltip("part:N", title=" "),
                             alt.Tooltip("value:Q", title="MXN", format=",.0f")])
            .properties(height=60))


def table(state: CallState, lang: str) -> pd.DataFrame:
    """The by-state × category table with headers in ``lang``."""
    cols = {"state": "state", "category": "category", "vacancies": "av_vacancies",
            "planned": "av_planned", "offers": "av_offers", "accepted": "av_accepted",
            "hired": "av_hired", "resigned": "av_resigned", "filled": "av_filled",
            "empty": "av_empty", "committed": "av_committed"}
    rows = state.by_state[state.by_state["vacancies"] > 0]
    return rows[list(cols)].rename(columns={k: t(v, lang) for k, v in cols.items()})
