"""Tab "Reglas" (rules): which rules are on and why, then the tables of the rules on."""

from __future__ import annotations

import streamlit as st

from planner.core import fmt
from planner.core.words import t
from planner.ui import rule_views
from planner.ui.pages.view import View

KEY = "tab_rules"


def render(view: View) -> None:
    """Which rules are on and why, then the tables of the rules on: state pools, vacancies held
    back by linked specialties, equity floors."""
    result, lang = view.result, view.lang
    st.caption(t("rules_intro", lang))
    badge = {True: f":green-badge[{t('rule_on', lang)}]",
             False: f":gray-badge[{t('rule_off', lang)}]"}
    st.markdown("\n".join(f"- **{name}** {badge[on]} — {detail}"
                          for name, on, detail in rule_views.rule_lines(result.scenario, lang)))
    ind = result.indicators
    active = rule_views.active(result.scenario)
    if active["state_pools"] and len(ind.pools):
        st.subheader(t("pools_header", lang))
        st.markdown(rule_views.pools_sentence(ind, lang))
        st.dataframe(rule_views.pools_table(ind, lang), hide_index=True)
        st.caption(t("pools_caption", lang))
    if active["linked_specialties"]:
        st.subheader(t("linked_header", lang))
        if ind.linked.empty:
            st.markdown(t("linked_none", lang))
        else:
            st.markdown(t("linked_summary", lang,
                           n=fmt.integer(ind.linked["held_back"].sum())))
            st.dataframe(rule_views.linked_table(ind, lang), hide_index=True)
    if active["equity_floor"]:
        st.subheader(t("floors_header", lang))
        if ind.floors.empty:
            st.markdown(t("floors_none", lang))
        else:
            st.markdown(rule_views.floors_sentence(ind, lang))
            st.dataframe(rule_views.floors_table(ind, lang), hide_index=True)
