"""Tab "Gráficas" (charts): the states map and the before/after charts by state and category."""

from __future__ import annotations

import streamlit as st

from planner.core.words import t
from planner.ui import candidate_views, charts
from planner.ui.pages.view import View, coded_radio

KEY = "tab_charts"


def render(view: View) -> None:
    """The states map and the before/after charts by state and by category."""
    ind, lang = view.result.indicators, view.lang
    st.subheader(t("map_header", lang))
    by_state, metrics = ind.by_state, [m for m, (col, *_) in charts.MAP_METRICS.items()
                                       if m != "unwanted" and col in ind.by_state]
    if view.result.candidates is not None:  # registered candidates: posts nobody chose
        by_state, metrics = candidate_views.with_unwanted(by_state, view.result), [*metrics,
                                                                                   "unwanted"]
    metric = coded_radio(t("map_metric", lang), metrics,
                         lambda m: t(charts.MAP_METRICS[m][1], lang), "map_metric", lang,
                         horizontal=True)
    st.vega_lite_chart(charts.states_map(by_state, metric, lang), width="stretch")
    st.caption(t("map_note_touch", lang))
    st.subheader(t("chart_state_header", lang))
    c1, c2 = st.columns(2)
    c1.altair_chart(charts.state_at_target_chart(ind.by_state, lang), width="stretch")
    c2.altair_chart(charts.state_spec_gap_chart(ind.by_state, lang), width="stretch")
    if "nurse_at_target_after" in ind.by_state:  # a scenario with nurses
        st.subheader(t("chart_nurse_state_header", lang))
        st.altair_chart(charts.state_nurse_target_chart(ind.by_state, lang), width="stretch")
    st.subheader(t("chart_category_header", lang))
    st.altair_chart(charts.category_gap_chart(ind.by_category, lang), width="stretch")
