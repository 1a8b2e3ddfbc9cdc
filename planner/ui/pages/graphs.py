"""Tab "Gráficas" (charts): the states map and the before/after charts by state and category."""

from __future__ import annotations

import streamlit as st

from planner.core.words import t
from planner.ui import charts
from planner.ui.pages.view import View

KEY = "tab_charts"


def render(view: View) -> None:
    """The states map and the before/after charts by state and by category."""
    ind, lang = view.result.indicators, view.lang
    st.subheader(t("map_header", lang))
    metric = st.radio(t("map_metric", lang), list(charts.MAP_METRICS), horizontal=True,
                      format_func=lambda m: t(charts.MAP_METRICS[m][1], lang), key="map_metric")
    st.vega_lite_chart(charts.states_map(ind.by_state, metric, lang), width="stretch")
    st.caption(t("map_note", lang))
    st.subheader(t("chart_state_header", lang))
    c1, c2 = st.columns(2)
    c1.altair_chart(charts.state_at_target_chart(ind.by_state, lang), width="stretch")
    c2.altair_chart(charts.state_spec_gap_chart(ind.by_state, lang), width="stretch")
    st.subheader(t("chart_category_header", lang))
    st.altair_chart(charts.category_gap_chart(ind.by_category, lang), width="stretch")
